/**
 * The sidebar's read-only calls and small actions: what to show when it opens, and jumping to
 * a sheet or range from the results panel. Runs, review and undo live in their own modules.
 */
import { langFor } from '../i18n/index';
import { columnRoles } from './role-fixes';
import { resolveSettings } from '../core/settings';
import type { RoleInfo, RunOptions, SidebarState } from '../rpc';
import { getReviewQueue } from './review';
import { loadChosenSheetId, loadLastRun, loadSettings } from './run-state';
import { listUndoableRuns } from './backup';
import { findCustomerSheet } from './sheet-io';
import { getFormInfo } from './forms';
import { UserError } from './messages';
import { processPendingWork } from './background';
import { unfinishedProgress } from './run';

export { SAMPLE_ROWS } from './role-fixes';

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
    // Detected roles with the user's remembered fixes applied, and why (roles engineer, role-fixes.ts).
    if (lastRow >= 2 && lastColumn >= 1) roles = columnRoles(sheet, langFor(locale));
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
    ...undoState(),
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

/** The undo list for the sidebar (its own small reads of CDM's index). */
function undoState(): { canUndo: boolean; undoRuns: ReturnType<typeof listUndoableRuns> } {
  const undoRuns = listUndoableRuns();
  return { canUndo: undoRuns.length > 0, undoRuns };
}
