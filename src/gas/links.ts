/**
 * The results panel's links: each figure of a run points at exactly the cells it describes —
 * the duplicate rows themselves, the cells the run cleaned or filled in the customer sheet,
 * this run's lines of the audit, the rows it moved to the removed sheet, the pairs to review,
 * a CDM column — never just the top of a sheet. Several ranges are joined by commas (one
 * selection, a RangeList in Sheets); past MAX_LINK_RANGES a link selects the columns involved.
 */
import type { PipelineState } from '../core/pipeline';
import type { Change } from '../core/table';
import { MESSAGES, type MessageKey } from '../i18n/messages';
import type { Lang } from '../i18n/index';
import type { LinkKind, LinkTarget, RunSummary } from '../rpc';
import { columnLetter } from './messages';
import { MAX_REVIEW_PAIRS } from './review';

/** More separate ranges than this and a link selects whole columns or a block instead. */
export const MAX_LINK_RANGES = 200;

export interface LinkFacts {
  sheetName: string;
  /** Data rows in the customer sheet after the write (rows 2..rows+1) and its width. */
  rows: number;
  width: number;
  /** Sheet column of each header of the final table. */
  columnOf: Record<string, number>;
  /** Sheet row (after the write) of each original data row still present. */
  sheetRowOf: Map<number, number>;
  /** The final table and where its rows came from (state.rowOrigin). */
  state: PipelineState;
  /** The changes written (original rows; cells the user changed meanwhile already left out). */
  changes: Iterable<Change>;
  /** The names CDM's own sheets have in this spreadsheet. */
  sheets: { audit: string; removed: string; review: string; analysis: string };
  /** This run's rows in the audit and removed sheets (first sheet row, count). */
  audit: [number, number] | null;
  removed: [number, number] | null;
  reviewCount: number;
  analysed: boolean;
  lang: Lang;
}

const rowsA1 = (first: number, last: number): string => `${first}:${last}`;

/** Consecutive numbers folded into [first, last] runs. */
function runsOf(sorted: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else if (!last || n > last[1]) out.push([n, n]);
  }
  return out;
}

/** Cells as A1 ranges, a column at a time (C5:C9,F2); past the cap, the columns involved. */
function cellsA1(cells: Array<[number, number]>, rows: number): string | null {
  if (!cells.length) return null;
  const byColumn = new Map<number, number[]>();
  for (const [r, c] of cells) {
    const list = byColumn.get(c);
    if (list) list.push(r);
    else byColumn.set(c, [r]);
  }
  const columns = [...byColumn.keys()].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (const c of columns) {
    const letter = columnLetter(c);
    for (const [a, b] of runsOf(byColumn.get(c)!.sort((x, y) => x - y))) ranges.push(a === b ? `${letter}${a}` : `${letter}${a}:${letter}${b}`);
  }
  if (ranges.length <= MAX_LINK_RANGES) return ranges.join(',');
  return columns.map((c) => `${columnLetter(c)}2:${columnLetter(c)}${rows + 1}`).join(',');
}

export function runLinks(f: LinkFacts): LinkTarget[] {
  const say = MESSAGES[f.lang];
  const links: LinkTarget[] = [];
  const add = (kind: LinkKind, label: MessageKey, sheet: string, a1: string | null) => {
    if (a1) links.push({ kind, label: say[label], sheet, a1 });
  };
  const lastCol = columnLetter(Math.max(1, f.width));
  const column = (header: string): string | null => {
    const c = f.columnOf[header];
    return c && f.rows > 0 ? `${columnLetter(c)}2:${columnLetter(c)}${f.rows + 1}` : null;
  };
  const sheetRow = (tableRow: number): number | undefined => f.sheetRowOf.get(f.state.rowOrigin[tableRow] ?? tableRow);

  add('rows', 'linkCustomers', f.sheetName, `A1:${lastCol}${f.rows + 1}`);
  const cdm = Object.entries(f.columnOf).filter(([h]) => h.startsWith('CDM ')).map(([, c]) => c);
  if (cdm.length) add('cdmColumns', 'linkCdmColumns', f.sheetName, `${columnLetter(Math.min(...cdm))}1:${columnLetter(Math.max(...cdm))}${f.rows + 1}`);

  // The duplicate rows themselves (every row of a group), as whole rows of the sheet.
  const group = f.state.table.header.indexOf('CDM Duplicate Group');
  if (group >= 0) {
    const dupRows: number[] = [];
    f.state.table.rows.forEach((r, i) => {
      const v = r[group];
      const at = sheetRow(i);
      if (v !== '' && v !== null && v !== undefined && at !== undefined) dupRows.push(at);
    });
    const runs = runsOf(dupRows.sort((a, b) => a - b));
    if (runs.length > 0 && runs.length <= MAX_LINK_RANGES) add('duplicates', 'linkDuplicates', f.sheetName, runs.map(([a, b]) => `A${a}:${lastCol}${b}`).join(','));
    else if (runs.length > 0) add('duplicates', 'linkDuplicates', f.sheetName, column('CDM Duplicate Group'));
  }
  if (f.removed && f.removed[1] > 0) add('merged', 'linkMerged', f.sheets.removed, rowsA1(f.removed[0], f.removed[0] + f.removed[1] - 1));
  if (f.reviewCount > 0) add('review', 'linkReview', f.sheets.review, rowsA1(2, 1 + 2 * Math.min(f.reviewCount, MAX_REVIEW_PAIRS)));

  // The cells themselves: cleaned, filled, flagged (in their column, or its cleaned copy).
  const cells: Record<'normalise' | 'impute' | 'flag', Array<[number, number]>> = { normalise: [], impute: [], flag: [] };
  for (const ch of f.changes) {
    if (ch.kind !== 'normalise' && ch.kind !== 'impute' && ch.kind !== 'flag') continue;
    const r = f.sheetRowOf.get(ch.row);
    const c = f.columnOf[ch.column];
    if (r !== undefined && c !== undefined) cells[ch.kind].push([r, c]);
  }
  add('cleaned', 'linkCleaned', f.sheetName, cellsA1(cells.normalise, f.rows));
  add('filled', 'linkFilled', f.sheetName, cellsA1(cells.impute, f.rows));
  add('flagged', 'linkFlagged', f.sheetName, cellsA1(cells.flag, f.rows));
  add('segments', 'linkSegments', f.sheetName, column('CDM Segment'));
  add('prediction', 'linkPrediction', f.sheetName, column('CDM Predicted Spend'));
  add('churn', 'linkChurn', f.sheetName, column('CDM Churn Risk'));
  if (f.analysed) add('analysis', 'linkAnalysis', f.sheets.analysis, 'A1');
  if (f.audit && f.audit[1] > 0) add('audit', 'linkAudit', f.sheets.audit, rowsA1(f.audit[0], f.audit[0] + f.audit[1] - 1));
  return links;
}

/** The run's summary as the sidebar shows it: churn rows as sheet rows, and exact links. */
export function withRunLinks(base: RunSummary, f: LinkFacts, messages: string[]): RunSummary {
  return {
    ...base,
    reviewPairs: f.reviewCount,
    // summarise() counts rows of the final table from 0; the user counts sheet rows, header = 1.
    topChurn: base.topChurn
      .map((c) => ({ ...c, row: f.sheetRowOf.get(f.state.rowOrigin[c.row] ?? c.row) ?? -1 }))
      .filter((c) => c.row >= 2),
    links: [...(base.links ?? []), ...runLinks(f)],
    messages: [...(base.messages ?? []), ...messages],
  };
}
