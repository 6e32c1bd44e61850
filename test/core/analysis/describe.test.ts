/**
 * Reference values: test/fixtures/analysis/describe-*.json, made by
 * tools/make-analysis-fixtures.py with pandas (Series.mean/median/mode/std(ddof=1)/quantile
 * (linear)/value_counts, DataFrame.corr Pearson pairwise-complete). Match to 1e-9 relative.
 */
import * as path from 'path';
import { describeColumns } from '../../../src/core/analysis/describe';
import type { Roles } from '../../../src/core/table';
import { DATA, expectClose, FIXTURES, fixture, readCsv } from './load';

const STATS = ['mean', 'median', 'mode', 'std', 'min', 'q1', 'q2', 'q3', 'max'] as const;

function check(file: string, refName: string, roles: Roles): void {
  const table = readCsv(file);
  const ref = fixture(refName);
  const report = describeColumns(table, roles);
  for (const [column, expected] of Object.entries<Record<string, number>>(ref.numeric)) {
    const got = report.numeric.find((s) => s.column === column);
    expect(got).toBeDefined();
    expect(got!.count).toBe(expected.count);
    expect(got!.missing).toBe(expected.missing);
    for (const s of STATS) expectClose(got![s], expected[s], 1e-9);
  }
  for (const [column, counts] of Object.entries<Record<string, number>>(ref.categories)) {
    const got = report.categories.find((c) => c.column === column)!;
    expect(Object.fromEntries(got.levels.map((l) => [l.value, l.count]))).toEqual(counts);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    for (const l of got.levels) expectClose(l.share, counts[l.value] / total, 1e-12);
  }
  const cols: string[] = ref.correlation.columns;
  for (let i = 0; i < cols.length; i++) {
    for (let j = 0; j < cols.length; j++) {
      const a = report.correlation.columns.indexOf(cols[i]);
      const b = report.correlation.columns.indexOf(cols[j]);
      expectClose(report.correlation.matrix[a][b], ref.correlation.matrix[i][j], 1e-9);
    }
  }
}

describe('describeColumns matches pandas', () => {
  test('mall customers', () => {
    check(path.join(DATA, 'mall_customers.csv'), 'describe-mall.json',
      { CustomerID: 'id', Gender: 'category', Age: 'number', 'Annual Income (k$)': 'money', 'Spending Score (1-100)': 'number' });
  });
  test('synthetic customers with gaps', () => {
    check(path.join(FIXTURES, 'synthetic_customers.csv'), 'describe-synthetic.json',
      { Income: 'money', Age: 'number', Orders: 'count', Region: 'category', 'Total Spend': 'money' });
  });
  test('sparse and constant columns are reported as skipped, not a crash', () => {
    const table = { header: ['A', 'B', 'C'], rows: Array.from({ length: 10 }, (_, i) => [i, 7, i < 2 ? i : '']) };
    const report = describeColumns(table, { A: 'number', B: 'number', C: 'number' });
    expect(report.skipped.map((s) => s.what).sort()).toEqual(['B', 'C']);
    expect(report.correlation.columns).toEqual(['A']);
  });
});
