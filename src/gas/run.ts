/**
 * A run in steps with checkpoints (issue 5 §3). startRun validates and reads the sheet, then
 * runs as many pipeline steps as fit in the time budget; what is left is checkpointed in the
 * hidden `CDM State` sheet and continued by continueRun (the sidebar) or, if the sidebar has
 * gone away, by a time-based trigger. The final step backs up, then writes everything; a
 * repeated final write (after a crash) reuses the backup and skips logs already appended.
 */
import {
  deserialiseState,
  initialState,
  planSteps,
  serialiseState,
  summarise,
  type PipelineOptions,
  type PipelineState,
} from '../core/pipeline';
import { CDM_COLUMNS, type Cell, type Change } from '../core/table';
import type { LinkTarget, RunOptions, RunProgress, RunSummary } from '../rpc';
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
  activeRun,
  clearCheckpoint,
  loadChosenSheetId,
  loadCheckpoint,
  loadDecisions,
  loadModel,
  loadProgress,
  loadRunMeta,
  saveCheckpoint,
  saveChosenSheetId,
  saveLastRun,
  saveModel,
  saveProgress,
  saveRunMeta,
  saveSettings,
  withDocumentLock,
  type BackupRecord,
  type RunMeta,
  STATE_SHEET,
} from './run-state';
import {
  MAX_SPREADSHEET_CELLS,
  a1,
  checkRoom,
  checkSheet,
  checkValues,
  findCustomerSheet,
  fingerprint,
  headerOf,
  readSheet,
  sheetById,
  cdmSheetCells,
  spreadsheetCells,
  toTable,
  type SheetRead,
} from './sheet-io';
import { writeCustomerSheet } from './write-back';

/** 4.5 of Apps Script's 6 minutes; the rest is headroom for the checkpoint itself. */
export const DEFAULT_BUDGET_MS = 270000;
export const TRIGGER_FUNCTION = 'continueRunFromTrigger';
export const TRIGGER_DELAY_MS = 60000;
/**
 * Changes to the customer's data are audited one row each. The values of CDM's own result
 * columns (duplicate groups, segments, predictions…) are recomputed by every run and shown in
 * the sheet; logging each of them would add a row per customer per column (millions of cells
 * at 50k rows) and say nothing the columns don't.
 */
const AUDITED = new Set<Change['kind']>(['normalise', 'impute', 'merge', 'flag']);

/** Executions that may start the same step before the run gives up (each killed at 6 min). */
export const MAX_ATTEMPTS = 3;
/** Script property that shortens the budget (tests and very slow sheets). */
export const BUDGET_PROPERTY = 'CDM_TIME_BUDGET_MS';
const REWRITTEN_SHEETS = [REVIEW_SHEET, ANALYSIS_SHEET];
/** The CDM sheets a run with these options writes (the checkpoint sheet included). */
const cdmSheetsOf = (o: RunOptions): string[] =>
  [AUDIT_SHEET, ...REWRITTEN_SHEETS, STATE_SHEET, ...(o.mode === 'merge' ? [REMOVED_SHEET] : [])];

export const DEFAULT_OPTIONS: RunOptions = { mode: 'flag', region: 'US', inPlace: true, k: 'auto' };

function budgetMs(): number {
  const v = Number(PropertiesService.getScriptProperties().getProperty(BUDGET_PROPERTY));
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_BUDGET_MS;
}

function newRunId(now: number): string {
  const d = new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${d}-${Math.floor(Math.random() * 46656).toString(36).padStart(3, '0')}`;
}

function pipelineOptions(meta: RunMeta): PipelineOptions {
  const o = meta.options;
  return {
    mode: o.mode,
    region: o.region,
    inPlace: o.inPlace,
    roles: o.roles,
    target: o.target || undefined,
    k: o.k,
    steps: o.steps,
    decisions: loadDecisions(),
    asOf: new Date(meta.startedAt),
    previousModel: loadModel() ?? undefined,
    seed: 1,
  };
}

function progressOf(meta: RunMeta, label: string, extra: Partial<RunProgress> = {}): RunProgress {
  const stepCount = meta.stepNames.length + 1;
  return {
    runId: meta.runId,
    step: label,
    stepIndex: Math.min(meta.stepsDone, stepCount - 1),
    stepCount,
    fraction: Math.min(1, meta.stepsDone / stepCount),
    done: false,
    ...extra,
  };
}

function record(meta: RunMeta, label: string, extra: Partial<RunProgress> = {}): RunProgress {
  meta.updatedAt = new Date().toISOString();
  saveRunMeta(meta);
  const p = progressOf(meta, label, extra);
  saveProgress(p);
  return p;
}

// --- triggers ------------------------------------------------------------------------------

function runTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === TRIGGER_FUNCTION);
}

function ensureTrigger(): void {
  if (runTriggers().length === 0) ScriptApp.newTrigger(TRIGGER_FUNCTION).timeBased().after(TRIGGER_DELAY_MS).create();
}

function deleteTriggers(): void {
  for (const t of runTriggers()) ScriptApp.deleteTrigger(t);
}

// --- start / continue ----------------------------------------------------------------------------

function cleanOptions(options: Partial<RunOptions> | undefined): RunOptions {
  const o = { ...DEFAULT_OPTIONS, ...(options ?? {}) };
  const mode = o.mode === 'merge' ? 'merge' : 'flag';
  const k = o.k === 'auto' || o.k === undefined ? 'auto' : Math.max(2, Math.min(10, Math.round(Number(o.k)) || 2));
  return { ...o, mode, k, inPlace: o.inPlace !== false, region: String(o.region || 'US').toUpperCase() };
}

export function startRun(options: RunOptions): RunProgress {
  return withDocumentLock(() => {
    const startedAt = Date.now();
    if (activeRun(startedAt)) throw new UserError(MSG.busy);
    const opts = cleanOptions(options);
    const sheet = findCustomerSheet(opts.sheet, loadChosenSheetId());
    const read = readSheet(sheet);
    checkValues(read);
    checkSheet(read);
    checkRoom(read, opts.inPlace, CDM_COLUMNS.length, cdmSheetCells(cdmSheetsOf(opts), REWRITTEN_SHEETS));
    saveChosenSheetId(read.sheetId);
    const meta: RunMeta = {
      runId: newRunId(startedAt),
      sheetId: read.sheetId,
      sheetName: read.name,
      options: opts,
      rowsRead: read.rows,
      width: read.width,
      fingerprint: fingerprint(read.values, read.formulas, read.rows, read.width),
      formulaCount: read.formulaCount,
      startedAt: new Date(startedAt).toISOString(),
      updatedAt: new Date(startedAt).toISOString(),
      phase: 'steps',
      stepNames: [],
      stepsDone: 0,
    };
    const popts = pipelineOptions(meta);
    meta.stepNames = planSteps(popts).map((s) => s.name);
    return guarded(meta, () => advance(meta, initialState(toTable(read), popts), read, startedAt));
  });
}

export function continueRun(runId: string): RunProgress {
  return withDocumentLock(() => {
    const started = Date.now();
    const meta = loadRunMeta();
    if (!meta || meta.runId !== runId || meta.phase === 'done' || meta.phase === 'failed') {
      const p = loadProgress();
      if (p && p.runId === runId) return p;
      throw new UserError(MSG.runNotFound);
    }
    return guarded(meta, () => {
      const text = loadCheckpoint(meta.runId);
      if (text !== null) return advance(meta, deserialiseState(text), null, started);
      // Killed before its first checkpoint (Apps Script's time limit): start over from the
      // rows read, as long as nobody has changed them since.
      if (meta.backup) throw new UserError(MSG.failedWhileWriting('it was stopped by the time limit while writing', meta.backup.sheet));
      if (meta.stepsDone > 0) throw new UserError(MSG.runNotFound);
      const read = rereadFor(meta);
      return advance(meta, initialState(toTable(read), pipelineOptions(meta)), read, started);
    });
  });
}

/** The time-based trigger's handler: continues the run the sidebar left behind. */
export function continueRunFromTrigger(): void {
  deleteTriggers();
  const meta = loadRunMeta();
  if (!meta || meta.phase === 'done' || meta.phase === 'failed') return;
  try {
    continueRun(meta.runId);
  } catch (e) {
    // The sidebar (or a form submission) holds the lock: try again a minute later.
    if (e instanceof UserError && e.message === MSG.busy) ensureTrigger();
    else throw e;
  }
}

export function getProgress(): RunProgress | null {
  return loadProgress();
}

/** A failure ends the run with a plain message; nothing half-written stays behind. */
function guarded(meta: RunMeta, fn: () => RunProgress): RunProgress {
  try {
    return fn();
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const message = e instanceof UserError ? e.message : meta.backup ? MSG.failedWhileWriting(detail, meta.backup.sheet) : MSG.failed(detail);
    meta.phase = 'failed';
    record(meta, 'failed', { error: message, done: true });
    clearCheckpoint();
    deleteTriggers();
    throw e instanceof UserError ? e : new UserError(message);
  }
}

function advance(meta: RunMeta, start: PipelineState, read: SheetRead | null, execStart: number): RunProgress {
  const popts = pipelineOptions(meta);
  const steps = planSteps(popts);
  const budget = budgetMs();
  let state = start;
  let longest = 0;
  let ranHere = 0;
  const overBudget = () => ranHere > 0 && Date.now() - execStart + longest * 1.2 > budget;
  // Armed before any work: if Apps Script kills this execution mid-step, the trigger resumes
  // from the last checkpoint (and the step is retried, a bounded number of times).
  ensureTrigger();
  while (meta.stepsDone < steps.length) {
    if (overBudget()) return checkpoint(meta, state, steps[meta.stepsDone].label);
    const step = steps[meta.stepsDone];
    meta.attempts = (meta.attempts ?? 0) + 1;
    if (meta.attempts > MAX_ATTEMPTS) throw new UserError(MSG.tooSlow(step.label));
    record(meta, step.label);
    const t0 = Date.now();
    state = step.run(state, popts);
    longest = Math.max(longest, Date.now() - t0);
    meta.stepsDone++;
    meta.attempts = 0;
    ranHere++;
  }
  if (overBudget()) return checkpoint(meta, state, 'Writing results');
  return finish(meta, state, read);
}

function checkpoint(meta: RunMeta, state: PipelineState, nextLabel: string): RunProgress {
  saveCheckpoint(meta.runId, serialiseState(state));
  const p = record(meta, nextLabel);
  ensureTrigger();
  return p;
}

// --- the final write -------------------------------------------------------------------------

/** The rows and columns this run read, as they are now; refuses if they were edited since. */
function rereadFor(meta: RunMeta): SheetRead {
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

function finish(meta: RunMeta, state: PipelineState, readNow: SheetRead | null): RunProgress {
  record(meta, 'Writing results');
  const read = readNow ?? rereadFor(meta);
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
  saveSettings({ mode: meta.options.mode, region: meta.options.region, sheetId: meta.sheetId });
  meta.phase = 'done';
  meta.stepsDone = meta.stepNames.length + 1;
  const p = record(meta, 'Done', { done: true, fraction: 1, summary });
  clearCheckpoint();
  deleteTriggers();
  return p;
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
