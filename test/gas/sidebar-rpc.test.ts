/**
 * The sidebar's other calls: what it shows on opening (sheet, roles with text samples,
 * defaults from the spreadsheet locale), which sheet a run works on, progress, links, and the
 * "new columns" option that leaves the user's columns untouched.
 */
import { CUSTOMERS, FLAG, newRuntime, sampleRows, sampleRuntime, type Runtime } from './helpers';

function call<T>(rt: Runtime, fn: string, ...args: unknown[]): T {
  const ex = rt.run(fn, args);
  if (ex.error) throw new Error(ex.error.message);
  return ex.result as T;
}

interface State {
  locale: string;
  sheetName: string;
  rows: number;
  roles: Array<{ column: string; role: string; detected: string; sample: string[] }>;
  defaults: { region: string; mode: string; inPlace: boolean };
  lastRun: { runId: string } | null;
  reviewCount: number;
  canUndo: boolean;
}

test('sidebar state: roles with text samples, region from the spreadsheet locale, no run yet', () => {
  const rt = newRuntime({ locale: 'de_DE' });
  rt.fillSheet(CUSTOMERS, sampleRows(40, 5));
  const s = call<State>(rt, 'getSidebarState');
  expect(s.locale).toBe('de_DE');
  expect(s.defaults.region).toBe('DE');
  expect(s.defaults.mode).toBe('flag');
  expect(s.sheetName).toBe(CUSTOMERS);
  expect(s.rows).toBe(40);
  expect(s.lastRun).toBeNull();
  expect(s.canUndo).toBe(false);
  const role = (c: string) => s.roles.find((r) => r.column === c)?.role;
  expect(role('Email')).toBe('email');
  expect(role('Phone')).toBe('phone');
  // Each column's sample is its first three non-blank cells as text (a date as its ISO day).
  const values = rt.sheetValues(CUSTOMERS);
  const asShown = (v: unknown) => (Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).toISOString().slice(0, 10) : String(v));
  for (const r of s.roles) {
    const j = values[0].indexOf(r.column);
    expect(r.sample).toEqual(values.slice(1).map((row) => asShown(row[j])).filter((v) => v.trim() !== '').slice(0, 3));
  }
  expect(s.roles.find((r) => r.column === 'Email')?.sample).toHaveLength(3);
});

test('the customer sheet: never a CDM or form-response sheet; the last one used is remembered', () => {
  const rt = newRuntime();
  rt.fillSheet('Form Responses 1', [['Timestamp', 'Name'], ['1/1/2025 10:00:00', 'Ann']]);
  rt.fillSheet(CUSTOMERS, sampleRows(60, 5));
  rt.fillSheet('Products', [['Product', 'Price'], ['Mugs', 12]], { activate: false });
  call(rt, 'startRun', { ...FLAG, steps: ['clean'] });
  // From a CDM sheet or a response sheet the sidebar still means the customers.
  call(rt, 'selectRange', 'CDM Audit', 'A1');
  expect(rt.spreadsheet.getActiveSheet().getName()).toBe('CDM Audit');
  expect(call<State>(rt, 'getSidebarState').sheetName).toBe(CUSTOMERS);
  rt.spreadsheet.setActiveSheet(rt.sheet('Form Responses 1'));
  expect(call<State>(rt, 'getSidebarState').sheetName).toBe(CUSTOMERS);
  // Asking for a CDM sheet by name is refused in plain words.
  expect(rt.run('startRun', [{ ...FLAG, sheet: 'CDM Audit' }]).error?.message).toMatch(/is a sheet CDM made itself/);
});

test('progress, summary links and last run are reported; links select their range', () => {
  const rt = sampleRuntime(120, 9);
  const p = call<{ done: boolean; runId: string; summary: { links: Array<{ label: string; sheet: string; a1: string }> } }>(rt, 'startRun', FLAG);
  expect(call<{ runId: string; done: boolean; fraction: number }>(rt, 'getProgress')).toMatchObject({ runId: p.runId, done: true, fraction: 1 });
  const s = call<State>(rt, 'getSidebarState');
  expect(s.lastRun?.runId).toBe(p.runId);
  expect(s.canUndo).toBe(true);
  const cdm = p.summary.links.find((l) => l.label === 'CDM columns')!;
  call(rt, 'selectRange', cdm.sheet, cdm.a1);
  expect(rt.spreadsheet.getActiveSheet().getName()).toBe(CUSTOMERS);
  expect(rt.spreadsheet.getActiveRange()!.getA1Notation()).toBe(cdm.a1);
  const header = rt.sheetValues(CUSTOMERS)[0] as string[];
  const [from] = cdm.a1.split(':');
  expect(header[rt.sheet(CUSTOMERS).getRange(from).getColumn() - 1]).toMatch(/^CDM /);
  expect(rt.run('selectRange', ['No Such Sheet', 'A1']).error?.message).toMatch(/no sheet called/);
});

test('new columns instead of in place: the user’s cells are untouched, cleaned copies appended', () => {
  const rt = sampleRuntime(120, 9);
  const before = rt.snapshot(CUSTOMERS);
  call(rt, 'startRun', { ...FLAG, inPlace: false });
  const after = rt.snapshot(CUSTOMERS);
  const width = before.values[0].length;
  expect(after.values.map((r) => r.slice(0, width))).toEqual(before.values);
  const added = (after.values[0] as string[]).slice(width);
  expect(added).toContain('CDM Email');
  expect(added).toContain('CDM Phone');
  // No imputation note lands on the user's own cells.
  expect(after.notes.map((r) => r.slice(0, width))).toEqual(before.notes);
});
