/**
 * A run in steps with checkpoints (issue 5 §3). startRun validates and reads the sheet, then
 * runs as many pipeline steps as fit in the time budget; what is left is checkpointed in the
 * hidden `CDM State` sheet and continued by continueRun (the sidebar) or, if the sidebar has
 * gone away, by a time-based trigger. The final step (final-write.ts) backs up, then writes
 * everything; a repeated final write (after a crash) reuses the backup and skips logs already
 * appended.
 */
import {
  deserialiseState,
  initialState,
  planSteps,
  serialiseState,
  type PipelineOptions,
  type PipelineState,
} from '../core/pipeline';
import { CDM_COLUMNS } from '../core/table';
import { DEFAULT_SETTINGS, SettingError, resolveSettings } from '../core/settings';
import { langFor } from '../i18n/index';
import { SIDEBAR_SETTING_LABELS } from '../i18n/settings';
import type { RunOptions, RunProgress } from '../rpc';
import { loadRoleFixes, saveRoleFixes } from './role-fixes';
import { MSG, UserError } from './messages';
import { readTransactions } from './transactions';
import {
  activeRun,
  clearCheckpoint,
  loadChosenSheetId,
  loadCheckpoint,
  loadDecisions,
  loadModel,
  loadProgress,
  loadRunMeta,
  loadSettings,
  saveCheckpoint,
  saveChosenSheetId,
  saveProgress,
  saveRunMeta,
  withDocumentLock,
  type RunMeta,
} from './run-state';
import {
  checkRoom,
  checkSheet,
  checkValues,
  findCustomerSheet,
  fingerprint,
  readSheet,
  cdmSheetCells,
  toTable,
  type SheetRead,
} from './sheet-io';
import { REWRITTEN_SHEETS, cdmSheetsOf, persistRead, rememberRead, rereadFor, writeRunResults } from './final-write';

/** 4.5 of Apps Script's 6 minutes; the rest is headroom for the checkpoint itself. */
export const DEFAULT_BUDGET_MS = 270000;
export const TRIGGER_FUNCTION = 'continueRunFromTrigger';
export const TRIGGER_DELAY_MS = 60000;

/** Executions that may start the same step before the run gives up (each killed at 6 min). */
export const MAX_ATTEMPTS = 3;
/** Script property that shortens the budget (tests and very slow sheets). */
export const BUDGET_PROPERTY = 'CDM_TIME_BUDGET_MS';

export const DEFAULT_OPTIONS: RunOptions = { ...DEFAULT_SETTINGS };

function budgetMs(): number {
  const v = Number(PropertiesService.getScriptProperties().getProperty(BUDGET_PROPERTY));
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_BUDGET_MS;
}

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
    asOf: new Date(meta.startedAt),
    previousModel: loadModel() ?? undefined,
    seed: 1,
    // analysis (small edit): labels in the spreadsheet's language; order lines from a second sheet.
    lang: langFor(spreadsheetLocale()),
    transactions: orders?.table,
    transactionsFrom: orders ? { name: orders.name, auto: orders.auto } : undefined,
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

/** The sidebar's options, each setting decided by core/settings.ts (given → saved → locale → default); a value it cannot use is refused in plain words. */
function cleanOptions(options: Partial<RunOptions> | undefined): RunOptions {
  const given = options ?? {};
  const locale = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale();
  const lang = langFor(locale);
  try {
    const settings = resolveSettings({ given, saved: loadSettings(), locale }, { labels: SIDEBAR_SETTING_LABELS[lang], lang });
    return { ...given, ...settings };
  } catch (e) {
    if (e instanceof SettingError) throw new UserError(e.message);
    throw e;
  }
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
    // How each row read looked, so the final write can follow rows the user moves meanwhile.
    rememberRead(meta, read);
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
  persistRead(meta);
  saveCheckpoint(meta.runId, serialiseState(state));
  const p = record(meta, nextLabel);
  ensureTrigger();
  return p;
}

// --- the final write -------------------------------------------------------------------------

function finish(meta: RunMeta, state: PipelineState, readNow: SheetRead | null): RunProgress {
  record(meta, 'Writing results');
  // The final write re-reads the sheet itself (one batched read) and checks edits cell by cell.
  const summary = writeRunResults(meta, state, readNow);
  meta.phase = 'done';
  meta.stepsDone = meta.stepNames.length + 1;
  const p = record(meta, 'Done', { done: true, fraction: 1, summary });
  clearCheckpoint();
  deleteTriggers();
  return p;
}
