/**
 * The results panel's links: each figure of a run points at exactly the cells it describes —
 * the duplicate rows themselves, this run's lines of `CDM Audit` for cleaned or filled values,
 * the rows it moved to `CDM Removed`, the pairs in `CDM Review`, a CDM column — never just the
 * top of a sheet. Several ranges are joined by commas (one selection, a RangeList in Sheets).
 */
import type { PipelineState } from '../core/pipeline';
import type { ChangeKind } from '../core/table';
import { MESSAGES, type MessageKey } from '../i18n/messages';
import type { LinkKind, LinkTarget, RunSummary } from '../rpc';
import { ANALYSIS_SHEET, AUDIT_SHEET, REMOVED_SHEET, REVIEW_SHEET } from './cdm-sheets';
import { sheetLang } from './lang';
import { columnLetter } from './messages';
import { MAX_REVIEW_PAIRS } from './review';

/** More separate ranges than this and a link selects the whole column or block instead. */
export const MAX_LINK_RANGES = 200;

export interface LinkFacts {
  sheetName: string;
  /** Data rows in the customer sheet after the write (they are rows 2..rows+1). */
  rows: number;
  width: number;
  /** Sheet column of each header of the final table. */
  columnOf: Record<string, number>;
  /** The final table: row i is sheet row i + 2. */
  state: PipelineState;
  /** This run's rows in CDM Audit (first sheet row, count) and the kind of each, in order. */
  audit: [number, number] | null;
  auditKinds: ChangeKind[];
  /** This run's rows in CDM Removed. */
  removed: [number, number] | null;
  reviewCount: number;
  analysed: boolean;
}

const rowsA1 = (first: number, last: number): string => `${first}:${last}`;

/** Consecutive numbers folded into [first, last] runs. */
function runsOf(sorted: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

export function runLinks(f: LinkFacts): LinkTarget[] {
  const say = MESSAGES[sheetLang()];
  const links: LinkTarget[] = [];
  const add = (kind: LinkKind, label: MessageKey, sheet: string, a1: string | null) => {
    if (a1) links.push({ kind, label: say[label], sheet, a1 });
  };
  const lastCol = columnLetter(Math.max(1, f.width));
  const column = (header: string): string | null => {
    const c = f.columnOf[header];
    return c && f.rows > 0 ? `${columnLetter(c)}2:${columnLetter(c)}${f.rows + 1}` : null;
  };

  add('rows', 'linkCustomers', f.sheetName, `A1:${lastCol}${f.rows + 1}`);
  const cdm = Object.entries(f.columnOf).filter(([h]) => h.startsWith('CDM ')).map(([, c]) => c);
  if (cdm.length) add('cdmColumns', 'linkCdmColumns', f.sheetName, `${columnLetter(Math.min(...cdm))}1:${columnLetter(Math.max(...cdm))}${f.rows + 1}`);

  // The duplicate rows themselves (every row of a group), as whole rows of the sheet.
  const group = f.state.table.header.indexOf('CDM Duplicate Group');
  if (group >= 0) {
    const dupRows: number[] = [];
    f.state.table.rows.forEach((r, i) => {
      const v = r[group];
      if (v !== '' && v !== null && v !== undefined) dupRows.push(i + 2);
    });
    const runs = runsOf(dupRows);
    if (runs.length > 0 && runs.length <= MAX_LINK_RANGES) add('duplicates', 'linkDuplicates', f.sheetName, runs.map(([a, b]) => `A${a}:${lastCol}${b}`).join(','));
    else if (runs.length > 0) add('duplicates', 'linkDuplicates', f.sheetName, column('CDM Duplicate Group'));
  }
  if (f.removed && f.removed[1] > 0) add('merged', 'linkMerged', REMOVED_SHEET, rowsA1(f.removed[0], f.removed[0] + f.removed[1] - 1));
  if (f.reviewCount > 0) add('review', 'linkReview', REVIEW_SHEET, rowsA1(2, 1 + 2 * Math.min(f.reviewCount, MAX_REVIEW_PAIRS)));

  // This run's audit lines of one kind (cleaned values, filled gaps, flags).
  if (f.audit && f.audit[1] > 0) {
    const [first, count] = f.audit;
    const ofKind = (kind: ChangeKind): string | null => {
      const rows: number[] = [];
      f.auditKinds.forEach((k, i) => k === kind && rows.push(first + i));
      if (!rows.length) return null;
      const runs = runsOf(rows);
      return runs.length <= MAX_LINK_RANGES ? runs.map(([a, b]) => rowsA1(a, b)).join(',') : rowsA1(first, first + count - 1);
    };
    add('cleaned', 'linkCleaned', AUDIT_SHEET, ofKind('normalise'));
    add('filled', 'linkFilled', AUDIT_SHEET, ofKind('impute'));
    add('flagged', 'linkFlagged', AUDIT_SHEET, ofKind('flag'));
  }
  add('segments', 'linkSegments', f.sheetName, column('CDM Segment'));
  add('prediction', 'linkPrediction', f.sheetName, column('CDM Predicted Spend'));
  add('churn', 'linkChurn', f.sheetName, column('CDM Churn Risk'));
  if (f.analysed) add('analysis', 'linkAnalysis', ANALYSIS_SHEET, 'A1');
  if (f.audit && f.audit[1] > 0) add('audit', 'linkAudit', AUDIT_SHEET, rowsA1(f.audit[0], f.audit[0] + f.audit[1] - 1));
  return links;
}

/** The run's summary as the sidebar shows it: churn rows as sheet rows, and exact links. */
export function withRunLinks(base: RunSummary, f: LinkFacts, messages: string[]): RunSummary {
  return {
    ...base,
    reviewPairs: f.reviewCount,
    // summarise() counts rows of the final table from 0; the user counts sheet rows, header = 1.
    topChurn: base.topChurn.map((c) => ({ ...c, row: c.row + 2 })),
    links: [...(base.links ?? []), ...runLinks(f)],
    messages: [...(base.messages ?? []), ...messages],
  };
}
