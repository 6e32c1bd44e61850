/**
 * What CDM remembers about a spreadsheet between executions: the run in progress, its
 * checkpoint, the last finished run (for undo), review decisions, the saved analysis model.
 *
 * Small records live in document properties; a value over Apps Script's 9 KB per-property
 * limit is split over several keys. The run's progress is also put in the document cache,
 * which the sidebar polls (cheap, no properties quota). Checkpoints (a few megabytes at 100k
 * rows, see src/core/checkpoint.ts) go to the hidden `CDM State` sheet: one column, one
 * ≤ 49,000-character chunk per cell, grown as needed and never activated. Nothing is cached
 * in module state: in Apps Script every execution starts fresh, and the local runtime may not.
 */
import type { AnalysisModel } from '../core/analysis/index';
import type { Decision } from '../core/dedupe/index';
import type { RunChoices, RunOptions, RunPhase, RunProgress, RunSummary } from '../rpc';
import type { Settings as RunSettings } from '../core/settings';
import { MSG, UserError } from './messages';
import { cdmSheet, deleteCdmSheet, ensureCdmSheet } from './cdm-sheets';

export const STATE_SHEET = 'CDM State';
const PROPERTY_CHUNK = 8000;
/** Characters of checkpoint text per cell: under Sheets' 50,000 with the guard and generation tag. */
export const CELL_CHUNK = 49000;
/** Cells per setValues (about 4.9 MB of text per call). */
const CHUNKS_PER_WRITE = 100;
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

export type { RunPhase };

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
  /** The user's choices after a preview (RunOptions.preview). */
  choices?: RunChoices;
  /** Whether the time-based trigger could be made (false in test deployments): the sidebar must stay open. */
  background?: boolean;
  /** A note for the run card (in the spreadsheet's language). */
  note?: string;
  /** The rows the run read are saved with its checkpoint (the 'base' slot), in this many sheet rows. */
  baseSaved?: boolean;
  baseRows?: number;
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

/** Six hours, the most CacheService keeps anything; properties hold the lasting copy. */
const CACHE_SECONDS = 21600;

function documentCache(): GoogleAppsScript.Cache.Cache | null {
  try {
    return CacheService.getDocumentCache();
  } catch {
    return null;
  }
}

/** The progress as the sidebar polls it: the document cache first, then the lasting copy. */
export function loadProgress(): RunProgress | null {
  const cached = documentCache()?.get(KEYS.progress);
  if (cached) {
    try {
      return JSON.parse(cached) as RunProgress;
    } catch {
      // fall through to the lasting copy
    }
  }
  return readJson<RunProgress>(KEYS.progress);
}

export function saveProgress(p: RunProgress): void {
  writeJson(KEYS.progress, p);
  cacheProgress(p);
}

/** Progress between two steps of one execution: cache only (the lasting copy is written at each step). */
export function cacheProgress(p: RunProgress): void {
  try {
    documentCache()?.put(KEYS.progress, JSON.stringify(p), CACHE_SECONDS);
  } catch {
    // A progress line is not worth failing a run for (cache full, value too large).
  }
}

/** A run whose last sign of life is older than this is treated as abandoned. */
export const STALE_RUN_MS = 15 * 60 * 1000;

/**
 * A cancel asked for while an execution works on the run (it holds the lock for minutes): the
 * working execution sees it between steps and stops there.
 */
const CANCEL_KEY = 'cdm.cancel';
export function requestCancel(runId: string): void {
  docProps().setProperty(CANCEL_KEY, runId);
}
export const cancelRequested = (runId: string): boolean => docProps().getProperty(CANCEL_KEY) === runId;
export function clearCancelRequest(): void {
  if (docProps().getProperty(CANCEL_KEY) !== null) docProps().deleteProperty(CANCEL_KEY);
}

export const isFinished = (phase: RunPhase): boolean => phase === 'done' || phase === 'failed' || phase === 'cancelled';

/** The run that is not finished (whatever its age: it waits for Resume or Cancel), or null. */
export function unfinishedRun(): RunMeta | null {
  const meta = loadRunMeta();
  return meta && !isFinished(meta.phase) ? meta : null;
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

/**
 * Two slots, one column each: 'state' the pipeline state relative to the rows the run read
 * (rewritten at each checkpoint), 'base' those rows (written once, by the run's first
 * checkpoint). Keeping the rows read lets every later execution decode the state without the
 * customer sheet, which the user may edit meanwhile and the final write changes.
 */
export type CheckpointSlot = 'state' | 'base';
const SLOT_COLUMN: Record<CheckpointSlot, number> = { state: 1, base: 2 };

interface CheckpointHead {
  runId: string;
  /** Cells of text below the head. */
  parts: number;
  length: number;
  /** Written into every part too, so a save cut short is noticed instead of read as text. */
  gen: string;
}

/**
 * The state sheet: CDM's by its mark (cdm-sheets.ts: a user's own "CDM State" is never touched),
 * hidden and protected, made without leaving the user on it (insertSheet activates). It lives
 * only while a run is unfinished; its default grid (26,000 cells) is counted in the run's room
 * check, and it grows in rows only past 999 parts.
 */
function stateSheet(create: boolean): GoogleAppsScript.Spreadsheet.Sheet | null {
  if (!create) return cdmSheet('state');
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const existing = cdmSheet('state');
  if (existing) return existing;
  const active = ss.getActiveSheet();
  const { sheet } = ensureCdmSheet('state', { index: ss.getSheets().length });
  if (active) ss.setActiveSheet(active);
  return sheet;
}

/** Rows kept beyond a checkpoint's own before the sheet is shrunk (a new sheet's 1000 stay). */
const SPARE_ROWS = 1000;

function parseHead(cell: unknown): CheckpointHead | null {
  try {
    const head = JSON.parse(String(cell).slice(CELL_GUARD.length)) as CheckpointHead;
    return head && typeof head.runId === 'string' && head.parts >= 0 ? head : null;
  } catch {
    return null;
  }
}

/**
 * Saves checkpoint text in the given slots. Each slot's parts go first and its head last, every
 * part tagged with this save's generation, so an execution killed halfway leaves a slot that
 * loadCheckpoints rejects (the run then starts its steps again) rather than a corrupt one.
 * Small checkpoints (both slots under 100 parts) go in one setValues: whole or not at all.
 * `keepRows`: rows the slot not written now needs (the sheet is never shrunk below them).
 * A text alone is the state slot's. Returns the rows the written slots take.
 */
export function saveCheckpoint(runId: string, given: string | Partial<Record<CheckpointSlot, string>>, keepRows = 1): number {
  const texts: Partial<Record<CheckpointSlot, string>> = typeof given === 'string' ? { state: given } : given;
  const sheet = stateSheet(true) as GoogleAppsScript.Spreadsheet.Sheet;
  const gen = Date.now().toString(36) + Math.floor(Math.random() * 1296).toString(36);
  const tag = `${CELL_GUARD}${gen}:`;
  const slots = (Object.keys(SLOT_COLUMN) as CheckpointSlot[]).filter((s) => texts[s] !== undefined);
  if (slots.length === 0) return keepRows;
  const parts: Record<string, string[]> = {};
  for (const slot of slots) {
    const text = texts[slot] as string;
    const list: string[] = [];
    for (let at = 0; at < text.length; at += CELL_CHUNK) list.push(tag + text.slice(at, at + CELL_CHUNK));
    parts[slot] = list;
  }
  // Rows: this save's, and those of the slot not written now (its head and parts stay).
  const rows = Math.max(1 + Math.max(...slots.map((s) => parts[s].length)), keepRows);
  const max = sheet.getMaxRows();
  if (rows > max) sheet.insertRowsAfter(max, rows - max);
  const headOf = (slot: CheckpointSlot) => CELL_GUARD + JSON.stringify({ runId, parts: parts[slot].length, length: (texts[slot] as string).length, gen } as CheckpointHead);
  const most = Math.max(...slots.map((s) => parts[s].length));
  if (most < CHUNKS_PER_WRITE) {
    const first = SLOT_COLUMN[slots[0]];
    const last = SLOT_COLUMN[slots[slots.length - 1]];
    const height = most + 1;
    const grid: string[][] = [];
    for (let r = 0; r < height; r++) {
      const row: string[] = [];
      for (let c = first; c <= last; c++) {
        const slot = slots.find((s) => SLOT_COLUMN[s] === c) as CheckpointSlot;
        row.push(r === 0 ? headOf(slot) : parts[slot][r - 1] ?? '');
      }
      grid.push(row);
    }
    sheet.getRange(1, first, height, last - first + 1).setValues(grid);
  } else {
    for (const slot of slots) {
      const column = SLOT_COLUMN[slot];
      const list = parts[slot];
      for (let i = 0; i < list.length; i += CHUNKS_PER_WRITE) {
        const block = list.slice(i, i + CHUNKS_PER_WRITE).map((p) => [p]);
        sheet.getRange(2 + i, column, block.length, 1).setValues(block);
      }
      sheet.getRange(1, column).setValue(headOf(slot));
    }
  }
  // Rows left from a much bigger checkpoint go (their cells count against the spreadsheet's limit).
  const now = sheet.getMaxRows();
  if (now > rows + SPARE_ROWS) sheet.deleteRows(rows + 1, now - rows - SPARE_ROWS);
  return 1 + Math.max(...slots.map((s) => parts[s].length));
}

/** Each slot's checkpoint text of `runId`, or null when there is none or it was cut short. */
export function loadCheckpoints(runId: string): Record<CheckpointSlot, string | null> {
  const out: Record<CheckpointSlot, string | null> = { base: null, state: null };
  const sheet = stateSheet(false);
  if (!sheet) return out;
  const heads = sheet.getRange(1, 1, 1, 2).getValues()[0];
  const wanted = (Object.keys(SLOT_COLUMN) as CheckpointSlot[])
    .map((slot) => ({ slot, head: parseHead(heads[SLOT_COLUMN[slot] - 1]) }))
    .filter((x): x is { slot: CheckpointSlot; head: CheckpointHead } => !!x.head && x.head.runId === runId && x.head.parts + 1 <= sheet.getMaxRows());
  if (wanted.length === 0) return out;
  const most = Math.max(...wanted.map((w) => w.head.parts));
  const columns: Record<string, string[]> = { base: [], state: [] };
  // Both columns in the same reads (batches of rows).
  for (let i = 0; i < most; i += CHUNKS_PER_WRITE) {
    const n = Math.min(CHUNKS_PER_WRITE, most - i);
    for (const row of sheet.getRange(2 + i, 1, n, 2).getValues()) {
      columns.state.push(String(row[SLOT_COLUMN.state - 1]));
      columns.base.push(String(row[SLOT_COLUMN.base - 1]));
    }
  }
  for (const { slot, head } of wanted) {
    const tag = `${CELL_GUARD}${head.gen}:`;
    const cells = columns[slot].slice(0, head.parts);
    if (cells.some((c) => !c.startsWith(tag))) continue;
    const text = cells.map((c) => c.slice(tag.length)).join('');
    if (text.length === head.length) out[slot] = text;
  }
  return out;
}

/** The state slot alone (kept for callers that need only it). */
export const loadCheckpoint = (runId: string): string | null => loadCheckpoints(runId).state;

export function clearCheckpoint(): void {
  deleteCdmSheet('state');
}
