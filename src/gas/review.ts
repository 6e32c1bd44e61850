/**
 * The review queue: pairs in the dedupe step's uncertain band, written to `CDM Review` two
 * rows per pair (record A above record B, the user's columns side by side), with the score, the
 * explanation in words and, in a last column, the explanation as JSON for the sidebar.
 * Decisions are kept in document properties by record key, so every later run honours them
 * (they go to the pipeline as options.decisions) and a decided pair is never asked again.
 */
import type { PipelineState } from '../core/pipeline';
import type { Cell } from '../core/table';
import type { ReviewPair } from '../rpc';
import { REVIEW_SHEET, getSheet, writeGrid } from './cdm-sheets';
import { MSG, UserError } from './messages';
import { loadDecisions, saveDecision, withDocumentLock, type Decision } from './run-state';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const FIXED = ['Pair', 'Decision', 'Score', 'Record', 'Row'];
/** Pairs listed at once: two rows each, so the sheet stays within a new sheet's 1000 rows. */
export const MAX_REVIEW_PAIRS = 400;
const WHY = 'Why';
const DETAILS = 'Details';

export const pairId = (keyA: string, keyB: string): string => `${keyA}|${keyB}`;

const decided = (decisions: Decision[], a: string, b: string): Decision | undefined =>
  decisions.find((d) => (d.a === a && d.b === b) || (d.a === b && d.b === a));

const text = (v: Cell): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''));

/** Writes the review pairs (undecided ones) into `sheet`; returns how many pairs. */
export function writeReviewSheet(sheet: Sheet, state: PipelineState, sheetRowOf: Map<number, number>, decisions: Decision[]): number {
  const waiting = (state.reports.dedupe?.pairs ?? []).filter((p) => p.band === 'review' && !decided(decisions, p.keyA, p.keyB));
  // The closest calls first; a long queue is shown a page at a time (decided pairs make room).
  const pairs = waiting.slice().sort((x, y) => Math.abs(x.probability - 0.5) - Math.abs(y.probability - 0.5)).slice(0, MAX_REVIEW_PAIRS);
  const userColumns = state.table.header.filter((h) => !h.startsWith('CDM '));
  const userIdx = userColumns.map((h) => state.table.header.indexOf(h));
  const positionOf = new Map<number, number>();
  state.rowOrigin.forEach((o, i) => positionOf.set(o, i));
  const rows: Cell[][] = [[...FIXED, ...userColumns, WHY, DETAILS]];
  for (const p of pairs) {
    const id = pairId(p.keyA, p.keyB);
    const why = p.explanation.map((e) => `${e.field}: ${e.level}`).join('; ');
    const details = JSON.stringify(p.explanation);
    const record = (index: number, label: string, first: boolean): Cell[] => {
      const pos = positionOf.get(index);
      const values = pos === undefined ? userIdx.map(() => '') : userIdx.map((j) => state.table.rows[pos][j] ?? '');
      return [id, '', first ? Math.round(p.probability * 1000) / 1000 : '', label, sheetRowOf.get(index) ?? '', ...values, first ? why : '', first ? details : ''];
    };
    rows.push(record(p.a, 'A', true), record(p.b, 'B', false));
  }
  if (pairs.length === 0) rows.push(['No pairs to review: every possible duplicate was clear enough to decide.']);
  if (waiting.length > pairs.length) rows.push([`${waiting.length - pairs.length} more pairs wait: decide these, then run CDM again to see them.`]);
  writeGrid(sheet, rows);
  return waiting.length;
}

interface SheetPair {
  pair: ReviewPair;
  sheetRow: number;
}

function readPairs(): SheetPair[] {
  const sheet = getSheet(REVIEW_SHEET);
  if (!sheet || sheet.getLastRow() < 3) return [];
  const values = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
  const header = values[0].map(String);
  const why = header.indexOf(WHY);
  const details = header.indexOf(DETAILS);
  if (header[0] !== FIXED[0] || why < 0 || details < 0) return [];
  const columns = header.slice(FIXED.length, why);
  const out: SheetPair[] = [];
  for (let r = 1; r + 1 < values.length; r++) {
    const a = values[r];
    const b = values[r + 1];
    if (a[3] !== 'A' || b[3] !== 'B' || a[0] !== b[0] || a[0] === '') continue;
    const rec = (row: Cell[]) => ({
      row: Number(row[4]) || 0,
      values: Object.fromEntries(columns.map((c, j) => [c, text(row[FIXED.length + j])])),
    });
    let explanation: ReviewPair['explanation'] = [];
    try {
      explanation = JSON.parse(String(a[details]));
    } catch {
      explanation = [];
    }
    out.push({
      pair: { id: String(a[0]), a: rec(a), b: rec(b), score: Number(a[2]) || 0, explanation },
      sheetRow: r + 1,
    });
    r++;
  }
  return out;
}

/**
 * Pairs still waiting for a decision. Decisions are made in the sidebar (the sheet's Decision
 * column shows them); reading typed ones back would cost every run a read of this sheet.
 */
export function getReviewQueue(): ReviewPair[] {
  const decisions = loadDecisions();
  return readPairs()
    .map((p) => p.pair)
    .filter((p) => {
      const [a, b] = p.id.split('|');
      return !decided(decisions, a, b);
    });
}

/** Stores a decision, marks it in the sheet, and says how many pairs are left. */
export function decideReview(id: string, decision: 'accept' | 'reject'): { remaining: number } {
  if (decision !== 'accept' && decision !== 'reject') throw new UserError(MSG.reviewPairGone);
  return withDocumentLock(() => {
    const found = readPairs().find((p) => p.pair.id === id);
    if (!found) throw new UserError(MSG.reviewPairGone);
    const [a, b] = id.split('|');
    saveDecision({ a, b, decision });
    getSheet(REVIEW_SHEET)?.getRange(found.sheetRow, 2).setValue(decision === 'accept' ? 'Accept' : 'Reject');
    return { remaining: getReviewQueue().length };
  });
}
