/**
 * Reference values: test/fixtures/analysis/ols-*.json, made by tools/make-analysis-fixtures.py
 * with numpy.linalg.lstsq (cross-checked there against sklearn LinearRegression) on the same
 * design matrix (pandas get_dummies drop_first). Coefficients match to 1e-6 relative.
 */
import * as path from 'path';
import { fitRegression, predict } from '../../../src/core/analysis/regress';
import { fitSpendModel, encodeRow } from '../../../src/core/analysis/spend';
import { classifyColumns } from '../../../src/core/analysis/columns';
import { expectClose, FIXTURES, fixture, readCsv } from './load';

describe('fitRegression matches numpy least squares', () => {
  for (const name of ['ols-mall.json', 'ols-synthetic.json']) {
    test(name, () => {
      const ref = fixture(name);
      const fit = fitRegression(ref.x, ref.y, ref.features, { seed: 3 });
      ref.coefficients.forEach((c: number, j: number) => expectClose(fit.coefficients[j], c, 1e-6, 1e-9));
      expectClose(fit.intercept, ref.intercept, 1e-6);
      expectClose(fit.report.r2, ref.r2, 1e-9);
      // Out-of-fold R² is lower than in-sample and MAE is positive: the folds really held rows out.
      expect(fit.report.cv!.folds).toBe(10);
      expect(fit.report.cv!.r2).toBeLessThan(fit.report.r2);
      expect(fit.report.cv!.mae).toBeGreaterThan(0);
      const yHat = predict(fit, ref.x);
      const m = ref.y.reduce((a: number, b: number) => a + b, 0) / ref.y.length;
      const r2 = 1 - yHat.reduce((s, v, i) => s + (ref.y[i] - v) ** 2, 0) / ref.y.reduce((s: number, v: number) => s + (v - m) ** 2, 0);
      expectClose(r2, ref.r2, 1e-9);
    });
  }

  test('cross-validation is reproducible with the same seed', () => {
    const ref = fixture('ols-synthetic.json');
    const a = fitRegression(ref.x, ref.y, ref.features, { seed: 5 }).report.cv!;
    const b = fitRegression(ref.x, ref.y, ref.features, { seed: 5 }).report.cv!;
    expect(a).toEqual(b);
  });

  test('perfectly collinear columns (b = 2a) still give exact predictions', () => {
    const x = [[1, 2], [2, 4], [3, 6], [4, 8], [5, 10], [6, 12], [7, 14]];
    const y = x.map(([a]) => 3 * a + 1);
    const fit = fitRegression(x, y, ['a', 'b'], { folds: 0 });
    predict(fit, x).forEach((v, i) => expectClose(v, y[i], 1e-9, 1e-9));
  });

  test('a constant feature gets no weight instead of breaking the fit', () => {
    const x = [[1, 5], [2, 5], [3, 5], [4, 5], [5, 5], [6, 5]];
    const y = [3, 5, 7, 9, 11, 13];
    const fit = fitRegression(x, y, ['a', 'const']);
    expectClose(fit.coefficients[0], 2, 1e-9);
    expect(fit.coefficients[1]).toBe(0);
    expectClose(fit.intercept, 1, 1e-9);
  });
});

describe('fitSpendModel on a table', () => {
  const table = readCsv(path.join(FIXTURES, 'synthetic_customers.csv'));
  const roles = { Income: 'money', Age: 'number', Orders: 'count', Region: 'category', 'Total Spend': 'money' } as const;

  test('same coefficients as the reference when no value is imputed or excluded', () => {
    const ref = fixture('ols-synthetic.json');
    // Restrict to the complete rows the reference used, so imputation plays no part.
    const complete = { header: table.header, rows: ref.rows.map((i: number) => table.rows[i]) };
    const out = fitSpendModel(complete, classifyColumns(complete, roles), 'Total Spend');
    if (!('fit' in out)) throw new Error(out.skipped);
    expect(out.fit.report.excludedRows).toEqual([]);
    expect(out.fit.model.featureNames).toEqual(ref.features);
    ref.coefficients.forEach((c: number, j: number) => expectClose(out.fit.model.coefficients[j], c, 1e-6, 1e-9));
  });

  test('an abnormal income is left out of the fit, reported, and every row (missing spend too) is predicted', () => {
    const t = { header: table.header, rows: table.rows.map((r) => r.slice()) };
    const inc = t.header.indexOf('Income');
    const spend = t.header.indexOf('Total Spend');
    t.rows[4][inc] = '666666';
    t.rows[7][spend] = '';
    const out = fitSpendModel(t, classifyColumns(t, roles), 'Total Spend');
    if (!('fit' in out)) throw new Error(out.skipped);
    expect(out.fit.report.excludedRows).toContainEqual({ row: 4, column: 'Income', value: 666666 });
    expect(out.fit.report.predictedMissing).toBe(1);
    expect(out.fit.predictions.every((p) => Number.isFinite(p))).toBe(true);
    // The abnormal income is clamped to the column's fence when scoring, so its prediction stays plausible.
    const x4 = encodeRow(out.fit.model.encoding!, t.header, t.rows[4]);
    expect(x4[0]).toBeLessThan(666666);
    expect(out.fit.report.cv!.r2).toBeGreaterThan(0.5);
  });

  test('too few rows says so instead of crashing', () => {
    const small = { header: table.header, rows: table.rows.slice(0, 4) };
    const out = fitSpendModel(small, classifyColumns(small, roles), 'Total Spend');
    expect('skipped' in out && out.skipped).toMatch(/too few rows/);
  });
});

describe('never-negative targets (reference: marketing-reference.json logFit, numpy lstsq on log(1 + y))', () => {
  const ref = fixture('marketing-reference.json').logFit;
  test('log(1 + y) with smearing matches numpy, folds and all, and beats the clamped line on multiplicative spend', () => {
    const log = fitRegression(ref.x, ref.y, ref.features, { transform: 'log1p', clampMin: 0, seed: 1 });
    ref.coefficients.forEach((c: number, j: number) => expectClose(log.coefficients[j], c, 1e-9, 1e-12));
    expectClose(log.intercept, ref.intercept, 1e-9);
    expectClose(log.smear!, ref.smear, 1e-9);
    expectClose(log.report.cv!.r2, ref.cvLog[0], 1e-9);
    expectClose(log.report.cv!.mae, ref.cvLog[1], 1e-9);
    const line = fitRegression(ref.x, ref.y, ref.features, { clampMin: 0, seed: 1 });
    expectClose(line.report.cv!.r2, ref.cvLine[0], 1e-9);
    expect(log.report.cv!.r2).toBeGreaterThan(line.report.cv!.r2);
    // Predictions back on the user's scale, never below 0.
    const p = predict(log, ref.x);
    expect(p.every((v) => v >= 0)).toBe(true);
    expectClose(p[0], Math.exp(ref.intercept + ref.coefficients[0] * ref.x[0][0] + ref.coefficients[1] * ref.x[0][1]) * ref.smear - 1, 1e-9);
  });
});
