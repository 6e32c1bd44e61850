/** Child-process body of perf.test.ts: analyse N generated customers, print timings as JSON. */
import { analyseTable } from '../../../src/core/analysis';
import { sampleCustomers, SAMPLE_ROLES } from './sample';

const n = Number(process.argv[2] ?? 100000);
const table = sampleCustomers(n, 5);
const c0 = process.cpuUsage();
const t0 = Date.now();
const r = analyseTable(table, SAMPLE_ROLES, { asOf: new Date(Date.UTC(2024, 6, 1)), seed: 1 });
const wallMs = Date.now() - t0;
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({
  rows: n, columns: table.header.length, wallMs, cpuMs: Math.round((c.user + c.system) / 1000),
  steps: r.report.timingMs, skipped: r.report.skipped, k: r.report.segments?.k ?? null, changes: r.changes.length,
}));
