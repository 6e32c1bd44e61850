/** =CDM_CLUSTER and =CDM_SEGMENT: seeded k-means on the rows of numbers a formula passes. */
import type { Cell } from '../table';
import { kmeansSegments } from '../analysis/segment';
import { K_RANGE, parseK, settingError } from '../settings';
import { type FormulaArg, type FormulaResult, fail, isBlank, isRange, numericRows, refuseErrors } from './args';

/** Every random choice (k-means++ seeding) uses this seed, so a formula always gives the same answer. */
export const FORMULA_SEED = 42;
/**
 * Big ranges: k is chosen by the silhouette of a seeded sample of SELECT_ROWS rows (the
 * silhouette is quadratic in rows), the centres are refined on FIT_ROWS, and every row then
 * gets its nearest centre. That keeps =CDM_CLUSTER on 10 000 rows well inside a second
 * (custom functions get 30 s) while a sample this size still pins the segments a shop would
 * act on. Above 1000 rows the engine uses 3 k-means++ starts per k instead of 10.
 */
const SELECT_ROWS = 1200;
const FIT_ROWS = 3000;

/** k from the optional argument: blank or "auto" means choose by silhouette (the range is core/settings.ts's). */
function kOf(arg: FormulaArg): number | 'auto' {
  if (isRange(arg)) return fail(`k must be one number from ${K_RANGE.min} to ${K_RANGE.max}`);
  if (isBlank(arg as Cell)) return 'auto';
  const k = parseK(typeof arg === 'number' ? arg : String(arg));
  if (k === null) fail(settingError('k', arg).message);
  return k;
}

interface Segmented {
  rowsIn: Array<number[] | null>;
  labels: number[];
  names: (cluster: number) => string;
}

function segment(range: FormulaArg, kArg: FormulaArg): Segmented {
  const k = kOf(kArg);
  refuseErrors(range, 0, 'range');
  const { names, rows } = numericRows(range);
  const data = rows.filter((r): r is number[] => r !== null);
  const needed = k === 'auto' ? 3 : k + 1;
  if (data.length < needed) {
    fail(k === 'auto' ? 'need at least 3 rows of numbers to find segments' : `need at least ${needed} rows of numbers for ${k} segments`);
  }
  const result = kmeansSegments(data, { k, seed: FORMULA_SEED, featureNames: names, maxSelectRows: SELECT_ROWS, maxFitRows: FIT_ROWS });
  return { rowsIn: rows, labels: result.labels, names: (cluster) => result.model.names[cluster - 1] ?? `Segment ${cluster}` };
}

function perRow(seg: Segmented, value: (cluster: number) => Cell): Cell[][] {
  let next = 0;
  return seg.rowsIn.map((r) => [r === null ? '' : value(seg.labels[next++])]);
}

export function cdmCluster(range: FormulaArg, k?: FormulaArg): FormulaResult {
  const seg = segment(range, k);
  return perRow(seg, (c) => c);
}

export function cdmSegment(range: FormulaArg, k?: FormulaArg): FormulaResult {
  const seg = segment(range, k);
  return perRow(seg, (c) => seg.names(c));
}
