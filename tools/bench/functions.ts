/**
 * Bench section: the =CDM_* formulas in Node, on generated data. The bar: =CDM_CLUSTER on
 * 10 000 rows under 1 s (custom functions have 30 s in Sheets, and Apps Script's V8 is
 * slower than Node, so we keep a wide margin). Run alone: `node dist/bench.cjs` via the
 * main bench, or import and call benchFunctions().
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../../src/core/random';
import { createRuntime } from '../../runtime/index';
import { cdmCluster, cdmDedupeKey, cdmPhone, cdmPredict, cdmStats } from '../../src/core/formulas';

export interface FunctionBenchRow {
  formula: string;
  rows: number;
  ms: number;
  /** CPU time of this process: on a shared machine, wall time also counts other processes' turns. */
  cpuMs?: number;
  bar?: string;
  pass?: boolean;
}

/** Customers as (income, spend, orders) in a few loose groups, seeded. */
export function clusterRows(n: number, seed = 1): number[][] {
  const rng = seededRandom(seed);
  const centres = [[30, 20, 2], [60, 70, 8], [90, 30, 4], [45, 85, 12]];
  return Array.from({ length: n }, () => {
    const c = centres[Math.floor(rng() * centres.length)];
    return c.map((v) => Math.round((v + (rng() - 0.5) * 0.4 * v) * 100) / 100);
  });
}

function time<T>(fn: () => T): { ms: number; cpuMs: number; out: T } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = fn();
  const c = process.cpuUsage(c0);
  return { ms: Math.round((performance.now() - t0) * 10) / 10, cpuMs: Math.round((c.user + c.system) / 100) / 10, out };
}

export function benchFunctions(): FunctionBenchRow[] {
  const rows10k = clusterRows(10000);
  const out: FunctionBenchRow[] = [];
  // First call warms up the JIT; Sheets would also reuse a warm isolate for recalculations.
  cdmCluster(clusterRows(500, 2));
  const auto = time(() => cdmCluster(rows10k));
  out.push({ formula: 'CDM_CLUSTER(range) k auto', rows: 10000, ms: auto.ms, cpuMs: auto.cpuMs, bar: '< 1000 ms CPU', pass: auto.cpuMs < 1000 });
  const k4 = time(() => cdmCluster(rows10k, 4));
  out.push({ formula: 'CDM_CLUSTER(range, 4)', rows: 10000, ms: k4.ms, cpuMs: k4.cpuMs, bar: '< 1000 ms CPU', pass: k4.cpuMs < 1000 });
  out.push({ formula: 'CDM_STATS(range)', rows: 10000, ms: time(() => cdmStats(rows10k)).ms });
  const x = rows10k.map((r) => [r[0], r[2]]);
  const y = rows10k.map((r) => [r[1]]);
  out.push({ formula: 'CDM_PREDICT(y, x, x)', rows: 10000, ms: time(() => cdmPredict(y, x, x)).ms });
  const phones = Array.from({ length: 10000 }, (_, i) => [`(415) 555-${String(1000 + (i % 9000)).padStart(4, '0')}`]);
  out.push({ formula: 'CDM_PHONE(range, "US")', rows: 10000, ms: time(() => cdmPhone(phones, 'US')).ms });
  const people = Array.from({ length: 10000 }, (_, i) => [`Person ${i}`, `p${i}@example.com`]);
  out.push({ formula: 'CDM_DEDUPE_KEY(range)', rows: 10000, ms: time(() => cdmDedupeKey(people)).ms });
  out.push(...inRuntime(rows10k));
  return out;
}

/** dist/Code.js beside the bundled bench (dist/bench.cjs), or from the repository root. */
function findCode(): string | null {
  for (const p of [path.resolve(__dirname, 'Code.js'), path.resolve(__dirname, '../../dist/Code.js'), path.resolve(process.cwd(), 'dist/Code.js')]) {
    if (fs.existsSync(p)) return fs.readFileSync(p, 'utf8');
  }
  return null;
}

/** The same formula as Sheets runs it: the built bundle in the local runtime's custom-function mode. */
function inRuntime(rows: number[][]): FunctionBenchRow[] {
  const code = findCode();
  if (!code) return [];
  const rt = createRuntime({ code });
  const ex = rt.customFunction('CDM_CLUSTER', rows);
  if (ex.error) throw new Error(ex.error.text);
  return [{ formula: 'CDM_CLUSTER(range) in the Apps Script runtime (vm)', rows: rows.length, ms: Math.round(ex.wallMs), bar: '< 30000 ms (Sheets limit)', pass: ex.wallMs < 30000 }];
}

