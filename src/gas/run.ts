/**
 * A run as a state machine over Apps Script executions (docs/architecture.md, "One run"):
 *
 *   steps ──▶ (preview ──confirm──▶) write ──▶ done        cancel from any phase ──▶ cancelled
 *                                                          an error ──▶ failed (plain message)
 *
 * startRun reads the sheet and runs as many pipeline steps as fit in the time budget; what is
 * left is checkpointed (src/core/checkpoint.ts: the state relative to the rows read, compact)
 * in the hidden `CDM State` sheet, with the rows read themselves saved once beside it. The
 * sidebar drives the run (continueRun after each execution); when it is closed, the hourly
 * trigger (scheduler.ts) carries on. The user may go on working meanwhile: continuations work
 * from the saved rows, and the final write leaves alone (and reports) any cell changed since
 * the run read it. Before its final write a run writes nothing outside `CDM State`. A run never
 * starts by itself: an unfinished run found by startRun is offered back (Resume / Cancel).
 * With RunOptions.preview the run stops after its steps with counts and examples
 * (RunProgress.preview) until confirmRun writes it with the user's choices or cancelRun drops
 * it. The final write (final-write.ts) is given the state checkpointed just before it, so an
 * execution killed mid-write is resumed with the same state.
 */
import { decodeState, encodeState } from '../core/checkpoint';
import { initialState, planSteps, type PipelineOptions, type PipelineState, type PipelineStep } from '../core/pipeline';
import { applyChoices, buildPreview, modeForChoice } from '../core/preview';
import { CDM_COLUMNS, type Change, type Table } from '../core/table';
import { ChangeLog, asChangeLog } from '../core/changes';
import { DEFAULT_SETTINGS, SettingError, resolveSettings } from '../core/settings';
import { langFor, type Lang } from '../i18n/index';
import { runText, type RunTextKey } from '../i18n/run';
import { SIDEBAR_SETTING_LABELS } from '../i18n/settings';
import type { RunChoices, RunOptions, RunProgress } from '../rpc';
import { loadRoleFixes, saveRoleFixes } from './role-fixes';
import { MSG, UserError } from './messages';
import { readTransactions } from './transactions';
import {
  CELL_CHUNK,
  cancelRequested,
  clearCancelRequest,
  clearCheckpoint,
  isFinished,
  loadChosenSheetId,
  loadCheckpoints,
  loadDecisions,
  loadModel,
  loadProgress,
  loadRunMeta,
  requestCancel,
  loadSettings,
  saveCheckpoint,
  saveChosenSheetId,
  saveProgress,
  saveRunMeta,
  unfinishedRun,
  withDocumentLock,
  type RunMeta,
} from './run-state';
import { checkRoom, checkSheet, checkValues, findCustomerSheet, fingerprint, readSheet, cdmSheetCells, sheetById, toTable, type SheetRead } from './sheet-io';
import { REWRITTEN_SHEETS, cdmSheetsOf, readRecord, rememberRead, restoreRead, writeRunResults } from './final-write';
import { clearTimer, ensureTimer } from './scheduler';
import { rollBackRunLocked } from './backup';
import { spreadsheetDates } from './dates';
import { processWaitingResponsesLocked, responsesWaiting } from './form-submit';

/** 4.5 of Apps Script's 6 minutes; the rest is headroom for the checkpoint itself. */
export const DEFAULT_BUDGET_MS = 270000;
/** Executions that may start the same step before the run gives up (each killed at 6 min). */
export const MAX_ATTEMPTS = 3;
/** Script property that shortens the budget (tests, the bench's one step per execution). */
export const BUDGET_PROPERTY = 'CDM_TIME_BUDGET_MS';

export const DEFAULT_OPTIONS: RunOptions = { ...DEFAULT_SETTINGS };

const LABELS: Record<string, string> = { preview: 'Waiting for your confirmation', write: 'Writing results', done: 'Done', failed: 'Stopped', cancelled: 'Cancelled' };

function budgetMs(): number {
  const v = Number(PropertiesService.getScriptProperties().getProperty(BUDGET_PROPERTY));
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_BUDGET_MS;
}

function lang(): Lang {
  return langFor(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
}

const say = (key: RunTextKey, params?: Record<string, string | number>): string => runText(lang())(key, params);

function newRunId(now: number): string {
  const d = new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${d}-${Math.floor(Math.random() * 46656).toString(36).padStart(3, '0')}`;
}

/** The spreadsheet's locale: how numbers typed as text read (decimal point) — values engineer. */
function spreadsheetLocale(): string | undefined {
  try {
    return SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale() || undefined;
  } catch {
    return undefined;
  }
}

function pipelineOptions(meta: RunMeta): PipelineOptions {
  const o = meta.options;
  // realworld: the orders sheet the user chose, or one found by itself (transactions.ts).
  const orders = readTransactions(o.transactionsSheet, spreadsheetLocale(), meta.sheetId);
  return {
    mode: o.mode,
    region: o.region,
    locale: spreadsheetLocale(),
    inPlace: o.inPlace,
    // The user's remembered role fixes for this sheet, under the roles chosen for this run.
    roles: { ...loadRoleFixes(meta.sheetId), ...(o.roles ?? {}) },
    rememberedRoles: loadRoleFixes(meta.sheetId),
    target: o.target || undefined,
    k: o.k,
    steps: o.steps,
    decisions: loadDecisions(),
    // "Today" for recency and churn: the day the run started, in the spreadsheet's zone.
    asOf: spreadsheetDates().today(Date.parse(meta.startedAt)),
    previousModel: loadModel() ?? undefined,
    seed: 1,
    // analysis (small edit): labels in the spreadsheet's language; order lines from a second sheet.
    lang: langFor(spreadsheetLocale()),
    transactions: orders?.table,
    transactionsFrom: orders ? { name: orders.name, auto: orders.auto } : undefined,
  };
}

// --- progress ------------------------------------------------------------------------------

function stepKey(meta: RunMeta): string {
  if (meta.phase !== 'steps') return meta.phase;
  return meta.stepNames[meta.stepsDone] ?? 'write';
}

function progressOf(meta: RunMeta, extra: Partial<RunProgress> = {}): RunProgress {
  const stepCount = meta.stepNames.length + 1;
  const done = isFinished(meta.phase);
  const key = stepKey(meta);
  const stepsDone = meta.phase === 'write' || meta.phase === 'preview' ? meta.stepNames.length : meta.stepsDone;
  return {
    runId: meta.runId,
    step: LABELS[key] ?? planLabel(key),
    stepKey: key,
    stepIndex: Math.min(stepsDone, stepCount - 1),
    stepCount,
    fraction: meta.phase === 'done' ? 1 : Math.min(1, stepsDone / stepCount),
    done,
    phase: meta.phase,
    sheetName: meta.sheetName,
    startedAt: meta.startedAt,
    updatedAt: meta.updatedAt,
    background: meta.background !== false,
    ...(meta.note ? { note: meta.note } : {}),
    ...extra,
  };
}

const planLabel = (name: string): string => planSteps({ steps: [name as never] })[0]?.label ?? name;

/** Saves the run and its progress (properties for good, the cache for the sidebar's polling). */
function record(meta: RunMeta, extra: Partial<RunProgress> = {}): RunProgress {
  meta.updatedAt = new Date().toISOString();
  saveRunMeta(meta);
  const p = progressOf(meta, extra);
  saveProgress(p);
  return p;
}

// --- entry points ------------------------------------------------------------------------------

/** The sidebar's options, each setting decided by core/settings.ts (given → saved → locale → default); a value it cannot use is refused in plain words. */
function cleanOptions(options: Partial<RunOptions> | undefined): RunOptions {
  const given = options ?? {};
  const locale = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale();
  const lang = langFor(locale);
  try {
    const settings = resolveSettings({ given, saved: loadSettings(), locale }, { labels: SIDEBAR_SETTING_LABELS[lang], lang });
    return { ...given, ...settings, preview: given.preview === true };
  } catch (e) {
    if (e instanceof SettingError) throw new UserError(e.message);
    throw e;
  }
}

/**
 * Starts a run — unless one is unfinished: then that run's progress comes back with
 * `existing: true` (the sidebar offers Resume / Cancel), and nothing else happens.
 */
export function startRun(options: RunOptions): RunProgress {
  return withDocumentLock(() => {
    const existing = unfinishedRun();
    if (existing) return progressOf(existing, { existing: true });
    const startedAt = Date.now();
    // Form responses that had to wait go into the sheet first, so this run sees them.
    addWaitingResponses();
    const opts = cleanOptions(options);
    const sheet = findCustomerSheet(opts.sheet, loadChosenSheetId());
    const read = readSheet(sheet);
    checkValues(read);
    checkSheet(read);
    checkRoom(read, opts.inPlace, CDM_COLUMNS.length, cdmSheetCells(cdmSheetsOf(opts), REWRITTEN_SHEETS));
    saveChosenSheetId(read.sheetId);
    // Roles the user chose for this run are remembered for the sheet (role-fixes.ts).
    saveRoleFixes(read.sheetId, opts.roles);
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
    // The fallback for a closed sidebar; refused in a test deployment (the sidebar stays the driver).
    meta.background = ensureTimer();
    // How each row read looked, so the final write can follow rows the user moves meanwhile.
    rememberRead(meta, read);
    const base = toTable(read);
    return guarded(meta, () => advance(meta, initialState(base, popts), base, read, startedAt));
  });
}

/** Continues (resumes) a run from its checkpoint. */
export function continueRun(runId: string): RunProgress {
  try {
    return withDocumentLock(() => {
      const meta = runOf(runId);
      if (isFinished(meta.phase) || meta.phase === 'preview') return loadProgress() ?? progressOf(meta);
      return guarded(meta, () => resume(meta, Date.now()));
    });
  } catch (e) {
    if (!(e instanceof UserError) || e.message !== MSG.busy) throw e;
    // Another execution (a second window, the hourly trigger, a form response) holds the run:
    // its progress, marked busy, so the caller follows it instead of showing an error.
    const meta = runOf(runId);
    const saved = loadProgress();
    return { ...(saved && saved.runId === meta.runId ? saved : progressOf(meta)), busy: true };
  }
}

/** After a preview: writes the run with the user's choices (or runs the steps again in the mode they need). */
export function confirmRun(runId: string, choices: RunChoices): RunProgress {
  return withDocumentLock(() => {
    const meta = runOf(runId);
    if (meta.phase !== 'preview') {
      if (meta.phase === 'done') throw new UserError(say('alreadyDone'));
      throw new UserError(say('notInPreview'));
    }
    const started = Date.now();
    meta.choices = cleanChoices(choices);
    const mode = modeForChoice(meta.options.mode, meta.choices);
    if (mode) {
      // Merging (or un-merging) changes every later step: the steps run again in that mode.
      meta.options = { ...meta.options, mode };
      meta.phase = 'steps';
      meta.stepsDone = 0;
      meta.note = say('rerunForChoice', { mode: say(mode === 'merge' ? 'mode_merge' : 'mode_flag') });
      clearCheckpoint();
    } else {
      meta.phase = 'write';
    }
    return guarded(meta, () => resume(meta, started));
  });
}

/**
 * Drops a run at any phase. Before the final write nothing of the user's was touched: the
 * checkpoint goes and that is all. A run cut short while writing is rolled back first.
 */
export function cancelRun(runId: string): RunProgress {
  try {
    return withDocumentLock(() => {
      const meta = runOf(runId);
      if (meta.phase === 'done') throw new UserError(say('alreadyDone'));
      if (isFinished(meta.phase)) return loadProgress() ?? progressOf(meta);
      if (meta.phase === 'write' && meta.backup) rollBack(meta);
      return cancelled(meta);
    });
  } catch (e) {
    if (!(e instanceof UserError) || e.message !== MSG.busy) throw e;
    // An execution is working on it: it stops at the end of its current step.
    const meta = runOf(runId);
    requestCancel(meta.runId);
    return progressOf(meta, { note: say('cancelRequested') });
  }
}

/** Ends the run as cancelled: its checkpoint goes; nothing of the user's was touched. */
function cancelled(meta: RunMeta): RunProgress {
  clearCheckpoint();
  clearCancelRequest();
  meta.phase = 'cancelled';
  meta.note = say('cancelledNote');
  const p = record(meta, { done: true });
  afterRun();
  return p;
}

/** The hourly trigger: carries an unfinished run on by one execution. Returns whether it is still unfinished. */
export function continueRunInBackground(): boolean {
  const meta = unfinishedRun();
  if (!meta) return false;
  if (meta.phase === 'preview') return false; // waits for the user; the trigger has nothing to do
  try {
    const p = continueRun(meta.runId);
    return !p.done; // also when busy: the next firing tries again
  } catch (e) {
    // The sidebar (or a form submission) holds the lock: the next firing tries again.
    if (e instanceof UserError && e.message === MSG.busy) return true;
    throw e;
  }
}

export function getProgress(): RunProgress | null {
  return loadProgress();
}

/** The unfinished run's progress for a sidebar that opens (its card), or null. */
export function unfinishedProgress(): RunProgress | null {
  const meta = unfinishedRun();
  if (!meta) return null;
  const saved = loadProgress();
  return saved && saved.runId === meta.runId ? { ...saved, done: false } : progressOf(meta);
}

function runOf(runId: string): RunMeta {
  const meta = loadRunMeta();
  if (!meta || meta.runId !== String(runId)) throw new UserError(say('notFound'));
  return meta;
}

function cleanChoices(c: Partial<RunChoices> | undefined): RunChoices {
  const duplicates = c?.duplicates === 'merge' || c?.duplicates === 'skip' ? c.duplicates : 'flag';
  const columns = Array.isArray(c?.columns) ? c.columns.map(String).filter((h) => (CDM_COLUMNS as readonly string[]).includes(h)) : undefined;
  return { duplicates, cleaned: c?.cleaned !== false, filled: c?.filled !== false, ...(columns ? { columns } : {}) };
}

/** A failure ends the run with a plain message; nothing half-written stays behind. */
function guarded(meta: RunMeta, fn: () => RunProgress): RunProgress {
  try {
    return fn();
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const message = e instanceof UserError ? e.message : meta.backup ? MSG.failedWhileWriting(detail, meta.backup.sheet) : MSG.failed(detail);
    meta.phase = 'failed';
    record(meta, { error: message, done: true });
    clearCheckpoint();
    afterRun();
    throw e instanceof UserError ? e : new UserError(message);
  }
}

// --- the machine -------------------------------------------------------------------------------

/**
 * Loads what the run needs for its next execution and goes on: the rows it read (saved with its
 * first checkpoint, so neither the user's edits meanwhile nor a write cut short change them) and
 * the state relative to them. The customer sheet is read again only when the run must start its
 * steps over (it was killed before its first checkpoint, or the checkpoint was lost).
 */
function resume(meta: RunMeta, execStart: number): RunProgress {
  const popts = pipelineOptions(meta);
  // The texts are let go as soon as they are decoded: at 100k rows they are megabytes.
  let texts: { base: string | null; state: string | null } | null = loadCheckpoints(meta.runId);
  let base = texts.base === null ? null : decodeBase(meta, texts.base);
  const saved = base && texts.state !== null ? decodeSaved(texts.state, base) : null;
  if (base && texts.base !== null) meta.baseRows = 1 + Math.ceil(texts.base.length / CELL_CHUNK);
  texts = null;
  if (base && saved) {
    meta.baseSaved = true;
    // Cut short while writing: the write starts again from the state saved just before it (the
    // final write finishes what it had begun without doing anything twice).
    if (meta.phase === 'write') {
      // The write needs only the state: the rows read go now (tens of megabytes at 100k rows).
      base = null;
      return finish(meta, saved, null, null, execStart, true);
    }
    return advance(meta, saved, base, null, execStart);
  }
  if (meta.phase === 'write' && meta.backup) throw new UserError(MSG.failedWhileWriting('it was stopped by the time limit while writing', meta.backup.sheet));
  // No checkpoint (killed before its first one) or one cut short: the steps start again from
  // the sheet as it is now. Nothing had been written.
  const sheet = sheetById(meta.sheetId);
  if (!sheet) throw new UserError(MSG.sheetChanged(meta.sheetName));
  const read = readSheet(sheet);
  checkValues(read);
  meta.rowsRead = read.rows;
  meta.width = read.width;
  meta.fingerprint = fingerprint(read.values, read.formulas, read.rows, read.width);
  meta.formulaCount = read.formulaCount;
  meta.baseSaved = false;
  if (meta.stepsDone > 0 || meta.phase !== 'steps') meta.note = say('restartedNote');
  meta.phase = 'steps';
  rememberRead(meta, read);
  const fresh = toTable(read);
  return advance(meta, initialState(fresh, popts), fresh, read, execStart);
}

/**
 * The 'base' slot: the final write's record of the rows read (final-write.ts readRecord: how
 * each row looked, to find it again), one line, then the rows read as a state of their own
 * (every cell explicit). null when unreadable.
 */
function decodeBase(meta: RunMeta, text: string): Table | null {
  try {
    const line = text.indexOf('\n');
    if (line < 0 || !restoreRead(meta, text.slice(0, line))) return null;
    return decodeState(text.slice(line + 1), { header: [], rows: [] }).table;
  } catch (e) {
    console.warn(`CDM could not read the rows its run read: ${String(e)}`);
    return null;
  }
}

function encodeBase(meta: RunMeta, base: Table): string {
  const rows = encodeState({ table: base, rowOrigin: base.rows.map((_, i) => i), roles: {}, roleDetails: [], changes: new ChangeLog(), reports: {}, done: [], timingMs: {} }, { header: [], rows: [] });
  return `${readRecord(meta) ?? 'null'}\n${rows}`;
}

function decodeSaved(text: string, base: Table): PipelineState | null {
  try {
    return decodeState(text, base);
  } catch (e) {
    console.warn(`CDM could not read its checkpoint: ${String(e)}`);
    return null;
  }
}

/**
 * Saves the state relative to the rows read — and those rows, with the final write's record of
 * them, the first time. Everything goes to CDM's checkpoint sheet, which the run removes when it
 * ends (done, cancelled or failed): before its final write a run leaves nothing anywhere else.
 */
function saveState(meta: RunMeta, state: PipelineState, base: Table): void {
  const texts: { base?: string; state: string } = { state: encodeState(state, base) };
  const withBase = !meta.baseSaved;
  if (withBase) texts.base = encodeBase(meta, base);
  const rows = saveCheckpoint(meta.runId, texts, withBase ? 1 : meta.baseRows ?? 1);
  if (withBase) meta.baseRows = rows;
  meta.baseSaved = true;
}

/** The steps this run has done, in order, as far as the state says (a checkpoint may be older than the run's record). */
function stepsDoneIn(state: PipelineState, steps: PipelineStep[]): number {
  let n = 0;
  while (n < steps.length && state.done.includes(steps[n].name)) n++;
  return n;
}

function advance(meta: RunMeta, start: PipelineState, base: Table, read: SheetRead | null, execStart: number): RunProgress {
  const popts = pipelineOptions(meta);
  const steps = planSteps(popts);
  const budget = budgetMs();
  let state = start;
  // Whether the checkpoint holds exactly `state` (it was just loaded from it, or saved).
  let stateSaved = read === null;
  meta.stepsDone = stepsDoneIn(state, steps);
  const attempts = (meta.attempts ?? 0) as number;
  // A step was started by an execution that never finished it (Apps Script's time limit): save
  // after every step this time, so the work done is not lost again.
  const careful = attempts > 0;
  let longest = 0;
  let ranHere = 0;
  const overBudget = () => ranHere > 0 && Date.now() - execStart + longest * 1.2 > budget;
  while (meta.stepsDone < steps.length) {
    if (cancelRequested(meta.runId)) return cancelled(meta);
    if (overBudget()) return checkpoint(meta, state, base);
    const step = steps[meta.stepsDone];
    meta.attempts = (meta.attempts ?? 0) + 1;
    if (meta.attempts > MAX_ATTEMPTS) throw new UserError(MSG.tooSlow(step.label));
    record(meta);
    const t0 = Date.now();
    state = keptChanges(step.run(state, popts));
    longest = Math.max(longest, Date.now() - t0);
    meta.stepsDone++;
    meta.attempts = 0;
    ranHere++;
    stateSaved = false;
    if (careful && meta.stepsDone < steps.length) {
      saveState(meta, state, base);
      stateSaved = true;
    }
  }
  if (cancelRequested(meta.runId)) return cancelled(meta);
  if (meta.options.preview && !meta.choices) {
    meta.phase = 'preview';
    saveState(meta, state, base);
    return record(meta, { preview: buildPreview(state, base.header) });
  }
  if (overBudget()) return checkpoint(meta, state, base);
  return finish(meta, state, base, read, execStart, stateSaved);
}

/**
 * The changes the add-on keeps: those it audits and undoes (cleaned, filled, merged, flagged
 * cells). CDM's own result columns (duplicate groups, segments, churn…) are written whole from
 * the table and never audited cell by cell, so their per-cell changes — more than half the log,
 * a change per customer per column — are dropped after each step instead of being carried
 * through every checkpoint and execution (memory and checkpoint size).
 */
const KEPT_KINDS = new Set<Change['kind']>(['normalise', 'flag', 'impute', 'merge']);

function keptChanges(state: PipelineState): PipelineState {
  const log = asChangeLog(state.changes);
  let all = true;
  for (let i = 0; i < log.length && all; i++) all = KEPT_KINDS.has(log.kindAt(i));
  if (all) return state;
  const kept = new ChangeLog();
  log.forEachRaw((row, column, old, next, kind, reason, method) => {
    if (KEPT_KINDS.has(kind)) kept.add(row, column, old, next, kind, reason, method);
  });
  return { ...state, changes: kept };
}

function checkpoint(meta: RunMeta, state: PipelineState, base: Table): RunProgress {
  saveState(meta, state, base);
  return record(meta);
}

// --- the final write -------------------------------------------------------------------------

function finish(meta: RunMeta, state: PipelineState, base: Table | null, read: SheetRead | null, execStart: number, stateSaved: boolean): RunProgress {
  if (meta.phase !== 'write') {
    meta.phase = 'write';
    // The state the write starts from is in the checkpoint, so an execution the time limit cuts
    // short mid-write is resumed with exactly the same (saved now unless it is there already).
    // Not saved only when the whole run happens in this execution (no checkpoint exists) with
    // most of its time left: its write ends long before Apps Script's limit, and a resume finds
    // no checkpoint to mistake for this state.
    const alone = read !== null && !meta.baseSaved && Date.now() - execStart <= budgetMs() / 2;
    if (!stateSaved && !alone && base) saveState(meta, state, base);
    record(meta);
  }
  const final = auditDates(meta.choices ? applyChoices(state, meta.choices) : state);
  // The final write re-reads the sheet itself when this execution did not read it (read null)
  // and checks the user's edits since the run read it, cell by cell.
  const summary = writeRunResults(meta, final, read);
  meta.phase = 'done';
  meta.stepsDone = meta.stepNames.length + 1;
  delete meta.note;
  const p = record(meta, { done: true, fraction: 1, summary });
  clearCheckpoint();
  afterRun();
  return p;
}

/**
 * The change log's dates as the instants Sheets means (the audit shows them in the sheet's
 * zone). The table keeps core's calendar dates: write-back converts what it writes.
 */
function auditDates(state: PipelineState): PipelineState {
  const dates = spreadsheetDates();
  const log = asChangeLog(state.changes);
  if (!log.some((c) => c.old instanceof Date || c.new instanceof Date)) return state;
  const changes = new ChangeLog();
  log.forEachRaw((row, column, old, next, kind, reason, method) => changes.add(row, column, dates.toSheet(old), dates.toSheet(next), kind, reason, method));
  return { ...state, changes };
}

/** Puts back what a final write cut short had changed (the backup made before it). */
function rollBack(meta: RunMeta): void {
  // Undo's own taking back of what the write had done so far (backup.ts), under our lock.
  const result = rollBackRunLocked(meta.runId);
  if (!result.restored) throw new UserError(result.message);
}

// --- around a run ------------------------------------------------------------------------------

function addWaitingResponses(): void {
  try {
    processWaitingResponsesLocked();
  } catch (err) {
    console.warn(`CDM could not add waiting form responses: ${String(err)}`);
  }
}

/** A run ended: waiting responses go in now; the hourly trigger goes unless responses still wait. */
function afterRun(): void {
  addWaitingResponses();
  try {
    if (!responsesWaiting()) clearTimer();
  } catch (err) {
    console.warn(`CDM could not tidy its trigger: ${String(err)}`);
  }
}
