/**
 * Never lose data (issue 5 §3): before a run changes anything, the customer sheet and the CDM
 * sheets it will rewrite are copied to hidden `CDM Backup <run id>` sheets (the last three
 * runs kept). Undo puts the rows read back exactly — values, formulas, notes, backgrounds,
 * number formats, removed rows — and the CDM sheets as they were, and logs itself in the audit.
 */
import { AUDIT_HEADER, AUDIT_SHEET, BACKUP_PREFIX, REMOVED_SHEET, appendBlock, getSheet } from './cdm-sheets';
import { MSG } from './messages';
import type { BackupRecord, LastRun } from './run-state';
import { clearLastRun, loadLastRun, withDocumentLock } from './run-state';
import { asSheetTextIn, sheetById } from './sheet-io';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const BACKUPS_KEPT = 3;

function hiddenCopy(sheet: Sheet, name: string): Sheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const old = ss.getSheetByName(name);
  if (old) ss.deleteSheet(old);
  const copy = sheet.copyTo(ss);
  copy.setName(name);
  copy.hideSheet();
  return copy;
}

/** Copies the customer sheet and the named CDM sheets that exist; prunes old backups. */
export function makeBackup(runId: string, customer: Sheet, rewritten: string[]): BackupRecord {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const record: BackupRecord = { sheet: BACKUP_PREFIX + runId, cdmSheets: {}, appended: {} };
  hiddenCopy(customer, record.sheet);
  for (const name of rewritten) {
    const existing = ss.getSheetByName(name);
    if (!existing) {
      record.cdmSheets[name] = null;
      continue;
    }
    const copy = `${BACKUP_PREFIX}${runId} ${name.replace(/^CDM /, '')}`;
    record.cdmSheets[name] = { copy, index: existing.getIndex() };
    hiddenCopy(existing, copy);
  }
  pruneBackups(ss.getSheets().map((s) => s.getName()));
  return record;
}

/** Deletes backup sheets of all but the newest BACKUPS_KEPT runs (run ids sort by time). */
export function pruneBackups(names: string[]): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const runs = new Map<string, string[]>();
  for (const n of names) {
    if (!n.startsWith(BACKUP_PREFIX)) continue;
    const id = n.slice(BACKUP_PREFIX.length).split(' ')[0];
    const list = runs.get(id) ?? [];
    list.push(n);
    runs.set(id, list);
  }
  const ids = [...runs.keys()].sort();
  for (const id of ids.slice(0, Math.max(0, ids.length - BACKUPS_KEPT))) {
    for (const n of runs.get(id) ?? []) {
      const s = ss.getSheetByName(n);
      if (s) ss.deleteSheet(s);
    }
  }
}

function restoreCustomerSheet(last: LastRun, sheet: Sheet, backup: Sheet): void {
  const rows = last.rowsRead + 1;
  if (last.rowsRead > last.rowsWritten) sheet.insertRowsAfter(last.rowsWritten + 1, last.rowsRead - last.rowsWritten);
  const backupColumns = backup.getMaxColumns();
  const width = Math.max(last.widthBefore, Math.min(last.widthAfter, backupColumns));
  const src = backup.getRange(1, 1, rows, width);
  const values = src.getValues();
  const formulas = src.getFormulas();
  const notes = src.getNotes();
  const backs = src.getBackgrounds();
  const formats = src.getNumberFormats();
  const grid = values.map((row, r) => row.map((v, c) => (formulas[r][c] !== '' ? formulas[r][c] : asSheetTextIn(v, formats[r][c]))));
  const dst = sheet.getRange(1, 1, rows, width);
  dst.setNumberFormats(formats);
  dst.setValues(grid);
  dst.setNotes(notes);
  dst.setBackgrounds(backs);
  // Columns the run added beyond the sheet's old grid go, unless rows appended since use them.
  const extra = sheet.getMaxColumns() - last.maxColumnsBefore;
  if (extra > 0) {
    const below = sheet.getLastRow() - rows;
    const used =
      below > 0 &&
      sheet
        .getRange(rows + 1, last.maxColumnsBefore + 1, below, extra)
        .getValues()
        .some((r) => r.some((v) => v !== ''));
    if (used) sheet.getRange(1, last.maxColumnsBefore + 1, rows, extra).clear();
    else sheet.deleteColumns(last.maxColumnsBefore + 1, extra);
  }
}

function restoreCdmSheets(backup: BackupRecord): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  for (const [name, saved] of Object.entries(backup.cdmSheets)) {
    const current = ss.getSheetByName(name);
    if (!saved) {
      if (current) ss.deleteSheet(current);
      continue;
    }
    const copy = ss.getSheetByName(saved.copy);
    if (!copy) continue;
    if (current) ss.deleteSheet(current);
    copy.setName(name);
    copy.showSheet();
    ss.setActiveSheet(copy);
    // Back to its old position (moveActiveSheet is in Apps Script; the local runtime may lack it).
    if (typeof ss.moveActiveSheet === 'function') ss.moveActiveSheet(saved.index);
  }
  const removed = backup.appended[REMOVED_SHEET];
  const sheet = getSheet(REMOVED_SHEET);
  if (removed && sheet) {
    const [first, count] = removed;
    if (first <= 2 && sheet.getLastRow() <= first + count - 1) ss.deleteSheet(sheet);
    else if (count > 0) sheet.deleteRows(first, count);
  }
}

/** Undo last run; a plain message either way. Holds the document lock. */
export function undoLastRun(): { restored: boolean; message: string } {
  return withDocumentLock(() => {
    const last = loadLastRun();
    if (!last) return { restored: false, message: MSG.nothingToUndo };
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = sheetById(last.sheetId);
    if (!sheet) return { restored: false, message: MSG.undoSheetMissing(last.sheetName) };
    const backup = ss.getSheetByName(last.backup.sheet);
    if (!backup) return { restored: false, message: MSG.undoBackupMissing(last.backup.sheet) };
    const activeName = ss.getActiveSheet()?.getName();
    restoreCustomerSheet(last, sheet, backup);
    restoreCdmSheets(last.backup);
    ss.deleteSheet(backup);
    appendBlock(AUDIT_SHEET, AUDIT_HEADER, [
      [last.runId, new Date(), sheet.getName(), '', '', '', '', `Undo: the run was taken back; ${last.rowsRead} rows restored from its backup.`],
    ]);
    ss.setActiveSheet((activeName && ss.getSheetByName(activeName)) || sheet);
    clearLastRun();
    return { restored: true, message: MSG.undone(sheet.getName(), last.rowsRead) };
  });
}
