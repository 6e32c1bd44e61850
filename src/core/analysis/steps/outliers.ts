/** The outlier step: per numeric column, the values outside its fence (outliers.ts), for the report. */
import { ColumnCache } from '../cache';
import { ColumnInfo, usable } from '../columns';
import { OutlierReport, REPORT_ROWS } from '../report';
import { boundOrNull } from '../values';

export function outlierReport(infos: ColumnInfo[], cache: ColumnCache): OutlierReport {
  return {
    columns: usable(infos, 'numeric').flatMap((column) => {
      const values = cache.numeric(column);
      const fence = cache.fence(column);
      if (fence.rows.length === 0) return [];
      return [{
        column, low: boundOrNull(fence.low), high: boundOrNull(fence.high), count: fence.rows.length,
        rows: fence.rows.slice(0, REPORT_ROWS).map((row) => ({ row, value: values[row] as number })),
      }];
    }),
  };
}
