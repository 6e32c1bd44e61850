/**
 * Bench section: Spreadsheet service calls of one plain "Clean & analyze" run (startRun, all
 * steps, one execution) at 1 000 and 50 000 rows of the generated sample, in flag and merge
 * mode, in the local Apps Script runtime running dist/Code.js (build first). The bar: the same
 * number of reads + writes at both sizes, at most 12 for a plain (flag mode) run.
 *
 * Run alone with `node dist/bench.cjs --only service-calls` (after `npm run build`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRuntime, readsPlusWrites, spreadsheetReads, spreadsheetWrites, totalCalls } from '../../test/runtime/index';
import { generateSample } from '../../src/core/sample';

export type Row = Record<string, string | number | boolean>;

export const PLAIN_RUN_BAR = 12;

function findCode(): string {
  for (const p of [path.resolve(__dirname, 'Code.js'), path.resolve(__dirname, '../../dist/Code.js'), path.resolve(process.cwd(), 'dist/Code.js')]) {
    if (fs.existsSync(p)) return fs.readFileSync(p, 'utf8');
  }
  throw new Error('dist/Code.js not found: run `npm run build` first');
}

export interface PlainRunCalls {
  rows: number;
  mode: 'flag' | 'merge';
  reads: number;
  writes: number;
  readsPlusWrites: number;
  allServiceCalls: number;
  /** Wall time of the execution in this process (the engines dominate it). */
  ms: number;
  done: boolean;
}

/** One plain run on a fresh runtime holding `rows` sample customers. */
export function plainRunCalls(code: string, rows: number, mode: 'flag' | 'merge', steps?: string[]): PlainRunCalls {
  const rt = createRuntime({ code, locale: 'en_US', timeZone: 'Etc/UTC', now: Date.UTC(2025, 5, 30, 9) });
  const s = generateSample({ rows, seed: 7 });
  rt.fillSheet('Customers', [s.table.header, ...s.table.rows]);
  const t0 = Date.now();
  const ex = rt.run('startRun', [{ mode, region: 'US', inPlace: true, k: 'auto', ...(steps ? { steps } : {}) }]);
  const ms = Date.now() - t0;
  if (ex.error) throw new Error(ex.error.text);
  return {
    rows,
    mode,
    reads: spreadsheetReads(ex.calls),
    writes: spreadsheetWrites(ex.calls),
    readsPlusWrites: readsPlusWrites(ex.calls),
    allServiceCalls: totalCalls(ex.calls),
    ms,
    done: Boolean((ex.result as { done?: boolean }).done),
  };
}

export function benchServiceCalls(sizes: number[] = [1000, 50000]): Row[] {
  const code = findCode();
  const rows: Row[] = [];
  for (const mode of ['flag', 'merge'] as const) {
    const runs = sizes.map((n) => plainRunCalls(code, n, mode));
    const equal = runs.every((r) => r.readsPlusWrites === runs[0].readsPlusWrites);
    for (const r of runs) {
      rows.push({
        ...r,
        equalAcrossSizes: equal,
        withinBar: mode === 'flag' ? r.readsPlusWrites <= PLAIN_RUN_BAR : 'n/a (bar is for a plain flag run)',
      });
    }
  }
  return rows;
}
