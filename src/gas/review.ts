/**
 * The review queue: pairs in the dedupe step's uncertain band, written to `CDM Review` in words
 * a person reads — two rows per pair (record A above record B, the user's columns side by
 * side), the match as a percentage, the reasons one per line, the decision in words. The last
 * column keeps the pair's key (the two records' keys), which is how decisions refer to records.
 *
 * Decisions are kept in document properties by record key, so every later run honours them
 * (they go to the pipeline as options.decisions) and a decided pair is never asked again. A
 * decision may carry per-field choices (which record's value survives a merge).
 */
import type { PipelineState } from '../core/pipeline';
import type { Cell } from '../core/table';
import { isCdmColumn } from '../core/table';
import { LANGS, type Lang } from '../i18n/index';
import { REVIEW_TEXT, fieldWord, levelWord, type ReviewKey } from '../i18n/review';
import type { FieldChoices, ReviewDecision, ReviewPair } from '../rpc';
import { appendBlock, cdmSheet, writeGrid } from './cdm-sheets';
import { sheetLang, sheetText } from './lang';
import { MSG, UserError } from './messages';
import { loadChosenSheetId, loadDecisions, loadLastRun, saveDecisions, withDocumentLock, type Decision } from './run-state';
import { sheetById } from './sheet-io';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Explanation = ReviewPair['explanation'];

const tr = sheetText(REVIEW_TEXT);

const FIXED_KEYS: ReviewKey[] = ['headPair', 'headDecision', 'headMatch', 'headRecord', 'headRow'];
const FIXED = FIXED_KEYS.length;
const COL = { pair: 0, decision: 1, match: 2, record: 3, row: 4 } as const;
/** Record labels in each language: A above B ("甲" above "乙" in Chinese). */
const RECORD_LABELS: Record<Lang, [string, string]> = { en: ['A', 'B'], zh: ['甲', '乙'] };
/** Pairs listed at once: two rows each, so the sheet stays within a new sheet's 1000 rows. */
export const MAX_REVIEW_PAIRS = 400;
/** Most decisions one bulk accept may carry. */
export const MAX_BULK_DECISIONS = 1000;

export const pairId = (keyA: string, keyB: string): string => `${keyA}|${keyB}`;

const decided = (decisions: Decision[], a: string, b: string): Decision | undefined =>
  decisions.find((d) => (d.a === a && d.b === b) || (d.a === b && d.b === a));

const text = (v: Cell): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''));

/** The review sheet's header in one language. */
function headerIn(lang: Lang, userColumns: string[]): string[] {
  const d = REVIEW_TEXT[lang];
  return [...FIXED_KEYS.map((k) => d[k]), ...userColumns, d.headWhy, d.headKey];
}

/** "e-mail: exact (+9.2)", one line per field, in the sheet's language. */
export function explanationText(explanation: Explanation, lang: Lang = sheetLang()): string {
  const sep = lang === 'zh' ? '：' : ': ';
  return explanation
    .map((e) => `${fieldWord(e.field, lang)}${sep}${levelWord(e.level, lang)} (${e.weight >= 0 ? '+' : ''}${(Math.round(e.weight * 10) / 10).toFixed(1)})`)
    .join('\n');
}

const LINE = /^(.+?)(?:: |：)(.*) \(([+-]?\d+(?:\.\d+)?)\)$/;

/** Reads explanationText back (the sidebar draws a bar per field). */
export function parseExplanation(cell: string): Explanation {
  const out: Explanation = [];
  for (const line of cell.split('\n')) {
    const m = LINE.exec(line.trim());
    if (m) out.push({ field: m[1], level: m[2], weight: Number(m[3]) });
  }
  return out;
}

/** The two rows of one pair in `layout` (a header of the review sheet). */
function pairRows(layout: string[], lang: Lang, p: { number: number; id: string; score: number; why: string; rowA: number | ''; rowB: number | ''; a: Record<string, Cell>; b: Record<string, Cell> }): Cell[][] {
  const whyAt = layout.length - 2;
  const labels = RECORD_LABELS[lang];
  const record = (first: boolean): Cell[] =>
    layout.map((h, j) => {
      if (j === COL.pair) return p.number;
      if (j === COL.decision) return '';
      if (j === COL.match) return first ? percent(p.score) : '';
      if (j === COL.record) return first ? labels[0] : labels[1];
      if (j === COL.row) return first ? p.rowA : p.rowB;
      if (j === whyAt) return first ? p.why : '';
      if (j === whyAt + 1) return p.id;
      const values = first ? p.a : p.b;
      return values[h] ?? '';
    });
  return [record(true), record(false)];
}

/** Writes the review pairs (undecided ones) into `sheet`; returns how many pairs wait. */
export function writeReviewSheet(sheet: Sheet, state: PipelineState, sheetRowOf: Map<number, number>, decisions: Decision[]): number {
  const lang = sheetLang();
  const waiting = (state.reports.dedupe?.pairs ?? []).filter((p) => p.band === 'review' && !decided(decisions, p.keyA, p.keyB));
  // The closest calls first; a long queue is shown a page at a time (decided pairs make room).
  const pairs = waiting.slice().sort((x, y) => Math.abs(x.probability - 0.5) - Math.abs(y.probability - 0.5)).slice(0, MAX_REVIEW_PAIRS);
  const userColumns = state.table.header.filter((h) => !isCdmColumn(h));
  const userIdx = userColumns.map((h) => state.table.header.indexOf(h));
  const positionOf = new Map<number, number>();
  state.rowOrigin.forEach((o, i) => positionOf.set(o, i));
  const layout = headerIn(lang, userColumns);
  const rows: Cell[][] = [layout];
  const valuesOf = (index: number): Record<string, Cell> => {
    const pos = positionOf.get(index);
    const out: Record<string, Cell> = {};
    userColumns.forEach((h, j) => (out[h] = pos === undefined ? '' : state.table.rows[pos][userIdx[j]] ?? ''));
    return out;
  };
  pairs.forEach((p, i) => {
    rows.push(
      ...pairRows(layout, lang, {
        number: i + 1,
        id: pairId(p.keyA, p.keyB),
        score: p.probability,
        why: explanationText(p.explanation, lang),
        rowA: sheetRowOf.get(p.a) ?? '',
        rowB: sheetRowOf.get(p.b) ?? '',
        a: valuesOf(p.a),
        b: valuesOf(p.b),
      }),
    );
  });
  if (pairs.length === 0) rows.push([tr('noPairs')]);
  else rows.push([tr('howTo')]);
  if (waiting.length > pairs.length) rows.push([tr('morePairs', { count: waiting.length - pairs.length })]);
  writeGrid(sheet, rows);
  sheet.setFrozenRows(1);
  return waiting.length;
}

/** The match as people say it ("87%"), written as text so no number format is needed. */
export const percent = (p: number): string => {
  const x = Math.max(0, Math.min(1, p)) * 100;
  // An uncertain pair never reads "100%" (nor a possible one "0%").
  return `${x < 100 ? Math.max(x > 0 ? 1 : 0, Math.min(99, Math.round(x))) : 100}%`;
};

/** A match cell back to 0..1: "87%" as written, or a number someone typed. */
function matchOf(cell: Cell): number {
  if (typeof cell === 'number') return cell > 1 ? cell / 100 : cell;
  const n = Number(String(cell).replace('%', '').trim());
  return Number.isFinite(n) ? n / 100 : 0;
}

/**
 * A pair found by the intake form, appended in the layout a run writes (the sheet is created
 * when no run has written it yet), so the sidebar shows it and the decision is honoured.
 */
export function appendReviewPair(userHeader: string[], pair: { id: string; score: number; explanation: Explanation; rowA: number; rowB: number; a: Cell[]; b: Cell[] }): void {
  const lang = sheetLang();
  const sheet = cdmSheet('review');
  const existing = sheet && sheet.getLastColumn() > 0 ? sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map((h) => String(h)) : [];
  const layout = readLayout(existing) ? existing : headerIn(lang, userHeader);
  const lastPair = sheet && readLayout(existing) ? readPairs().reduce((m, p) => Math.max(m, p.number), 0) : 0;
  const byHeader = (values: Cell[]): Record<string, Cell> => Object.fromEntries(userHeader.map((h, j) => [h, values[j] ?? '']));
  const rows = pairRows(layout, lang, {
    number: lastPair + 1,
    id: pair.id,
    score: pair.score,
    why: `${explanationText(pair.explanation, lang)}\n${tr('fromForm')}`,
    rowA: pair.rowA,
    rowB: pair.rowB,
    a: byHeader(pair.a),
    b: byHeader(pair.b),
  });
  appendBlock('review', layout, rows);
}

interface Layout {
  lang: Lang;
  columns: string[];
  why: number;
  key: number;
}

/** Recognises the review sheet's header in any of CDM's languages (the locale may change). */
function readLayout(header: string[]): Layout | null {
  for (const lang of LANGS) {
    const d = REVIEW_TEXT[lang];
    if (header[COL.pair] !== d.headPair) continue;
    const why = header.indexOf(d.headWhy);
    const key = header.indexOf(d.headKey);
    if (why < FIXED || key !== why + 1) continue;
    return { lang, columns: header.slice(FIXED, why), why, key };
  }
  return null;
}

interface SheetPair {
  pair: ReviewPair;
  number: number;
  /** Sheet row of record A in CDM Review (B is the row below). */
  sheetRow: number;
}

function readPairs(): SheetPair[] {
  const sheet = cdmSheet('review');
  if (!sheet || sheet.getLastRow() < 3 || sheet.getLastColumn() < FIXED) return [];
  const values = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues() as Cell[][];
  const layout = readLayout(values[0].map((h) => String(h)));
  if (!layout) return [];
  const [labelA, labelB] = RECORD_LABELS[layout.lang];
  const out: SheetPair[] = [];
  for (let r = 1; r + 1 < values.length; r++) {
    const a = values[r];
    const b = values[r + 1];
    const id = String(a[layout.key] ?? '');
    if (a[COL.record] !== labelA || b[COL.record] !== labelB || id === '' || String(b[layout.key]) !== id) continue;
    const rec = (row: Cell[]) => ({
      row: Number(row[COL.row]) || 0,
      values: Object.fromEntries(layout.columns.map((c, j) => [c, text(row[FIXED + j])])),
    });
    out.push({
      pair: { id, a: rec(a), b: rec(b), score: matchOf(a[COL.match]), explanation: parseExplanation(String(a[layout.why] ?? '')) },
      number: Number(a[COL.pair]) || out.length + 1,
      sheetRow: r + 1,
    });
    r++;
  }
  return out;
}

const waitingOnly = (pairs: SheetPair[], decisions: Decision[]): SheetPair[] =>
  pairs.filter((p) => {
    const [a, b] = p.pair.id.split('|');
    return !decided(decisions, a, b);
  });

/**
 * Pairs still waiting for a decision. Decisions are made in the sidebar (the sheet's Decision
 * column shows them); reading typed ones back would cost every run a read of this sheet.
 */
export function getReviewQueue(): ReviewPair[] {
  return waitingOnly(readPairs(), loadDecisions()).map((p) => p.pair);
}

// --- deciding ------------------------------------------------------------------------------

/** A decision from the sidebar, checked: anything else is refused in plain words. */
function checkDecision(item: unknown): ReviewDecision {
  if (!item || typeof item !== 'object') throw new UserError(MSG.reviewBadDecision);
  const { id, decision, fields } = item as Record<string, unknown>;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200 || id.indexOf('|') < 0) throw new UserError(MSG.reviewPairGone);
  if (decision !== 'accept' && decision !== 'reject') throw new UserError(MSG.reviewBadDecision);
  if (fields === undefined || fields === null) return { id, decision };
  if (typeof fields !== 'object' || Array.isArray(fields)) throw new UserError(MSG.badArgument('fields'));
  const out: FieldChoices = {};
  for (const [column, side] of Object.entries(fields as Record<string, unknown>)) {
    if (side !== 'a' && side !== 'b') throw new UserError(MSG.reviewBadField(column));
    out[column] = side;
  }
  return { id, decision, fields: out };
}

/** The customer sheet the review pairs point into. */
function customerSheet(): Sheet | null {
  return sheetById(loadLastRun()?.sheetId ?? loadChosenSheetId());
}

/**
 * Rows whose customers are no longer the ones the review showed (deleted, moved, edited since).
 * The decision itself refers to records by key, but the user judged what they saw: if it is
 * not what the sheet holds now, CDM asks them to look again rather than guess.
 */
function staleRows(sheet: Sheet | null, pairs: ReviewPair[]): number[] {
  if (!sheet) return pairs.flatMap((p) => [p.a.row, p.b.row]);
  const lastRow = sheet.getLastRow();
  const width = sheet.getLastColumn();
  const rows = pairs.flatMap((p) => [p.a, p.b]);
  if (lastRow < 2 || width < 1) return rows.map((r) => r.row);
  const wanted = rows.map((r) => r.row).filter((r) => r >= 2 && r <= lastRow);
  const first = wanted.length ? Math.min(...wanted) : 2;
  const last = wanted.length ? Math.max(...wanted) : 2;
  const header = sheet.getRange(1, 1, 1, width).getValues()[0].map((h) => String(h).trim());
  // One read over the rows involved (a single pair: two rows apart or not, one range).
  const block = sheet.getRange(first, 1, last - first + 1, width).getValues() as Cell[][];
  const stale: number[] = [];
  for (const rec of rows) {
    const row = rec.row >= first && rec.row <= last ? block[rec.row - first] : null;
    const same = !!row && Object.entries(rec.values).every(([column, value]) => {
      const j = header.indexOf(column);
      return j >= 0 && text(row[j]) === value;
    });
    if (!same && !stale.includes(rec.row)) stale.push(rec.row);
  }
  return stale;
}

function decisionText(d: ReviewDecision, pair: ReviewPair): string {
  const said = d.decision === 'accept' ? tr('decisionSame') : tr('decisionDifferent');
  const picks = Object.entries(d.fields ?? {});
  if (d.decision !== 'accept' || picks.length === 0) return said;
  const choices = picks.map(([column, side]) => tr('keepFrom', { column, row: side === 'a' ? pair.a.row : pair.b.row })).join(', ');
  return tr('decisionKeep', { decision: said, choices });
}

function decideAll(items: ReviewDecision[]): { remaining: number; decided: number } {
  return withDocumentLock(() => {
    const all = readPairs();
    const found = items.map((d) => {
      const p = all.find((x) => x.pair.id === d.id);
      if (!p) throw new UserError(MSG.reviewPairGone);
      for (const column of Object.keys(d.fields ?? {})) if (!(column in p.pair.a.values)) throw new UserError(MSG.reviewBadField(column));
      return { d, p };
    });
    const sheet = customerSheet();
    const stale = staleRows(sheet, found.map((f) => f.p.pair));
    if (stale.length) throw new UserError(MSG.reviewRowsGone(sheet?.getName() ?? '', stale.sort((x, y) => x - y)));
    const decisions = found.map(({ d }): Decision => {
      const [a, b] = d.id.split('|');
      return d.fields && Object.keys(d.fields).length ? { a, b, decision: d.decision, fields: d.fields } : { a, b, decision: d.decision };
    });
    saveDecisions(decisions);
    const review = cdmSheet('review');
    if (review) {
      // One write of the Decision column over the rows involved.
      const rows = found.map((f) => f.p.sheetRow);
      const first = Math.min(...rows);
      const last = Math.max(...rows);
      const range = review.getRange(first, COL.decision + 1, last - first + 1, 1);
      const cells = range.getValues() as Cell[][];
      // Whatever else is in those cells stays as it is, formulas included.
      range.getFormulas().forEach((r, i) => r[0] && (cells[i][0] = r[0]));
      for (const { d, p } of found) cells[p.sheetRow - first][0] = decisionText(d, p.pair);
      range.setValues(cells);
    }
    return { remaining: waitingOnly(all, loadDecisions()).length, decided: found.length };
  });
}

/** Stores a decision (with per-field choices for a merge), marks it in the sheet, and says how many pairs are left. */
export function decideReview(id: unknown, decision: unknown, fields?: unknown): { remaining: number } {
  const d = checkDecision({ id, decision, fields });
  return { remaining: decideAll([d]).remaining };
}

/** Bulk accept (or reject): every decision in one execution and one write. */
export function decideReviews(items: unknown): { remaining: number; decided: number } {
  if (!Array.isArray(items) || items.length > MAX_BULK_DECISIONS) throw new UserError(MSG.badArgument('decisions'));
  if (items.length === 0) return { remaining: getReviewQueue().length, decided: 0 };
  const list = items.map(checkDecision);
  const ids = new Set(list.map((d) => d.id));
  if (ids.size !== list.length) throw new UserError(MSG.badArgument('decisions'));
  return decideAll(list);
}
