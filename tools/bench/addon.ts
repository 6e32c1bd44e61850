/**
 * `npm run bench -- addon --rows N [--one-step-per-execution] [--mode flag|merge]`: the whole
 * add-on flow on N generated customers in the local Apps Script runtime running dist/Code.js —
 * startRun, continueRun until done (the sidebar's loop), then Undo — and its cost:
 *
 *   {"rows":N,"executions":E,"done":true,"undoExact":true,"maxCells":C,"peakHeapMB":M,"wallMs":W}
 *
 * printed as the last line.
 * - executions: Apps Script executions the run took (startRun + continueRun calls).
 * - undoExact: after Undo, every sheet that existed before the run equals its state before the
 *   run in every layer the runtime keeps (values, formulas, notes, backgrounds, number formats,
 *   font weights and colours), grid size, position and visibility; and no sheet the run made is
 *   left but CDM Audit (the log that records the run and its undo). Compared by digests, so the
 *   check itself holds no copy of a 100k-row sheet.
 * - maxCells: the most cells the workbook held at any moment (after every service call).
 * - peakHeapMB: the largest V8 heap used by the process — the heap just before each collection
 *   in V8's own GC trace, and sampled at every service call — with the child's heap capped at
 *   --heap-limit MB (default 600, the memory target): V8 collects as it would under that
 *   limit, so the figure is the flow's real need rather than garbage V8 had no reason to
 *   collect, and a flow that does not fit runs out of memory and is reported as not done.
 *   `--heap-limit 8192` measures without the pressure.
 * - wallMs: wall time of the flow (the sample generation and the sheet filling excluded).
 * The run happens in a child process (--trace-gc), so the figures are this flow's alone.
 * --one-step-per-execution sets the add-on's time budget to 1 ms: each execution runs one
 * pipeline step (then the final write has its own), as the slowest real sheets would.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRuntime, type Runtime } from '../../runtime/index';
import { generateSample } from '../../src/core/sample';

export interface AddonResult {
  rows: number;
  executions: number;
  done: boolean;
  undoExact: boolean;
  maxCells: number;
  peakHeapMB: number;
  wallMs: number;
}

interface ChildOut extends AddonResult {
  sampledHeapMB: number;
  perExecution: Array<{ fn: string; step: string; wallMs: number; simulatedMs: number }>;
  undoMs: number;
  differences: string[];
  error?: string;
}

function findCode(): string {
  for (const p of [path.resolve(__dirname, 'Code.js'), path.resolve(__dirname, '../../dist/Code.js'), path.resolve(process.cwd(), 'dist/Code.js')]) {
    if (fs.existsSync(p)) return fs.readFileSync(p, 'utf8');
  }
  throw new Error('dist/Code.js not found: run `npm run build` first');
}

// ---------------------------------------------------------------------------------------
// Workbook digests: equal digests = equal sheets (FNV-1a over every layer, cell by cell)
// ---------------------------------------------------------------------------------------

const LAYERS = ['value', 'formula', 'note', 'background', 'numberFormat', 'fontWeight', 'fontColor'] as const;

function hashString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return Math.imul(h ^ 0x1f, 0x01000193) >>> 0;
}

function cellKey(v: unknown): string {
  if (v instanceof Date) return `D${v.getTime()}`;
  return `${typeof v}:${String(v)}`;
}

type Digest = Record<string, string>;

function digestOf(rt: Runtime): Digest {
  const out: Digest = {};
  for (const sheet of rt.spreadsheet.getSheets()) {
    const s = sheet as unknown as { _layers: Record<string, Array<unknown[] | undefined>>; _maxRows: number; _maxCols: number; _hidden: boolean; _get(layer: string, r: number, c: number): unknown };
    const name = sheet.getName();
    out[`${name}|grid`] = `${s._maxRows}x${s._maxCols}|${s._hidden}|${sheet.getFrozenRows()}`;
    for (const layer of LAYERS) {
      const rows = s._layers[layer];
      if (!rows) continue;
      const blank = cellKey(s._get(layer, s._maxRows + 1, s._maxCols + 1)); // the layer's default
      let h = 0x811c9dc5;
      // Cells through _get, so a cell never written and one holding the default read the same.
      const lastRow = Math.min(s._maxRows, rows.length);
      for (let r = 1; r <= lastRow; r++) {
        const row = rows[r - 1];
        if (!row) continue;
        const lastCol = Math.min(s._maxCols, row.length);
        for (let c = 1; c <= lastCol; c++) {
          const v = s._get(layer, r, c);
          const k = cellKey(v);
          if (k === blank) continue;
          h = hashString(hashString(h, `${r},${c}`), k);
        }
      }
      out[`${name}|${layer}`] = h.toString(36);
    }
  }
  out['|order'] = rt.spreadsheet.getSheets().map((x) => x.getName()).join('\n');
  return out;
}

function compare(before: Digest, after: Digest): string[] {
  const names = (d: Digest) => d['|order'].split('\n');
  const sheetsBefore = names(before);
  const sheetsAfter = names(after);
  const out: string[] = [];
  for (const s of sheetsBefore) if (!sheetsAfter.includes(s)) out.push(`sheet ${s} is gone`);
  for (const s of sheetsAfter) if (!sheetsBefore.includes(s) && s !== 'CDM Audit') out.push(`sheet ${s} was left behind`);
  // The sheets that were there keep their order (CDM Audit may sit among them).
  if (sheetsAfter.filter((s) => sheetsBefore.includes(s)).join('\n') !== sheetsBefore.join('\n')) out.push('the sheets are in another order');
  for (const [k, v] of Object.entries(before)) if (k !== '|order' && after[k] !== v) out.push(`${k.replace('|', ': ')} differs`);
  return out;
}

// ---------------------------------------------------------------------------------------
// The flow (in the child)
// ---------------------------------------------------------------------------------------

export function addonFlow(rows: number, oneStep: boolean, mode: 'flag' | 'merge' = 'flag'): ChildOut {
  const code = findCode();
  const rt = createRuntime({ code, locale: 'en_US', timeZone: 'Etc/UTC', now: Date.UTC(2025, 5, 30, 9), cpuScale: 1 });
  const sample = generateSample({ rows, seed: 7 });
  rt.fillSheet('Customers', [sample.table.header, ...sample.table.rows]);
  (sample as { table: unknown }).table = null;
  if (oneStep) rt.properties.script.data.set('CDM_TIME_BUDGET_MS', '1');
  const before = digestOf(rt);

  let maxCells = rt.spreadsheet._totalCells();
  let sampled = process.memoryUsage().heapUsed;
  let calls = 0;
  rt.onServiceCall(() => {
    const cells = rt.spreadsheet._totalCells();
    if (cells > maxCells) maxCells = cells;
    if (++calls % 16 === 0) sampled = Math.max(sampled, process.memoryUsage().heapUsed);
  });

  const t0 = Date.now();
  const perExecution: ChildOut['perExecution'] = [];
  let progress: { runId: string; done: boolean; step?: string; error?: string } | null = null;
  let error: string | undefined;
  const exec = (fn: string, args: unknown[]) => {
    const w = Date.now();
    const ex = rt.run(fn, args);
    sampled = Math.max(sampled, process.memoryUsage().heapUsed);
    perExecution.push({ fn, step: String((ex.result as { step?: string } | undefined)?.step ?? ex.error?.message ?? ''), wallMs: Date.now() - w, simulatedMs: Math.round(ex.elapsedMs) });
    if (ex.error) throw new Error(`${fn}: ${ex.error.text}`);
    return ex.result as typeof progress;
  };
  try {
    progress = exec('startRun', [{ mode, region: 'US', inPlace: true, k: 'auto' }]);
    for (let i = 0; i < 50 && progress && !progress.done; i++) progress = exec('continueRun', [progress.runId]);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const runMs = Date.now() - t0;
  let undoMs = 0;
  let differences: string[] = ['no undo: the run did not finish'];
  if (progress?.done && !progress.error) {
    const u = Date.now();
    const ex = rt.run('undoLastRun', []);
    undoMs = Date.now() - u;
    sampled = Math.max(sampled, process.memoryUsage().heapUsed);
    differences = ex.error ? [`undo failed: ${ex.error.text}`] : compare(before, digestOf(rt));
  }
  return {
    rows,
    executions: perExecution.length,
    done: !!progress?.done && !progress.error,
    undoExact: differences.length === 0,
    maxCells,
    peakHeapMB: 0,
    wallMs: runMs + undoMs,
    sampledHeapMB: Math.round(sampled / 1048576),
    perExecution,
    undoMs,
    differences,
    ...(error || progress?.error ? { error: error ?? progress?.error } : {}),
  };
}

/** The largest heap before a collection, in MB, from --trace-gc lines ("… 512.3 (530.1) -> 400.2 (420.1) MB"). */
export function peakFromGcTrace(text: string): number {
  let peak = 0;
  for (const m of text.matchAll(/([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/g)) peak = Math.max(peak, Number(m[1]));
  return peak;
}

export const DEFAULT_HEAP_LIMIT_MB = 600;

/** Runs the flow in a child process (this bundle with --child-addon) and returns its figures. */
export function runAddonBench(rows: number, oneStep: boolean, mode: 'flag' | 'merge' = 'flag', heapLimitMB = DEFAULT_HEAP_LIMIT_MB): ChildOut {
  const script = process.argv[1];
  const r = spawnSync(process.execPath, ['--trace-gc', `--max-old-space-size=${heapLimitMB}`, script, '--child-addon', String(rows), oneStep ? '1' : '0', mode], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const lines = r.stdout.trim().split('\n');
  const last = lines.filter((l) => l.startsWith('{"rows"')).pop();
  const peak = Math.round(peakFromGcTrace(r.stdout));
  if (!last) {
    const oom = /heap out of memory|Reached heap limit/i.test(r.stderr + r.stdout);
    if (!oom) throw new Error(`addon bench child failed (${r.status}): ${r.stderr.slice(-2000)}${r.stdout.slice(-2000)}`);
    return {
      rows, executions: 0, done: false, undoExact: false, maxCells: 0, peakHeapMB: peak, wallMs: 0, sampledHeapMB: 0, perExecution: [], undoMs: 0,
      differences: [], error: `ran out of memory: the flow needs more than a ${heapLimitMB} MB heap (--heap-limit to raise it)`,
    };
  }
  const out = JSON.parse(last) as ChildOut;
  out.peakHeapMB = Math.round(Math.max(peak, out.sampledHeapMB));
  return out;
}

/** The child's entry: prints the flow's figures as one JSON line. */
export function addonChild(argv: string[]): void {
  const out = addonFlow(Number(argv[0]), argv[1] === '1', argv[2] === 'merge' ? 'merge' : 'flag');
  process.stdout.write(JSON.stringify(out) + '\n');
}

export function formatAddon(out: ChildOut): string {
  const lines = [`executions (wall ms / simulated ms with real script CPU), and where each left the run:`];
  for (const e of out.perExecution) lines.push(`  ${e.fn.padEnd(12)} ${String(e.wallMs).padStart(7)} / ${String(e.simulatedMs).padStart(7)}  ${e.step}`);
  lines.push(`undo: ${out.undoMs} ms; ${out.undoExact ? 'every sheet as before the run' : `differences: ${out.differences.slice(0, 12).join('; ')}`}`);
  if (out.error) lines.push(`error: ${out.error}`);
  const result: AddonResult = { rows: out.rows, executions: out.executions, done: out.done, undoExact: out.undoExact, maxCells: out.maxCells, peakHeapMB: out.peakHeapMB, wallMs: out.wallMs };
  lines.push(JSON.stringify(result));
  return lines.join('\n');
}
