/**
 * The logic behind the =CDM_* custom functions (thin wrappers with JSDoc live in
 * src/entrypoints.ts). Custom functions run without authorisation, must be deterministic and
 * finish within 30 s, so everything here is pure computation over the arguments Sheets passes:
 * a single cell arrives as a value, a range as a 2-D array (numbers, booleans, Dates, '' for
 * blanks).
 *
 * Error rule (the same for every function):
 * - An argument that makes the whole call meaningless ("k must be between 2 and 10", ranges of
 *   different sizes) throws an Error with a short message; Sheets shows #ERROR! and the message
 *   on hover, never a stack trace.
 * - One bad value inside a range does not spoil the others: its own output cell gets a short
 *   text ("not a valid phone number"), blanks give blanks, and a header row of text gives a blank.
 */
import { Cell, ColumnRole, isEmpty, Roles } from '../core/table';
import { normaliseEmail } from '../core/normalize/email';
import { isPlaceholder } from '../core/normalize/missing';
import { normalisePhone } from '../core/normalize/phone';
import { K_RANGE, parseK as parseKSetting, parseRegion, resolveSetting, settingError } from '../core/settings';
import { loadSettings } from './run-state';
import { parseDate } from '../core/normalize/date';
import { toNumber } from '../core/analysis/values';
import { summariseCategory, summariseNumbers } from '../core/analysis/describe';
import { kmeansSegments } from '../core/analysis/segment';
import { fitRegression, MIN_ROWS_FOR_REGRESSION, predict } from '../core/analysis/regress';
import { rfmLabel, rfmScores } from '../core/analysis/rfm';
import { churnLabel, churnRisk, typicalGapDays } from '../core/analysis/churn';
import { dedupeKey, matchScore } from '../core/dedupe/index';
import { detectRoles } from '../core/roles';
import { roleFixesForHeader } from './role-fixes';

/** What Sheets passes for one argument: a value for one cell, a 2-D array for a range. */
export type FormulaArg = Cell | Cell[][] | null | undefined;
export type FormulaResult = Cell | Cell[][];

/** Every random choice (k-means++ seeding) uses this seed, so a formula always gives the same answer. */
export const FORMULA_SEED = 42;
/**
 * Big ranges: k is chosen by the silhouette of a seeded sample of SELECT_ROWS rows (the
 * silhouette is quadratic in rows), the centres are refined on FIT_ROWS, and every row then
 * gets its nearest centre. That keeps =CDM_CLUSTER on 10 000 rows well inside a second
 * (custom functions get 30 s) while a sample this size still pins the segments a shop would
 * act on. Above 1000 rows the engine uses 3 k-means++ starts per k instead of 10.
 */
const SELECT_ROWS = 1200;
const FIT_ROWS = 3000;
const DAY_MS = 86400000;

// ---------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------

export class FormulaError extends Error {}

function fail(message: string): never {
  throw new FormulaError(message);
}

const isRange = (arg: FormulaArg): arg is Cell[][] => Array.isArray(arg);

function grid(arg: FormulaArg): Cell[][] {
  if (isRange(arg)) return arg.map((row) => (Array.isArray(row) ? row : [row as Cell]));
  return [[arg === null || arg === undefined ? '' : arg]];
}

/** Empty, or a placeholder people type for "nothing" (N/A, -, unknown, 无 …): blank in, blank out. */
const isBlank = (c: Cell | null | undefined): boolean =>
  isEmpty(c) || (typeof c === 'string' && (c.trim() === '' || isPlaceholder(c)));

const rowIsBlank = (row: Cell[]): boolean => row.every(isBlank);

/** Applies `fn` to each cell, keeping the caller's shape: a cell in, a cell out; a range in, a range out. */
function mapCells(arg: FormulaArg, fn: (c: Cell) => Cell): FormulaResult {
  const apply = (c: Cell): Cell => (isBlank(c) ? '' : fn(c));
  return isRange(arg) ? grid(arg).map((row) => row.map(apply)) : apply(grid(arg)[0][0]);
}

/** A vector argument (one row or one column) as a flat list, with its orientation. */
function vector(arg: FormulaArg, name: string): { values: Cell[]; across: boolean } {
  const g = grid(arg);
  if (g.length === 1) return { values: g[0], across: g[0].length > 1 };
  if (g.every((r) => r.length === 1)) return { values: g.map((r) => r[0]), across: false };
  return fail(`${name} must be a single row or a single column`);
}

/** Returns per-row results in the shape of the input vector (a column stays a column). */
function shapeLike(values: Cell[], across: boolean, scalar: boolean): FormulaResult {
  if (scalar) return values[0];
  return across ? [values] : values.map((v) => [v]);
}

/** k from the optional argument: blank or "auto" means choose by silhouette (the range is core/settings.ts's). */
function parseK(arg: FormulaArg): number | 'auto' {
  if (isRange(arg)) return fail(`k must be one number from ${K_RANGE.min} to ${K_RANGE.max}`);
  if (isBlank(arg as Cell)) return 'auto';
  const k = parseKSetting(typeof arg === 'number' ? arg : String(arg));
  if (k === null) fail(settingError('k', arg).message);
  return k;
}

const looksLikeHeader = (row: Cell[]): boolean =>
  row.some((c) => typeof c === 'string' && !isBlank(c) && toNumber(c) === null) && row.every((c) => isBlank(c) || toNumber(c) === null);

/** Rows of numbers: a first row of text is taken as column names; rows with a blank or text are left out. */
function numericRows(arg: FormulaArg): { names: string[]; rows: Array<number[] | null> } {
  const g = grid(arg);
  const width = g.reduce((w, r) => Math.max(w, r.length), 0);
  const hasHeader = g.length > 1 && looksLikeHeader(g[0]);
  const names = Array.from({ length: width }, (_, i) => (hasHeader && !isBlank(g[0][i]) ? String(g[0][i]).trim() : `Column ${i + 1}`));
  const rows = g.map((row, i) => {
    if (hasHeader && i === 0) return null;
    const xs = row.map((c) => (c instanceof Date ? c.getTime() / DAY_MS : toNumber(c)));
    return xs.every((x): x is number => x !== null) && xs.length === width ? xs : null;
  });
  return { names, rows };
}

// ---------------------------------------------------------------------------------------
// =CDM_PHONE, =CDM_EMAIL
// ---------------------------------------------------------------------------------------

/**
 * The phone country when the formula gives none, in the order every surface uses
 * (core/settings.ts): the user's saved choice, then the spreadsheet's country, then US.
 * Custom functions may read document properties and the spreadsheet without authorisation;
 * if the environment refuses, the default stands.
 */
export function spreadsheetRegion(): string {
  let saved = null;
  let locale = null;
  try { saved = loadSettings(); } catch { saved = null; }
  try { locale = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale(); } catch { locale = null; }
  return resolveSetting('region', { saved, locale });
}

export function cdmPhone(value: FormulaArg, region?: FormulaArg, defaultRegion = 'US'): FormulaResult {
  if (isRange(region)) fail('region must be one two-letter country code, such as US or GB');
  const code = isBlank(region as Cell) ? defaultRegion : parseRegion(String(region));
  if (code === null) fail(settingError('region', region).message);
  return mapCells(value, (c) => {
    const typed = typeof c === 'number' ? String(c) : String(c).trim();
    const phone = normalisePhone(typed, code);
    return phone.valid && phone.e164 ? phone.display : 'not a valid phone number';
  });
}

export function cdmEmail(value: FormulaArg): FormulaResult {
  return mapCells(value, (c) => {
    const e = normaliseEmail(String(c));
    return e.valid ? e.email : 'not an e-mail address';
  });
}

// ---------------------------------------------------------------------------------------
// =CDM_MATCH, =CDM_DEDUPE_KEY
// ---------------------------------------------------------------------------------------

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_LIKE = /^[+(]?[\d\s().\-/]{6,}(\s*(x|ext\.?)\s*\d+)?$/i;

/** Without headers, a cell's role is read from its content: an e-mail, a phone, a date, else a name. */
export function roleOfValue(c: Cell, position: number): ColumnRole {
  if (c instanceof Date) return 'date';
  if (typeof c === 'number') return String(c).replace(/\D/g, '').length >= 7 ? 'phone' : 'number';
  const s = String(c).trim();
  if (EMAIL_LIKE.test(s)) return 'email';
  if (PHONE_LIKE.test(s) && s.replace(/\D/g, '').length >= 7) return 'phone';
  if (/^\d{3,6}$/.test(s)) return 'postcode';
  return position === 0 ? 'name' : 'text';
}

function recordOf(row: Cell[], header: string[] | null): { record: Record<string, Cell>; roles?: Roles } {
  if (header) {
    const record: Record<string, Cell> = {};
    header.forEach((h, i) => { record[h] = row[i] ?? ''; });
    return { record };
  }
  const record: Record<string, Cell> = {};
  const roles: Roles = {};
  let named = false;
  row.forEach((c, i) => {
    if (isBlank(c)) return;
    let role = roleOfValue(c, named ? 1 : 0);
    if (role === 'name') named = true;
    // Two text cells: the first is the name, later ones are kept as free text.
    const key = `${role} ${i + 1}`;
    record[key] = c;
    roles[key] = role;
  });
  return { record, roles };
}

/** Score of two records (rows) or two names; ranges of several rows give one score per row pair. */
export function cdmMatch(a: FormulaArg, b: FormulaArg, headers?: FormulaArg): FormulaResult {
  const ga = grid(a);
  const gb = grid(b);
  if (ga.length !== gb.length) fail('the two ranges must have the same number of rows');
  const header = isBlank(headers as Cell) && !isRange(headers) ? null : grid(headers)[0].map((h) => String(h).trim());
  // Role fixes the user made in the sidebar for these headers (roles engineer, role-fixes.ts).
  const fixes = header ? roleFixesForHeader(header) : {};
  const scores = ga.map((rowA, i) => {
    const rowB = gb[i];
    if (rowIsBlank(rowA) || rowIsBlank(rowB)) return '';
    const ra = recordOf(rowA, header);
    const rb = recordOf(rowB, header);
    const roles = header ? undefined : { ...ra.roles, ...rb.roles };
    // Without headers both rows must use the same field names, so align by role, not position.
    const fixed = header && Object.keys(fixes).length
      ? detectRoles({ header, rows: [header.map((h) => ra.record[h] ?? ''), header.map((h) => rb.record[h] ?? '')] }, fixes).roles
      : undefined;
    const score = header ? matchScore(ra.record, rb.record, fixed).score : matchByRole(ra.record, rb.record, roles ?? {});
    return Math.round(score * 1000) / 1000;
  });
  return isRange(a) || isRange(b) ? scores.map((s) => [s]) : scores[0];
}

function matchByRole(a: Record<string, Cell>, b: Record<string, Cell>, roles: Roles): number {
  const byRole = (rec: Record<string, Cell>): Record<string, Cell> => {
    const out: Record<string, Cell> = {};
    for (const [key, value] of Object.entries(rec)) {
      const role = roles[key];
      if (!(role in out)) out[role] = value;
    }
    return out;
  };
  const ra = byRole(a);
  const rb = byRole(b);
  const shared: Roles = {};
  for (const role of new Set([...Object.keys(ra), ...Object.keys(rb)])) shared[role] = role as ColumnRole;
  return matchScore(ra, rb, shared).score;
}

/** One key per row: rows with the same key are very likely the same customer (see dedupeKey). */
export function cdmDedupeKey(range: FormulaArg): FormulaResult {
  const keys = grid(range).map((row) => (rowIsBlank(row) ? '' : dedupeKey(row)));
  return isRange(range) ? keys.map((k) => [k]) : keys[0];
}

// ---------------------------------------------------------------------------------------
// =CDM_CLUSTER, =CDM_SEGMENT
// ---------------------------------------------------------------------------------------

interface Segmented {
  rowsIn: Array<number[] | null>;
  labels: number[];
  names: (cluster: number) => string;
}

function segment(range: FormulaArg, kArg: FormulaArg): Segmented {
  const k = parseK(kArg);
  const { names, rows } = numericRows(range);
  const data = rows.filter((r): r is number[] => r !== null);
  const needed = k === 'auto' ? 3 : k + 1;
  if (data.length < needed) {
    fail(k === 'auto' ? 'need at least 3 rows of numbers to find segments' : `need at least ${needed} rows of numbers for ${k} segments`);
  }
  const result = kmeansSegments(data, { k, seed: FORMULA_SEED, featureNames: names, maxSelectRows: SELECT_ROWS, maxFitRows: FIT_ROWS });
  return { rowsIn: rows, labels: result.labels, names: (cluster) => result.model.names[cluster - 1] ?? `Segment ${cluster}` };
}

function perRow(seg: Segmented, value: (cluster: number) => Cell): Cell[][] {
  let next = 0;
  return seg.rowsIn.map((r) => [r === null ? '' : value(seg.labels[next++])]);
}

export function cdmCluster(range: FormulaArg, k?: FormulaArg): FormulaResult {
  const seg = segment(range, k);
  return perRow(seg, (c) => c);
}

export function cdmSegment(range: FormulaArg, k?: FormulaArg): FormulaResult {
  const seg = segment(range, k);
  return perRow(seg, (c) => seg.names(c));
}

// ---------------------------------------------------------------------------------------
// =CDM_STATS
// ---------------------------------------------------------------------------------------

const STAT_ROWS: Array<[label: string, key: 'count' | 'missing' | 'mean' | 'median' | 'std' | 'min' | 'q1' | 'q3' | 'max']> = [
  ['count', 'count'],
  ['missing', 'missing'],
  ['mean', 'mean'],
  ['median', 'median'],
  ['std (sample)', 'std'],
  ['min', 'min'],
  ['25%', 'q1'],
  ['75%', 'q3'],
  ['max', 'max'],
];

/** A summary table: one column per input column, one row per statistic (as pandas describe()). */
export function cdmStats(range: FormulaArg): FormulaResult {
  const g = grid(range);
  const width = g.reduce((w, r) => Math.max(w, r.length), 0);
  const hasHeader = g.length > 1 && looksLikeHeader(g[0]);
  const body = hasHeader ? g.slice(1) : g;
  const header: Cell[] = [''];
  const columns: Cell[][] = [];
  for (let col = 0; col < width; col++) {
    const cells = body.map((r) => r[col] ?? '');
    header.push(hasHeader && !isBlank(g[0][col]) ? String(g[0][col]).trim() : `Column ${col + 1}`);
    const filled = cells.filter((c) => !isBlank(c));
    const numbers = filled.map((c) => toNumber(c));
    if (filled.length > 0 && numbers.every((x) => x !== null)) {
      const s = summariseNumbers('', cells.map((c) => (isBlank(c) ? null : toNumber(c))));
      columns.push([...STAT_ROWS.map(([, key]) => s[key] ?? ''), '']);
    } else {
      const s = summariseCategory('', cells.map((c) => (isBlank(c) ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim())));
      const top = s.levels[0];
      columns.push([s.count, s.missing, ...STAT_ROWS.slice(2).map(() => ''), top ? `${top.value} (${top.count})` : '']);
    }
  }
  const labels = [...STAT_ROWS.map(([label]) => label), 'most common'];
  return [header, ...labels.map((label, i) => [label, ...columns.map((c) => c[i])])];
}

// ---------------------------------------------------------------------------------------
// =CDM_PREDICT
// ---------------------------------------------------------------------------------------

/** known_x rows (or, when known_y is a row, known_x columns) as observations. */
function observations(x: FormulaArg, count: number, across: boolean, name: string): Cell[][] {
  const g = grid(x);
  if (across) {
    if (g[0].length !== count) fail(`${name} must have one column per value of known_y`);
    return g[0].map((_, j) => g.map((r) => r[j]));
  }
  if (g.length !== count) fail(`${name} must have one row per value of known_y`);
  return g;
}

const numbersOf = (row: Cell[]): number[] | null => {
  const xs = row.map((c) => (isBlank(c) ? null : c instanceof Date ? c.getTime() / DAY_MS : toNumber(c)));
  return xs.every((v): v is number => v !== null) ? xs : null;
};

/** Linear regression of known_y on known_x, applied to new_x (like Sheets' TREND, with several x columns). */
export function cdmPredict(knownX: FormulaArg, knownY: FormulaArg, newX: FormulaArg): FormulaResult {
  const y = vector(knownY, 'known_y');
  const xs = observations(knownX, y.values.length, y.across, 'known_x');
  const width = xs[0].length;
  const fitX: number[][] = [];
  const fitY: number[] = [];
  xs.forEach((row, i) => {
    const xv = numbersOf(row);
    const yv = isBlank(y.values[i]) ? null : toNumber(y.values[i]);
    if (xv && yv !== null) { fitX.push(xv); fitY.push(yv); }
  });
  const needed = Math.max(MIN_ROWS_FOR_REGRESSION, width + 2);
  if (fitX.length < needed) fail(`need at least ${needed} complete rows of known_x and known_y`);
  const names = Array.from({ length: width }, (_, i) => `x${i + 1}`);
  const model = fitRegression(fitX, fitY, names, { folds: 0 });
  const g = grid(newX);
  // new_x has the same orientation as known_x: observations in rows, or in columns when known_y is a row.
  const newRows = y.across && g[0].length !== width ? g[0].map((_, j) => g.map((r) => r[j])) : g;
  if (newRows.some((r) => r.length !== width)) fail(`new_x must have ${width} value${width > 1 ? 's' : ''} per row, like known_x`);
  const out = newRows.map((row) => {
    const xv = numbersOf(row);
    return xv ? predict(model, [xv])[0] : '';
  });
  if (!isRange(newX)) return out[0];
  return y.across && g[0].length !== width ? [out] : out.map((v) => [v]);
}

// ---------------------------------------------------------------------------------------
// =CDM_RFM, =CDM_CHURN
// ---------------------------------------------------------------------------------------

/**
 * Recency may be given as days since the last purchase, or as last-purchase dates. Dates are
 * turned into days before the latest date in the range: RFM scores are quintiles (ranks), so the
 * reference day does not change them, and the formula needs no "today".
 */
function recencyDays(values: Cell[]): Array<number | null> {
  const times = values.map((c) => {
    if (isBlank(c)) return null;
    if (c instanceof Date) return c.getTime();
    if (typeof c === 'string' && toNumber(c) === null) return parseDate(c, null)?.getTime() ?? null;
    return undefined;
  });
  if (times.some((t) => t !== undefined && t !== null)) {
    const latest = times.reduce<number>((m, t) => (typeof t === 'number' && t > m ? t : m), -Infinity);
    return times.map((t) => (typeof t === 'number' ? Math.round((latest - t) / DAY_MS) : null));
  }
  return values.map((c) => (isBlank(c) ? null : toNumber(c)));
}

export function cdmRfm(recency: FormulaArg, frequency: FormulaArg, monetary: FormulaArg): FormulaResult {
  const r = vector(recency, 'recency');
  const f = vector(frequency, 'frequency');
  const m = vector(monetary, 'monetary');
  if (f.values.length !== r.values.length || m.values.length !== r.values.length) {
    fail('recency, frequency and monetary must have the same number of rows');
  }
  const rd = recencyDays(r.values);
  const fq = f.values.map((c) => (isBlank(c) ? null : toNumber(c)));
  const mo = m.values.map((c) => (isBlank(c) ? null : toNumber(c)));
  const complete = rd.map((_, i) => rd[i] !== null && fq[i] !== null && mo[i] !== null);
  const idx = complete.flatMap((ok, i) => (ok ? [i] : []));
  if (idx.length === 0) return shapeLike(r.values.map(() => ''), r.across, !isRange(recency));
  const scores = rfmScores(idx.map((i) => rd[i] as number), idx.map((i) => fq[i] as number), idx.map((i) => mo[i] as number));
  const out: Cell[] = r.values.map(() => '');
  idx.forEach((i, j) => { out[i] = rfmLabel(scores[j]); });
  return shapeLike(out, r.across, !isRange(recency));
}

function dateArg(c: Cell): Date | null {
  if (isBlank(c)) return null;
  return parseDate(c instanceof Date || typeof c === 'number' ? c : String(c), null);
}

/**
 * Churn risk needs "today". Custom functions must be deterministic, so the day is the optional
 * as_of argument; without it, the date the formula is calculated on (the script's time zone).
 * Sheets recalculates a custom function only when its arguments change, so pass TODAY() as
 * as_of to have the risk move with the calendar, or a fixed date for a reproducible sheet.
 */
export function cdmChurn(lastPurchase: FormulaArg, orders: FormulaArg, firstPurchase: FormulaArg, asOf?: FormulaArg, today: () => Date = () => new Date()): FormulaResult {
  const last = vector(lastPurchase, 'last_purchase');
  const ord = vector(orders, 'orders');
  const first = isBlank(firstPurchase as Cell) && !isRange(firstPurchase) ? { values: last.values.map(() => '' as Cell), across: last.across } : vector(firstPurchase, 'first_purchase');
  if (ord.values.length !== last.values.length || first.values.length !== last.values.length) {
    fail('last_purchase, orders and first_purchase must have the same number of rows');
  }
  if (isRange(asOf)) fail('as_of must be one date');
  let day: Date;
  if (isBlank(asOf as Cell)) {
    const now = today();
    day = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  } else {
    const parsed = dateArg(asOf as Cell);
    if (!parsed) fail('as_of must be a date');
    day = parsed;
  }
  const inputs = last.values.map((c, i) => ({
    lastPurchase: dateArg(c),
    orders: isBlank(ord.values[i]) ? null : toNumber(ord.values[i]),
    firstPurchase: dateArg(first.values[i]),
  }));
  const gaps = inputs
    .map((x) => typicalGapDays(x.firstPurchase, x.lastPurchase, x.orders))
    .filter((g): g is number => g !== null)
    .sort((a, b) => a - b);
  // Customers with one order have no gap of their own: compare them with the range's median gap.
  const population = gaps.length ? { typicalGapDays: gaps[Math.floor((gaps.length - 1) / 2)] } : undefined;
  const out: Cell[] = inputs.map((x) => {
    if (!x.lastPurchase) return '';
    return churnLabel(churnRisk(x, day, population));
  });
  return shapeLike(out, last.across, !isRange(lastPurchase));
}

/** Runs a formula; errors that are not our own plain messages are shortened to one line, no stack. */
export function formula<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof FormulaError) throw new Error(e.message);
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(`CDM could not compute this: ${message.split('\n')[0]}`);
  }
}
