/**
 * Analysis speed benchmark (issue 4 bar: the analyse step on 100k generated rows under 5 s).
 * `benchAnalysis()` returns one row per size: the generated sample, roles detected and values
 * normalised as in the pipeline, then analyseTable timed on its own (wall and CPU, per step).
 * No main of its own (tools/bench.ts runs the sections); to run alone, bundle a one-line
 * entry `import { benchAnalysis } from './tools/bench/analysis'; console.table(benchAnalysis());`.
 */
import { analyseTable } from '../../src/core/analysis';
import { normalisedSample } from './dedupe';

export type Row = Record<string, string | number>;

export function benchAnalysis(sizes: number[] = [10000, 100000]): Row[] {
  return sizes.map((n) => {
    const { table, roles } = normalisedSample(n, 42);
    const c0 = process.cpuUsage();
    const t0 = Date.now();
    const { report } = analyseTable(table, roles, { asOf: new Date(Date.UTC(2025, 5, 30)), seed: 1 });
    const wallMs = Date.now() - t0;
    const c = process.cpuUsage(c0);
    const t = report.timingMs;
    return {
      rows: n, columns: table.header.length, analyseMs: wallMs, cpuMs: Math.round((c.user + c.system) / 1000),
      k: report.segments?.k ?? 0, silhouette: Number((report.segments?.silhouette ?? 0).toFixed(3)),
      r2cv: Number((report.regression?.cv?.r2 ?? 0).toFixed(3)), skipped: report.skipped.length,
      describeMs: t.describe, regressionMs: t.regression, segmentsMs: t.segments, rfmChurnMs: (t.rfm ?? 0) + (t.churn ?? 0),
      recommendMs: t.recommendations, writeMs: t.write,
    };
  });
}
