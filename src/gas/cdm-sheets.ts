/**
 * CDM's own sheets — and only those. A sheet is CDM's when it carries CDM's mark: developer
 * metadata `cdm.sheet` = `<role>|<sheet id>|<extra>` on the sheet. The name does not decide: a
 * user's `CDM Audit`, `CDM State` or `CDM Backup 2023 archive` is the user's, never written,
 * pruned or deleted (CDM then uses `CDM Audit (2)`); a CDM sheet the user renamed is still found.
 * The sheet id in the mark tells a copy of a CDM sheet (Sheets copies metadata along) from the
 * original.
 *
 * `CDM Audit`, `CDM Removed`, the undo data and the run state are protected: only the owner (and
 * whoever ran CDM) may edit them when the spreadsheet is shared; an owner working alone gets
 * Sheets' warning before editing them. Every write below is one batched call.
 */
import type { Cell } from '../core/table';
import { langFor } from '../i18n/index';
import { undoText } from '../i18n/undo';
import { asSheetText } from './sheet-io';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Metadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

export type CdmRole = 'audit' | 'removed' | 'review' | 'analysis' | 'undo' | 'state' | 'backup';

export const CDM_SHEET_NAMES: Record<CdmRole, string> = {
  audit: 'CDM Audit',
  removed: 'CDM Removed',
  review: 'CDM Review',
  analysis: 'CDM Analysis',
  undo: 'CDM Undo',
  state: 'CDM State',
  backup: 'CDM Backup',
};

export const AUDIT_SHEET = CDM_SHEET_NAMES.audit;
export const REMOVED_SHEET = CDM_SHEET_NAMES.removed;
export const REVIEW_SHEET = CDM_SHEET_NAMES.review;
export const ANALYSIS_SHEET = CDM_SHEET_NAMES.analysis;
export const UNDO_SHEET = CDM_SHEET_NAMES.undo;

export const SHEET_MARK = 'cdm.sheet';
const HIDDEN: CdmRole[] = ['undo', 'state', 'backup'];
const PROTECTED: CdmRole[] = ['audit', 'removed', 'undo', 'state', 'backup'];

export interface MarkedSheet {
  role: CdmRole;
  extra: string;
  sheet: Sheet;
  meta: Metadata;
}

/** Marks found this execution; reset by every change CDM makes to its sheets. */
let cache: MarkedSheet[] | null = null;
export const forgetMarks = (): void => {
  cache = null;
};

function ss(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** Every CDM-marked sheet (one metadata search, a few calls per CDM sheet). */
export function markedSheets(): MarkedSheet[] {
  if (cache) return cache;
  const out: MarkedSheet[] = [];
  for (const meta of ss().createDeveloperMetadataFinder().withKey(SHEET_MARK).find()) {
    const sheet = meta.getLocation().getSheet();
    if (!sheet) continue;
    const [role, id, ...rest] = String(meta.getValue() ?? '').split('|');
    if (Number(id) !== sheet.getSheetId() || !(role in CDM_SHEET_NAMES)) continue;
    out.push({ role: role as CdmRole, extra: rest.join('|'), sheet, meta });
  }
  cache = out;
  return out;
}

export function cdmSheet(role: CdmRole, extra?: string): Sheet | null {
  return markedSheets().find((m) => m.role === role && (extra === undefined || m.extra === extra))?.sheet ?? null;
}

export const cdmSheetIds = (): Set<number> => new Set(markedSheets().map((m) => m.sheet.getSheetId()));

export const isCdmSheet = (sheet: Sheet): boolean => cdmSheetIds().has(sheet.getSheetId());

/** The backups of rewritten sheets (review, analysis) a run made: `extra` = `<run>|<role>|<index>`. */
export const backupSheets = (): Array<{ sheet: Sheet; runId: string; of: CdmRole; index: number; meta: Metadata }> =>
  markedSheets()
    .filter((m) => m.role === 'backup')
    .map((m) => {
      const [runId, of, index] = m.extra.split('|');
      return { sheet: m.sheet, runId, of: of as CdmRole, index: Number(index) || 1, meta: m.meta };
    });

export function mark(sheet: Sheet, role: CdmRole, extra = ''): void {
  sheet.addDeveloperMetadata(SHEET_MARK, `${role}|${sheet.getSheetId()}|${extra}`);
  forgetMarks();
}

/** Moves CDM's mark on `sheet` to another role (a rewritten sheet becoming a backup and back). */
export function remark(meta: Metadata, sheet: Sheet, role: CdmRole, extra = ''): void {
  meta.setValue(`${role}|${sheet.getSheetId()}|${extra}`);
  forgetMarks();
}

/** A name no other sheet has: `CDM Audit`, else `CDM Audit (2)`, … */
export function freeName(name: string): string {
  const taken = new Set(ss().getSheets().map((s) => s.getName().toLowerCase()));
  if (!taken.has(name.toLowerCase())) return name;
  for (let k = 2; ; k++) if (!taken.has(`${name} (${k})`.toLowerCase())) return `${name} (${k})`;
}

const lang = () => langFor(ss().getSpreadsheetLocale());

/**
 * Sheets' protection for CDM's records: restricted to the owner and the user running CDM when
 * the spreadsheet is shared with others; for an owner working alone, a warning before editing
 * (a restriction would let them edit without a word).
 */
export function protect(sheet: Sheet): void {
  try {
    const p = sheet.protect().setDescription(undoText(lang())('protectionDescription'));
    const book = ss();
    const owner = book.getOwner()?.getEmail() ?? '';
    const others = book.getEditors().filter((u) => u.getEmail() !== owner);
    if (others.length === 0) {
      p.setWarningOnly(true);
      return;
    }
    const me = Session.getEffectiveUser();
    p.addEditor(me);
    p.removeEditors(p.getEditors());
    if (p.canDomainEdit()) p.setDomainEdit(false);
  } catch (e) {
    // A protection Sheets will not set (a shared drive, a missing scope) must not stop the run:
    // the undo data's checksum still catches edits.
    console.warn(`CDM could not protect ${sheet.getName()}: ${String(e)}`);
  }
}

/** CDM's sheet for `role`, created (marked, hidden and protected as the role wants) if missing. */
export function ensureCdmSheet(role: CdmRole, options: { extra?: string; name?: string; index?: number } = {}): { sheet: Sheet; created: boolean } {
  const found = cdmSheet(role, options.extra);
  if (found) return { sheet: found, created: false };
  const book = ss();
  const name = freeName(options.name ?? CDM_SHEET_NAMES[role]);
  // insertSheet makes the new sheet the active one; the user stays on the sheet they were looking at.
  const wasActive = book.getActiveSheet();
  const sheet = options.index !== undefined ? book.insertSheet(name, options.index) : book.insertSheet(name);
  if (wasActive) book.setActiveSheet(wasActive);
  mark(sheet, role, options.extra ?? '');
  if (HIDDEN.includes(role)) sheet.hideSheet();
  if (PROTECTED.includes(role)) protect(sheet);
  return { sheet, created: true };
}

export function deleteCdmSheet(role: CdmRole, extra?: string): void {
  const sheet = cdmSheet(role, extra);
  if (!sheet) return;
  ss().deleteSheet(sheet);
  forgetMarks();
}

/** @deprecated name lookups: CDM's sheets are found by their mark (cdmSheet). */
export function getSheet(name: string): Sheet | null {
  const role = (Object.keys(CDM_SHEET_NAMES) as CdmRole[]).find((r) => CDM_SHEET_NAMES[r] === name);
  return role ? cdmSheet(role) : null;
}

/** Pads rows to one width and makes every string safe to write as text. */
export function rectangle(rows: Cell[][], width?: number): Cell[][] {
  const w = width ?? rows.reduce((m, r) => Math.max(m, r.length), 0);
  return rows.map((r) => {
    const out: Cell[] = new Array(w);
    for (let j = 0; j < w; j++) out[j] = j < r.length ? asSheetText(r[j] ?? '') : '';
    return out;
  });
}

/**
 * Grows a sheet to at least `rows` × `columns`. A sheet CDM just created (`exact`) is cut to
 * exactly that size instead — unused columns FIRST, so the workbook never holds more cells than
 * the end state (a new 26-column sheet grown to 100k rows before trimming would briefly need 2.6
 * million cells) — and a later append grows it by exactly what it adds.
 */
export function fitSheet(sheet: Sheet, rows: number, columns: number, exact = false): void {
  const maxColumns = sheet.getMaxColumns();
  if (exact && maxColumns > columns && sheet.getLastColumn() <= columns) sheet.deleteColumns(columns + 1, maxColumns - columns);
  if (columns > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), columns - sheet.getMaxColumns());
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  else if (exact && rows < maxRows && sheet.getLastRow() <= rows) sheet.deleteRows(rows + 1, maxRows - rows);
}

/**
 * Appends rows under the existing content of CDM's sheet for `role` (with `header` first when
 * the sheet is new), in one setValues; returns the first sheet row written and how many.
 * A new sheet is trimmed to its columns before it grows.
 */
export function appendBlock(role: CdmRole, header: string[], rows: Cell[][]): { first: number; count: number; created: boolean; sheet: Sheet } {
  const made = ensureCdmSheet(role);
  const sheet = made.sheet;
  // A sheet made by an execution killed before it wrote anything is still new (header first).
  const created = made.created || sheet.getLastRow() === 0;
  const block = created ? [header as Cell[], ...rows] : rows;
  if (block.length === 0) return { first: 0, count: 0, created, sheet };
  const width = block.reduce((m, r) => Math.max(m, r.length), header.length);
  const first = created ? 1 : sheet.getLastRow() + 1;
  fitSheet(sheet, first + block.length - 1, width, created);
  sheet.getRange(first, 1, block.length, width).setValues(rectangle(block, width) as unknown[][]);
  if (created) sheet.setFrozenRows(1);
  return { first: created ? 2 : first, count: rows.length, created, sheet };
}

/** Writes a whole grid at A1 in one setValues, growing the sheet first if needed. */
export function writeGrid(sheet: Sheet, rows: Cell[][]): number {
  if (rows.length === 0) return 0;
  const grid = rectangle(rows);
  const width = grid[0].length;
  if (width === 0) return 0;
  fitSheet(sheet, grid.length, width);
  sheet.getRange(1, 1, grid.length, width).setValues(grid as unknown[][]);
  return width;
}

// --- sheets CDM rewrites on every run (review, analysis) --------------------------------------

export type RewrittenRole = 'review' | 'analysis';

/**
 * A fresh sheet for a role CDM rewrites on every run, at the old one's place; the old one is
 * kept, hidden and protected, as this run's backup (Undo puts it back). The new sheet's mark
 * names the run. A repeated write of the same run (after a kill) keeps the backup it made — or,
 * when there was no sheet before the run, makes none — and starts its own sheet over.
 */
export function freshCdmSheet(role: RewrittenRole, runId: string): Sheet {
  const book = ss();
  const current = markedSheets().find((m) => m.role === role);
  const already = backupSheets().some((b) => b.runId === runId && b.of === role) || current?.extra === runId;
  const index = current ? current.sheet.getIndex() - 1 : undefined;
  if (current && already) {
    book.deleteSheet(current.sheet);
    forgetMarks();
  } else if (current) {
    const name = freeName(`${CDM_SHEET_NAMES.backup} ${runId} ${CDM_SHEET_NAMES[role].replace(/^CDM /, '')}`);
    current.sheet.setName(name);
    remark(current.meta, current.sheet, 'backup', `${runId}|${role}|${(index ?? 0) + 1}`);
    current.sheet.hideSheet();
    protect(current.sheet);
  }
  return ensureCdmSheet(role, index !== undefined ? { index, extra: runId } : { extra: runId }).sheet;
}

/** Undo of a run that rewrote `role`: its sheet goes, the backup it made comes back in its place. */
export function restoreCdmSheet(role: RewrittenRole, runId: string): void {
  const book = ss();
  const backup = backupSheets().find((b) => b.runId === runId && b.of === role);
  const current = cdmSheet(role);
  const index = current ? current.getIndex() : backup?.index;
  if (current) {
    if (current.isSheetHidden() === false && book.getSheets().filter((s) => !s.isSheetHidden()).length <= 1 && backup) backup.sheet.showSheet();
    book.deleteSheet(current);
    forgetMarks();
  }
  if (!backup) return;
  backup.sheet.setName(freeName(CDM_SHEET_NAMES[role]));
  for (const p of backup.sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)) if (p.canEdit()) p.remove();
  remark(backup.meta, backup.sheet, role, '');
  backup.sheet.showSheet();
  if (index !== undefined) {
    const active = book.getActiveSheet();
    book.setActiveSheet(backup.sheet);
    book.moveActiveSheet(Math.min(index, book.getSheets().length));
    if (active) book.setActiveSheet(active);
  }
}

/** Deletes the backups of runs that can no longer be undone. */
export function pruneBackups(keep: Set<string>): void {
  for (const b of backupSheets()) {
    if (keep.has(b.runId)) continue;
    ss().deleteSheet(b.sheet);
    forgetMarks();
  }
}
