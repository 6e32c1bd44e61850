/**
 * The final write of a run: back up, then write the customer sheet, CDM Audit, CDM Removed,
 * CDM Review and CDM Analysis, and remember the run for undo. run.ts decides when; this
 * module decides what goes where.
 */
import { summarise, type PipelineState } from '../core/pipeline';
import { type Cell, type Change } from '../core/table';
import type { LinkTarget, RunOptions, RunSummary } from '../rpc';
import { makeBackup } from './backup';
import {
  ANALYSIS_SHEET,
  AUDIT_HEADER,
  AUDIT_SHEET,
  REMOVED_SHEET,
  REVIEW_SHEET,
  appendBlock,
  freshSheet,
} from './cdm-sheets';
import { writeAnalysisSheet } from './analysis-sheet';
import { writeReviewSheet } from './review';
import { MSG, UserError } from './messages';
import {
  loadDecisions,
  saveLastRun,
  saveModel,
  saveRunMeta,
  saveSettings,
  type BackupRecord,
  type RunMeta,
  STATE_SHEET,
} from './run-state';
import {
  MAX_SPREADSHEET_CELLS,
  a1,
  cdmSheetCells,
  fingerprint,
  headerOf,
  readSheet,
  sheetById,
  spreadsheetCells,
  type SheetRead,
} from './sheet-io';
import { writeCustomerSheet } from './write-back';

/**
 * Changes to the customer's data are audited one row each. The values of CDM's own result
 * columns (duplicate groups, segments, predictions…) are recomputed by every run and shown in
 * the sheet; logging each of them would add a row per customer per column (millions of cells
 * at 50k rows) and say nothing the columns don't.
 */
const AUDITED = new Set<Change['kind']>(['normalise', 'impute', 'merge', 'flag']);

export const REWRITTEN_SHEETS = [REVIEW_SHEET, ANALYSIS_SHEET];
/** The CDM sheets a run with these options writes (the checkpoint sheet included). */
export const cdmSheetsOf = (o: RunOptions): string[] =>
  [AUDIT_SHEET, ...REWRITTEN_SHEETS, STATE_SHEET, ...(o.mode === 'merge' ? [REMOVED_SHEET] : [])];

/** The rows and columns this run read, as they are now; refuses if they were edited since. */
export function rereadFor(meta: RunMeta): SheetRead {
  const sheet = sheetById(meta.sheetId);
  if (!sheet) throw new UserError(MSG.sheetChanged(meta.sheetName));
  const now = readSheet(sheet);
  if (now.rows < meta.rowsRead || now.width < meta.width) throw new UserError(MSG.sheetChanged(meta.sheetName));
  const values = now.values.slice(0, meta.rowsRead + 1).map((r) => r.slice(0, meta.width));
  const formulas = now.formulas.slice(0, meta.rowsRead + 1).map((r) => r.slice(0, meta.width));
  if (fingerprint(values, formulas, meta.rowsRead, meta.width) !== meta.fingerprint) throw new UserError(MSG.sheetChanged(meta.sheetName));
  return { ...now, values, formulas, rows: meta.rowsRead, width: meta.width, formulaCount: meta.formulaCount };
}

const formulaAt = (read: SheetRead, row: number, column: string): boolean => {
  const j = headerOf(read).indexOf(column);
  return j >= 0 && (read.formulas[row + 1]?.[j] ?? '') !== '';
};

/**
 * Backs up, then writes everything a finished run produced: the customer sheet, the audit,
 * removed rows, the review and analysis sheets, and the undo record. A repeated final write
 * (after a crash) reuses the backup and skips logs already appended. Returns the summary.
 */
export function writeRunResults(meta: RunMeta, state: PipelineState, read: SheetRead): RunSummary {
  const now = new Date();
  const changes = state.changes.filter((c) => !formulaAt(read, c.row, c.column));
  const auditRows: Cell[][] = changes.filter((c) => AUDITED.has(c.kind)).map((c) => [meta.runId, now, read.name, c.row + 2, c.column, c.old, c.new, c.reason]);
  const removed = state.reports.dedupe?.removed ?? [];

  if (!meta.backup) {
    // Room for the backup and every new row, checked before anything is written.
    const sheet = read.sheet;
    const need = sheet.getMaxRows() * sheet.getMaxColumns() + auditRows.length * AUDIT_HEADER.length +
      (removed.length + 1) * (read.width + 4) + state.table.rows.length * Math.max(0, state.table.header.length - read.width) +
      cdmSheetCells(cdmSheetsOf(meta.options), REWRITTEN_SHEETS);
    const have = spreadsheetCells();
    if (have + need > MAX_SPREADSHEET_CELLS) throw new UserError(MSG.tooManyCells(have, need));
    meta.backup = { ...makeBackup(meta.runId, sheet, REWRITTEN_SHEETS), maxColumns: sheet.getMaxColumns() };
    saveRunMeta(meta);
  }
  const backup = meta.backup as BackupRecord;

  const written = writeCustomerSheet(read, { table: state.table, rowOrigin: state.rowOrigin }, changes, state.reports.impute);

  if (!backup.appended[AUDIT_SHEET]) {
    const a = appendBlock(AUDIT_SHEET, AUDIT_HEADER, auditRows);
    backup.appended[AUDIT_SHEET] = [a.first, a.count];
    saveRunMeta(meta);
  }
  if (removed.length > 0 && !backup.appended[REMOVED_SHEET]) {
    const header = ['Run', 'Removed at', 'Merged into row', 'Was row', ...headerOf(read)];
    const rows = removed.map((r) => {
      const origin = read.values[r.row + 1] ?? r.values;
      const f = read.formulas[r.row + 1] ?? [];
      return [meta.runId, now, written.sheetRowOf.get(r.mergedInto) ?? '', r.row + 2, ...origin.map((v, j) => (f[j] ? f[j] : v))] as Cell[];
    });
    const a = appendBlock(REMOVED_SHEET, header, rows);
    backup.appended[REMOVED_SHEET] = [a.first, a.count];
    saveRunMeta(meta);
  }

  const reviewCount = writeReviewSheet(freshSheet(REVIEW_SHEET), state, written.sheetRowOf, loadDecisions());
  const analysis = state.reports.analyze;
  if (analysis) {
    writeAnalysisSheet(freshSheet(ANALYSIS_SHEET), analysis, state.table, read.name);
    if (analysis.model) saveModel(analysis.model);
  }

  // Creating the CDM sheets activated them; the user stays on their customers.
  SpreadsheetApp.getActiveSpreadsheet().setActiveSheet(read.sheet);
  const finishedAt = now.toISOString();
  const summary = withLinks(summarise(state, meta.runId, finishedAt), meta, read, written, reviewCount, !!analysis);
  saveLastRun({
    runId: meta.runId,
    sheetId: meta.sheetId,
    sheetName: read.name,
    mode: meta.options.mode,
    rowsRead: meta.rowsRead,
    rowsWritten: written.rowsWritten,
    widthBefore: meta.width,
    widthAfter: written.widthAfter,
    maxColumnsBefore: backup.maxColumns ?? meta.width,
    finishedAt,
    backup,
    summary,
  });
  saveSettings({ mode: meta.options.mode, region: meta.options.region, inPlace: meta.options.inPlace, k: meta.options.k, sheetId: meta.sheetId });
  return summary;
}

function withLinks(
  base: RunSummary,
  meta: RunMeta,
  read: SheetRead,
  written: ReturnType<typeof writeCustomerSheet>,
  reviewCount: number,
  analysed: boolean,
): RunSummary {
  const links: LinkTarget[] = [{ label: 'Customers', sheet: read.name, a1: a1(1, 1, written.rowsWritten + 1, written.widthAfter) }];
  const cdmColumns = Object.entries(written.columnOf).filter(([h]) => h.startsWith('CDM ')).map(([, c]) => c);
  if (cdmColumns.length) {
    const c0 = Math.min(...cdmColumns);
    links.push({ label: 'CDM columns', sheet: read.name, a1: a1(1, c0, written.rowsWritten + 1, Math.max(...cdmColumns) - c0 + 1) });
  }
  if (reviewCount > 0) links.push({ label: 'Review', sheet: REVIEW_SHEET, a1: 'A1' });
  if (analysed) links.push({ label: 'Analysis', sheet: ANALYSIS_SHEET, a1: 'A1' });
  links.push({ label: 'Audit', sheet: AUDIT_SHEET, a1: 'A1' });
  const messages = [...(base.messages ?? [])];
  if (meta.formulaCount > 0) messages.push(MSG.formulasLeftAlone(meta.formulaCount));
  return { ...base, reviewPairs: reviewCount, links: [...(base.links ?? []), ...links], messages };
}
