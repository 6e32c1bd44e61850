/**
 * The analyse step on 100k generated customers × 13 columns, in a child node process on an
 * esbuild bundle as the CLI and bench run it (inside jest's vm every global lookup is slower).
 * Speed is a benchmark figure (`npm run bench`, bar 5 s), not asserted here: timings on a
 * shared machine are noise. This checks that nothing is skipped at that size.
 */
import { execFileSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';

test('analyse runs on 100k rows without skipping a method (timing printed; the bar is in npm run bench)', () => {
  const out = path.join(os.tmpdir(), `cdm-analysis-perf-${process.pid}.cjs`);
  buildSync({ entryPoints: [path.join(__dirname, 'perf-main.ts')], bundle: true, platform: 'node', target: 'node20', outfile: out, logLevel: 'silent' });
  const result = JSON.parse(execFileSync(process.execPath, [out, '100000'], { encoding: 'utf8', timeout: 120000 }));
  // eslint-disable-next-line no-console
  console.log(`analyse ${result.rows} rows: wall ${result.wallMs} ms, cpu ${result.cpuMs} ms, load ${os.loadavg()[0].toFixed(1)}`, JSON.stringify(result.steps));
  expect(result.skipped).toEqual([]);
  expect(result.k).toBeGreaterThanOrEqual(2);
});
