/** =CDM_MATCH and =CDM_DEDUPE_KEY: the dedupe engine on rows a formula passes. */
import type { Cell, ColumnRole, Roles } from '../table';
import { dedupeKey, matchScore } from '../dedupe/index';
import { detectRoles } from '../roles';
import { type FormulaArg, type FormulaResult, fail, grid, isBlank, isRange, isSheetError, rowIsBlank } from './args';

// Shapes as roles.ts reads them, written so that no input makes them backtrack (linear time).
const EMAIL_LIKE = /^[^\s@]+@[^\s@][^\s@.]*\.[^\s@]+$/;
const PHONE_LIKE = /^[+(]?[\d\s().\-/]{6,}((x|ext\.?)\s*\d{1,6})?$/i;

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
    const role = roleOfValue(c, named ? 1 : 0);
    if (role === 'name') named = true;
    // Two text cells: the first is the name, later ones are kept as free text.
    const key = `${role} ${i + 1}`;
    record[key] = c;
    roles[key] = role;
  });
  return { record, roles };
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

/** Score of two records (rows) or two names; ranges of several rows give one score per row pair. */
/** `fixes`: the role fixes the user made for these headers (the gas layer reads them; roles engineer). */
export function cdmMatch(a: FormulaArg, b: FormulaArg, headers?: FormulaArg, fixes: Roles = {}): FormulaResult {
  const ga = grid(a);
  const gb = grid(b);
  if (ga.length !== gb.length) fail('the two ranges must have the same number of rows');
  const header = isBlank(headers as Cell) && !isRange(headers) ? null : grid(headers)[0].map((h) => String(h).trim());
  const scores = ga.map((rowA, i): Cell => {
    const rowB = gb[i];
    const error = [...rowA, ...rowB].find(isSheetError);
    if (error !== undefined) return error.trim();
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

/** One key per row: rows with the same key are very likely the same customer (see dedupeKey). */
export function cdmDedupeKey(range: FormulaArg): FormulaResult {
  const keys = grid(range).map((row): Cell => {
    const error = row.find(isSheetError);
    if (error !== undefined) return error.trim();
    return rowIsBlank(row) ? '' : dedupeKey(row);
  });
  return isRange(range) ? keys.map((k) => [k]) : keys[0];
}
