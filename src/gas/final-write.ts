/**
 * The final write of a run: the customer sheet, then CDM Audit, CDM Removed, CDM Review and
 * CDM Analysis. run.ts decides when; this module decides what goes where, in this order:
 *
 * 1. Re-read the sheet and plan the write (write-back.ts): rows found again by content, cells
 *    changed since the run read them left alone.
 * 2. Budget first: the cells everything will need, against Google's 10,000,000 — refused in
 *    plain words before anything is written.
 * 3. Save the undo data (the changed cells' old values, removed rows, CDM columns created) —
 *    so Undo works even if a later step fails.
 * 4. Write the customer sheet; read it back once and store how each row reads now (Undo finds
 *    the rows by it after inserts, deletes and sorts).
 * 5. Audit, removed rows, review, analysis — each recorded as done.
 *
 * Every step can run again: a run killed mid-write and resumed calls writeRunResults again with
 * the same state; it reuses its undo data and skips what is done, and never says "Done" with a
 * step missing.
 */
import { summarise, type PipelineState } from '../core/pipeline';
import { isCdmColumn, type Cell, type Change } from '../core/table';
import { langFor, type Lang } from '../i18n/index';
import { undoText } from '../i18n/undo';
import type { RunOptions, RunSummary } from '../rpc';
import { withRunLinks } from './links';
import { appendAudit, auditLines, auditNote, type AuditChange } from './audit';
import { writeAnalysisSheet } from './analysis-sheet';
import {
  ANALYSIS_SHEET,
  AUDIT_SHEET,
  CDM_SHEET_NAMES,
  REMOVED_SHEET,
  REVIEW_SHEET,
  appendBlock,
  cdmSheet,
  freshCdmSheet,
  markedSheets,
  pruneBackups,
  type CdmRole,
} from './cdm-sheets';
import { decode, markedColumns } from './cells';
import { MSG, UserError } from './messages';
import { writeReviewSheet } from './review';
import { canonical, packHashes, rowHashes, unpackHashes } from './row-identity';
import {
  loadDecisions,
  saveLastRun,
  saveModel,
  saveRunMeta,
  saveSettings,
  type RunMeta,
  STATE_SHEET,
} from './run-state';
import { MAX_SPREADSHEET_CELLS, fingerprint, headerOf, readSheet, sheetById, spreadsheetCells, type SheetRead } from './sheet-io';
import {
  checksum,
  forgetRun,
  loadEntry,
  loadPart,
  pruneRuns,
  saveEntry,
  savePart,
  undoableRuns,
  type UndoEntry,
} from './undo-store';
import { applyWrite, checkColumnsOwned, planWrite, resultOf, type WriteInput, type WritePlan, type WriteResult } from './write-back';

/**
 * Changes to the customer's data are audited. The values of CDM's own result columns (duplicate
 * groups, segments, predictions…) are recomputed by every run and shown in the sheet; logging
 * each of them would add a line per customer per column and say nothing the columns don't.
 */
const AUDITED = new Set<Change['kind']>(['normalise', 'impute', 'merge', 'flag']);

export const REWRITTEN_SHEETS = [REVIEW_SHEET, ANALYSIS_SHEET];
/** The CDM sheets a run with these options writes (the checkpoint sheet included). */
export const cdmSheetsOf = (o: RunOptions): string[] =>
  [AUDIT_SHEET, ...REWRITTEN_SHEETS, STATE_SHEET, CDM_SHEET_NAMES.undo, ...(o.mode === 'merge' ? [REMOVED_SHEET] : [])];

const langOf = (): Lang => langFor(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());

/** The user's columns, which identify a row (CDM's own are recomputed by every run). */
export const identityColumns = (header: string[]): string[] => header.filter((h) => h !== '' && !isCdmColumn(h));

/**
 * Remembers how each row the run read looked (a short hash per row), so the final write can find
 * the rows again after the user inserted, deleted or sorted rows, and tell the user's edits
 * from CDM's own work. Call it once, right after the run read the sheet; it writes nothing
 * (run.ts keeps readRecord's text with its checkpoint when the run goes on in another execution).
 */
export function rememberRead(meta: RunMeta, read: SheetRead): void {
  checkColumnsOwned(headerOf(read), markedColumns(read.sheet), read.name, langOf());
  const idColumns = identityColumns(headerOf(read));
  const hashes = rowHashes(read.values, read.formulas, idColumns.map((h) => headerOf(read).indexOf(h)), 1, read.rows);
  remembered = { runId: meta.runId, idColumns, hashes };
}

/**
 * What rememberRead saw, as text the run keeps with its checkpoint (run-state.ts, CDM's hidden
 * checkpoint sheet: it goes with the run, so a cancelled or abandoned run leaves nothing in the
 * undo data). null when this execution has not read the sheet for this run.
 */
export function readRecord(meta: RunMeta): string | null {
  if (!remembered || remembered.runId !== meta.runId) return null;
  return JSON.stringify({ idColumns: remembered.idColumns, hashes: packHashes(remembered.hashes) });
}

/** Takes back, in a later execution, what readRecord gave; false when the text is not one. */
export function restoreRead(meta: RunMeta, text: string): boolean {
  try {
    const parsed = JSON.parse(text) as { idColumns: string[]; hashes: string };
    if (!Array.isArray(parsed.idColumns) || typeof parsed.hashes !== 'string') return false;
    remembered = { runId: meta.runId, idColumns: parsed.idColumns.map(String), hashes: unpackHashes(parsed.hashes) };
    return true;
  } catch {
    return false;
  }
}

/** What rememberRead saw, kept for the rest of this execution (Apps Script starts each one afresh). */
let remembered: { runId: string; idColumns: string[]; hashes: string[] } | null = null;

function loadRead(runId: string, entry: UndoEntry | null): { idColumns: string[]; hashes: string[] } | null {
  if (remembered && remembered.runId === runId) return remembered;
  if (!entry || !entry.parts.read) return null;
  const part = loadPart(entry, 'read');
  if (!part.ok) return null;
  const parsed = JSON.parse(part.text) as { idColumns: string[]; hashes: string };
  return { idColumns: parsed.idColumns, hashes: unpackHashes(parsed.hashes) };
}

/**
 * The rows and columns this run read, as they are now. When the run remembered what it read
 * (rememberRead), edits since are fine: the final write checks them cell by cell. Otherwise any
 * edit refuses the run, as before.
 */
export function rereadFor(meta: RunMeta): SheetRead {
  const sheet = sheetById(meta.sheetId);
  if (!sheet) throw new UserError(MSG.sheetChanged(meta.sheetName));
  const now = readSheet(sheet);
  const known = loadEntry(meta.runId)?.parts.read !== undefined;
  if (!known && (now.rows < meta.rowsRead || now.width < meta.width)) throw new UserError(MSG.sheetChanged(meta.sheetName));
  const rows = Math.min(meta.rowsRead, now.rows);
  const width = Math.min(meta.width, now.width);
  const values = now.values.slice(0, rows + 1).map((r) => r.slice(0, width));
  const formulas = now.formulas.slice(0, rows + 1).map((r) => r.slice(0, width));
  if (!known && fingerprint(values, formulas, meta.rowsRead, meta.width) !== meta.fingerprint) throw new UserError(MSG.sheetChanged(meta.sheetName));
  return { ...now, values, formulas, rows, width, formulaCount: meta.formulaCount };
}

// --- the cell budget ---------------------------------------------------------------------------

const NEW_SHEET = 1000 * 26;

/** Cells a new CDM sheet costs at its fullest moment: the default grid, or its final size. */
const newSheetCells = (rows: number, cols: number): number => Math.max(NEW_SHEET, Math.max(1000, rows) * cols);

function growthCells(role: CdmRole, rows: number, cols: number): number {
  const sheet = cdmSheet(role);
  if (!sheet) return newSheetCells(rows + 1, cols);
  const extraRows = Math.max(0, sheet.getLastRow() + rows - sheet.getMaxRows());
  return extraRows * Math.max(cols, sheet.getMaxColumns()) + Math.max(0, cols - sheet.getMaxColumns()) * sheet.getMaxRows();
}

/**
 * Everything the final write will add, counted before anything is written: CDM's columns in the
 * customer sheet, the audit lines, removed rows, fresh review and analysis sheets (the old ones
 * stay as the run's backups), and the undo data.
 */
export function cellsForWrite(read: { maxRows: number; maxColumns: number }, plan: WritePlan, widthAfter: number, auditRows: number, removedRows: number, undoChars: number): number {
  let need = Math.max(0, widthAfter - read.maxColumns) * read.maxRows;
  need += growthCells('audit', auditRows, 5);
  if (removedRows > 0) need += growthCells('removed', removedRows, plan.header.length + 4);
  need += 2 * NEW_SHEET;
  need += growthCells('undo', Math.ceil(undoChars / 45000) + 2, 4);
  return need;
}

function checkBudget(need: number, lang: Lang): void {
  const have = spreadsheetCells();
  if (have + need > MAX_SPREADSHEET_CELLS) {
    const fmt = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    throw new UserError(undoText(lang)('budget', { have: fmt(have), need: fmt(need) }));
  }
}

/** CDM's protected sheets must be editable by whoever runs CDM: refused before writing if not. */
function checkCdmSheetsEditable(lang: Lang): void {
  for (const m of markedSheets()) {
    for (const p of m.sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)) {
      if (p.canEdit()) continue;
      const owner = SpreadsheetApp.getActiveSpreadsheet().getOwner()?.getEmail() ?? '';
      throw new UserError(undoText(lang)('cdmSheetProtected', { sheet: m.sheet.getName(), owner }));
    }
  }
}

// --- the final write ---------------------------------------------------------------------------

const formulaAt = (read: SheetRead | null, row: number, column: string): boolean => {
  if (!read) return false;
  const j = headerOf(read).indexOf(column);
  return j >= 0 && (read.formulas[row + 1]?.[j] ?? '') !== '';
};

function auditByRow(changes: Change[], sheetRowOf: Map<number, number>, keptCells: Set<string>, columnOf: Record<string, number>): Map<number, AuditChange[]> {
  const byRow = new Map<number, AuditChange[]>();
  for (const c of changes) {
    if (!AUDITED.has(c.kind)) continue;
    const row = sheetRowOf.get(c.row);
    if (row === undefined) continue;
    if (keptCells.has(`${row}:${columnOf[c.column]}`)) continue;
    const list = byRow.get(row) ?? [];
    list.push({ column: c.column, old: c.old, new: c.new, reason: c.reason });
    byRow.set(row, list);
  }
  return byRow;
}

/** The plan of an earlier attempt of this run, or a plain refusal. */
function storedPlan(entry: UndoEntry, lang: Lang): WritePlan {
  const part = loadPart(entry, 'plan');
  if (!part.ok) throw new UserError(undoText(lang)(part.reason === 'tampered' ? 'tampered' : 'dataMissing', { time: entry.startedAt }));
  return JSON.parse(part.text) as WritePlan;
}

/**
 * Writes everything a finished run produced (see the module comment). `read` is the run's own
 * read when the write happens in the same execution, else null (or the sheet as re-read).
 */
export function writeRunResults(meta: RunMeta, state: PipelineState, read: SheetRead | null): RunSummary {
  const lang = langOf();
  const t = undoText(lang);
  const sheet = sheetById(meta.sheetId);
  if (!sheet) throw new UserError(MSG.sheetChanged(meta.sheetName));
  const now = new Date();
  const started = loadEntry(meta.runId);
  const resumed = started && started.status !== 'started' ? started : null;
  const seen = loadRead(meta.runId, started);
  const idColumns = seen?.idColumns ?? identityColumns(read ? headerOf(read) : []);
  const readHashes = seen?.hashes ?? (read ? rowHashes(read.values, read.formulas, idColumns.map((h) => headerOf(read).indexOf(h)), 1, read.rows) : null);
  const changes = state.changes.filter((c) => !formulaAt(read, c.row, c.column));
  const removed = (state.reports.dedupe?.removed ?? []).map((r) => ({ row: r.row, mergedInto: r.mergedInto }));
  const input: WriteInput = {
    sheet,
    runId: meta.runId,
    mode: meta.options.mode,
    final: { table: state.table, rowOrigin: state.rowOrigin },
    changes,
    imputeReport: state.reports.impute,
    removed: meta.options.mode === 'merge' ? removed : [],
    readHashes,
    idColumns,
    rowsRead: meta.rowsRead,
    readWidth: meta.width,
    colourGroups: meta.options.colourGroups === true && meta.options.mode !== 'merge',
    lang,
  };

  let entry: UndoEntry;
  let plan: WritePlan;
  let work: ReturnType<typeof planWrite>['work'];
  if (!resumed) {
    let text: string;
    try {
      checkCdmSheetsEditable(lang);
      const planned = planWrite(input);
      plan = planned.plan;
      work = planned.work;
      text = JSON.stringify(plan);
      const lines = new Set(changes.filter((c) => AUDITED.has(c.kind)).map((c) => c.row)).size + 3;
      checkBudget(cellsForWrite({ maxRows: sheet.getMaxRows(), maxColumns: sheet.getMaxColumns() }, plan, work.widthAfter, lines, input.removed.length, text.length * 1.3), lang);
    } catch (e) {
      // Refused before writing: nothing of this run stays behind (its remembered read included).
      if (e instanceof UserError && started) forgetRun(meta.runId);
      throw e;
    }
    entry = {
      runId: meta.runId,
      sheetId: meta.sheetId,
      sheetName: sheet.getName(),
      mode: meta.options.mode,
      startedAt: meta.startedAt,
      finishedAt: null,
      status: 'planned',
      counts: plan.counts,
      parts: { ...(started?.parts ?? {}), plan: savePart(meta.runId, 'plan', text, !!started?.parts.plan) },
      done: [],
      appended: {},
    };
    text = ''; // saved: megabytes at 100k rows, not needed for the rest of the write
    saveEntry(entry);
    // The run is now writing: a failure from here on says the sheet may be partly updated.
    meta.backup = { sheet: CDM_SHEET_NAMES.undo, cdmSheets: {}, appended: {} };
    saveRunMeta(meta);
  } else {
    entry = resumed;
    plan = storedPlan(entry, lang);
    work = planWrite(input, plan).work;
  }

  applyWrite(sheet, plan, work);
  const wroteCells = !!(work.block || work.layers || work.deleteCount);
  // Written: the block of values (the largest thing the write holds at 100k rows) goes before
  // the sheet is read back.
  work.block = null;
  const written: WriteResult = resultOf(plan, work);

  if (!entry.parts.post) {
    const post = wroteCells ? postOf(sheet, plan) : { hashes: plan.pre, neu: plan.cells.neu };
    entry.parts.post = savePart(meta.runId, 'post', JSON.stringify(post));
    entry.status = 'written';
    saveEntry(entry);
  }

  const keptCells = new Set(plan.kept.map(([r, c]) => `${r}:${c}`));
  const step = (name: string, fn: () => void) => {
    if (entry.done.includes(name)) return;
    fn();
    entry.done.push(name);
    saveEntry(entry);
  };
  step('audit', () => {
    const byRow = auditByRow(changes, written.sheetRowOf, keptCells, written.columnOf);
    const c = plan.counts;
    const lines = [
      auditNote(meta.runId, now, sheet.getName(), '', t('auditRunLine', { rows: byRow.size, cleaned: c.cleaned, filled: c.filled, merged: c.merged, columns: c.columnsAdded })),
      ...auditLines(meta.runId, now, sheet.getName(), byRow, lang),
    ];
    if (plan.kept.length) lines.push(auditNote(meta.runId, now, sheet.getName(), '', t('auditKeptDuringRun', { count: plan.kept.length, cells: written.kept.slice(0, 20).join(', ') })));
    const already = resumed ? appendedBefore('audit', meta.runId, lines.length) : null;
    const a = already ?? appendAudit(lines, lang);
    entry.appended.audit = [a.first, a.count];
  });
  if (plan.removed.length > 0) {
    step('removed', () => {
      const header = [t('removedRun'), t('removedAt'), t('removedInto'), t('removedWas'), ...plan.header.slice(0, plan.removed[0].cells.length)];
      const rows = plan.removed.map((r) => {
        const cells = r.cells.map((e) => {
          const [v, f] = decode(e);
          return f ? f : v;
        });
        return [meta.runId, now, written.sheetRowOf.get(r.into) ?? '', r.o + 2, ...cells] as Cell[];
      });
      const a = (resumed ? appendedBefore('removed', meta.runId, rows.length) : null) ?? appendBlock('removed', header, rows);
      entry.appended.removed = [a.first, a.count];
    });
  }
  let reviewCount = 0;
  step('review', () => {
    reviewCount = writeReviewSheet(freshCdmSheet('review', meta.runId), state, written.sheetRowOf, loadDecisions());
  });
  if (entry.done.includes('review') && reviewCount === 0) reviewCount = state.reports.dedupe?.reviewPairs ?? 0;
  const analysis = state.reports.analyze;
  if (analysis) {
    step('analysis', () => {
      writeAnalysisSheet(freshCdmSheet('analysis', meta.runId), analysis, state.table, sheet.getName());
      if (analysis.model) saveModel(analysis.model);
    });
  }

  // Creating the CDM sheets activated them; the user stays on their customers.
  SpreadsheetApp.getActiveSpreadsheet().setActiveSheet(sheet);
  const finishedAt = now.toISOString();
  const summary = withLinks(summarise(state, meta.runId, finishedAt, lang), meta, sheet.getName(), written, reviewCount, !!analysis, lang, {
    state,
    changes,
    audit: entry.appended.audit ?? null,
    removed: entry.appended.removed ?? null,
  });
  entry.status = 'done';
  entry.finishedAt = finishedAt;
  entry.summary = summary;
  saveEntry(entry);
  const gone = pruneRuns(meta.runId);
  if (gone.length || markedSheets().some((m) => m.role === 'backup')) pruneBackups(new Set(undoableRuns().map((e) => e.runId)));
  saveLastRun({
    runId: meta.runId,
    sheetId: meta.sheetId,
    sheetName: sheet.getName(),
    mode: meta.options.mode,
    rowsRead: meta.rowsRead,
    rowsWritten: written.rowsWritten,
    widthBefore: meta.width,
    widthAfter: written.widthAfter,
    maxColumnsBefore: plan.maxColumnsBefore,
    finishedAt,
    backup: { sheet: CDM_SHEET_NAMES.undo, cdmSheets: {}, appended: entry.appended },
    summary,
  });
  saveSettings({ mode: meta.options.mode, region: meta.options.region, inPlace: meta.options.inPlace, k: meta.options.k, sheetId: meta.sheetId });
  return summary;
}

/**
 * A resumed write: the rows an earlier attempt of this run already appended to CDM's sheet for
 * `role` (killed after the append, before it was recorded), found by the run id in column A —
 * or null when there are none (the append is done now). An incomplete block cannot be left (one
 * setValues), but rows of this run that are not exactly the block are removed and written again.
 */
function appendedBefore(role: 'audit' | 'removed', runId: string, count: number): { first: number; count: number } | null {
  const target = cdmSheet(role);
  if (!target || target.getLastRow() < 2) return null;
  const ids = target.getRange(1, 1, target.getLastRow(), 1).getValues().map((r) => String(r[0]));
  const rows = ids.map((id, i) => (id === runId ? i + 1 : 0)).filter((r) => r > 0);
  if (rows.length === 0) return null;
  if (rows.length === count && rows[count - 1] - rows[0] === count - 1) {
    // The sheet was new to that attempt (header, then this block): its header row froze after.
    if (rows[0] === 2 && target.getFrozenRows() !== 1) target.setFrozenRows(1);
    return { first: rows[0], count };
  }
  for (let i = rows.length - 1; i >= 0; ) {
    let j = i;
    while (j > 0 && rows[j - 1] === rows[j] - 1) j--;
    target.deleteRows(rows[j], rows[i] - rows[j] + 1);
    i = j - 1;
  }
  return null;
}

/** After the write: how every data row reads now, and what each changed cell holds (Undo compares with these). */
/** Rows per read when the written sheet is read back (each read: its values and its formulas). */
const POST_BLOCK_ROWS = 20000;

function postOf(sheet: GoogleAppsScript.Spreadsheet.Sheet, plan: WritePlan): { hashes: string; neu: string[] } {
  const lastRow = Math.max(1, sheet.getLastRow());
  const lastColumn = Math.max(1, sheet.getLastColumn());
  const rs = plan.cells.r;
  const cs = plan.cells.c;
  const neu = plan.cells.neu.slice();
  // The planned cells in sheet-row order, so each block finds its own without scanning them all.
  const order = Array.from(rs.keys()).sort((a, b) => rs[a] - rs[b]);
  let next = 0;
  const hashes: string[] = [];
  let columns: number[] = [];
  // Read in blocks of rows (a few batched reads), not the whole written sheet at once: at 100k
  // rows its values and formulas together are the largest thing the final write would hold.
  for (let top = 1; top <= lastRow; top += POST_BLOCK_ROWS) {
    const height = Math.min(POST_BLOCK_ROWS, lastRow - top + 1);
    const range = sheet.getRange(top, 1, height, lastColumn);
    const values = range.getValues() as Cell[][];
    const formulas = range.getFormulas();
    if (top === 1) {
      const header = values[0].map((h) => String(h).trim());
      columns = plan.idColumns.map((h) => header.indexOf(h));
    }
    for (const h of rowHashes(values, formulas, columns, top === 1 ? 1 : 0, height - 1)) hashes.push(h);
    const bottom = top + height - 1;
    while (next < order.length && rs[order[next]] <= bottom) {
      const k = order[next++];
      const r = rs[k];
      const c = cs[k];
      if (r >= top && c <= lastColumn) neu[k] = canonical(values[r - top][c - 1], formulas[r - top][c - 1]);
    }
  }
  return { hashes: packHashes(hashes), neu };
}

/**
 * The summary with its links (src/gas/links.ts, sidebar engineer: each figure selects exactly
 * its cells) and the write's own messages (cells kept because the user changed them meanwhile).
 */
function withLinks(
  base: RunSummary,
  meta: RunMeta,
  sheetName: string,
  written: WriteResult,
  reviewCount: number,
  analysed: boolean,
  lang: Lang,
  run: { state: PipelineState; changes: Iterable<Change>; audit: [number, number] | null; removed: [number, number] | null },
): RunSummary {
  const t = undoText(lang);
  const name = (role: CdmRole) => cdmSheet(role)?.getName() ?? CDM_SHEET_NAMES[role];
  const messages: string[] = [];
  if (meta.formulaCount > 0) messages.push(MSG.formulasLeftAlone(meta.formulaCount));
  if (written.kept.length) {
    const cells = written.kept.slice(0, 10).join(', ') + (written.kept.length > 10 ? ', …' : '');
    messages.push(written.kept.length === 1 ? t('writeKeptOne', { cells }) : t('writeKeptMany', { count: written.kept.length, cells }));
  }
  if (written.rowsGone) messages.push(t('writeRowsGone', { count: written.rowsGone }));
  if (written.columnsGone.length) messages.push(t('writeColumnsGone', { columns: written.columnsGone.join(', ') }));
  return withRunLinks(
    base,
    {
      sheetName,
      rows: written.rowsWritten,
      width: written.widthAfter,
      columnOf: written.columnOf,
      sheetRowOf: written.sheetRowOf,
      state: run.state,
      changes: run.changes,
      sheets: { audit: name('audit'), removed: name('removed'), review: name('review'), analysis: name('analysis') },
      audit: run.audit,
      removed: run.removed,
      reviewCount,
      analysed,
      lang,
    },
    messages,
  );
}

export { checksum };
