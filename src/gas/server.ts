/**
 * The sidebar's read-only calls and small actions: what to show when it opens, and jumping to
 * a sheet or range from a link. Runs, review and undo live in their own modules. Every
 * argument from the sidebar is checked here: a bad one gets a plain sentence naming the sheet
 * and the cells, never a raw Apps Script exception.
 */
import { classifyColumns } from '../core/analysis/columns';
import { targetCandidates } from '../core/analysis/steps/prediction';
import type { Cell, Roles, Table } from '../core/table';
import { isCdmColumn } from '../core/table';
import { langFor } from '../i18n/index';
import { columnRoles } from './role-fixes';
import { resolveSettings } from '../core/settings';
import type { RoleInfo, RunOptions, SidebarState } from '../rpc';
import { getReviewQueue } from './review';
import { loadChosenSheetId, loadLastRun, loadSettings } from './run-state';
import { listUndoableRuns } from './backup';
import { findCustomerSheet } from './sheet-io';
import { getFormInfo } from './forms';
import { MSG, UserError } from './messages';
import { processPendingWork } from './background';
import { unfinishedProgress } from './run';

import { SAMPLE_ROWS } from './role-fixes';

export { SAMPLE_ROWS };

/**
 * Columns a user may ask CDM to predict: numbers (money, counts, measures) or yes/no answers,
 * never constant or mostly empty — the analysis's own list of candidates (analysis engineer).
 */
export function predictionTargets(table: Table, roles: Roles): string[] {
  return targetCandidates(classifyColumns(table, roles)).map((c) => c.column);
}

/** The customer sheet's header and first rows (CDM's columns left out), in one read. */
function sampleTable(sheet: GoogleAppsScript.Spreadsheet.Sheet, lastRow: number, lastColumn: number): Table {
  const values = sheet.getRange(1, 1, Math.min(lastRow, SAMPLE_ROWS + 1), lastColumn).getValues() as Cell[][];
  const header = values[0].map((h) => String(h).trim());
  const keep = header.map((h, j) => (h !== '' && !isCdmColumn(h) ? j : -1)).filter((j) => j >= 0);
  return { header: keep.map((j) => header[j]), rows: values.slice(1).map((r) => keep.map((j) => r[j])) };
}

export function getSidebarState(): SidebarState {
  // Form responses that waited (no trigger in a test deployment, or a lock timeout) go in now.
  processPendingWork();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const locale = ss.getSpreadsheetLocale() || 'en_US';
  // The user's saved choice first, then the locale's country (core/settings.ts).
  const defaults: RunOptions = resolveSettings({ saved: loadSettings(), locale });
  const last = loadLastRun();
  let sheetName = '';
  let rows = 0;
  let roles: RoleInfo[] = [];
  let targets: string[] = [];
  try {
    const sheet = findCustomerSheet(undefined, loadChosenSheetId());
    sheetName = sheet.getName();
    const lastRow = sheet.getLastRow();
    const lastColumn = sheet.getLastColumn();
    rows = Math.max(0, lastRow - 1);
    // Detected roles with the user's remembered fixes applied, and why (roles engineer, role-fixes.ts).
    if (lastRow >= 2 && lastColumn >= 1) {
      roles = columnRoles(sheet, langFor(locale));
      targets = predictionTargets(sampleTable(sheet, lastRow, lastColumn), Object.fromEntries(roles.map((r) => [r.column, r.role])));
    }
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
  }
  let form = null;
  try {
    form = getFormInfo();
  } catch {
    form = null;
  }
  return {
    locale,
    targets,
    sheetName,
    rows,
    roles,
    defaults,
    lastRun: last?.summary ?? null,
    form,
    reviewCount: getReviewQueue().length,
    ...undoState(),
    run: unfinishedProgress(),
  };
}

// --- links ---------------------------------------------------------------------------------

const MAX_LINK_RANGES = 200;
const COL = '\\$?([A-Z]{1,3})';
const ROW = '\\$?([1-9]\\d{0,6})';
/** B2, B2:D9, B:D, 5:9, B2:D (open-ended, as Sheets allows). */
const A1_FORMS: Array<{ re: RegExp; parts: Array<'c' | 'r'> }> = [
  { re: new RegExp(`^${COL}${ROW}$`), parts: ['c', 'r'] },
  { re: new RegExp(`^${COL}${ROW}:${COL}${ROW}$`), parts: ['c', 'r', 'c', 'r'] },
  { re: new RegExp(`^${COL}:${COL}$`), parts: ['c', 'c'] },
  { re: new RegExp(`^${ROW}:${ROW}$`), parts: ['r', 'r'] },
  { re: new RegExp(`^${COL}${ROW}:${COL}$`), parts: ['c', 'r', 'c'] },
];

const columnNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** The largest row and column an A1 reference touches, or null when it is not one CDM shows. */
function a1Extent(a1: string): { row: number; column: number } | null {
  for (const form of A1_FORMS) {
    const m = form.re.exec(a1);
    if (!m) continue;
    let row = 0;
    let column = 0;
    form.parts.forEach((kind, i) => {
      if (kind === 'r') row = Math.max(row, Number(m[i + 1]));
      else column = Math.max(column, columnNumber(m[i + 1]));
    });
    return { row, column };
  }
  return null;
}

/**
 * Selects exactly the cells a link points at: one range, or several (comma-separated) as one
 * selection. Hidden sheets (CDM's working copies) are never shown.
 */
export function selectRange(sheetName: unknown, a1: unknown): void {
  if (typeof sheetName !== 'string' || sheetName.trim() === '' || sheetName.length > 100) throw new UserError(MSG.badSheetName(sheetName));
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(sheetName);
  if (!sheet) throw new UserError(MSG.noSuchSheet(sheetName));
  if (sheet.isSheetHidden()) throw new UserError(MSG.hiddenSheet(sheetName));
  if (typeof a1 !== 'string' || a1.length > 4000) throw new UserError(MSG.badRange(sheetName, a1));
  const parts = a1.split(',').map((p) => p.trim().toUpperCase()).filter((p) => p !== '');
  if (parts.length > MAX_LINK_RANGES) throw new UserError(MSG.badRange(sheetName, a1));
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  for (const part of parts) {
    const extent = a1Extent(part);
    if (!extent) throw new UserError(MSG.badRange(sheetName, part));
    if (extent.row > maxRows || extent.column > maxColumns) throw new UserError(MSG.rangeOutside(sheetName, part, maxRows, maxColumns));
  }
  sheet.activate();
  if (parts.length === 1) sheet.getRange(parts[0]).activate();
  else if (parts.length > 1) sheet.getRangeList(parts).activate();
}

/** The undo list for the sidebar (its own small reads of CDM's index). */
function undoState(): { canUndo: boolean; undoRuns: ReturnType<typeof listUndoableRuns> } {
  const undoRuns = listUndoableRuns();
  return { canUndo: undoRuns.length > 0, undoRuns };
}
