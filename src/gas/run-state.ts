/**
 * What CDM remembers about a spreadsheet between executions: the run in progress, its
 * checkpoint, the last finished run (for undo), review decisions, the saved analysis model.
 *
 * Small records live in document properties; a value over Apps Script's 9 KB per-property
 * limit is split over several keys. Checkpoints (megabytes at 50k rows) go to the hidden
 * `CDM State` sheet, one ≤ 45,000-character chunk per cell. Nothing is cached in module
 * state: in Apps Script every execution starts fresh, and the local runtime may not.
 */
import type { AnalysisModel } from '../core/analysis/index';
import type { Decision } from '../core/dedupe/index';
import type { RunOptions, RunProgress, RunSummary } from '../rpc';
import type { Settings as RunSettings } from '../core/settings';
import { MSG, UserError } from './messages';
import { cdmSheet, deleteCdmSheet, ensureCdmSheet } from './cdm-sheets';

export const STATE_SHEET = 'CDM State';
const PROPERTY_CHUNK = 8000;
const CELL_CHUNK = 45000;
/** Keeps stored text from being read by Sheets as a formula, number or date. */
const CELL_GUARD = '~';

export type { Decision, AnalysisModel };

const KEYS = {
  run: 'cdm.run',
  progress: 'cdm.progress',
  lastRun: 'cdm.lastRun',
  model: 'cdm.model',
  decisions: 'cdm.decisions',
  sheetId: 'cdm.sheetId',
  settings: 'cdm.settings',
} as const;

// --- chunked document properties ------------------------------------------------------

/** Non-ASCII escaped so that one character is one byte against the 9 KB limit. */
const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

function docProps(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

export function readJson<T>(key: string): T | null {
  const props = docProps();
  const head = props.getProperty(key);
  if (head === null) return null;
  const count = Number(head);
  let text = '';
  if (Number.isInteger(count) && head.length < 8 && count >= 0) {
    const all = count > 0 ? props.getProperties() : {};
    for (let i = 0; i < count; i++) {
      const part = all[`${key}.${i}`];
      if (part === undefined) return null;
      text += part;
    }
  } else {
    text = head;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function writeJson(key: string, value: unknown): void {
  const props = docProps();
  const text = asciiJson(value);
  const oldCount = Number(props.getProperty(key));
  const batch: Record<string, string> = {};
  let count = 0;
  if (text.length <= PROPERTY_CHUNK && !/^\d{1,7}$/.test(text)) {
    batch[key] = text;
  } else {
    for (let at = 0; at < text.length; at += PROPERTY_CHUNK) batch[`${key}.${count++}`] = text.slice(at, at + PROPERTY_CHUNK);
    batch[key] = String(count);
  }
  props.setProperties(batch);
  if (Number.isInteger(oldCount)) for (let i = count; i < oldCount; i++) props.deleteProperty(`${key}.${i}`);
}

export function deleteJson(key: string): void {
  const props = docProps();
  const head = props.getProperty(key);
  if (head === null) return;
  const count = Number(head);
  props.deleteProperty(key);
  if (Number.isInteger(count) && head.length < 8) for (let i = 0; i < count; i++) props.deleteProperty(`${key}.${i}`);
}

// --- one run at a time -------------------------------------------------------------------

/**
 * Runs `fn` holding the document lock. Writes are flushed before the lock is released so the
 * next holder sees them (Apps Script batches writes until flush or the end of the execution).
 */
export function withDocumentLock<T>(fn: () => T, waitMs = 5000): T {
  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(waitMs)) throw new UserError(MSG.busy);
  try {
    const out = fn();
    SpreadsheetApp.flush();
    return out;
  } finally {
    lock.releaseLock();
  }
}

// --- the run in progress ----------------------------------------------------------------

export type RunPhase = 'steps' | 'write' | 'done' | 'failed';

/** Everything a follow-up execution needs besides the checkpointed pipeline state. */
export interface RunMeta {
  runId: string;
  sheetId: number;
  sheetName: string;
  options: RunOptions;
  /** Data rows read (the sheet's rows 2..rowsRead+1): the only rows this run may touch. */
  rowsRead: number;
  /** Columns read (1..width). */
  width: number;
  /** Hash of the values and formulas read, to notice edits made between executions. */
  fingerprint: string;
  formulaCount: number;
  startedAt: string;
  updatedAt: string;
  phase: RunPhase;
  stepNames: string[];
  stepsDone: number;
  /** How many executions started the step at stepsDone (one killed by the time limit retries it). */
  attempts?: number;
  /** Set once the backup exists, so a repeated final write reuses it. */
  backup?: BackupRecord;
}

export interface BackupRecord {
  /** Hidden copy of the customer sheet. */
  sheet: string;
  /** CDM sheets as they were before the run: name -> hidden copy and position, or null if it did not exist. */
  cdmSheets: Record<string, { copy: string; index: number } | null>;
  /** Rows this run appended to `CDM Removed` / `CDM Audit` (first row, count). */
  appended: Record<string, [number, number]>;
  /** The customer sheet's column count before the run (columns CDM adds beyond it go on undo). */
  maxColumns?: number;
}

export const loadRunMeta = (): RunMeta | null => readJson<RunMeta>(KEYS.run);
export const saveRunMeta = (meta: RunMeta): void => writeJson(KEYS.run, meta);
export const clearRunMeta = (): void => deleteJson(KEYS.run);

export const loadProgress = (): RunProgress | null => readJson<RunProgress>(KEYS.progress);
export const saveProgress = (p: RunProgress): void => writeJson(KEYS.progress, p);

/** A run whose last sign of life is older than this is treated as abandoned. */
export const STALE_RUN_MS = 15 * 60 * 1000;

export function activeRun(now: number): RunMeta | null {
  const meta = loadRunMeta();
  if (!meta || meta.phase === 'done' || meta.phase === 'failed') return null;
  if (now - Date.parse(meta.updatedAt) > STALE_RUN_MS) return null;
  return meta;
}

// --- the last finished run (undo) -----------------------------------------------------------

export interface LastRun {
  runId: string;
  sheetId: number;
  sheetName: string;
  mode: 'flag' | 'merge';
  rowsRead: number;
  rowsWritten: number;
  widthBefore: number;
  widthAfter: number;
  maxColumnsBefore: number;
  finishedAt: string;
  backup: BackupRecord;
  summary: RunSummary;
}

export const loadLastRun = (): LastRun | null => readJson<LastRun>(KEYS.lastRun);
export const saveLastRun = (r: LastRun): void => writeJson(KEYS.lastRun, r);
export const clearLastRun = (): void => deleteJson(KEYS.lastRun);

// --- the chosen customer sheet --------------------------------------------------------------

export function loadChosenSheetId(): number | null {
  const v = docProps().getProperty(KEYS.sheetId);
  return v === null ? null : Number(v);
}

export function saveChosenSheetId(id: number): void {
  docProps().setProperty(KEYS.sheetId, String(id));
}

// --- review decisions ------------------------------------------------------------------------

export const loadDecisions = (): Decision[] => readJson<Decision[]>(KEYS.decisions) ?? [];

/** Adds or replaces the decisions on pairs (in either order), in one write; returns all decisions. */
export function saveDecisions(list: Decision[]): Decision[] {
  const samePair = (x: Decision, d: Decision) => (x.a === d.a && x.b === d.b) || (x.a === d.b && x.b === d.a);
  const all = loadDecisions().filter((x) => !list.some((d) => samePair(x, d)));
  all.push(...list);
  writeJson(KEYS.decisions, all);
  return all;
}

/** Adds or replaces the decision on a pair (in either order); returns all decisions. */
export function saveDecision(d: Decision): Decision[] {
  const all = loadDecisions().filter((x) => !((x.a === d.a && x.b === d.b) || (x.a === d.b && x.b === d.a)));
  all.push(d);
  writeJson(KEYS.decisions, all);
  return all;
}

// --- the analysis model, for the form handler and later runs -----------------------------------

export const loadModel = (): AnalysisModel | null => readJson<AnalysisModel>(KEYS.model);
export const saveModel = (model: AnalysisModel): void => writeJson(KEYS.model, model);

/**
 * The last run's settings: the user's saved choice, which the next run, the intake form and the
 * formulas use where nothing else is given (src/core/settings.ts decides the order).
 */
export interface Settings extends Partial<RunSettings> {
  sheetId: number | null;
}
export const loadSettings = (): Settings | null => readJson<Settings>(KEYS.settings);
export const saveSettings = (s: Settings): void => writeJson(KEYS.settings, s);

// --- checkpoints in the hidden CDM State sheet --------------------------------------------------

// The checkpoint sheet is CDM's only by its mark (cdm-sheets.ts): a user's own "CDM State" is
// never cleared or deleted. (Small edit by the undo engineer; exec's checkpoint rework wins.)
export function saveCheckpoint(runId: string, text: string): void {
  const { sheet, created } = ensureCdmSheet('state');
  if (!created) sheet.clearContents();
  const rows: string[][] = [[CELL_GUARD + runId]];
  for (let at = 0; at < text.length; at += CELL_CHUNK) rows.push([CELL_GUARD + text.slice(at, at + CELL_CHUNK)]);
  sheet.getRange(1, 1, rows.length, 1).setValues(rows);
}

export function loadCheckpoint(runId: string): string | null {
  const sheet = cdmSheet('state');
  if (!sheet || sheet.getLastRow() < 1) return null;
  const cells = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues();
  if (String(cells[0][0]) !== CELL_GUARD + runId) return null;
  let text = '';
  for (let i = 1; i < cells.length; i++) text += String(cells[i][0]).slice(CELL_GUARD.length);
  return text;
}

export function clearCheckpoint(): void {
  deleteCdmSheet('state');
}
