/**
 * Merge mode takes rows out of the file; none leaves without a trace. The
 * removed rows are written beside the output, exactly as they were typed in the input, each
 * with the row it was merged into, and listed in the report.
 */
import type { Cell, Table } from '../core/table';
import type { PipelineState } from '../core/pipeline';
import { CLI_TEXT } from '../i18n/cli';
import { translator, type Lang } from '../i18n/index';

export interface RemovedRow {
  /** Row of the input file (the header is row 1) that was taken out. */
  row: number;
  /** Row of the input file it was merged into. */
  mergedInto: number;
  /** Where that row is in the output file. */
  mergedIntoOutputRow: number;
}

/** The file beside OUT that holds the removed rows: customers.csv → customers.removed.csv. */
export function removedPath(out: string): string {
  return /\.csv$/i.test(out) ? `${out.slice(0, -4)}.removed${out.slice(-4)}` : `${out}.removed.csv`;
}

/** Every row the run removed, with where it went, in input order. */
export function removedRows(state: PipelineState): RemovedRow[] {
  const outputRow = new Map<number, number>();
  state.rowOrigin.forEach((origin, i) => outputRow.set(origin, i + 2));
  return (state.reports.dedupe?.removed ?? [])
    .map((r) => ({ row: r.row + 2, mergedInto: r.mergedInto + 2, mergedIntoOutputRow: outputRow.get(r.mergedInto) ?? 0 }))
    .sort((a, b) => a.row - b.row);
}

/** The removed rows as a table: where each went, then every column of the input as typed. */
export function removedTable(input: Table, removed: RemovedRow[], lang: Lang = 'en'): Table {
  const t = translator(CLI_TEXT, lang);
  // The two added columns must not share a name with one of the user's.
  const unique = (name: string) => (input.header.some((h) => h.toLowerCase() === name.toLowerCase()) ? `${name} (CDM)` : name);
  return {
    header: [unique(t('wasRow')), unique(t('mergedIntoRow')), ...input.header],
    rows: removed.map((r): Cell[] => [r.row, r.mergedIntoOutputRow, ...input.header.map((_, c) => input.rows[r.row - 2][c] ?? '')]),
  };
}
