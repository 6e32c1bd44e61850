import {
  cleanedColumnName, deserialiseState, initialState, planSteps, runPipeline, serialiseState, summarise,
  type PipelineOptions, type PipelineState,
} from '../../src/core/pipeline';
import { generateSample } from '../../src/core/sample';
import { cdmOwnedByName, isCdmColumn, type Table } from '../../src/core/table';

const asOf = new Date(Date.UTC(2025, 5, 30));
const sample = generateSample({ rows: 400, seed: 11 });
// A fixed k keeps the suite fast (choosing k is the analysis tests' business).
const base: PipelineOptions = { asOf, seed: 3, region: 'US', k: 4 };
const withoutTiming = (s: PipelineState) => ({ ...s, timingMs: {}, reports: stripTimes(s.reports) });
// Reports carry their own timings, which differ between two runs of the same work.
function stripTimes(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(stripTimes);
  if (x && typeof x === 'object' && !(x instanceof Date)) {
    return Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'timingMs').map(([k, v]) => [k, stripTimes(v)]));
  }
  return x;
}
const userPart = (t: Table) => {
  const cols = t.header.map((h, i) => (isCdmColumn(h) ? -1 : i)).filter((i) => i >= 0);
  return t.rows.map((r) => cols.map((i) => r[i]));
};

describe('pipeline', () => {
  let flag: PipelineState;
  let merge: PipelineState;
  let copies: PipelineState;
  beforeAll(() => {
    flag = runPipeline(sample.table, base);
    merge = runPipeline(sample.table, { ...base, mode: 'merge' });
    copies = runPipeline(sample.table, { ...base, inPlace: false });
  });

  test('plans steps in a fixed order, optionally a subset', () => {
    expect(planSteps({}).map((s) => s.name)).toEqual(['clean', 'dedupe', 'impute', 'analyze']);
    expect(planSteps({ steps: ['analyze', 'clean'] }).map((s) => s.name)).toEqual(['clean', 'analyze']);
    for (const s of planSteps({})) expect(s.label).toMatch(/^[A-Z][a-z]+ /);
  });

  test('runs every step and records reports, changes and timing', () => {
    expect(flag.done).toEqual(['clean', 'dedupe', 'impute', 'analyze']);
    expect(Object.keys(flag.reports).sort()).toEqual(['analyze', 'clean', 'dedupe', 'impute']);
    for (const k of ['clean', 'dedupe', 'impute', 'analyze']) expect(flag.timingMs[k]).toBeGreaterThanOrEqual(0);
    expect(flag.table.rows).toHaveLength(400);
    for (const c of ['CDM Flags', 'CDM Duplicate Group', 'CDM Cluster', 'CDM Churn Risk']) expect(flag.table.header).toContain(c);
    expect(flag.changes.some((c) => c.kind === 'normalise')).toBe(true);
    expect(flag.changes.some((c) => c.kind === 'impute')).toBe(true);
    expect(flag.roles.Email).toBe('email');
    expect(flag.roles.Phone).toBe('phone');
  });

  test('one step per execution with a JSON checkpoint in between gives the same result', () => {
    let state = initialState(sample.table, base);
    for (const step of planSteps(base)) {
      state = deserialiseState(serialiseState(step.run(state, base)));
    }
    expect(withoutTiming(state)).toEqual(withoutTiming(flag));
  });

  test('serialise/deserialise round-trips dates, NaN and infinities exactly', () => {
    const back = deserialiseState(serialiseState(flag));
    expect(back).toEqual(flag);
    const dates = back.table.rows.flat().filter((c) => c instanceof Date);
    expect(dates.length).toBeGreaterThan(100);
    const odd = { ...flag, table: { header: ['a', 'b', 'c', 'd'], rows: [[NaN, Infinity, -Infinity, new Date(NaN)]] } } as PipelineState;
    const again = deserialiseState(serialiseState(odd)).table.rows[0];
    expect(again[0]).toBeNaN();
    expect(again[1]).toBe(Infinity);
    expect(again[2]).toBe(-Infinity);
    expect(again[3] instanceof Date && Number.isNaN(again[3].getTime())).toBe(true);
  });

  test('flag mode keeps every row in input order', () => {
    expect(flag.rowOrigin).toEqual(sample.table.rows.map((_, i) => i));
    const notes = sample.table.header.indexOf('Notes');
    flag.table.rows.forEach((r, i) => expect(r[notes]).toBe(String(sample.table.rows[i][notes]).trim()));
  });

  test('merge mode removes duplicates and keeps rowOrigin and change rows pointing at the original rows', () => {
    const removed = merge.reports.dedupe!.removed!;
    expect(removed.length).toBeGreaterThan(20);
    expect(merge.table.rows.length).toBe(400 - removed.length);
    const gone = new Set(removed.map((r) => r.row));
    expect(merge.rowOrigin).toEqual(sample.table.rows.map((_, i) => i).filter((i) => !gone.has(i)));
    // Every analysis change must describe the row that now sits where rowOrigin says.
    const cluster = merge.table.header.indexOf('CDM Cluster');
    const at = new Map(merge.rowOrigin.map((o, i) => [o, i]));
    const written = merge.changes.filter((c) => c.column === 'CDM Cluster');
    expect(written.length).toBeGreaterThan(100);
    for (const c of written) {
      expect(at.has(c.row)).toBe(true);
      expect(merge.table.rows[at.get(c.row)!][cluster]).toBe(c.new);
    }
    // Removed rows and merged survivors were the same customer in the generator's truth.
    const truthOk = removed.filter((r) => sample.truth[r.row] === sample.truth[r.mergedInto]).length;
    expect(truthOk / removed.length).toBeGreaterThan(0.9);
    expect(summarise(merge, 'r', 't').duplicatesMerged).toBe(removed.length);
  });

  test('inPlace=false leaves the user columns as typed and puts cleaned values in CDM copies', () => {
    const userCols = sample.table.header;
    const trimmed = sample.table.rows.map((r) => r.map((c) => (typeof c === 'string' ? c.trim() : c)));
    // CSV and sheets hand values over trimmed, so compare trimmed text.
    expect(userPart(copies.table).map((r) => r.map((c) => (typeof c === 'string' ? c.trim() : c)))).toEqual(trimmed);
    expect(copies.table.header.slice(0, userCols.length)).toEqual(userCols);
    for (const h of ['Phone', 'Email', 'Total Spend']) {
      const copy = copies.table.header.indexOf(cleanedColumnName(h));
      const inPlace = flag.table.header.indexOf(h);
      expect(copy).toBeGreaterThan(userCols.length - 1);
      expect(copies.table.rows.map((r) => r[copy])).toEqual(flag.table.rows.map((r) => r[inPlace]));
    }
    expect(copies.changes.filter((c) => c.kind === 'normalise').every((c) => c.column.startsWith('CDM '))).toBe(true);
    expect(cleanedColumnName('Segment')).toBe('CDM Segment (cleaned)');
  });

  test('a re-run ignores and replaces earlier CDM columns (idempotent)', () => {
    const again = runPipeline(copies.table, { ...base, inPlace: false });
    expect(again.table).toEqual(copies.table);
    const cleanOnly: PipelineOptions = { ...base, steps: ['clean', 'dedupe'] };
    const once = runPipeline(sample.table, cleanOnly);
    const twice = runPipeline(once.table, cleanOnly);
    expect(twice.table.header).toEqual(once.table.header);
    expect(twice.table).toEqual(once.table);
    // Stale CDM columns in the input do not survive; a column CDM never writes is the user's
    // (it used to be dropped for its `CDM ` prefix alone).
    const stale: Table = { header: [...sample.table.header, 'CDM Segment', 'CDM Whatever'], rows: sample.table.rows.map((r) => [...r, 'old', 'x']) };
    const fresh = runPipeline(stale, cleanOnly);
    expect(fresh.table.header).not.toContain('CDM Segment');
    const whatever = fresh.table.header.indexOf('CDM Whatever');
    expect(whatever).toBe(sample.table.header.length);
    expect(fresh.table.rows.map((r) => r[whatever])).toEqual(sample.table.rows.map(() => 'x'));
    const without = { header: fresh.table.header.filter((h) => h !== 'CDM Whatever'), rows: fresh.table.rows.map((r) => r.filter((_, i) => i !== whatever)) };
    expect(without).toEqual(once.table);
  });

  test("CDM's columns are known by exact name (or by the add-on's marks), never by the prefix alone", () => {
    const header = ['Name', 'Notes', 'CDM Notes', 'CDM Phone', 'CDM Segment (cleaned)', 'CDM Flags', 'CDM Customer Id'];
    // A file CDM wrote (it holds CDM Flags): CDM_COLUMNS and cleaned copies of its own headers.
    expect(cdmOwnedByName(header)).toEqual([false, false, true, false, false, true, false]);
    expect(cdmOwnedByName([...header, 'Phone', 'Segment'])).toEqual([false, false, true, true, true, true, false, false, false]);
    // A file CDM never wrote: nothing in it is CDM's, whatever the names.
    expect(cdmOwnedByName(['Name', 'Notes', 'CDM Notes', 'CDM Phone', 'Phone'])).toEqual([false, false, false, false, false]);
    const table: Table = { header: ['Name', 'Notes', 'CDM Notes', 'CDM Flags'], rows: [['Ann', 'n1', 'mine 1', 'old'], ['Bob', 'n2', 'mine 2', 'old']] };
    expect(initialState(table, {}).table.header).toEqual(['Name', 'Notes']);
    // With marks, exactly the marked columns are CDM's: the user's CDM Notes stays with its values.
    const marked = initialState(table, { cdmColumns: ['CDM Flags'] });
    expect(marked.table).toEqual({ header: ['Name', 'Notes', 'CDM Notes'], rows: [['Ann', 'n1', 'mine 1'], ['Bob', 'n2', 'mine 2']] });
  });

  test("--new-columns never takes a user's own CDM-named column for a copy, nor overwrites it", () => {
    const rows = sample.table.rows.slice(0, 120);
    const table: Table = { header: [...sample.table.header, 'CDM Phone', 'constructor'], rows: rows.map((r, i) => [...r, `mine ${i}`, `c${i}`]) };
    const state = runPipeline(table, { ...base, inPlace: false, steps: ['clean', 'dedupe'] });
    const at = (h: string) => state.table.header.indexOf(h);
    expect(state.table.rows.map((r) => r[at('CDM Phone')])).toEqual(rows.map((_, i) => `mine ${i}`));
    expect(state.table.rows.map((r) => r[at('constructor')])).toEqual(rows.map((_, i) => `c${i}`));
    expect(state.copies?.Phone).toBe('CDM Phone (cleaned)');
    const phone = sample.table.header.indexOf('Phone');
    expect(state.table.rows.map((r) => r[phone])).toEqual(rows.map((r) => String(r[phone]).trim()));
    expect(state.table.rows.some((r) => /^\+\d{8,15}$/.test(String(r[at('CDM Phone (cleaned)')])))).toBe(true);
    expect(state.changes.filter((c) => c.kind === 'normalise').every((c) => c.column !== 'CDM Phone')).toBe(true);
  });

  test('"not a duplicate" decisions reach the dedupe step', () => {
    const group = flag.table.header.indexOf('CDM Duplicate Group');
    const sizes = new Map<unknown, number[]>();
    flag.table.rows.forEach((r, i) => { if (r[group] !== '') sizes.set(r[group], [...(sizes.get(r[group]) ?? []), i]); });
    const pairRows = [...sizes.values()].find((rows) => rows.length === 2)!;
    const pair = flag.reports.dedupe!.pairs.find((p) => p.a === pairRows[0] && p.b === pairRows[1])!;
    expect(pair).toBeDefined();
    const opts: PipelineOptions = { ...base, steps: ['clean', 'dedupe'], decisions: [{ a: pair.keyA, b: pair.keyB, decision: 'reject' }] };
    const after = runPipeline(sample.table, opts);
    const g = after.table.header.indexOf('CDM Duplicate Group');
    const [x, y] = pairRows.map((i) => after.table.rows[i][g]);
    expect(x === '' || y === '' || x !== y).toBe(true);
  });

  test('ragged rows are squared off', () => {
    const s = initialState({ header: ['Name', 'Email'], rows: [['Ann'], ['Bob', 'bob@example.com']] }, {});
    expect(s.table.rows).toEqual([['Ann', ''], ['Bob', 'bob@example.com']]);
  });

  test('role overrides are applied', () => {
    const s = initialState(sample.table, { roles: { Notes: 'category', Orders: 'number' } });
    expect(s.roles.Notes).toBe('category');
    expect(s.roles.Orders).toBe('number');
    expect(s.roleDetails.find((d) => d.column === 'Notes')!.reason).toBe('set by you');
  });

  test('CDM Flags carries normalise flags and imputation notes', () => {
    const flags = flag.table.header.indexOf('CDM Flags');
    const texts = flag.table.rows.map((r) => String(r[flags]));
    const imputed = flag.changes.filter((c) => c.kind === 'impute');
    for (const c of imputed.slice(0, 20)) expect(texts[c.row]).toContain(`${c.column} estimated`);
    const flagged = new Set(flag.changes.filter((c) => c.kind === 'flag').map((c) => c.row));
    for (const row of flagged) expect(texts[row]).not.toBe('');
    expect(texts.filter((t, i) => t !== '' && !flagged.has(i) && !imputed.some((c) => c.row === i))).toEqual([]);
  });

  test('summarise gives the counts the sidebar shows', () => {
    const s = summarise(flag, 'run-1', '2025-06-30T10:00:00Z');
    expect(s.runId).toBe('run-1');
    expect(s.rows).toBe(400);
    // "Values cleaned" counts cells whose shown value changed, not "58138" -> 58138.
    const shownAs = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
    const visible = flag.changes.filter((c) => c.kind === 'normalise' && shownAs(c.old) !== shownAs(c.new));
    expect(visible.length).toBeGreaterThan(0);
    expect(s.valuesNormalised).toBe(visible.length);
    expect(s.cellsImputed).toBe(flag.changes.filter((c) => c.kind === 'impute').length);
    const groups = flag.table.header.indexOf('CDM Duplicate Of');
    expect(s.duplicatesFound).toBe(flag.table.rows.filter((r) => r[groups] !== '').length);
    expect(s.duplicatesMerged).toBe(0);
    expect(s.segments.reduce((a, x) => a + x.size, 0)).toBeGreaterThan(300);
    expect(s.r2cv).not.toBeNull();
    expect(s.links).toEqual([]);
    for (const c of s.topChurn) expect(c.name).not.toBe('');
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('summary messages in the sheet\'s language', () => {
  it('counts in Chinese, from src/i18n/summary.ts', () => {
    const state = { reports: { clean: { flagged: 3 }, dedupe: { reviewPairs: 1, duplicateRows: 0 } }, table: { header: [], rows: [] }, roles: {} } as unknown as Parameters<typeof summarise>[0];
    expect(summarise(state, 'r', 't').messages).toEqual([
      '3 values could not be cleaned with confidence and were kept as typed (see CDM Flags).',
      '1 possible duplicate pair needs your decision.',
    ]);
    expect(summarise(state, 'r', 't', 'zh').messages).toEqual([
      '有 3 个值无法确定地清理，已按原样保留（见 CDM Flags）。',
      '有 1 对可能重复的记录需要您决定。',
    ]);
  });
});
