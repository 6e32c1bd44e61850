/**
 * Bench section: Spreadsheet service calls of one plain "Clean & analyze" run (startRun, all
 * steps, one execution) at 1 000 and 50 000 rows of the generated sample, in flag and merge
 * mode, in the local Apps Script runtime running dist/Code.js (build first): the first run on
 * a spreadsheet (which also creates and sizes the CDM sheets) and a second run. The bar: the
 * same number of reads + writes at both sizes, at most PLAIN_RUN_BAR for a plain (flag mode) run.
 *
 * Run alone with `node dist/bench.cjs --only service-calls` (after `npm run build`).
 */
import { createRuntime, readsPlusWrites, spreadsheetReads, spreadsheetWrites, totalCalls } from '../../runtime/index';
import { generateSample } from '../../src/core/sample';
import { builtCode } from './built-code';

export type Row = Record<string, string | number | boolean>;

/**
 * Reads + writes of a first plain flag run: 12, +1 when the analysis sheet got its number formats,
 * +11 for the final write's re-read before writing, the formats Undo gives back, the read-back
 * and the undo data. (A run over several executions also saves its state before the final
 * write; a plain run that fits one execution does not.)
 */
export const PLAIN_RUN_BAR = 24;

export interface PlainRunCalls {
  rows: number;
  mode: 'flag' | 'merge';
  /** 1 = first run on the spreadsheet, 2 = the run after it. */
  run: number;
  reads: number;
  writes: number;
  readsPlusWrites: number;
  allServiceCalls: number;
  /** Wall time of the execution in this process (the engines dominate it). */
  ms: number;
  done: boolean;
}

/** Plain runs on a fresh runtime holding `rows` sample customers: the first, then `again` more. */
export function plainRunCalls(code: string, rows: number, mode: 'flag' | 'merge', steps?: string[], again = 0): PlainRunCalls[] {
  const rt = createRuntime({ code, locale: 'en_US', timeZone: 'Etc/UTC', now: Date.UTC(2025, 5, 30, 9) });
  const s = generateSample({ rows, seed: 7 });
  rt.fillSheet('Customers', [s.table.header, ...s.table.rows]);
  const out: PlainRunCalls[] = [];
  for (let i = 0; i <= again; i++) {
    const t0 = Date.now();
    const ex = rt.run('startRun', [{ mode, region: 'US', inPlace: true, k: 'auto', ...(steps ? { steps } : {}) }]);
    const ms = Date.now() - t0;
    if (ex.error) throw new Error(ex.error.text);
    out.push({
      rows,
      mode,
      run: i + 1,
      reads: spreadsheetReads(ex.calls),
      writes: spreadsheetWrites(ex.calls),
      readsPlusWrites: readsPlusWrites(ex.calls),
      allServiceCalls: totalCalls(ex.calls),
      ms,
      done: Boolean((ex.result as { done?: boolean }).done),
    });
  }
  return out;
}

export function benchServiceCalls(sizes: number[] = [1000, 50000]): Row[] {
  const code = builtCode();
  const rows: Row[] = [];
  for (const mode of ['flag', 'merge'] as const) {
    const runs = sizes.map((n) => plainRunCalls(code, n, mode, undefined, 1));
    for (const k of [0, 1]) {
      const equal = runs.every((r) => r[k].readsPlusWrites === runs[0][k].readsPlusWrites);
      for (const r of runs) {
        rows.push({
          ...r[k],
          equalAcrossSizes: equal,
          withinBar: mode === 'flag' ? r[k].readsPlusWrites <= PLAIN_RUN_BAR : 'n/a (bar is for a plain flag run)',
        });
      }
    }
  }
  return rows;
}
