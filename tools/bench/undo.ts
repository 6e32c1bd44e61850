/**
 * Bench section `undo`: the write path and Undo at size, in the local Apps Script runtime running
 * dist/Code.js on the generated sample — five plain runs one after the other on the same sheet,
 * then Undo three times (newest first). Figures: cells in the workbook after the 1st and 5th run
 * (and % of Google's 10,000,000), the most cells at any moment, Spreadsheet reads + writes per
 * run, the time of each run and each undo, and whether the three undos gave back EVERY cell of
 * the workbook as it was after run 2 (values, formulas, notes, colours, formats, grid).
 *
 * Each size runs in a child process (`--undo-child ROWS`) with a bigger heap.
 * `node dist/bench.cjs --only undo --sizes 1000,50000` (after `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRuntime, readsPlusWrites } from '../../runtime/index';
import { generateSample } from '../../src/core/sample';
import { builtCode } from './built-code';
import { captureWorkbook, diffWorkbooks } from '../../test/hostile/sheet-diff';

export type Row = Record<string, string | number | boolean>;

const RUNS = 5;
const UNDOS = 3;
const LIMIT = 10_000_000;

export interface UndoBench {
  rows: number;
  cellsAfterRun1: number;
  cellsAfterRun5: number;
  pctAfterRun5: number;
  maxCells: number;
  readsWritesPerRun: number[];
  runMs: number[];
  undoMs: number[];
  undoExactAfter3: boolean;
  differences: number;
  firstDifferences: string[];
}

/** Runs in the child: the whole measurement for one size. */
export function undoBenchChild(rows: number): UndoBench {
  const rt = createRuntime({ code: builtCode(), locale: 'en_US', timeZone: 'Etc/UTC', now: Date.UTC(2025, 5, 30, 9) });
  const s = generateSample({ rows, seed: 7 });
  rt.fillSheet('Customers', [s.table.header, ...s.table.rows]);
  let maxCells = rt.spreadsheet._totalCells();
  const stop = rt.onServiceCall(() => {
    const n = rt.spreadsheet._totalCells();
    if (n > maxCells) maxCells = n;
  });
  const cells: number[] = [];
  const rw: number[] = [];
  const runMs: number[] = [];
  let afterRun2 = null as ReturnType<typeof captureWorkbook> | null;
  for (let i = 0; i < RUNS; i++) {
    const t0 = Date.now();
    const ex = rt.run('startRun', [{ mode: 'flag', region: 'US', inPlace: true, k: 'auto' }], { timeLimitMs: 24 * 3600 * 1000 });
    runMs.push(Date.now() - t0);
    if (ex.error) throw new Error(`run ${i + 1}: ${ex.error.text}`);
    rw.push(readsPlusWrites(ex.calls));
    cells.push(rt.spreadsheet._totalCells());
    if (i === 1) afterRun2 = captureWorkbook(rt);
  }
  const undoMs: number[] = [];
  for (let i = 0; i < UNDOS; i++) {
    const t0 = Date.now();
    const ex = rt.run('undoLastRun', [], { timeLimitMs: 24 * 3600 * 1000 });
    undoMs.push(Date.now() - t0);
    if (ex.error || !(ex.result as { restored: boolean }).restored) throw new Error(`undo ${i + 1}: ${ex.error?.text ?? JSON.stringify(ex.result)}`);
  }
  stop();
  const diffs = diffWorkbooks(afterRun2 as ReturnType<typeof captureWorkbook>, captureWorkbook(rt), [
    { sheet: 'CDM Audit', why: 'the audit keeps every run and logs each undo' },
    { sheet: 'CDM Undo', why: 'holds the undo data of runs 1 and 2 (run 2’s is the same as right after run 2)' },
    { sheet: /^CDM Backup /, why: 'hidden backups of the review/analysis sheets of runs that fell off the undo list' },
    { sheet: /^CDM /, layers: ['index'], why: 'CDM sheets shift when those hidden backups go' },
  ]);
  return {
    rows,
    cellsAfterRun1: cells[0],
    cellsAfterRun5: cells[RUNS - 1],
    pctAfterRun5: Math.round((cells[RUNS - 1] / LIMIT) * 1000) / 10,
    maxCells,
    readsWritesPerRun: rw,
    runMs,
    undoMs,
    undoExactAfter3: diffs.length === 0,
    differences: diffs.length,
    firstDifferences: diffs.slice(0, 5).map((d) => d.text),
  };
}

function inChild(rows: number): UndoBench {
  const script = path.resolve(__dirname, 'bench.cjs');
  const file = fs.existsSync(script) ? script : path.resolve(process.cwd(), 'dist/bench.cjs');
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', file, '--undo-child', String(rows)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`undo bench at ${rows} rows failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(last) as UndoBench;
}

export function benchUndo(sizes: number[]): Row[] {
  return sizes.map((n) => {
    const b = inChild(n);
    return {
      rows: b.rows,
      cellsAfter1: b.cellsAfterRun1,
      pctAfter1: Math.round((b.cellsAfterRun1 / LIMIT) * 1000) / 10,
      cellsAfter5: b.cellsAfterRun5,
      pctAfter5: b.pctAfterRun5,
      maxCells: b.maxCells,
      readsWrites: b.readsWritesPerRun.join('/'),
      runMs: b.runMs.join('/'),
      undoMs: b.undoMs.join('/'),
      undoExactAfter3: b.undoExactAfter3,
      ...(b.differences ? { firstDifferences: b.firstDifferences.join(' | ') } : {}),
    };
  });
}
