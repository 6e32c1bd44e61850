/**
 * Hostile arguments to the =CDM_* formulas, through dist/Code.js as Sheets runs them: ranges of
 * the wrong size or shape, and arguments in the wrong order (CDM_PREDICT now takes TREND's
 * order). Every expected value is worked out by hand in the comment beside it; every case also
 * checks that the spreadsheet is exactly as before (a formula never writes).
 */
import { evaluate, runtimeWith } from './formulas-setup';

// y = 2x + 1 exactly, with a header row; Income / Spend for two inputs: Spend = 1 + 2·Income + 3·Visits.
const DATA = [
  ['x', 'y', 'Income', 'Visits', 'Spend', 'Last purchase', 'Orders', 'First purchase'],
  [1, 3, 1, 0, 3, new Date(Date.UTC(2025, 0, 1)), 5, new Date(Date.UTC(2024, 0, 1))],
  [2, 5, 0, 1, 4, new Date(Date.UTC(2025, 5, 10)), 5, new Date(Date.UTC(2024, 5, 9))],
  [3, 7, 1, 1, 6, '', '', ''],
  [4, 9, 2, 1, 8, '', '', ''],
  [5, 11, 3, 5, 22, '', '', ''],
  [6, 13, 4, 2, 15, '', '', ''],
];

describe('bad ranges', () => {
  test('hostile: bad ranges: CDM_PREDICT known_x shorter than known_y', () => {
    const rt = runtimeWith({ Data: DATA });
    const e = evaluate(rt, 'Data!J2', '=CDM_PREDICT(B2:B7, A2:A5, 10)', rt.rangeArg('Data!B2:B7'), rt.rangeArg('Data!A2:A5'), 10);
    expect(e.error).toBe('known_x must have one row per value of known_y');
    expect(e.unchanged).toBe(true);
  });

  test('hostile: bad ranges: CDM_PREDICT new_x narrower than known_x', () => {
    const rt = runtimeWith({ Data: DATA });
    const e = evaluate(rt, 'Data!J2', '=CDM_PREDICT(E2:E7, C2:D7, C2)', rt.rangeArg('Data!E2:E7'), rt.rangeArg('Data!C2:D7'), rt.rangeArg('Data!C2'));
    expect(e.error).toBe('new_x must have 2 values per row, like known_x');
    expect(e.unchanged).toBe(true);
  });

  test('hostile: bad ranges: CDM_RFM with ranges of different lengths', () => {
    const rt = runtimeWith({ Data: DATA });
    const e = evaluate(rt, 'Data!J2', '=CDM_RFM(A2:A7, A2:A6, B2:B7)', rt.rangeArg('Data!A2:A7'), rt.rangeArg('Data!A2:A6'), rt.rangeArg('Data!B2:B7'));
    expect(e.error).toBe('recency, frequency and monetary must have the same number of rows');
    expect(e.unchanged).toBe(true);
  });

  test('hostile: bad ranges: k given as a range instead of one number', () => {
    const rt = runtimeWith({ Data: DATA });
    const e = evaluate(rt, 'Data!J2', '=CDM_CLUSTER(C2:D7, A2:A3)', rt.rangeArg('Data!C2:D7'), rt.rangeArg('Data!A2:A3'));
    expect(e.error).toBe('k must be one number from 2 to 10');
    expect(e.unchanged).toBe(true);
  });

  test('hostile: bad ranges: a header row and nothing under it', () => {
    const rt = runtimeWith({ Data: DATA });
    const e = evaluate(rt, 'Data!J2', '=CDM_CLUSTER(C1:D1)', rt.rangeArg('Data!C1:D1'));
    // One row of text: no row of numbers at all.
    expect(e.error).toBe('need at least 3 rows of numbers to find segments');
    expect(e.unchanged).toBe(true);
  });

  test('hostile: bad ranges: CDM_MATCH with ranges of different heights', () => {
    const rt = runtimeWith({ Data: DATA });
    const e = evaluate(rt, 'Data!J2', '=CDM_MATCH(A2:A4, A2:A3)', rt.rangeArg('Data!A2:A4'), rt.rangeArg('Data!A2:A3'));
    expect(e.error).toBe('the two ranges must have the same number of rows');
    expect(e.unchanged).toBe(true);
  });
});

describe('wrong argument order', () => {
  test('hostile: wrong argument order: CDM_PREDICT in TREND\'s order gives TREND\'s numbers', () => {
    const rt = runtimeWith({ Data: DATA });
    // y = 2x + 1: at x = 10, 21; the header row of B1/A1 is read as titles.
    const one = evaluate(rt, 'Data!J2', '=CDM_PREDICT(B1:B7, A1:A7, 10)', rt.rangeArg('Data!B1:B7'), rt.rangeArg('Data!A1:A7'), 10);
    expect(one.result).toBeCloseTo(21, 9);
    // Without new_x, TREND gives the fitted values of known_x: 3, 5, 7, 9, 11, 13.
    const fitted = evaluate(rt, 'Data!J2', '=CDM_PREDICT(B2:B7, A2:A7)', rt.rangeArg('Data!B2:B7'), rt.rangeArg('Data!A2:A7'));
    expect((fitted.result as number[][]).map(([v]) => Math.round(v * 1e9) / 1e9)).toEqual([3, 5, 7, 9, 11, 13]);
    // Without known_x, TREND uses 1, 2, 3 …: the same line here, since A holds 1..6.
    const noX = evaluate(rt, 'Data!J2', '=CDM_PREDICT(B2:B7, , 7)', rt.rangeArg('Data!B2:B7'), '', 7);
    expect(noX.result).toBeCloseTo(15, 9);
    // Two inputs: Spend = 1 + 2·Income + 3·Visits; at (10, 10): 51.
    const two = evaluate(rt, 'Data!J2', '=CDM_PREDICT(E2:E7, C2:D7, {10, 10})', rt.rangeArg('Data!E2:E7'), rt.rangeArg('Data!C2:D7'), [[10, 10]]);
    expect((two.result as number[][])[0][0]).toBeCloseTo(51, 9);
    expect(one.unchanged && fitted.unchanged && noX.unchanged && two.unchanged).toBe(true);
  });

  test('hostile: wrong argument order: CDM_PREDICT in the old x-first order with two inputs is refused', () => {
    const rt = runtimeWith({ Data: DATA });
    const e = evaluate(rt, 'Data!J2', '=CDM_PREDICT(C2:D7, E2:E7, C2:D2)', rt.rangeArg('Data!C2:D7'), rt.rangeArg('Data!E2:E7'), rt.rangeArg('Data!C2:D2'));
    expect(e.error).toBe('known_y must be one column (or one row) of results. CDM_PREDICT takes the order of TREND: =CDM_PREDICT(known_y, known_x, new_x), the results to learn from first');
    expect(e.unchanged).toBe(true);
  });

  test('hostile: wrong argument order: CDM_CHURN with order counts where the last purchase goes', () => {
    const rt = runtimeWith({ Data: DATA });
    // G2 holds 5 orders: as a date that is 4 January 1900, no purchase date.
    const e = evaluate(rt, 'Data!J2', '=CDM_CHURN(G2:G3, F2:F3, H2:H3, DATE(2025,6,30))',
      rt.rangeArg('Data!G2:G3'), rt.rangeArg('Data!F2:F3'), rt.rangeArg('Data!H2:H3'), new Date(Date.UTC(2025, 5, 30)));
    expect(e.error).toBe('last_purchase: G2 holds 5, which is not a purchase date. The order is =CDM_CHURN(last_purchase, orders, first_purchase, as_of)');
    expect(e.unchanged).toBe(true);
  });

  test('hostile: wrong argument order: CDM_RFM with purchase dates as the frequency', () => {
    const rt = runtimeWith({ Data: DATA });
    const e = evaluate(rt, 'Data!J2', '=CDM_RFM(G2:G3, F2:F3, E2:E3)', rt.rangeArg('Data!G2:G3'), rt.rangeArg('Data!F2:F3'), rt.rangeArg('Data!E2:E3'));
    expect(e.error).toBe('frequency: F2 holds a date, not a number. The order is =CDM_RFM(recency, frequency, monetary)');
    expect(e.unchanged).toBe(true);
  });
});
