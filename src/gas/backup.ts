/**
 * Undo that respects later work. A run's undo data is the old content of the cells
 * it changed, the rows a merge removed and the columns it created — not a copy of the sheet.
 * Undo reads the sheet as it is now, finds each row the run wrote by its content (so rows the
 * user inserted, deleted or sorted since are followed; row-identity.ts), and puts a cell back
 * only if it still holds what CDM wrote. Cells changed since are kept and listed; the user's own
 * rows, columns and edits stay. CDM's own columns go, the review and analysis sheets return to
 * what they were, the rows the run added to CDM Removed go, and the undo is logged in the audit.
 *
 * The last RUNS_KEPT runs can be undone, newest first. Undo data that was changed outside CDM
 * (its checksum no longer matches) is refused in plain words.
 */
import type { Cell } from '../core/table';
import { langFor, type Lang } from '../i18n/index';
import { undoText } from '../i18n/undo';
import type { UndoResult, UndoableRun } from '../rpc';
import { appendAudit, auditNote } from './audit';
import { cdmSheet, deleteCdmSheet, restoreCdmSheet } from './cdm-sheets';
import {
  ALL_LAYERS,
  LAYER_DEFAULTS,
  bounds,
  decode,
  inputFor,
  markedColumns,
  readLayers,
  sparseByRow,
  writeLayers,
  type Enc,
  type LayerName,
  type Layers,
} from './cells';
import { remapRows, rowMapOf } from './formula-refs';
import { canonical, matchRows, unpackHashes } from './row-identity';
import { clearLastRun, saveLastRun, loadLastRun, withDocumentLock } from './run-state';
import { sheetById } from './sheet-io';
import { forgetRun, loadPart, undoableRuns, type UndoEntry } from './undo-store';
import { IMPUTED_BACKGROUND, a1Of, dataRowHashes, markCells, readNow, type Now, type WritePlan } from './write-back';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const KEPT_LISTED = 50;

const langOf = (): Lang => langFor(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());

/** The run's time as the user reads it, in the spreadsheet's time zone. */
function timeOf(iso: string | null): string {
  if (!iso) return '';
  try {
    return Utilities.formatDate(new Date(iso), SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(), 'yyyy-MM-dd HH:mm');
  } catch {
    return iso.slice(0, 16).replace('T', ' ');
  }
}

/** A canonical cell (row-identity.canonical) as the user would read it. */
function shown(canon: string, lang: Lang): string {
  if (canon === '') return undoText(lang)('auditEmpty');
  const kind = canon[0];
  const rest = canon.slice(1);
  if (kind === 'D') return new Date(Number(rest)).toISOString().replace('T00:00:00.000Z', '');
  if (kind === 'T') return 'TRUE';
  if (kind === 'B') return 'FALSE';
  return rest.length > 80 ? rest.slice(0, 79) + '…' : rest;
}

export function listUndoableRuns(): UndoableRun[] {
  return undoableRuns().map((e, i) => ({
    runId: e.runId,
    sheetName: e.sheetName,
    finishedAt: e.finishedAt ?? e.startedAt,
    time: timeOf(e.finishedAt ?? e.startedAt),
    mode: e.mode,
    counts: e.counts,
    canUndo: i === 0,
    complete: e.status === 'done',
  }));
}

interface Outcome {
  restored: number;
  kept: UndoResult['kept'];
  keptCount: number;
  missing: number;
  rowsBack: number;
}

interface Post {
  hashes: string;
  neu: string[];
}

/** Undo of a run, newest first; a plain message either way. Holds the document lock. */
export function undoRun(runId: string): UndoResult {
  return withDocumentLock(() => undoLocked(runId));
}

export function undoLastRun(): UndoResult {
  return withDocumentLock(() => {
    const newest = undoableRuns()[0];
    return undoLocked(newest ? newest.runId : '');
  });
}

/**
 * For callers that already hold the document lock (exec's cancelRun after a final write was cut
 * short): takes back whatever this run wrote, from its undo data, exactly as Undo would.
 */
export function rollBackRunLocked(runId: string): UndoResult {
  return undoLocked(runId);
}

function refused(message: string, runId = ''): UndoResult {
  return { restored: false, message, runId, restoredCells: 0, keptCount: 0, kept: [], missingRows: 0 };
}

function undoLocked(runId: string): UndoResult {
  const lang = langOf();
  const t = undoText(lang);
  const runs = undoableRuns();
  if (runs.length === 0) return refused(t('nothingToUndo'));
  const entry = runs.find((e) => e.runId === runId);
  if (!entry) return refused(t('unknownRun'), runId);
  if (runs[0].runId !== runId) return refused(t('notNewest', { time: timeOf(runs[0].finishedAt ?? runs[0].startedAt) }), runId);
  const time = timeOf(entry.finishedAt ?? entry.startedAt);
  const sheet = sheetById(entry.sheetId);
  if (!sheet) return refused(t('sheetGone', { sheet: entry.sheetName }), runId);
  const planPart = loadPart(entry, 'plan');
  if (!planPart.ok) return refused(t(planPart.reason === 'tampered' ? 'tampered' : 'dataMissing', { time }), runId);
  let post: Post | null = null;
  if (entry.parts.post) {
    const p = loadPart(entry, 'post');
    if (!p.ok) return refused(t(p.reason === 'tampered' ? 'tampered' : 'dataMissing', { time }), runId);
    post = JSON.parse(p.text) as Post;
  }
  const plan = JSON.parse(planPart.text) as WritePlan;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const active = ss.getActiveSheet();

  const out = plan.mode === 'merge' ? undoMerge(sheet, plan, post) : undoFlag(sheet, plan, post);
  dropCreatedColumns(sheet, plan);
  if (entry.done.includes('review')) restoreCdmSheet('review', runId);
  if (entry.done.includes('analysis')) restoreCdmSheet('analysis', runId);
  if (entry.appended.removed) dropRemovedRows(runId);
  appendAudit(
    [auditNote(runId, new Date(), sheet.getName(), '', t('auditUndo', { run: runId, restored: out.restored, kept: out.keptCount, missing: out.missing }))],
    lang,
  );
  forgetRun(runId);
  const previous = undoableRuns()[0];
  const last = loadLastRun();
  if (previous?.summary && last) saveLastRun({ ...last, runId: previous.runId, summary: previous.summary, finishedAt: previous.finishedAt ?? last.finishedAt });
  else clearLastRun();
  if (active) ss.setActiveSheet(active.getSheetId() === sheet.getSheetId() || ss.getSheetByName(active.getName()) ? active : sheet);

  let message = t('undone', { time, sheet: sheet.getName(), restored: out.restored });
  if (out.rowsBack) message += t('undoneRows', { rows: out.rowsBack });
  const cells = out.kept.slice(0, 10).map((k) => k.a1).join(', ') + (out.keptCount > 10 ? ', …' : '');
  if (out.keptCount === 1) message += t('keptOne', { cells });
  else if (out.keptCount > 1) message += t('keptMany', { count: out.keptCount, cells });
  if (out.missing) message += t('missingCells', { count: out.missing });
  return { restored: true, message, runId, restoredCells: out.restored, keptCount: out.keptCount, kept: out.kept, missingRows: out.missing };
}

// --- finding things again --------------------------------------------------------------------

/** Current sheet row of each row after the run's write (index = after-row sheet row - 2), or -1. */
function findRows(now: Now, plan: WritePlan, post: Post | null): Int32Array {
  const current = dataRowHashes(now, plan.idColumns);
  if (!post) {
    // The write did not finish: nothing has moved since (positions as written).
    return Int32Array.from({ length: plan.origin.length }, (_, k) => (k + 2 <= now.lastRow ? k + 2 : -1));
  }
  const match = matchRows(unpackHashes(post.hashes), current);
  return match.map((j) => (j >= 0 ? j + 2 : -1));
}

/** The current column of one of the plan's columns (by header; CDM's by their mark). */
function columnFinder(sheet: Sheet, now: Now, plan: WritePlan): (c: number) => number {
  const marked = markedColumns(sheet);
  return (c: number) => {
    const h = plan.header[c - 1];
    if (h === undefined) return -1;
    const m = marked.get(h);
    if (m !== undefined) return m;
    const at = now.header.indexOf(h);
    return at >= 0 ? at + 1 : -1;
  };
}

interface Decision {
  k: number;
  R: number;
  C: number;
}

/** Which recorded cells go back (still CDM's), which are kept (changed since), which are gone. */
function decide(sheet: Sheet, now: Now, plan: WritePlan, post: Post | null, rowOf: (r: number) => number, colOf: (c: number) => number): { back: Decision[]; out: Outcome } {
  const lang = langOf();
  const created = new Set(plan.created);
  const back: Decision[] = [];
  const out: Outcome = { restored: 0, kept: [], keptCount: 0, missing: 0, rowsBack: 0 };
  for (let k = 0; k < plan.cells.r.length; k++) {
    const C0 = plan.cells.c[k];
    if (created.has(plan.header[C0 - 1] ?? '')) continue; // the column goes as a whole
    const R = rowOf(plan.cells.r[k]);
    const C = colOf(C0);
    if (R < 0 || C < 0 || R > now.lastRow || C > now.lastColumn) {
      out.missing++;
      continue;
    }
    const cur = canonical(now.values[R - 1][C - 1], now.formulas[R - 1][C - 1]);
    const neu = post ? post.neu[k] : plan.cells.neu[k];
    // A formula CDM rewrote when it moved rows: if Sheets has rewritten it since (rows moved
    // again), the remapping puts it right; it is not the user's edit.
    if (neu.startsWith('F') && cur !== neu && now.formulas[R - 1][C - 1]) continue;
    const stillCdms = cur === neu || (!post && now.values[R - 1][C - 1] instanceof Date && /^S\d{4}-\d{2}-\d{2}$/.test(neu));
    if (stillCdms) back.push({ k, R, C });
    else {
      out.keptCount++;
      if (out.kept.length < KEPT_LISTED) out.kept.push({ sheet: sheet.getName(), a1: a1Of(R, C), column: plan.header[C0 - 1] ?? '', cdm: shown(neu, lang), now: shown(cur, lang) });
    }
  }
  out.restored = back.length;
  return { back, out };
}

/**
 * Formats CDM changed, put back: a number format only where the value goes back; a note or
 * background CDM set (the imputed mark, a group colour) wherever the cell still shows it, even
 * when the user typed their own value over CDM's (the mark would then be wrong). One batched read
 * of notes and backgrounds, then one RangeList call per distinct old value.
 */
function restoreDecor(sheet: Sheet, plan: WritePlan, back: Decision[], rowOf: (r: number) => number, colOf: (c: number) => number, current?: Layers, origin?: { row: number; col: number }): Map<string, string> {
  const going = new Set(back.map((d) => `${plan.cells.r[d.k]}:${plan.cells.c[d.k]}`));
  const colourAt = new Map(plan.coloured.map(([r, c, colour]) => [`${r}:${c}`, colour]));
  const entries = plan.decor
    .map((d) => ({ ...d, R: rowOf(d.r), C: colOf(d.c) }))
    .filter((d) => d.R > 0 && d.C > 0);
  const marks = entries.filter((d) => d.l !== 'numberFormats');
  let layers = current;
  let r0 = origin?.row ?? 1;
  let c0 = origin?.col ?? 1;
  if (!layers && marks.length) {
    const rows = bounds(marks.map((d) => d.R));
    const cols = bounds(marks.map((d) => d.C));
    r0 = rows.min;
    c0 = cols.min;
    const r1 = rows.max;
    const c1 = cols.max;
    layers = readLayers(sheet, r0, c0, r1 - r0 + 1, c1 - c0 + 1, ['notes', 'backgrounds']);
  }
  const out = new Map<string, string>();
  for (const d of entries) {
    if (d.l === 'numberFormats') {
      if (going.has(`${d.r}:${d.c}`)) out.set(`${d.R}:${d.C}:${d.l}`, d.old);
      continue;
    }
    const now = (layers?.[d.l] as string[][] | undefined)?.[d.R - r0]?.[d.C - c0];
    const mark = d.l === 'notes' ? plan.imputedNote : colourAt.get(`${d.r}:${d.c}`) ?? IMPUTED_BACKGROUND;
    if (now === mark) out.set(`${d.R}:${d.C}:${d.l}`, d.old);
  }
  if (!current) {
    const groups = new Map<string, Array<{ r: number; c: number }>>();
    for (const [key, old] of out) {
      const [R, C, l] = key.split(':');
      const g = `${l}\u0000${old}`;
      const list = groups.get(g) ?? [];
      list.push({ r: Number(R), c: Number(C) });
      groups.set(g, list);
    }
    for (const [g, cells] of groups) {
      const [l, old] = g.split('\u0000') as [LayerName, string];
      markCells(sheet, cells, (list) => {
        if (l === 'notes') list.setNote(old);
        else if (l === 'backgrounds') list.setBackground(old);
        else list.setNumberFormat(old);
      });
    }
  }
  return out;
}

// --- flag mode: rows stayed where they were ----------------------------------------------------

function undoFlag(sheet: Sheet, plan: WritePlan, post: Post | null): Outcome {
  const now = readNow(sheet);
  const found = findRows(now, plan, post);
  const rowOf = (r: number) => (r === 1 ? 1 : found[r - 2] ?? -1);
  const colOf = columnFinder(sheet, now, plan);
  const { back, out } = decide(sheet, now, plan, post, rowOf, colOf);
  if (back.length) {
    let r0 = Infinity;
    let r1 = 0;
    let c0 = Infinity;
    let c1 = 0;
    for (const d of back) {
      r0 = Math.min(r0, d.R);
      r1 = Math.max(r1, d.R);
      c0 = Math.min(c0, d.C);
      c1 = Math.max(c1, d.C);
    }
    const fmts = sheet.getRange(r0, c0, r1 - r0 + 1, c1 - c0 + 1).getNumberFormats();
    const block: unknown[][] = [];
    for (let R = r0; R <= r1; R++) {
      const row: unknown[] = [];
      for (let C = c0; C <= c1; C++) row.push(inputFor(now.values[R - 1][C - 1], now.formulas[R - 1][C - 1], fmts[R - r0][C - c0]));
      block.push(row);
    }
    for (const d of back) {
      const [v, f] = decode(plan.cells.old[d.k]);
      block[d.R - r0][d.C - c0] = inputFor(v, f, fmts[d.R - r0][d.C - c0]);
    }
    sheet.getRange(r0, c0, block.length, block[0].length).setValues(block);
  }
  restoreDecor(sheet, plan, back, rowOf, colOf);
  return out;
}

/** Group colours go where the cell still has the colour CDM gave it. */
function clearColours(sheet: Sheet, plan: WritePlan, rowOf: (r: number) => number, colOf: (c: number) => number): number {
  if (!plan.coloured.length) return 0;
  const oldBg = new Map(plan.decor.filter((d) => d.l === 'backgrounds').map((d) => [`${d.r}:${d.c}`, d.old]));
  const cells = plan.coloured.map(([r, c, colour]) => ({ r: rowOf(r), c: colOf(c), colour, old: oldBg.get(`${r}:${c}`) ?? LAYER_DEFAULTS.backgrounds }));
  const live = cells.filter((x) => x.r > 0 && x.c > 0);
  if (!live.length) return 0;
  const { min: r0, max: r1 } = bounds(live.map((x) => x.r));
  const { min: c0, max: c1 } = bounds(live.map((x) => x.c));
  const bgs = sheet.getRange(r0, c0, r1 - r0 + 1, c1 - c0 + 1).getBackgrounds();
  const groups = new Map<string, Array<{ r: number; c: number }>>();
  for (const x of live) {
    if (bgs[x.r - r0][x.c - c0] !== x.colour) continue;
    const list = groups.get(x.old) ?? [];
    list.push({ r: x.r, c: x.c });
    groups.set(x.old, list);
  }
  let n = 0;
  for (const [old, list] of groups) {
    markCells(sheet, list, (l) => l.setBackground(old));
    n += list.length;
  }
  return n;
}

/** Removes the duplicate-group colours of the newest run (cells still in its colours). */
export function clearGroupColours(): { cleared: number; message: string } {
  return withDocumentLock(() => {
    const t = undoText(langOf());
    const entry = undoableRuns()[0];
    const sheet = entry ? sheetById(entry.sheetId) : null;
    const part = entry ? loadPart(entry, 'plan') : null;
    if (!entry || !sheet || !part || !part.ok) return { cleared: 0, message: t('noGroupColours') };
    const plan = JSON.parse(part.text) as WritePlan;
    if (!plan.coloured.length) return { cleared: 0, message: t('noGroupColours') };
    const postPart = entry.parts.post ? loadPart(entry, 'post') : null;
    const post = postPart && postPart.ok ? (JSON.parse(postPart.text) as Post) : null;
    const now = readNow(sheet);
    const found = findRows(now, plan, post);
    const n = clearColours(sheet, plan, (r) => (r === 1 ? 1 : found[r - 2] ?? -1), columnFinder(sheet, now, plan));
    return n ? { cleared: n, message: t('groupsCleared', { count: n }) } : { cleared: 0, message: t('noGroupColours') };
  });
}

// --- merge mode: removed rows come back between their neighbours ---------------------------------

type Slot = { kind: 'now'; R: number } | { kind: 'removed'; i: number };

function undoMerge(sheet: Sheet, plan: WritePlan, post: Post | null): Outcome {
  let now = readNow(sheet);
  if (!post) {
    // The write stopped before its end: rows it had not deleted yet are the block's leftovers.
    const pre = unpackHashes(plan.pre);
    const hashes = dataRowHashes(now, plan.idColumns);
    const from = plan.survivors;
    const to = plan.regionRows;
    if (hashes.length >= to && to > from && hashes.slice(from, to).every((h, k) => h === pre[from + k])) {
      sheet.deleteRows(from + 2, to - from);
      now = readNow(sheet);
    }
  }
  const found = findRows(now, plan, post);
  const rowOf = (r: number) => (r === 1 ? 1 : found[r - 2] ?? -1);
  const colOf = columnFinder(sheet, now, plan);
  const { back, out } = decide(sheet, now, plan, post, rowOf, colOf);

  // Where each original row (pre-write index) is now.
  const nowOfOrigin = new Map<number, number>();
  plan.origin.forEach((o, k) => {
    if (found[k] >= 0) nowOfOrigin.set(o, found[k]);
  });
  const removed = plan.removed.slice().sort((a, b) => a.o - b.o);
  const origins = [...nowOfOrigin.keys()].sort((a, b) => a - b);
  const after = new Map<number, number[]>(); // current row -> removed rows to put right after it
  const before = new Map<number, number[]>(); // current row -> removed rows to put right before it
  const atEnd: number[] = [];
  const nowOf = (o: number) => nowOfOrigin.get(o) as number;
  removed.forEach((r, i) => {
    // The found rows that were just before and just after it (and the next ones out, to tell
    // which way round the user may have sorted them).
    let lo0 = 0;
    let hi0 = origins.length;
    while (lo0 < hi0) {
      const mid = (lo0 + hi0) >> 1;
      if (origins[mid] < r.o) lo0 = mid + 1;
      else hi0 = mid;
    }
    const lo = lo0 > 0 ? origins[lo0 - 1] : undefined;
    const lo2 = lo0 > 1 ? origins[lo0 - 2] : undefined;
    const hi = lo0 < origins.length ? origins[lo0] : undefined;
    const hi2 = lo0 + 1 < origins.length ? origins[lo0 + 1] : undefined;
    let reversed = false;
    if (lo !== undefined && hi !== undefined) reversed = nowOf(hi) < nowOf(lo);
    else if (lo !== undefined && lo2 !== undefined) reversed = nowOf(lo) < nowOf(lo2);
    else if (hi !== undefined && hi2 !== undefined) reversed = nowOf(hi2) < nowOf(hi);
    const put = (map: Map<number, number[]>, at: number) => {
      const list = map.get(at) ?? [];
      if (reversed) list.unshift(i);
      else list.push(i);
      map.set(at, list);
    };
    if (lo !== undefined) put(reversed ? before : after, nowOf(lo));
    else if (hi !== undefined) put(reversed ? after : before, nowOf(hi));
    else atEnd.push(i);
  });
  const slots: Slot[] = [];
  for (let R = 2; R <= now.lastRow; R++) {
    for (const i of before.get(R) ?? []) slots.push({ kind: 'removed', i });
    slots.push({ kind: 'now', R });
    for (const i of after.get(R) ?? []) slots.push({ kind: 'removed', i });
  }
  for (const i of atEnd) slots.push({ kind: 'removed', i });
  out.rowsBack = removed.length;

  // Row moves, for formulas: from the current layout, and from the original one (removed rows, old formulas).
  const curTo = new Int32Array(Math.max(0, now.lastRow - 1)).fill(-1);
  const removedTo = new Map<number, number>();
  slots.forEach((s, k) => {
    if (s.kind === 'now') curTo[s.R - 2] = k + 2;
    else removedTo.set(removed[s.i].o, k + 2);
  });
  const curMap = rowMapOf(2, curTo, (r) => r);
  const originalRows = Math.max(0, bounds(plan.origin.map((o) => o + 1)).max, bounds(removed.map((r) => r.o + 1)).max);
  const origTo = new Int32Array(originalRows).fill(-1);
  for (const [o, R] of nowOfOrigin) origTo[o] = curTo[R - 2];
  for (const [o, R] of removedTo) origTo[o] = R;
  const origMap = rowMapOf(2, origTo, (r) => r);
  const name = sheet.getName();

  const width = Math.max(now.lastColumn, bounds(removed.map((r) => r.cells.length)).max);
  const decorWidth = Math.max(1, Math.min(width, sheet.getMaxColumns()));
  const layers = readLayers(sheet, 2, 1, Math.max(1, now.lastRow - 1), decorWidth, ALL_LAYERS);
  const backAt = new Map<string, number>();
  for (const d of back) backAt.set(`${d.R}:${d.C}`, d.k);
  const decorBack = restoreDecor(sheet, plan, back, rowOf, colOf, layers, { row: 2, col: 1 });
  const values: unknown[][] = [];
  const newLayers: Layers = { notes: [], backgrounds: [], numberFormats: [], fontWeights: [], fontColors: [] };
  for (const s of slots) {
    const row: unknown[] = new Array(width).fill('');
    if (s.kind === 'now') {
      const R = s.R;
      for (let C = 1; C <= width; C++) {
        const fmt = C <= decorWidth && R - 2 < (layers.numberFormats?.length ?? 0) ? (layers.numberFormats as string[][])[R - 2][C - 1] : '';
        const k = backAt.get(`${R}:${C}`);
        if (k !== undefined) {
          const [v, f] = decode(plan.cells.old[k] as Enc);
          row[C - 1] = f ? remapRows(f, name, name, origMap) : inputFor(v, '', fmt);
          continue;
        }
        if (C > now.lastColumn) continue;
        const f = now.formulas[R - 1][C - 1];
        row[C - 1] = f ? remapRows(f, name, name, curMap) : inputFor(now.values[R - 1][C - 1], '', fmt);
      }
      for (const l of ALL_LAYERS) {
        const src = (layers[l] as string[][])[R - 2]?.slice(0, decorWidth) ?? new Array(decorWidth).fill(LAYER_DEFAULTS[l]);
        for (let C = 1; C <= decorWidth; C++) {
          const old = decorBack.get(`${R}:${C}:${l}`);
          if (old !== undefined) src[C - 1] = old;
        }
        (newLayers[l] as string[][]).push(src);
      }
    } else {
      const r = removed[s.i];
      const byRow = sparseByRow(r.decor);
      const rowDecor = (l: LayerName) => {
        const cells = new Array<string>(decorWidth).fill(LAYER_DEFAULTS[l]);
        for (const [ll, c, v] of byRow.get(0) ?? []) if (ll === l && c < decorWidth) cells[c] = v;
        return cells;
      };
      const fmts = rowDecor('numberFormats');
      r.cells.forEach((e, j) => {
        const [v, f] = decode(e);
        row[j] = f ? remapRows(f, name, name, origMap) : inputFor(v as Cell, '', fmts[j] ?? '');
      });
      for (const l of ALL_LAYERS) (newLayers[l] as string[][]).push(rowDecor(l));
    }
    values.push(row);
  }
  // The merge deleted as many rows as it removed: the grid gets them back.
  const need = Math.max(slots.length + 1 - sheet.getMaxRows(), removed.length);
  if (need > 0) sheet.insertRowsAfter(sheet.getMaxRows(), need);
  if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  if (values.length) {
    sheet.getRange(2, 1, values.length, width).setValues(values);
    writeLayers(sheet, 2, 1, newLayers);
  }
  // The sheet's grid as it was: the block had lost exactly the removed rows.
  return out;
}


// --- what every undo does --------------------------------------------------------------------------

/**
 * CDM's columns created by the run go. The run took some of them from blank columns of the grid
 * and inserted the rest; the grid gets back the blank ones it lent, so it is as wide as before
 * the run, give or take the columns the user added or deleted since.
 */
function dropCreatedColumns(sheet: Sheet, plan: WritePlan): void {
  if (!plan.created.length) return;
  const marked = markedColumns(sheet);
  const columns = plan.created.map((h) => marked.get(h)).filter((c): c is number => c !== undefined).sort((a, b) => b - a);
  const inserted = Math.max(0, plan.header.length - plan.maxColumnsBefore);
  const lent = plan.created.length - inserted;
  // Delete first, then grow: the workbook never holds more cells than at the end.
  for (let i = 0; i < columns.length; ) {
    let j = i;
    while (j + 1 < columns.length && columns[j + 1] === columns[j] - 1) j++;
    sheet.deleteColumns(columns[j], columns[i] - columns[j] + 1);
    i = j + 1;
  }
  if (lent > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), lent);
}

/** The rows the run appended to CDM Removed (found by their run id). */
function dropRemovedRows(runId: string): void {
  const sheet = cdmSheet('removed');
  if (!sheet || sheet.getLastRow() < 2) return;
  const ids = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().map((r) => String(r[0]));
  const rows = ids.map((id, i) => (id === runId ? i + 1 : -1)).filter((r) => r > 0);
  if (!rows.length) return;
  if (rows.length === ids.length - 1 && rows[0] === 2) {
    deleteCdmSheet('removed');
    return;
  }
  for (let i = rows.length - 1; i >= 0; ) {
    let j = i;
    while (j > 0 && rows[j - 1] === rows[j] - 1) j--;
    sheet.deleteRows(rows[j], rows[i] - rows[j] + 1);
    i = j - 1;
  }
}

export type { UndoEntry };
