/**
 * Timing of the analyse step on 100k generated customers (the bar is 5 s in `npm run bench`).
 * The machine is shared, so the test allows headroom and prints the measured figures.
 */
import { analyseTable } from '../../../src/core/analysis';
import { sampleCustomers, SAMPLE_ROLES } from './sample';

test('analyse 100k rows × 13 columns', () => {
  const table = sampleCustomers(100000, 5);
  const t0 = Date.now();
  const r = analyseTable(table, SAMPLE_ROLES, { asOf: new Date(Date.UTC(2024, 6, 1)), seed: 1 });
  const ms = Date.now() - t0;
  // eslint-disable-next-line no-console
  console.log(`analyse 100k: ${ms} ms`, JSON.stringify(r.report.timingMs), `k=${r.report.segments?.k}`);
  expect(r.report.skipped).toEqual([]);
  expect(ms).toBeLessThan(15000);
});
