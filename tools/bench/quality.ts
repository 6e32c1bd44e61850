/**
 * The quality figures a speed change must not move: dedupe precision / recall / F1
 * on FEBRL1, FEBRL2 and the generated sample; Mall customers' segments (k and silhouette, on
 * income + spending score as scikit-learn's reference); the spend regression's cross-validated
 * R² on the generated sample. One table, printed before and after a change.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyseTable } from '../../src/core/analysis';
import { parseCsv } from '../../src/core/csv';
import { runPipeline } from '../../src/core/pipeline';
import { generateSample } from '../../src/core/sample';
import type { Roles, Table } from '../../src/core/table';
import { findDataDir, labelledSets, normalisedSample, qualityRow } from './dedupe';

export type Row = Record<string, string | number | null>;

const r4 = (x: number | null | undefined) => (x === null || x === undefined ? null : +x.toFixed(4));

function dedupeRow(name: string, table: Table, roles: Roles, truth: string[]): Row {
  const { precision, recall, f1 } = qualityRow(name, table, roles, truth);
  return { figure: `dedupe ${name}`, precision, recall, f1 };
}

export function benchQuality(): Row[] {
  const rows: Row[] = [];
  for (const set of labelledSets()) rows.push(dedupeRow(set.name, set.table, set.roles, set.truth));
  const s10 = normalisedSample(10000, 7);
  rows.push(dedupeRow('sample 10k seed 7', s10.table, s10.roles, s10.truth));

  const mall = parseCsv(readFileSync(path.join(findDataDir(), 'mall_customers.csv'), 'utf8'));
  const mallRoles: Roles = { CustomerID: 'id', Gender: 'category', Age: 'number', 'Annual Income (k$)': 'money', 'Spending Score (1-100)': 'number' };
  const a = analyseTable(mall, mallRoles, { features: ['Annual Income (k$)', 'Spending Score (1-100)'], asOf: new Date(Date.UTC(2025, 5, 30)) });
  rows.push({ figure: 'Mall segments (income + score)', k: a.report.segments?.k ?? null, silhouette: r4(a.report.segments?.silhouette) });

  for (const n of [10000, 100000]) {
    const sample = generateSample({ rows: n, seed: 7 });
    const state = runPipeline(sample.table, { asOf: new Date(Date.UTC(2025, 5, 30)), seed: 1, region: 'US' });
    const an = state.reports.analyze;
    rows.push({
      figure: `sample ${n / 1000}k run: spend regression, segments`,
      r2cv: r4(an?.regression?.cv?.r2), mae: r4(an?.regression?.cv?.mae), k: an?.segments?.k ?? null, silhouette: r4(an?.segments?.silhouette),
    });
  }
  return rows;
}
