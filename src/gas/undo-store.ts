/**
 * Where undo data lives: packed text in CDM's hidden, protected `CDM Undo` sheet — one row per
 * ≤ 45,000-character chunk (`run | part | seq | ~text`), so even megabytes of old values cost a
 * few hundred cells — and a small index in document properties (which no one can edit from the
 * sheet): the runs that can be undone, their counts for the sidebar list, and a checksum of
 * every stored part. A part whose text no longer matches its checksum was changed outside CDM,
 * and Undo refuses to use it.
 *
 * The checksum is not cryptographic: it catches edits to the sheet (by hand, by a formula, by a
 * sort), not someone who also rewrites the document properties with a script.
 */
import type { Cell } from '../core/table';
import { type RunSummary } from '../rpc';
import { bounds } from './cells';
import { cdmSheet, deleteCdmSheet, ensureCdmSheet, fitSheet } from './cdm-sheets';
import { hashCells } from './row-identity';
import { deleteJson, readJson, writeJson } from './run-state';

/** Runs that can be undone (newest first), as the README promises. */
export const RUNS_KEPT = 3;
const CHUNK = 45000;
/** Keeps chunk text from being read by Sheets as a number, date or formula. */
const GUARD = '~';
const INDEX_KEY = 'cdm.undo';
const WIDTH = 4;

export type UndoStatus = 'started' | 'planned' | 'written' | 'done';

export interface UndoCounts {
  cleaned: number;
  filled: number;
  merged: number;
  columnsAdded: number;
  cells: number;
  /** Cells given a duplicate-group colour. */
  coloured?: number;
}

export interface UndoEntry {
  runId: string;
  sheetId: number;
  sheetName: string;
  mode: 'flag' | 'merge';
  startedAt: string;
  finishedAt: string | null;
  status: UndoStatus;
  counts: UndoCounts;
  /** Stored parts: checksum and length of each. */
  parts: Record<string, { sum: string; chars: number }>;
  /** Steps of the final write already done (so a resumed write skips them). */
  done: string[];
  /** Rows appended to CDM sheets: role -> [first row, count]. */
  appended: Record<string, [number, number]>;
  /** The summary shown after the run (kept for the sidebar after an undo of a newer run). */
  summary?: RunSummary;
}

export const checksum = (text: string): string => `${text.length}:${hashCells([text])}`;

export const loadIndex = (): UndoEntry[] => readJson<UndoEntry[]>(INDEX_KEY) ?? [];
export const saveIndex = (entries: UndoEntry[]): void => (entries.length ? writeJson(INDEX_KEY, entries) : deleteJson(INDEX_KEY));
export const loadEntry = (runId: string): UndoEntry | null => loadIndex().find((e) => e.runId === runId) ?? null;

export function saveEntry(entry: UndoEntry): void {
  const all = loadIndex().filter((e) => e.runId !== entry.runId);
  all.push(entry);
  saveIndex(all);
}

/** Runs that can be undone, newest first. */
export const undoableRuns = (): UndoEntry[] =>
  loadIndex()
    .filter((e) => e.status !== 'started')
    .reverse();

interface Row {
  run: string;
  part: string;
  seq: number;
  sheetRow: number;
}

/** Where each stored chunk is (one read of the first three columns). */
function locate(): { sheet: GoogleAppsScript.Spreadsheet.Sheet; rows: Row[] } | null {
  const sheet = cdmSheet('undo');
  if (!sheet) return null;
  const last = sheet.getLastRow();
  if (last < 1) return { sheet, rows: [] };
  const keys = sheet.getRange(1, 1, last, 3).getValues();
  return { sheet, rows: keys.map((k, i) => ({ run: String(k[0]), part: String(k[1]), seq: Number(k[2]), sheetRow: i + 1 })) };
}

/** Deletes the stored rows of some runs (or of one part of a run): one call per contiguous block. */
export function deleteStored(match: (run: string, part: string) => boolean): void {
  const where = locate();
  if (!where) return;
  const doomed = where.rows.filter((r) => match(r.run, r.part)).map((r) => r.sheetRow);
  // Bottom first, so the row numbers above stay valid.
  for (let i = doomed.length - 1; i >= 0; ) {
    let j = i;
    while (j > 0 && doomed[j - 1] === doomed[j] - 1) j--;
    const first = doomed[j];
    const count = doomed[i] - first + 1;
    if (count >= where.sheet.getMaxRows()) where.sheet.getRange(first, 1, count, WIDTH).clearContent();
    else where.sheet.deleteRows(first, count);
    i = j - 1;
  }
}

/** Stores one part of a run's undo data (replacing an earlier copy); returns its checksum record. */
export function savePart(runId: string, part: string, text: string, replace = false): { sum: string; chars: number } {
  if (replace) deleteStored((run, p) => run === runId && p === part);
  const { sheet, created } = ensureCdmSheet('undo');
  const rows: Cell[][] = [];
  for (let at = 0, seq = 0; at < text.length || seq === 0; at += CHUNK, seq++) rows.push([GUARD + runId, part, seq, GUARD + text.slice(at, at + CHUNK)]);
  const first = created ? 1 : sheet.getLastRow() + 1;
  fitSheet(sheet, first + rows.length - 1, WIDTH, created);
  sheet.getRange(first, 1, rows.length, WIDTH).setValues(rows as unknown[][]);
  return { sum: checksum(text), chars: text.length };
}

export type PartResult = { ok: true; text: string } | { ok: false; reason: 'missing' | 'tampered' };

/** The text of one stored part, checked against the checksum in the index. */
export function loadPart(entry: UndoEntry, part: string): PartResult {
  const record = entry.parts[part];
  const where = record ? locate() : null;
  if (!record || !where) return { ok: false, reason: 'missing' };
  // Where the part's chunks are (a small read), then only those rows' text (megabytes at 50k rows).
  const mine = where.rows.filter((r) => r.run === GUARD + entry.runId && r.part === part);
  if (mine.length === 0) return { ok: false, reason: 'missing' };
  const { min: first, max: last } = bounds(mine.map((r) => r.sheetRow));
  const texts = where.sheet.getRange(first, 4, last - first + 1, 1).getValues();
  // A write killed after storing a part but before indexing it leaves that copy behind, and the
  // resumed write stores the part again below it: each copy starts at seq 0 (in sheet order).
  // The newest copy that matches the index's checksum is the part; none matching = tampered.
  const copies: Array<Array<{ seq: number; text: string }>> = [];
  for (const r of mine) {
    if (r.seq === 0 || copies.length === 0) copies.push([]);
    copies[copies.length - 1].push({ seq: r.seq, text: String(texts[r.sheetRow - first][0]) });
  }
  for (let k = copies.length - 1; k >= 0; k--) {
    const chunks = copies[k].slice().sort((a, b) => a.seq - b.seq);
    let text = '';
    let whole = true;
    for (let i = 0; i < chunks.length && whole; i++) {
      whole = chunks[i].seq === i && chunks[i].text.startsWith(GUARD);
      text += chunks[i].text.slice(GUARD.length);
    }
    if (whole && checksum(text) === record.sum) return { ok: true, text };
  }
  return { ok: false, reason: 'tampered' };
}

/** Drops a run from the index and its stored data. */
export function forgetRun(runId: string): void {
  const left = loadIndex().filter((e) => e.runId !== runId);
  saveIndex(left);
  // No run left to undo (and none in progress): CDM's undo sheet goes too.
  if (left.length === 0) deleteCdmSheet('undo');
  else deleteStored((run) => run === GUARD + runId);
}

/**
 * Keeps the newest RUNS_KEPT undoable runs (and the run in progress); returns the run ids whose
 * data went, so their other traces (backup sheets) can go too.
 */
export function pruneRuns(current: string): string[] {
  const all = loadIndex();
  const undoable = all.filter((e) => e.status !== 'started' || e.runId === current);
  const keep = new Set(undoable.slice(-RUNS_KEPT).map((e) => e.runId));
  keep.add(current);
  const gone = all.filter((e) => !keep.has(e.runId)).map((e) => e.runId);
  if (gone.length === 0) return [];
  saveIndex(all.filter((e) => keep.has(e.runId)));
  const goneSet = new Set(gone.map((g) => GUARD + g));
  deleteStored((run) => goneSet.has(run));
  return gone;
}
