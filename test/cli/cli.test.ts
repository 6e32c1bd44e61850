/**
 * The command line as a user runs it: `node dist/cli.cjs` on real files (run `npm run build`
 * first; `npm test` does). Each bad file must give a plain message, a non-zero exit, and no
 * output file at all.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCsv } from '../../src/core/csv';
import { sampleCsv } from '../../src/core/sample';
import { NODE_FLAGS } from '../../src/cli';

const CLI = path.resolve(__dirname, '../../dist/cli.cjs');
const DATA = path.resolve(__dirname, '../../data');
let dir: string;

function cdm(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 120000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const file = (name: string) => path.join(dir, name);
/**
 * What a text cell becomes in CDM's output: a leading ' before anything a spreadsheet would
 * run as a formula (OWASP's CSV-injection list: = + - @ tab CR), numbers and dashes excepted.
 * Written out here, independently of src/core/csv.ts.
 */
const asWritten = (c: unknown) => (typeof c === 'string' && /^ *[=+\-@\t\r]/.test(c) && !/^ *[+-]?(\d+([.,]\d+)*|[.,]\d+)([eE][+-]?\d+)?%?$|^ *-+$/.test(c) ? `'${c}` : c);

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli.cjs is missing: run `npm run build` before these tests');
  dir = mkdtempSync(path.join(tmpdir(), 'cdm-cli-'));
  writeFileSync(file('customers.csv'), sampleCsv({ rows: 300, seed: 5 }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('good files', () => {
  test('clean in flag mode keeps every row in input order and adds the dedupe and flag columns', () => {
    const r = cdm('clean', 'customers.csv', '--out', 'out.csv', '--report', 'report.json', '--region', 'US');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/300 rows written to out\.csv/);
    const input = parseCsv(readFileSync(file('customers.csv'), 'utf8'));
    const out = parseCsv(readFileSync(file('out.csv'), 'utf8'));
    expect(out.rows).toHaveLength(input.rows.length);
    expect(out.header.slice(0, input.header.length)).toEqual(input.header);
    for (const c of ['CDM Duplicate Group', 'CDM Duplicate Of', 'CDM Match Score', 'CDM Match Reason', 'CDM Flags']) expect(out.header).toContain(c);
    const notes = input.header.indexOf('Notes');
    // Notes as typed; formula-looking notes (the sample has =1+1, =SUM(A1)) neutralised.
    expect(out.rows.map((row) => row[notes])).toEqual(input.rows.map((row) => asWritten(row[notes])));
    expect(out.rows.filter((row) => String(row[notes]).startsWith("'=")).length).toBeGreaterThan(0);
    expect(out.rows.some((row) => /^\+\d{8,15}/.test(String(row[input.header.indexOf('Phone')])))).toBe(true);
    const report = JSON.parse(readFileSync(file('report.json'), 'utf8'));
    expect(report.rowsIn).toBe(300);
    expect(report.summary.duplicatesFound).toBeGreaterThan(10);
    expect(report.quality.dedupe.candidatePairs).toBeGreaterThan(0);
    expect(report.quality.clean.valuesNormalised).toBeGreaterThan(100);
    expect(report.timingMs.total).toBeGreaterThanOrEqual(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('clean in merge mode writes one row per customer', () => {
    const r = cdm('clean', 'customers.csv', '--out', 'merged.csv', '--mode', 'merge', '--report', 'merged.json');
    expect(r.code).toBe(0);
    const out = parseCsv(readFileSync(file('merged.csv'), 'utf8'));
    const report = JSON.parse(readFileSync(file('merged.json'), 'utf8'));
    expect(report.quality.dedupe.removedRows).toBeGreaterThan(10);
    expect(out.rows).toHaveLength(300 - report.quality.dedupe.removedRows);
  });

  test('run cleans and analyses, with reproducible results for a fixed --asof', () => {
    const a = cdm('run', 'customers.csv', '--out', 'run1.csv', '--report', 'run1.json', '--asof', '2025-06-30', '--k', '3');
    expect(a.code).toBe(0);
    const b = cdm('run', 'customers.csv', '--out', 'run2.csv', '--asof', '2025-06-30', '--k', '3');
    expect(b.code).toBe(0);
    expect(readFileSync(file('run1.csv'), 'utf8')).toBe(readFileSync(file('run2.csv'), 'utf8'));
    const out = parseCsv(readFileSync(file('run1.csv'), 'utf8'));
    for (const c of ['CDM Cluster', 'CDM Segment', 'CDM Predicted Spend', 'CDM RFM', 'CDM Churn Risk', 'CDM Recommended']) expect(out.header).toContain(c);
    const report = JSON.parse(readFileSync(file('run1.json'), 'utf8'));
    expect(report.summary.segments).toHaveLength(3);
    expect(report.analysis.regression.cv.r2).toBeGreaterThan(0.3);
  });

  test('--new-columns keeps the typed values and adds CDM copies', () => {
    const r = cdm('clean', 'customers.csv', '--out', 'copies.csv', '--new-columns');
    expect(r.code).toBe(0);
    const input = parseCsv(readFileSync(file('customers.csv'), 'utf8'));
    const out = parseCsv(readFileSync(file('copies.csv'), 'utf8'));
    const cols = input.header.length;
    expect(out.rows.map((row) => row.slice(0, cols))).toEqual(input.rows.map((row) => row.map(asWritten)));
    expect(out.header).toContain('CDM Phone');
  });

  test('Mall customers: analyze on income and spending score chooses k = 5', () => {
    const r = cdm('analyze', path.join(DATA, 'mall_customers.csv'), '--out', 'mall.csv', '--report', 'mall.json',
      '--features', 'Annual Income (k$),Spending Score (1-100)', '--k', 'auto');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(file('mall.json'), 'utf8'));
    // scikit-learn's silhouette for k = 5 on these two scaled columns is 0.5547 (data/README.md).
    expect(report.analysis.segments.k).toBe(5);
    expect(report.analysis.segments.silhouette).toBeGreaterThanOrEqual(0.55);
    const out = parseCsv(readFileSync(file('mall.csv'), 'utf8'));
    const clusters = new Set(out.rows.map((row) => row[out.header.indexOf('CDM Cluster')]));
    expect(clusters.size).toBe(5);
  });

  test('--help prints the usage and exits 0', () => {
    const r = cdm('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/npm run cdm -- clean/);
  });
});

describe('bad input gives a plain message, a non-zero exit and no output file', () => {
  const cases: Array<[string, string | Buffer, RegExp]> = [
    ['empty.csv', '', /^The file empty\.csv is empty/],
    ['blank.csv', '\n \n', /^The file blank\.csv is empty/],
    ['header.csv', 'Name,Email\n', /header row but no customer/],
    ['ragged.csv', 'Name,Email,Phone,City\na,b,c,d\na,b,c,d\na,b,c,d\na,b,c,d\na,b,c,d\na,b,c,d,e\n', /^ragged\.csv: Line 7 has 5 values but the header has 4 columns/],
    ['latin1.csv', Buffer.from([...Buffer.from('Name,City\nJos'), 0xe9, ...Buffer.from(',M'), 0xfc, ...Buffer.from('nchen\n')]), /isn't UTF-8/],
    ['binary.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x01, 0x02, 0xff, 0x00]), /binary/],
  ];
  test.each(cases)('%s', (name, content, message) => {
    writeFileSync(file(name), content);
    const r = cdm('clean', name, '--out', `out-${name}`, '--report', `out-${name}.json`);
    expect(r.code).not.toBe(0);
    expect(r.err.trim()).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.out).toBe('');
    expect(existsSync(file(`out-${name}`))).toBe(false);
    expect(existsSync(file(`out-${name}.json`))).toBe(false);
  });

  test('missing file, bad options and unknown columns', () => {
    const checks: Array<[string[], RegExp]> = [
      [['clean', 'nope.csv', '--out', 'x.csv'], /The file nope\.csv was not found/],
      [['clean', 'customers.csv', '--out', 'x.csv', '--mode', 'banana'], /--mode must be flag or merge/],
      [['analyze', 'customers.csv', '--out', 'x.csv', '--target', 'Nope'], /There is no column called "Nope"/],
      [['analyze', 'customers.csv', '--out', 'x.csv', '--features', 'Age,Nope'], /There is no column called "Nope"/],
      [['analyze', 'customers.csv', '--out', 'x.csv', '--k', '1'], /--k must be auto or a whole number/],
      [['clean', 'customers.csv'], /--out/],
      [['clean', 'customers.csv', '--out', 'x.csv', '--bogus'], /Unknown option --bogus/],
      [['frobnicate', 'customers.csv', '--out', 'x.csv'], /is not a command/],
      [['clean', 'customers.csv', '--out', 'no/such/folder/x.csv'], /does not exist/],
      [['run', 'customers.csv', '--out', 'x.csv', '--asof', '2025-02-30'], /--asof must be a date/],
      [['clean', 'customers.csv', '--out', 'x.csv', '--report', 'no/such/folder/r.json'], /does not exist/],
    ];
    for (const [args, message] of checks) {
      const r = cdm(...args);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(file('x.csv'))).toBe(false);
  });
});

describe('progress', () => {
  // `script` (util-linux, in every Debian) gives the CLI a real terminal; its output is what the
  // terminal shows: stdout and stderr together.
  const onTerminal = (args: string[]) => {
    const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', timeout: 120000, env: { ...process.env, TERM: 'xterm' } });
    return { code: r.status, screen: r.stdout };
  };

  test('on a terminal: each step and a bar on stderr, cleared before the summary', () => {
    const r = onTerminal(['clean', 'customers.csv', '--out', 'tty.csv']);
    expect(r.code).toBe(0);
    for (const step of ['Reading customers.csv', 'Cleaning values', 'Finding duplicates', 'Filling gaps', 'Writing tty.csv']) expect(r.screen).toContain(step);
    expect(r.screen).toMatch(/[█░]{24} 3\/5 Finding duplicates…/);
    expect(r.screen).toMatch(/1\/5 Reading customers\.csv… \d+s/);
    // The bar is erased (CR + clear line) before the summary, which has no bar in it.
    const cleared = r.screen.lastIndexOf('\r\x1b[2K');
    expect(cleared).toBeGreaterThan(0);
    expect(cleared).toBeLessThan(r.screen.indexOf('300 rows written to tty.csv'));
    expect(r.screen.slice(cleared)).not.toMatch(/[█░]/);
  });

  test('quiet with --quiet on a terminal, and whenever stderr is not a terminal', () => {
    const q = onTerminal(['clean', 'customers.csv', '--out', 'tty-q.csv', '--quiet']);
    expect(q.code).toBe(0);
    expect(q.screen).not.toMatch(/[█░]|Finding duplicates|rows written/);
    const piped = cdm('clean', 'customers.csv', '--out', 'piped.csv');
    expect(piped.code).toBe(0);
    expect(piped.err).toBe('');
    expect(piped.out).toMatch(/300 rows written to piped\.csv/);
  });

  test('an error on a terminal clears the bar and says one sentence', () => {
    writeFileSync(file('bad-quote.csv'), 'Name,Notes\nAnn,"open\nBo,x\n');
    const r = onTerminal(['clean', 'bad-quote.csv', '--out', 'never.csv']);
    expect(r.code).not.toBe(0);
    expect(r.screen).toMatch(/\r\x1b\[2Kbad-quote\.csv: Line 2 has a quote/);
    expect(existsSync(file('never.csv'))).toBe(false);
  });
});

describe('how `npm run cdm` starts node', () => {
  test('with the flags the CLI documents (the bench starts its runs the same way)', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.cdm).toBe(`npm run -s build && node ${NODE_FLAGS.join(' ')} dist/cli.cjs`);
  });
});
