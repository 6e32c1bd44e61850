/** =CDM_STATS: a summary table, one column per input column (as pandas describe()). */
import type { Cell } from '../table';
import { toNumber } from '../analysis/values';
import { summariseCategory, summariseNumbers } from '../analysis/describe';
import { type FormulaArg, type FormulaResult, grid, isBlank, looksLikeHeader, refuseErrors } from './args';

const STAT_ROWS: Array<[label: string, key: 'count' | 'missing' | 'mean' | 'median' | 'std' | 'min' | 'q1' | 'q3' | 'max']> = [
  ['count', 'count'],
  ['missing', 'missing'],
  ['mean', 'mean'],
  ['median', 'median'],
  ['std (sample)', 'std'],
  ['min', 'min'],
  ['25%', 'q1'],
  ['75%', 'q3'],
  ['max', 'max'],
];

export function cdmStats(range: FormulaArg): FormulaResult {
  refuseErrors(range, 0, 'range');
  const g = grid(range);
  const width = g.reduce((w, r) => Math.max(w, r.length), 0);
  const hasHeader = g.length > 1 && looksLikeHeader(g[0]);
  const body = hasHeader ? g.slice(1) : g;
  const header: Cell[] = [''];
  const columns: Cell[][] = [];
  for (let col = 0; col < width; col++) {
    const cells = body.map((r) => r[col] ?? '');
    header.push(hasHeader && !isBlank(g[0][col]) ? String(g[0][col]).trim() : `Column ${col + 1}`);
    const filled = cells.filter((c) => !isBlank(c));
    const numbers = filled.map((c) => toNumber(c));
    if (filled.length > 0 && numbers.every((x) => x !== null)) {
      const s = summariseNumbers('', cells.map((c) => (isBlank(c) ? null : toNumber(c))));
      columns.push([...STAT_ROWS.map(([, key]) => s[key] ?? ''), '']);
    } else {
      const s = summariseCategory('', cells.map((c) => (isBlank(c) ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim())));
      const top = s.levels[0];
      columns.push([s.count, s.missing, ...STAT_ROWS.slice(2).map(() => ''), top ? `${top.value} (${top.count})` : '']);
    }
  }
  const labels = [...STAT_ROWS.map(([label]) => label), 'most common'];
  return [header, ...labels.map((label, i) => [label, ...columns.map((c) => c[i])])];
}
