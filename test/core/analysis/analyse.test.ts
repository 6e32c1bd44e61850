/** The whole analyse step on a seeded synthetic sheet and on mall customers. */
import * as path from 'path';
import { analyseTable, scoreRow } from '../../../src/core/analysis';
import { CDM_COLUMNS, Table } from '../../../src/core/table';
import { DATA, expectClose, fixture, readCsv } from './load';
import { sampleCustomers, SAMPLE_ROLES } from './sample';

const asOf = new Date(Date.UTC(2024, 6, 1));
const col = (t: Table, c: string): unknown[] => t.rows.map((r) => r[t.header.indexOf(c)]);

describe('analyseTable on a customer sheet', () => {
  const table = sampleCustomers(600);
  table.rows[3][table.header.indexOf('Annual Income')] = 666666;
  table.rows[5][table.header.indexOf('Total Spend')] = '';
  const result = analyseTable(table, SAMPLE_ROLES, { asOf, seed: 3 });
  const r = result.report;

  test('writes every analysis column, in the CDM column set', () => {
    for (const c of ['CDM Cluster', 'CDM Segment', 'CDM Predicted Spend', 'CDM RFM', 'CDM Churn Risk', 'CDM Recommended']) {
      expect(result.table.header).toContain(c);
      expect(CDM_COLUMNS as readonly string[]).toContain(c);
    }
    expect(result.table.rows).toHaveLength(600);
    expect(result.table.header.slice(0, table.header.length)).toEqual(table.header);
    expect(r.skipped).toEqual([]);
  });

  test('spend: target found, missing spend predicted, abnormal income excluded and reported', () => {
    expect(r.regression!.target).toBe('Total Spend');
    // Row 5's spend was blank: its prediction is the fitted line applied to its inputs, the same
    // number the saved model gives it (what an intake-form row gets scored with).
    const predicted = scoreRow(r.model!, table.header, table.rows[5]).predictedSpend;
    expect(predicted).not.toBeNull();
    expect(col(result.table, 'CDM Predicted Spend')[5]).toBeCloseTo(predicted as number, 2);
    expect(r.regression!.excludedRows).toContainEqual({ row: 3, column: 'Annual Income', value: 666666 });
    expect(r.outliers.columns.find((c) => c.column === 'Annual Income')!.rows).toContainEqual({ row: 3, value: 666666 });
    expect(r.regression!.cv!.r2).toBeGreaterThan(0.8);
    expect(r.regression!.importance[0].feature).toBe('Orders');
    const excluded = new Set(r.regression!.excludedRows!.map((e) => e.row));
    expect(r.regression!.rows).toBe(600 - 1 - excluded.size);
    expect(r.regression!.explanation).toBe(`From ${r.regression!.rows} customers: Orders matters most for Total Spend (higher means more), then Annual Income (higher means more), Age (higher means less).`);
  });

  test('segments, RFM, churn and recommendations are filled in words', () => {
    expect(r.segments!.k).toBeGreaterThanOrEqual(2);
    expect(col(result.table, 'CDM Cluster').every((c) => typeof c === 'number' && c >= 1 && c <= r.segments!.k)).toBe(true);
    expect(r.segments!.segments.reduce((s, g) => s + g.size, 0)).toBe(600);
    expect(r.segments!.segments.reduce((s, g) => s + (g.revenueShare ?? 0), 0)).toBeCloseTo(1, 9);
    const rfm = col(result.table, 'CDM RFM');
    expect(rfm[5]).toBe(''); // spend missing: no monetary score
    expect(rfm.filter((_, i) => i !== 5).every((c) => /^[1-5]{3} [A-Z]/.test(String(c)))).toBe(true);
    expect(col(result.table, 'CDM Churn Risk').every((c) => /^(low|medium|high): \d+ days? since last purchase/.test(String(c)))).toBe(true);
    expect(r.churn!.top[0]).toMatchObject({ risk: 'high', name: expect.stringMatching(/^Customer \d+$/) });
    expect(r.churn!.counts.high + r.churn!.counts.medium + r.churn!.counts.low).toBe(600);
    expect(r.rfm!.from).toMatchObject({ lastPurchase: 'Last Purchase', orders: 'Orders', spend: 'Total Spend' });
    const recs = col(result.table, 'CDM Recommended') as string[];
    expect(recs.filter((x) => x !== '').length).toBeGreaterThan(300);
    // A tea buyer without cups is offered cups (the bundles in the sample go together).
    const prods = col(result.table, 'Products') as string[];
    const i = prods.findIndex((p) => p.split(', ').includes('Tea') && !p.includes('Cups'));
    expect(recs[i]).toContain('Cups');
    expect(r.business.byProduct.length).toBeGreaterThan(3);
    expect(r.business.bySignupMonth.length).toBeGreaterThan(20);
    expect(r.business.bySegment).toHaveLength(r.segments!.k);
  });

  test('every written cell is a change of kind analysis; a re-run changes nothing', () => {
    const cdm = result.table.header.map((h, i) => (h.startsWith('CDM ') ? i : -1)).filter((i) => i >= 0);
    const filled = result.table.rows.reduce((s, row) => s + cdm.filter((i) => row[i] !== '').length, 0);
    // Six result columns, and CDM Flags: the abnormal income of row 3 is flagged with its reason (before,
    // it was left out of fitting without a word on the customer's row).
    expect(cdm).toHaveLength(7);
    expect(col(result.table, 'CDM Flags')[3]).toMatch(/^Annual Income 666666 is far above the rest/);
    expect(col(result.table, 'CDM Flags').filter((f) => f !== '').length).toBe(r.outliers.flagged);
    expect(result.changes.length).toBe(filled);
    expect(result.changes.every((c) => c.kind === 'analysis' && c.old === '' && c.new !== '')).toBe(true);
    const again = analyseTable(result.table, SAMPLE_ROLES, { asOf, seed: 3, previous: r.model });
    expect(again.changes).toEqual([]);
    expect(again.table.header).toEqual(result.table.header);
  });

  test('the model is plain JSON and scores a new row like the table', () => {
    const model = JSON.parse(JSON.stringify(r.model));
    for (const row of [0, 3, 5, 100]) {
      const s = scoreRow(model, table.header, table.rows[row]);
      expect(s.cluster).toBe(col(result.table, 'CDM Cluster')[row]);
      expect(s.segment).toBe(col(result.table, 'CDM Segment')[row]);
      expect(s.predictedSpend).toBe(col(result.table, 'CDM Predicted Spend')[row]);
    }
  });

  test('cluster numbers stay put when a few customers are added', () => {
    const bigger = { header: table.header, rows: [...table.rows, ...sampleCustomers(8, 99).rows] };
    const again = analyseTable(bigger, SAMPLE_ROLES, { asOf, seed: 3, previous: r.model });
    expect(col(again.table, 'CDM Cluster').slice(0, 600)).toEqual(col(result.table, 'CDM Cluster'));
  });
});

describe('analyseTable on mall customers', () => {
  const mall = readCsv(path.join(DATA, 'mall_customers.csv'));
  const roles = { CustomerID: 'id', Gender: 'category', Age: 'number', 'Annual Income (k$)': 'money', 'Spending Score (1-100)': 'number' } as const;
  test('--features income + score: k = 5, silhouette ≥ 0.55, same labels twice', () => {
    const opts = { features: ['Annual Income (k$)', 'Spending Score (1-100)'], asOf };
    const a = analyseTable(mall, roles, opts);
    const b = analyseTable(mall, roles, opts);
    expect(a.report.segments!.k).toBe(5);
    expect(a.report.segments!.silhouette).toBeGreaterThanOrEqual(0.55);
    // Nothing in Mall is abnormal (a spending score of 1 is low, not wrong), so all 200 rows are fitted
    // and the silhouette is scikit-learn's (tools/make-analysis-fixtures.py).
    expect(a.report.outliers.columns).toEqual([]);
    expect(a.report.segments!.fittedRows).toBe(200);
    expectClose(a.report.segments!.silhouette, fixture('segments-mall.json').scaled['5'].silhouette, 1e-6);
    expect(col(a.table, 'CDM Cluster')).toEqual(col(b.table, 'CDM Cluster'));
    // No purchase dates or products here: those methods say why they did not run.
    const what = a.report.skipped.map((s) => s.what);
    expect(what).toEqual(expect.arrayContaining(['RFM', 'churn risk', 'recommendations']));
    // The only money column is an income, which is not spend; the spending score is the closest thing.
    expect(a.report.regression!.target).toBe('Spending Score (1-100)');
    expect(a.report.skipped).toContainEqual({ what: 'RFM', reason: 'needs columns for last purchase date, order count (or a transactions sheet)' });
    expect(a.table.header).not.toContain('CDM RFM');
  });
  test('a wrong feature or target name is a plain-words skip, not a crash', () => {
    const a = analyseTable(mall, roles, { features: ['Salary'], target: 'Revenue', asOf });
    expect(a.report.skipped).toEqual(expect.arrayContaining([
      { what: 'segments', reason: 'there is no column called "Salary"' },
      { what: 'spend prediction', reason: 'there is no column called "Revenue"' },
    ]));
  });
  test('an empty or one-row sheet: reasons, no crash, no columns added', () => {
    for (const rows of [[], [mall.rows[0]]]) {
      const a = analyseTable({ header: mall.header, rows }, roles, { asOf });
      expect(a.table.header).toEqual(mall.header);
      expect(a.report.skipped).toContainEqual({ what: 'segments', reason: 'no numeric column to group customers by' });
      expect(a.report.skipped).toContainEqual({ what: 'column Age', reason: rows.length ? 'only one row' : 'no rows' });
    }
  });
  test('a target that is not a number column says so', () => {
    const a = analyseTable(mall, roles, { target: 'Gender', asOf });
    // Yes/no columns can be targets now, so the reason names both; the target is not spend.
    expect(a.report.skipped).toContainEqual({ what: 'prediction of Gender', reason: '"Gender" holds neither numbers nor yes/no answers' });
    expect(a.table.header).not.toContain('CDM Predicted Spend');
  });
  test('too few rows: every method says so', () => {
    const tiny = { header: mall.header, rows: mall.rows.slice(0, 3) };
    const a = analyseTable(tiny, roles, { asOf, target: 'Annual Income (k$)' });
    expect(a.report.segments).toBeNull();
    expect(a.report.regression).toBeNull();
    expect(a.report.skipped.find((s) => s.what === 'segments')!.reason).toMatch(/too few/);
    // "spend" only when it is spend: an income target is "prediction of" the income.
    expect(a.report.skipped.find((s) => s.what === 'prediction of Annual Income (k$)')!.reason).toMatch(/too few/);
  });
});

describe('transactions sheet', () => {
  test('RFM, churn and recommendations from transactions linked by customer id', () => {
    const customers: Table = { header: ['Customer ID', 'Name'], rows: [['A', 'Ann'], ['B', 'Bob'], ['C', 'Cy'], ['D', 'Di'], ['E', 'Ed'], ['F', 'Flo']] };
    const tx: Table = {
      header: ['Order ID', 'Customer ID', 'Date', 'Product', 'Amount'],
      rows: [
        ['1', 'A', '2024-01-01', 'Tea', 10], ['2', 'A', '2024-01-31', 'Cups', 20], ['3', 'A', '2024-03-01', 'Tea', 10],
        ['4', 'B', '2024-06-20', 'Tea', 15], ['5', 'B', '2024-06-20', 'Cups', 25],
        ['6', 'C', '2024-02-01', 'Coffee', 30], ['7', 'D', '2024-05-01', 'Tea', 12], ['8', 'D', '2024-06-01', 'Cups', 8],
        ['9', 'E', '2024-06-25', 'Coffee', 40], ['10', 'F', '2024-04-01', 'Tea', 9], ['11', 'Z', '2024-04-01', 'Tea', 9],
      ],
    };
    const a = analyseTable(customers, { 'Customer ID': 'id', Name: 'name' }, { asOf, transactions: tx });
    const rfm = col(a.table, 'CDM RFM') as string[];
    const churn = col(a.table, 'CDM Churn Risk') as string[];
    // A: 3 orders from 2024-01-01 to 2024-03-01 (60 days → every 30), last 122 days ago → high.
    expect(churn[0]).toBe('high: 122 days since last purchase, usually buys every 30 days');
    // B: one order day (two lines), 11 days ago; population gap = median(30, 31) = 30.5.
    expect(churn[1]).toBe('low: 11 days since last purchase, customers usually buy every 31 days');
    // Recency days A 122, B 11, C 151, D 30, E 6, F 91: E is most recent (R 5), B next (4 below it of 6 → R 4).
    expect(rfm[4]).toMatch(/^5/);
    expect(rfm[1]).toMatch(/^4/);
    // F bought tea only; Tea→Cups is seen with A, B, D → recommended.
    expect(col(a.table, 'CDM Recommended')[5]).toBe('Cups');
    // Coffee 30 + 40 = 70 is first; Tea 10 + 10 + 15 + 12 + 9 + 9 (Z too: it is still revenue) = 65 of 188.
    expect(a.report.business.byProduct.map((p) => p.key)).toEqual(['Coffee', 'Tea', 'Cups']);
    expect(a.report.business.byProduct[1]).toEqual({ key: 'Tea', customers: 5, revenue: 65, share: 65 / 188 });
    expect(a.report.skipped).toEqual([
      { what: 'spend prediction', reason: 'no spend, revenue or total column found' },
      { what: 'segments', reason: 'no numeric column to group customers by' },
    ]);
    expect(a.report.rfm!.source).toBe('transactions');
  });
});
