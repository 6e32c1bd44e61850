/**
 * The run as data: clean → dedupe → impute → analyse, each a pure function of
 * (state, options) so the add-on can run one step per Apps Script execution and checkpoint
 * the state in between (serialiseState / deserialiseState), and the CLI can run them all.
 * Like OpenRefine's history, every step appends its changes — with rows mapped back to the
 * row of the user's ORIGINAL table, so the audit log stays meaningful after a merge removed
 * rows.
 *
 * Two ways of writing cleaned values:
 * - inPlace (default): the user's columns hold the cleaned values.
 * - inPlace=false: the user's columns keep what was typed; each column the run changes gets
 *   a `CDM <header>` copy with the cleaned values. Steps always work on the cleaned view
 *   (copies substituted for originals), so dedupe and analysis see clean data either way.
 * CDM's own columns in the input (an earlier run) are dropped and rebuilt, so a re-run replaces
 * them instead of stacking copies. Which columns are CDM's: the add-on's marks
 * (options.cdmColumns) or, in a file without marks, the exact names (cdmOwnedByName) — never
 * the `CDM ` prefix alone: a user's `CDM Notes` stays the user's.
 */
import { type Cell, type Change, type Roles, type Table, CDM_COLUMNS, cdmOwnedByName, isCdmColumn, withColumn } from './table';
import { ChangeLog, asChangeLog } from './changes';
import { detectRoles, type RoleDetail } from './roles';
import { FlagTexts, normaliseTable, normaliseTableInto, flagsByRow, type NormaliseReport } from './normalize/index';
import { imputeTable, imputeNote, isImputeNote, type ImputeReport } from './impute';
import { dedupeTable, type Decision, type DedupeReport } from './dedupe/index';
import { analyseTable, type AnalysisModel, type AnalysisReport } from './analysis/index';
import { isOrderLines } from './analysis/orders';
import { analysisText } from '../i18n/analysis';
import { type Lang, translator } from '../i18n/index';
import { SUMMARY_TEXT } from '../i18n/summary';
import { withReason } from './shown';

export type StepName = 'clean' | 'dedupe' | 'impute' | 'analyze';

/** A link of the results panel: a sheet and a range to show. */
/** What a results link shows, so the sidebar finds a figure's link in any language. */
export type LinkKind =
  | 'rows' | 'cdmColumns' | 'duplicates' | 'merged' | 'review' | 'cleaned' | 'filled' | 'flagged'
  | 'segments' | 'prediction' | 'churn' | 'analysis' | 'audit';

export interface LinkTarget {
  label: string;
  sheet: string;
  /** A1 notation of the exact cells, rows or columns; several ranges joined by commas. */
  a1: string;
  kind?: LinkKind;
}

/** What a run did, in counts: the sidebar's results panel and the CLI's report. */
export interface RunSummary {
  runId: string;
  finishedAt: string;
  rows: number;
  duplicatesFound: number;
  duplicatesMerged: number;
  reviewPairs: number;
  valuesNormalised: number;
  cellsImputed: number;
  segments: Array<{ id: number; name: string; size: number }>;
  r2cv: number | null;
  mae: number | null;
  /** Most at risk; `row` counts rows of the final table from 0 (the add-on sends sheet rows: header = 1). */
  topChurn: Array<{ row: number; name: string; risk: string; reason: string }>;
  links: LinkTarget[];
  messages: string[];
}

export interface PipelineOptions {
  mode?: 'flag' | 'merge';
  /** Default phone region (ISO 3166 alpha-2) for rows without a country. */
  region?: string;
  /** Default true. */
  inPlace?: boolean;
  /**
   * Default true. False: the run's change log counts changes and keeps none (ChangeLog.countOnly)
   * — for the command line, which writes a new file, keeps no audit and has no Undo.
   */
  keepChanges?: boolean;
  /** User overrides of detected roles, by header. */
  roles?: Roles;
  /** Which of `roles` are fixes remembered from earlier (the role explanation says so). */
  rememberedRoles?: Roles;
  decisions?: Decision[];
  target?: string;
  k?: 'auto' | number;
  features?: string[];
  /** "Today" for recency and churn. Pass it explicitly for reproducible runs. */
  asOf?: Date;
  previousModel?: AnalysisModel;
  steps?: StepName[];
  seed?: number;
  /** Language of every reason and label a step writes (src/i18n); English when absent. */
  lang?: Lang;
  /** Order lines (a transactions sheet or file) rolled up per customer by the analyse step. */
  transactions?: Table;
  /** Where `transactions` came from: a sheet the user chose, or one CDM found by itself (auto). */
  transactionsFrom?: { name: string; auto: boolean };
  /** Amount / count columns the user confirmed for CDM Total Spend / CDM Orders ([] = none). */
  spendColumns?: string[];
  orderColumns?: string[];
  /**
   * The spreadsheet's locale ('de_DE', 'en_US'): a number's decimal point when its column does
   * not show it (the add-on passes getSpreadsheetLocale()). Absent: only the column decides.
   */
  locale?: string;
  /**
   * The input's headers that CDM wrote, as the add-on's marks say: initialState drops exactly
   * these. Absent (a CSV file has no marks): CDM's columns are known by exact name (cdmOwnedByName).
   */
  cdmColumns?: string[];
}

export interface PipelineState {
  table: Table;
  /** Original data-row index of each current row (a merge removes rows). */
  rowOrigin: number[];
  roles: Roles;
  roleDetails: RoleDetail[];
  /**
   * Every change of the run, rows mapped to ORIGINAL data-row indices. Stored as columns
   * (changes.ts): iterate it, filter/map it, or `get(i)` — not `changes[i]`.
   */
  changes: ChangeLog;
  /**
   * Each step's own report. Row numbers inside a report are that step's input rows: for
   * clean and dedupe these are the original rows (nothing is removed before dedupe); for
   * impute and analyze they are rows of the table after a merge (map with rowOrigin).
   */
  reports: { clean?: NormaliseReport; dedupe?: DedupeReport; impute?: ImputeReport; analyze?: AnalysisReport };
  done: StepName[];
  timingMs: Record<string, number>;
  /** Plain sentences about steps that chose not to run on this sheet, and why (a sheet of order lines). */
  notes?: string[];
  /**
   * inPlace=false: each user column whose cleaned values live in a copy → that copy's header.
   * Kept here rather than guessed from names, so a user's own `CDM Notes` is never taken for
   * (or overwritten by) the copy of `Notes`. Absent in checkpoints written before it existed.
   */
  copies?: Record<string, string>;
}

export interface PipelineStep {
  name: StepName;
  /** Shown in the sidebar's progress line. */
  label: string;
  run(state: PipelineState, options: PipelineOptions): PipelineState;
}

export const STEP_ORDER: StepName[] = ['clean', 'dedupe', 'impute', 'analyze'];
const FLAGS = 'CDM Flags';

/**
 * Header of the copy that holds a user column's cleaned values when inPlace is false. A user
 * column called "Segment" would collide with CDM's own "CDM Segment", and "Notes" with a user's
 * own "CDM Notes" (one of `taken`), so those get a suffix.
 */
export function cleanedColumnName(header: string, taken: readonly string[] = []): string {
  const name = `CDM ${header}`;
  const free = (n: string) => !(CDM_COLUMNS as readonly string[]).includes(n) && !taken.includes(n);
  if (free(name)) return name;
  for (let k = 1; ; k++) {
    const other = k === 1 ? `${name} (cleaned)` : `${name} (cleaned ${k})`;
    if (free(other)) return other;
  }
}

/** The copy of user column `h`, if any (own keys only: a column may be called "constructor"). */
const copyFor = (copies: Record<string, string>, h: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(copies, h) ? copies[h] : undefined;

/** Copies of a state from before `copies` was kept: known by their names, as then. */
function copiesOf(state: PipelineState): Record<string, string> {
  if (state.copies) return state.copies;
  const out: Record<string, string> = {};
  for (const h of state.table.header) if (!isCdmColumn(h) && state.table.header.includes(cleanedColumnName(h))) out[h] = cleanedColumnName(h);
  return out;
}

// ---------------------------------------------------------------------------------------
// Views: what the engines see, and how their results go back into the state's table.
// ---------------------------------------------------------------------------------------

/** The cleaned view: user columns with their copies substituted, copies dropped. */
function workingTable(state: PipelineState): Table {
  const t = state.table;
  const copyOf = copiesOf(state);
  const copyAt = t.header.map((h) => { const c = copyFor(copyOf, h); return c === undefined ? -1 : t.header.indexOf(c); });
  const copies = new Set(copyAt.filter((i) => i >= 0));
  if (copies.size === 0) return t;
  const keep = t.header.map((_, i) => i).filter((i) => !copies.has(i));
  return {
    header: keep.map((i) => t.header[i]),
    rows: t.rows.map((r) => keep.map((i) => (copyAt[i] >= 0 ? r[copyAt[i]] : r[i]))),
  };
}

const VALUE_KINDS = new Set<Change['kind']>(['normalise', 'impute', 'merge']);

/**
 * Folds one engine result back into the state. `kept` lists, for each output row, its row
 * in the engine's input (a merge drops rows); null means every row was kept, in order.
 */
function commit(state: PipelineState, options: PipelineOptions, name: StepName, out: Table, stepChanges: Change[], kept: number[] | null, ms: number): PipelineState {
  const inPlace = options.inPlace !== false;
  const copies = inPlace ? copiesOf(state) : copiesAfter(state, out, stepChanges);
  // Appended to a log that shares the earlier steps' entries: no copy of the whole log per step.
  const changes = state.changes.concat();
  // Indexed: a for…of over a million changes makes an iterator result per change here.
  for (let i = 0; i < stepChanges.length; i++) {
    const c = stepChanges[i];
    const row = state.rowOrigin[c.row] ?? c.row;
    const copy = inPlace || !VALUE_KINDS.has(c.kind) ? undefined : copyFor(copies, c.column);
    changes.add(row, copy ?? c.column, c.old, c.new, c.kind, c.reason, c.method);
  }
  const table = inPlace ? out : restoreOriginals(state.table, out, copies, kept);
  return commitLogged(state, name, table, changes, copies, kept, ms);
}

/** The state after a step whose table and change log are final. */
function commitLogged(state: PipelineState, name: StepName, table: Table, changes: ChangeLog, copies: Record<string, string>, kept: number[] | null, ms: number): PipelineState {
  return {
    ...state,
    table,
    copies,
    rowOrigin: kept ? kept.map((i) => state.rowOrigin[i]) : state.rowOrigin.slice(),
    changes,
    done: state.done.includes(name) ? state.done.slice() : [...state.done, name],
    timingMs: { ...state.timingMs, [name]: ms },
  };
}

/**
 * inPlace=false: the copies after a step: every earlier copy, plus one for each user column
 * whose values the step changed, named so it collides with no column of the table.
 */
function copiesAfter(state: PipelineState, out: Table, stepChanges: Change[]): Record<string, string> {
  const copies = { ...copiesOf(state) };
  const changed = new Set<string>();
  for (const c of stepChanges) if (VALUE_KINDS.has(c.kind) && !isCdmColumn(c.column)) changed.add(c.column);
  const taken = [...state.table.header, ...out.header, ...Object.values(copies)];
  // Header order, so copies line up the same way on every run.
  for (const h of out.header) {
    if (!changed.has(h) || copyFor(copies, h) !== undefined) continue;
    const copy = cleanedColumnName(h, taken);
    // Defined, not assigned: a column called "__proto__" must become a key like any other.
    Object.defineProperty(copies, h, { value: copy, enumerable: true, writable: true, configurable: true });
    taken.push(copy);
  }
  return copies;
}

/**
 * inPlace=false: the user's columns get back what was typed, and each column whose values
 * the engines changed (now or in an earlier step) carries the cleaned values in its copy.
 */
function restoreOriginals(before: Table, out: Table, copies: Record<string, string>, kept: number[] | null): Table {
  const rowsBefore = kept ? kept.map((i) => before.rows[i]) : before.rows;
  let table: Table = { header: out.header.slice(), rows: out.rows.map((r) => r.slice()) };
  // Columns in header order, so copies line up the same way on every run.
  for (const h of out.header) {
    const copy = copyFor(copies, h);
    if (copy === undefined) continue;
    const at = out.header.indexOf(h);
    const src = before.header.indexOf(h);
    const cleaned = out.rows.map((r) => r[at]);
    table.rows.forEach((r, i) => { r[at] = rowsBefore[i][src]; });
    table = withColumn(table, copy, cleaned);
  }
  return table;
}

/**
 * withColumn(out, column, values) for a table an engine has just made from `before`: the rows it
 * made are new arrays that nothing else holds, so the column is set in them instead of copying
 * every row once more (100k rows, twice a run). A row the engine passed through (the same array
 * as in `before`) is copied, as withColumn would.
 */
function withColumnOnNew(out: Table, before: Table, column: string, values: Cell[]): Table {
  if (values.length !== out.rows.length) return withColumn(out, column, values);
  const at = out.header.indexOf(column);
  const rows = new Array<Cell[]>(out.rows.length);
  for (let i = 0; i < out.rows.length; i++) {
    const r = out.rows[i];
    let row: Cell[];
    if (at >= 0) {
      row = r === before.rows[i] ? r.slice() : r;
      row[at] = values[i];
    } else {
      // A new array of the final length: push would grow the row's store to about 2.5 times its
      // cells (20 MB of empty slots at 100k rows, alive while duplicates are found).
      row = r.concat([values[i]]);
    }
    rows[i] = row;
  }
  return { header: at >= 0 ? out.header : [...out.header, column], rows };
}

function timed<T>(f: () => T): [T, number] {
  const t0 = Date.now();
  const v = f();
  return [v, Date.now() - t0];
}

// ---------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------

const cleanStep: PipelineStep = {
  name: 'clean',
  label: 'Cleaning values',
  run(state, options) {
    const normaliseOptions = { region: options.region, locale: options.locale, asOf: options.asOf, lang: options.lang, details: state.roleDetails };
    if (options.inPlace === false) {
      // The copies' names depend on every column the step changed: the changes are collected first.
      const [result, ms] = timed(() => {
        const input = workingTable(state);
        const r = normaliseTable(input, state.roles, normaliseOptions);
        return { ...r, table: withColumnOnNew(r.table, input, FLAGS, withEarlierFlags(r.table, flagsByRow(r.changes, r.table.rows.length))) };
      });
      const next = commit(state, options, 'clean', result.table, result.changes, null, ms);
      return { ...next, reports: { ...state.reports, clean: result.report } };
    }
    // In place, each change goes straight into the run's log as it is made (what commit would
    // write for it: the row mapped to the original table, the column as it is).
    const changes = state.changes.concat();
    const origin = state.rowOrigin;
    const [result, ms] = timed(() => {
      const input = workingTable(state);
      const flags = new FlagTexts(input.rows.length);
      const r = normaliseTableInto(input, state.roles, normaliseOptions, (row, column, old, value, kind, reason) => {
        if (kind === 'flag') flags.add(row, reason);
        changes.add(origin[row] ?? row, column, old, value, kind, reason);
      });
      return { ...r, table: withColumnOnNew(r.table, input, FLAGS, withEarlierFlags(r.table, flags.texts())) };
    });
    const next = commitLogged(state, 'clean', result.table, changes, copiesOf(state), null, ms);
    return { ...next, reports: { ...state.reports, clean: result.report } };
  },
};

const dedupeStep: PipelineStep = {
  name: 'dedupe',
  label: 'Finding duplicates',
  run(state, options) {
    const [result, ms] = timed(() =>
      dedupeTable(workingTable(state), state.roles, { mode: options.mode ?? 'flag', decisions: options.decisions, seed: options.seed, lang: options.lang }));
    let kept: number[] | null = null;
    if (result.report.removed && result.report.removed.length) {
      const gone = new Set(result.report.removed.map((r) => r.row));
      kept = state.table.rows.map((_, i) => i).filter((i) => !gone.has(i));
    }
    const next = commit(state, options, 'dedupe', result.table, result.changes, kept, ms);
    return { ...next, reports: { ...state.reports, dedupe: result.report } };
  },
};

const imputeStep: PipelineStep = {
  name: 'impute',
  label: 'Filling gaps',
  run(state, options) {
    // A blank on an order line (an order-level total written on the first line only, a guest's
    // customer id) is not a gap to fill: nothing is made up on a sheet of orders.
    const skip = skipOnOrderLines(state, options, 'impute', 'imputeSkippedOrders');
    if (skip) return skip;
    const [result, ms] = timed(() => {
      const input = workingTable(state);
      const r = imputeTable(input, state.roles, { seed: options.seed, lang: options.lang });
      return { ...r, table: withColumnOnNew(r.table, input, FLAGS, imputeNotes(r.table, r.changes, options.lang)) };
    });
    const next = commit(state, options, 'impute', result.table, result.changes, null, ms);
    return { ...next, reports: { ...state.reports, impute: result.report } };
  },
};

/**
 * This run's flags, then the marks an earlier run left (what the table's `CDM Flags` already
 * holds): the order a single run writes them in (cleaning's flags, then the fill's notes), so a
 * second run on CDM's own output writes the same text again.
 */
function withEarlierFlags(t: Table, flags: string[]): string[] {
  const at = t.header.indexOf(FLAGS);
  if (at < 0) return flags;
  return flags.map((f, i) => {
    const earlier = String(t.rows[i][at] ?? '');
    return !earlier ? f : f ? withReason(f, earlier) : earlier;
  });
}

/**
 * The step's state when the sheet is a sheet of order lines (roles say orders and the lines roll
 * up per customer): nothing changes, and the notes say why. null for a customer sheet.
 */
function skipOnOrderLines(state: PipelineState, options: PipelineOptions, name: StepName, key: 'imputeSkippedOrders'): PipelineState | null {
  const [lines, ms] = timed(() => isOrderLines(workingTable(state), state.roles));
  if (!lines) return null;
  const next = commit(state, options, name, state.table, [], null, ms);
  return { ...next, notes: [...(state.notes ?? []), analysisText(options.lang ?? 'en')(key)] };
}

/** `CDM Flags` text after imputation: earlier flags plus "Age estimated (median)". */
function imputeNotes(t: Table, changes: Change[], lang: Lang | undefined): Cell[] {
  const at = t.header.indexOf(FLAGS);
  const notes: string[] = t.rows.map((r) => (at >= 0 ? String(r[at] ?? '') : ''));
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    if (c.kind !== 'impute') continue;
    const note = imputeNote(c, lang);
    // A cell filled again replaces the mark an earlier run left on it.
    if (notes[c.row].includes(c.column)) notes[c.row] = notes[c.row].split('; ').filter((item) => !isImputeNote(item, c.column)).join('; ');
    notes[c.row] = withReason(notes[c.row], note);
  }
  return notes;
}

const analyzeStep: PipelineStep = {
  name: 'analyze',
  label: 'Analysing customers',
  run(state, options) {
    const analyseOptions = {
      target: options.target, k: options.k, features: options.features, asOf: options.asOf,
      previous: options.previousModel, seed: options.seed, lang: options.lang,
      transactions: options.transactions, transactionsFrom: options.transactionsFrom, spendColumns: options.spendColumns, orderColumns: options.orderColumns,
    };
    if (options.inPlace === false) {
      const [result, ms] = timed(() => analyseTable(workingTable(state), state.roles, analyseOptions));
      const next = commit(state, options, 'analyze', result.table, result.changes, null, ms);
      return { ...next, reports: { ...state.reports, analyze: result.report } };
    }
    // In place, each written cell goes straight into the run's log (as commit would write it).
    const changes = state.changes.concat();
    const origin = state.rowOrigin;
    const [result, ms] = timed(() => analyseTable(workingTable(state), state.roles, {
      ...analyseOptions,
      onChange: (row, column, old, value, reason) => changes.add(origin[row] ?? row, column, old, value, 'analysis', reason),
    }));
    const next = commitLogged(state, 'analyze', result.table, changes, copiesOf(state), null, ms);
    return { ...next, reports: { ...state.reports, analyze: result.report } };
  },
};

const STEPS: Record<StepName, PipelineStep> = { clean: cleanStep, dedupe: dedupeStep, impute: imputeStep, analyze: analyzeStep };

/** The steps to run, always in clean → dedupe → impute → analyze order. */
export function planSteps(options: PipelineOptions): PipelineStep[] {
  const wanted = options.steps && options.steps.length ? new Set(options.steps) : new Set(STEP_ORDER);
  return STEP_ORDER.filter((s) => wanted.has(s)).map((s) => STEPS[s]);
}

/**
 * The marks an earlier run left in `CDM Flags` on cells it filled ("Income estimated (median)"),
 * per row, for the user columns still there; null when there are none. A made-up value stays
 * marked on every later run (README.md: each filled cell has a `CDM Flags` entry), though CDM's
 * own columns are rebuilt each time. A mark stays even if the user has since typed over the
 * value: a false "estimated" is safer than a made-up value passing for a real one.
 */
function earlierEstimates(table: Table, owned: boolean[], userHeader: string[]): string[] | null {
  const at = table.header.findIndex((h, i) => h === FLAGS && owned[i]);
  if (at < 0) return null;
  let any = false;
  const marks = table.rows.map((r) => {
    const text = r[at];
    if (typeof text !== 'string' || !text) return '';
    const kept = text.split('; ').filter((item) => userHeader.some((h) => isImputeNote(item, h)));
    if (kept.length) any = true;
    return kept.join('; ');
  });
  return any ? marks : null;
}

/** The user's columns (earlier CDM output dropped) with their detected roles, overrides applied. */
export function initialState(table: Table, options: PipelineOptions): PipelineState {
  const marked = options.cdmColumns ? new Set(options.cdmColumns) : null;
  const owned = marked ? table.header.map((h) => marked.has(h)) : cdmOwnedByName(table.header);
  const keep = table.header.map((_, i) => (owned[i] ? -1 : i)).filter((i) => i >= 0);
  // Also squares off short rows, so every step can index any column.
  let user: Table = { header: keep.map((i) => table.header[i]), rows: table.rows.map((r) => keep.map((i) => r[i] ?? '')) };
  const estimates = earlierEstimates(table, owned, user.header);
  // Engines skip CDM columns; the clean step writes its flags after these marks.
  if (estimates) user = withColumn(user, FLAGS, estimates);
  const [detected, ms] = timed(() => detectRoles(user, options.roles, { lang: options.lang, asOf: options.asOf, remembered: options.rememberedRoles }));
  return {
    table: user,
    rowOrigin: user.rows.map((_, i) => i),
    roles: detected.roles,
    roleDetails: detected.details,
    changes: options.keepChanges === false ? ChangeLog.countOnly() : new ChangeLog(),
    reports: {},
    done: [],
    timingMs: { roles: ms },
    copies: {},
  };
}

export function runPipeline(table: Table, options: PipelineOptions): PipelineState {
  let state = initialState(table, options);
  for (const step of planSteps(options)) state = step.run(state, options);
  return state;
}

// ---------------------------------------------------------------------------------------
// Checkpoints: the state as JSON, exactly restorable (Dates, NaN and ±Infinity tagged).
// ---------------------------------------------------------------------------------------

const DATE_TAG = '$date';
const NUM_TAG = '$num';

export function serialiseState(s: PipelineState): string {
  return JSON.stringify(s, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { [DATE_TAG]: Number.isNaN(raw.getTime()) ? 'invalid' : raw.getTime() };
    if (typeof raw === 'number' && !Number.isFinite(raw)) return { [NUM_TAG]: String(raw) };
    return value;
  });
}

export function deserialiseState(json: string): PipelineState {
  const state = JSON.parse(json, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && keys[0] === DATE_TAG) return new Date(o[DATE_TAG] === 'invalid' ? NaN : (o[DATE_TAG] as number));
      if (keys.length === 1 && keys[0] === NUM_TAG) return Number(o[NUM_TAG]);
    }
    return value;
  }) as Omit<PipelineState, 'changes'> & { changes: Change[] };
  return { ...state, changes: asChangeLog(state.changes) };
}

// ---------------------------------------------------------------------------------------
// Summary for the sidebar and the CLI report.
// ---------------------------------------------------------------------------------------

const TOP_CHURN = 10;

function nameOf(state: PipelineState, row: number, say: (key: 'row', params: { row: number }) => string): string {
  const t = state.table;
  const text = (role: string) => {
    const at = t.header.findIndex((h) => state.roles[h] === role);
    return at < 0 ? '' : String(t.rows[row]?.[at] ?? '').trim();
  };
  return text('name') || [text('first_name'), text('last_name')].filter(Boolean).join(' ') || text('email') || say('row', { row: row + 2 });
}

/**
 * Plain counts of what the run did, its messages in `lang` (src/i18n/summary.ts). Row numbers
 * in topChurn are rows of state.table (0-based).
 */
export function summarise(state: PipelineState, runId: string, finishedAt: string, lang: Lang = 'en'): RunSummary {
  const t = translator(SUMMARY_TEXT, lang);
  const { clean, dedupe, impute, analyze } = state.reports;
  const messages: string[] = [];
  if (clean && clean.flagged) messages.push(clean.flagged === 1 ? t('flaggedOne') : t('flaggedMany', { n: clean.flagged }));
  for (const n of state.notes ?? []) messages.push(n);
  for (const n of analyze?.notes ?? []) messages.push(n);
  if (dedupe?.skipped) messages.push(t('dedupeSkipped', { reason: dedupe.skipped.reason }));
  if (dedupe && dedupe.reviewPairs) messages.push(dedupe.reviewPairs === 1 ? t('reviewOne') : t('reviewMany', { n: dedupe.reviewPairs }));
  for (const s of analyze?.skipped ?? []) messages.push(t('skipped', { what: `${s.what[0].toUpperCase()}${s.what.slice(1)}`, reason: s.reason }));
  const churn = analyze?.churn?.top ?? [];
  return {
    runId,
    finishedAt,
    rows: state.table.rows.length,
    duplicatesFound: dedupe ? dedupe.duplicateRows : 0,
    duplicatesMerged: dedupe?.removed ? dedupe.removed.length : 0,
    reviewPairs: dedupe ? dedupe.reviewPairs : 0,
    valuesNormalised: clean ? clean.changed : 0,
    cellsImputed: impute ? impute.columns.reduce((s, c) => s + c.filled, 0) : 0,
    segments: (analyze?.segments?.segments ?? []).map((s) => ({ id: s.id, name: s.name, size: s.size })),
    r2cv: analyze?.regression?.cv ? analyze.regression.cv.r2 : null,
    mae: analyze?.regression?.cv ? analyze.regression.cv.mae : null,
    topChurn: churn.slice(0, TOP_CHURN).map((c) => ({ row: c.row, name: c.name || nameOf(state, c.row, t), risk: c.risk, reason: c.reason })),
    links: [],
    messages,
  };
}
