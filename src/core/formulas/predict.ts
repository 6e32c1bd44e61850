/**
 * =CDM_PREDICT(known_y, known_x, new_x): a least-squares line, in the argument order of Sheets'
 * TREND (and FORECAST's known_y before known_x), with several x columns allowed. As in TREND,
 * known_x may be left out (1, 2, 3 …) and so may new_x (the fitted values of known_x).
 * Earlier versions of CDM_PREDICT took known_x first; a known_y that is clearly a table of
 * inputs (several columns) is refused with a word about the order.
 */
import type { Cell } from '../table';
import { toNumber } from '../analysis/values';
import { fitRegression, MIN_ROWS_FOR_REGRESSION, predict } from '../analysis/regress';
import { type FormulaArg, type FormulaResult, fail, failAt, grid, isBlank, isRange, numbersOf, refuseErrors, vector } from './args';

const ORDER_HINT = 'CDM_PREDICT takes the order of TREND: =CDM_PREDICT(known_y, known_x, new_x), the results to learn from first';

/** known_x rows (or, when known_y is a row, known_x columns) as observations. */
function observations(x: FormulaArg, count: number, across: boolean, name: string): Cell[][] {
  const g = grid(x);
  if (across) {
    if (g[0].length !== count) fail(`${name} must have one column per value of known_y`);
    return g[0].map((_, j) => g.map((r) => r[j]));
  }
  if (g.length !== count) fail(`${name} must have one row per value of known_y`);
  return g;
}

/** Text that is neither a number nor blank, outside a header row: refused with its cell named. */
function refuseText(arg: FormulaArg, index: number, name: string): void {
  const g = grid(arg);
  const header = g.length > 1 && g[0].every((c) => isBlank(c) || toNumber(c) === null);
  g.forEach((row, r) => {
    if (r === 0 && header) return;
    row.forEach((c, col) => {
      if (isBlank(c) || c instanceof Date || toNumber(c) !== null) return;
      failAt({ arg: index, name, row: r, column: col }, (where) => `${name}: ${where} holds "${String(c).trim()}", which is not a number; type a number or leave it blank`);
    });
  });
}

export function cdmPredict(knownY: FormulaArg, knownX?: FormulaArg, newX?: FormulaArg): FormulaResult {
  refuseErrors(knownY, 0, 'known_y');
  refuseErrors(knownX, 1, 'known_x');
  refuseErrors(newX, 2, 'new_x');
  const gy = grid(knownY);
  if (gy.length > 1 && gy[0].length > 1) fail(`known_y must be one column (or one row) of results. ${ORDER_HINT}`);
  const y = vector(knownY, 'known_y');
  const noX = !isRange(knownX) && isBlank(knownX as Cell);
  // TREND without known_x: the inputs are 1, 2, 3 … in the layout of known_y.
  const xArg: FormulaArg = noX ? (y.across ? [y.values.map((_, i) => i + 1)] : y.values.map((_, i) => [i + 1])) : knownX;
  refuseText(knownY, 0, 'known_y');
  if (!noX) refuseText(knownX, 1, 'known_x');
  const xs = observations(xArg, y.values.length, y.across, 'known_x');
  const width = xs[0].length;
  const fitX: number[][] = [];
  const fitY: number[] = [];
  xs.forEach((row, i) => {
    const xv = numbersOf(row);
    const yv = isBlank(y.values[i]) ? null : toNumber(y.values[i]);
    if (xv && yv !== null) { fitX.push(xv); fitY.push(yv); }
  });
  const needed = Math.max(MIN_ROWS_FOR_REGRESSION, width + 2);
  if (fitX.length < needed) fail(`need at least ${needed} complete rows of known_y and known_x`);
  const names = Array.from({ length: width }, (_, i) => `x${i + 1}`);
  const model = fitRegression(fitX, fitY, names, { folds: 0 });
  // TREND without new_x: the fitted values of known_x, in known_y's shape.
  const noNew = !isRange(newX) && isBlank(newX as Cell);
  const target: FormulaArg = noNew ? xArg : newX;
  const g = grid(target);
  // new_x has the same orientation as known_x: observations in rows, or in columns when known_y is a row.
  const turned = y.across && g[0].length !== width;
  const newRows = turned ? g[0].map((_, j) => g.map((r) => r[j])) : g;
  if (newRows.some((r) => r.length !== width)) fail(`new_x must have ${width} value${width > 1 ? 's' : ''} per row, like known_x`);
  const out = newRows.map((row) => {
    const xv = numbersOf(row);
    return xv ? predict(model, [xv])[0] : '';
  });
  if (!isRange(target)) return out[0];
  return turned ? [out] : out.map((v) => [v]);
}
