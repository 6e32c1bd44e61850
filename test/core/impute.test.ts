import * as fs from 'fs';
import * as path from 'path';
import { imputeTable } from '../../src/core/impute';
import { parseCsv } from '../../src/core/csv';
import { seededRandom } from '../../src/core/random';
import type { Cell, Roles, Table } from '../../src/core/table';

const DATA = path.resolve(__dirname, '../../data');

/** Rows where Spend = 20 * Visits + 5 (+ small noise), Score is unrelated noise; every 10th cell blanked. */
function synthetic(n: number, seed: number): { table: Table; truthSpend: number[] } {
  const rng = seededRandom(seed);
  const rows: Cell[][] = [];
  const truthSpend: number[] = [];
  for (let i = 0; i < n; i++) {
    const visits = 1 + Math.floor(rng() * 30);
    const spend = Math.round((20 * visits + 5 + (rng() - 0.5) * 4) * 100) / 100;
    const score = Math.round(rng() * 100);
    truthSpend.push(spend);
    rows.push([`C${i}`, visits, i % 10 === 3 ? '' : spend, i % 10 === 7 ? '' : score, i % 4 === 0 ? 'gold' : i % 9 === 5 ? '' : 'silver', i % 10 === 1 ? '' : `c${i}@x.com`]);
  }
  return { table: { header: ['Id', 'Visits', 'Spend', 'Score', 'Tier', 'Email'], rows }, truthSpend };
}
const roles: Roles = { Id: 'id', Visits: 'count', Spend: 'money', Score: 'number', Tier: 'category', Email: 'email' };

describe('imputeTable', () => {
  const { table, truthSpend } = synthetic(400, 7);
  const result = imputeTable(table, roles, { seed: 3 });
  const report = (c: string) => result.report.columns.find((x) => x.column === c)!;

  test('a column that is a linear function of another: regression chosen, its held-out error lower', () => {
    const spend = report('Spend');
    expect(spend.method).toBe('regression');
    expect(spend.predictors).toEqual(['Visits']);
    expect(spend.heldOutError!.regression!).toBeLessThan(spend.heldOutError!.median / 10);
    expect(spend.filled).toBe(40);
    // The filled values land near the hidden truth (noise is at most ±2).
    for (const c of result.changes.filter((x) => x.column === 'Spend')) {
      expect(Math.abs((c.new as number) - truthSpend[c.row])).toBeLessThan(3);
      expect(c.method).toBe('regression on Visits');
      expect(c.kind).toBe('impute');
    }
  });

  test('a column of noise: median chosen', () => {
    const score = report('Score');
    expect(score.method).toBe('median');
    expect(score.filled).toBe(40);
    const known = table.rows.map((r) => r[3]).filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
    const mid = known.length / 2;
    const median = known.length % 2 ? known[Math.floor(mid)] : (known[mid - 1] + known[mid]) / 2;
    const filled = result.changes.filter((c) => c.column === 'Score').map((c) => c.new);
    expect(new Set(filled)).toEqual(new Set([Math.round(median)]));
  });

  // A most-common tier is a made-up fact about a customer (the old behaviour filled
  // every blank Tier with "silver"); categories are never filled.
  test('categorical gaps are left empty, and the report says why', () => {
    const tier = report('Tier');
    expect(tier).toMatchObject({ method: 'skipped', filled: 0 });
    expect(tier.reason).toMatch(/categories are never guessed/);
    expect(tier.reason).toContain(String(table.rows.filter((r) => r[4] === '').length));
    expect(result.changes.some((c) => c.column === 'Tier')).toBe(false);
  });

  test('contact details and identifiers are never imputed, and the report says so', () => {
    expect(result.changes.some((c) => c.column === 'Email' || c.column === 'Id')).toBe(false);
    expect(report('Email')).toMatchObject({ method: 'skipped', filled: 0 });
    expect(report('Email').reason).toMatch(/never guessed/);
    expect(result.table.rows[1][5]).toBe('');
  });

  test('every change has old, new, reason and method; the table holds the new values; input untouched', () => {
    for (const c of result.changes) {
      expect(c.old).toBe('');
      expect(result.table.rows[c.row][table.header.indexOf(c.column)]).toBe(c.new);
      expect(c.reason).toMatch(/empty/);
      expect(c.method).toBeTruthy();
    }
    expect(table.rows[3][2]).toBe('');
  });

  test('deterministic for a seed; skip option honoured', () => {
    expect(imputeTable(table, roles, { seed: 3 }).report).toEqual(result.report);
    const skipped = imputeTable(table, roles, { skip: ['Spend'] });
    expect(skipped.changes.some((c) => c.column === 'Spend')).toBe(false);
    expect(skipped.report.columns.find((c) => c.column === 'Spend')!.method).toBe('skipped');
  });

  test('too few known values: skipped with a reason', () => {
    const t: Table = { header: ['Spend'], rows: [[1], [''], [''], [2]] };
    const r = imputeTable(t, { Spend: 'money' });
    expect(r.changes).toEqual([]);
    expect(r.report.columns[0]).toMatchObject({ method: 'skipped', filled: 0 });
    expect(r.report.columns[0].reason).toMatch(/too few/);
  });

  test('mall customers: income gaps are not predicted from unrelated columns', () => {
    const mall = parseCsv(fs.readFileSync(path.join(DATA, 'mall_customers.csv'), 'utf8'));
    const income = mall.header.indexOf('Annual Income (k$)');
    const rows = mall.rows.map((r, i) => r.map((c, j) => (j === income && i % 8 === 0 ? '' : c)));
    const r = imputeTable({ header: mall.header, rows }, { CustomerID: 'id', Gender: 'category', Age: 'number', 'Annual Income (k$)': 'money', 'Spending Score (1-100)': 'number' });
    const col = r.report.columns.find((c) => c.column === 'Annual Income (k$)')!;
    // In this data set income is nearly uncorrelated with age and spending score (|r| < 0.1),
    // so no predictor qualifies and the median is used.
    expect(col.method).toBe('median');
    expect(col.filled).toBe(25);
  });
});
