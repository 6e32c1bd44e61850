/**
 * The sidebar's read-only calls and small actions: what to show when it opens, and jumping to
 * a sheet or range from the results panel. Runs, review and undo live in their own modules.
 */
import { detectRoles } from '../core/roles';
import { resolveSettings } from '../core/settings';
import type { Table } from '../core/table';
import type { RoleInfo, RunOptions, SidebarState } from '../rpc';
import { getReviewQueue } from './review';
import { loadChosenSheetId, loadLastRun, loadSettings } from './run-state';
import { findCustomerSheet, isCdmSheetName } from './sheet-io';
import { getFormInfo } from './forms';
import { UserError } from './messages';
import { processPendingWork } from './background';
import { spreadsheetDates } from './dates';
import { unfinishedProgress } from './run';

/** Rows read to detect roles and show samples: enough to judge a column, cheap at 50k rows. */
export const SAMPLE_ROWS = 200;
const SAMPLES_SHOWN = 3;

const asText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''));

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
  try {
    const sheet = findCustomerSheet(undefined, loadChosenSheetId());
    sheetName = sheet.getName();
    const lastRow = sheet.getLastRow();
    const lastColumn = sheet.getLastColumn();
    rows = Math.max(0, lastRow - 1);
    if (lastRow >= 2 && lastColumn >= 1) {
      const values = sheet.getRange(1, 1, Math.min(lastRow, SAMPLE_ROWS + 1), lastColumn).getValues();
      const header = values[0].map((h) => String(h).trim());
      const keep = header.map((h, j) => (h !== '' && !isCdmSheetName(h) ? j : -1)).filter((j) => j >= 0);
      // Dates as the days the user sees (the spreadsheet's zone), not UTC instants.
      const dates = spreadsheetDates(ss);
      const table: Table = { header: keep.map((j) => header[j]), rows: values.slice(1).map((r) => keep.map((j) => dates.toCalendar(r[j]))) };
      const detected = detectRoles(table).roles;
      roles = table.header.map((column, j) => ({
        column,
        role: detected[column] ?? 'unknown',
        detected: detected[column] ?? 'unknown',
        sample: table.rows.map((r) => asText(r[j])).filter((s) => s.trim() !== '').slice(0, SAMPLES_SHOWN),
      }));
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
    sheetName,
    rows,
    roles,
    defaults,
    lastRun: last?.summary ?? null,
    form,
    reviewCount: getReviewQueue().length,
    canUndo: last !== null,
    run: unfinishedProgress(),
  };
}

/** Activates a sheet (and a range on it) for the links of the results panel. */
export function selectRange(sheetName: string, a1: string): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(String(sheetName));
  if (!sheet) throw new UserError(`There is no sheet called “${sheetName}” any more.`);
  if (sheet.isSheetHidden()) sheet.showSheet();
  sheet.activate();
  if (a1) sheet.getRange(String(a1)).activate();
}
