/**
 * The user's role fixes, remembered per sheet: when the sidebar's mapping is corrected ("Note" is
 * tags, not text), every later run, the intake form and the formulas use the fix, until the user
 * sets the column back to automatic. Stored in document properties (`cdm.roleFixes`:
 * sheet id → header → role), chunked by run-state's JSON helpers, so a fix follows the
 * spreadsheet, not the person who made it.
 */
import { type Cell, type ColumnRole, type Roles, type Table, isCdmColumn } from '../core/table';
import { detectRoles } from '../core/roles';
import { type Lang, langFor } from '../i18n/index';
import { ROLE_LABELS } from '../i18n/roles';
import type { RoleInfo } from '../rpc';
import { loadChosenSheetId, readJson, writeJson } from './run-state';
import { findCustomerSheet } from './sheet-io';
import { UserError } from './messages';
import { spreadsheetDates } from './dates';

const KEY = 'cdm.roleFixes';
/** A header longer than this is not one a user picks a role for; it also bounds the stored size. */
const MAX_HEADER = 500;

type Store = Record<string, Roles>;

export const ROLE_NAMES = Object.keys(ROLE_LABELS.en) as ColumnRole[];
export const isRole = (v: unknown): v is ColumnRole => typeof v === 'string' && (ROLE_NAMES as string[]).includes(v);

function loadStore(): Store {
  const store = readJson<Store>(KEY);
  return store && typeof store === 'object' ? store : {};
}

/** Only well-formed entries: a tampered or old property never gives a column an unknown role. */
function clean(roles: Roles | undefined): Roles {
  const out: Roles = {};
  for (const [column, role] of Object.entries(roles ?? {})) if (isRole(role) && column.length <= MAX_HEADER) out[column] = role;
  return out;
}

/** The fixes remembered for one sheet (by its id, which survives renames). */
export function loadRoleFixes(sheetId: number): Roles {
  return clean(loadStore()[String(sheetId)]);
}

/** Remembers (or, with null, forgets) the role of one column of one sheet; returns that sheet's fixes. */
export function saveRoleFix(sheetId: number, column: string, role: ColumnRole | null): Roles {
  if (role !== null && !isRole(role)) throw new UserError(`“${String(role)}” is not a column role CDM knows.`);
  if (typeof column !== 'string' || !column.trim() || column.length > MAX_HEADER) throw new UserError('Choose a column by its header to set its role.');
  const store = loadStore();
  const fixes = clean(store[String(sheetId)]);
  if (role === null) delete fixes[column];
  else fixes[column] = role;
  if (Object.keys(fixes).length) store[String(sheetId)] = fixes;
  else delete store[String(sheetId)];
  writeJson(KEY, store);
  return fixes;
}

/** Remembers several fixes at once (the roles a run was started with). */
export function saveRoleFixes(sheetId: number, roles: Roles | undefined): void {
  const given = clean(roles);
  if (!Object.keys(given).length) return;
  const store = loadStore();
  const fixes = { ...clean(store[String(sheetId)]), ...given };
  const same = JSON.stringify(fixes) === JSON.stringify(clean(store[String(sheetId)]));
  if (same) return;
  store[String(sheetId)] = fixes;
  writeJson(KEY, store);
}

/**
 * Fixes for a range seen only by its header (a custom function does not know which sheet its
 * range came from): the fixes of every sheet, for the headers this range has. Where two sheets
 * fixed the same header differently, the header is left to detection.
 */
export function roleFixesForHeader(header: string[]): Roles {
  const store = loadStore();
  const wanted = new Set(header.map((h) => String(h).trim()));
  const out: Roles = {};
  const conflict = new Set<string>();
  for (const fixes of Object.values(store)) {
    for (const [column, role] of Object.entries(clean(fixes))) {
      if (!wanted.has(column)) continue;
      if (out[column] && out[column] !== role) conflict.add(column);
      out[column] = role;
    }
  }
  for (const c of conflict) delete out[c];
  return out;
}

// --- the mapping the sidebar shows ----------------------------------------------------------

/** Rows read to detect roles and show samples: enough to judge a column, cheap at 50k rows. */
export const SAMPLE_ROWS = 200;
const SAMPLES_SHOWN = 3;

const asText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''));

/**
 * Each user column of the customer sheet with its role: the user's remembered fix where there is
 * one (`fixed`), else what CDM detects, with why (in the spreadsheet's language). One getValues.
 */
export function columnRoles(sheet: GoogleAppsScript.Spreadsheet.Sheet, lang: Lang): RoleInfo[] {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 1 || lastColumn < 1) return [];
  const values = sheet.getRange(1, 1, Math.min(lastRow, SAMPLE_ROWS + 1), lastColumn).getValues() as Cell[][];
  const header = values[0].map((h) => String(h).trim());
  const keep = header.map((h, j) => (h !== '' && !isCdmColumn(h) ? j : -1)).filter((j) => j >= 0);
  // Dates as the days the user sees (the spreadsheet's zone), not UTC instants (src/gas/dates.ts).
  const dates = spreadsheetDates();
  const table: Table = { header: keep.map((j) => header[j]), rows: values.slice(1).map((r) => keep.map((j) => dates.toCalendar(r[j]))) };
  const fixes = loadRoleFixes(sheet.getSheetId());
  const detected = detectRoles(table, undefined, { lang });
  const fixed = detectRoles(table, fixes, { lang, remembered: fixes });
  return table.header.map((column, j) => ({
    column,
    role: fixed.roles[column] ?? 'unknown',
    detected: detected.roles[column] ?? 'unknown',
    fixed: column in fixes,
    reason: fixed.details.find((d) => d.column === column)?.reason ?? '',
    detectedReason: detected.details.find((d) => d.column === column)?.reason ?? '',
    sample: table.rows.map((r) => asText(r[j])).filter((s) => s.trim() !== '').slice(0, SAMPLES_SHOWN),
  }));
}

/**
 * Sidebar RPC: remembers the role the user chose for a column of the customer sheet (null: back
 * to automatic) and returns the refreshed mapping. Validated: an unknown role or a column the
 * sheet does not have is refused in plain words.
 */
export function setColumnRole(column: unknown, role: unknown): RoleInfo[] {
  if (role !== null && !isRole(role)) throw new UserError(`“${String(role)}” is not a column role CDM knows.`);
  if (typeof column !== 'string' || !column.trim()) throw new UserError('Choose a column by its header to set its role.');
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = findCustomerSheet(undefined, loadChosenSheetId());
  const lang = langFor(ss.getSpreadsheetLocale());
  const header = sheet.getLastColumn() ? sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map((h) => String(h).trim()) : [];
  if (!header.includes(column.trim())) throw new UserError(`The sheet “${sheet.getName()}” has no column “${column}”.`);
  saveRoleFix(sheet.getSheetId(), column.trim(), role);
  return columnRoles(sheet, lang);
}

/**
 * For a formula's header argument (a range's first row, or nothing): the remembered fixes of those
 * headers. A custom function may read document properties; if the environment refuses, or the
 * argument is not a header row, the formula simply detects roles itself.
 */
export function formulaRoleFixes(headers: unknown): Roles {
  if (!Array.isArray(headers) || !Array.isArray(headers[0])) return {};
  try {
    return roleFixesForHeader((headers[0] as unknown[]).map((h) => String(h ?? '').trim()).filter(Boolean));
  } catch {
    return {};
  }
}
