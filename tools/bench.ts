/**
 * `npm run bench`: quality and speed figures, printed as tables (and `--json FILE`).
 *
 * Sections are data: each is an id, a title and a run() returning rows. To add one, write
 * tools/bench/<name>.ts exporting a function that returns rows, and add one entry to
 * SECTIONS below. `npm run bench -- run cli` (or `--only run,cli`) runs some sections;
 * `--sizes 10000,50000` changes the generated table sizes for the growth sections; `--rows N`
 * the size of the run / normalise / dedupe-run / cli sections; `--repeat N` runs `cdm run`
 * N times (quote the median).
 *
 * Timing sections run each size in a fresh child process (this same file with --child), so
 * peak memory (process.resourceUsage().maxRSS) belongs to that size alone and one size's
 * garbage does not slow the next.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { generateSample } from '../src/core/sample';
import { initialState, planSteps, type PipelineOptions, type PipelineState } from '../src/core/pipeline';
import { benchDedupe } from './bench/dedupe';
import { benchFormSubmission } from './bench/forms';
import { benchFunctions } from './bench/functions';
import { benchServiceCalls } from './bench/service-calls';
import { DEFAULT_HEAP_LIMIT_MB, addonChild, formatAddon, runAddonBench } from './bench/addon';
import { checkpointSizes } from './bench/checkpoint';
import { benchUndo, undoBenchChild } from './bench/undo';
import { benchCommand, benchDedupeStep, benchHashes, benchHeap, benchNormalise, pipelineChild } from './bench/pipeline';
import { benchQuality } from './bench/quality';
import { NODE_FLAGS } from '../src/cli';

export type Row = Record<string, string | number | boolean | null | undefined>;

export interface BenchSection {
  id: string;
  title: string;
  /** The bar the figures are held against, in words. */
  bar?: string;
  run(ctx: BenchContext): Row[] | Promise<Row[]>;
}

export interface BenchContext {
  sizes: number[];
  /** --rows: size of the run / normalise / dedupe-run sections (default 100k) and of cli (default 1M). */
  rows?: number;
  repeat: number;
}

// Figures: `ms` is wall-clock time, `cpuMs` the CPU time of the measuring process (user +
// system; several threads can make it exceed ms). When the machine is shared, cpuMs is the
// fairer figure; the bars are stated for wall time on an idle machine.

const AS_OF = new Date(Date.UTC(2025, 5, 30));
const OPTIONS: PipelineOptions = { asOf: AS_OF, seed: 1, region: 'US', mode: 'flag' };

// ---------------------------------------------------------------------------------------
// Child-process measurements
// ---------------------------------------------------------------------------------------

interface ChildResult { ms: number; cpuMs?: number; steps: Record<string, number>; maxRssMB: number; rows: number; extra?: Row }

function runSteps(state: PipelineState, names: string[]): PipelineState {
  for (const step of planSteps(OPTIONS)) if (names.includes(step.name)) state = step.run(state, OPTIONS);
  return state;
}

/** Runs inside the child: one measurement, printed as JSON on the last line. */
function child(kind: string, n: number): ChildResult {
  if (kind === 'sample') {
    generateSample({ rows: 2000, seed: 8 }); // warm-up: compile before timing, as a long-lived process would
    const t0 = Date.now();
    const c0 = process.cpuUsage();
    generateSample({ rows: n, seed: 7 });
    const ms = Date.now() - t0;
    return { ms, cpuMs: cpuMs(c0), steps: {}, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), rows: n };
  }
  const sample = generateSample({ rows: n, seed: 7 });
  if (kind === 'clean') {
    const t0 = Date.now();
    const c0 = process.cpuUsage();
    const state = runSteps(initialState(sample.table, OPTIONS), ['clean', 'dedupe', 'impute']);
    const ms = Date.now() - t0;
    return { ms, cpuMs: cpuMs(c0), steps: state.timingMs, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), rows: n };
  }
  // analyze: on the cleaned table, as in a real run; only the analyse step is timed.
  const cleaned = runSteps(initialState(sample.table, OPTIONS), ['clean']);
  const t0 = Date.now();
  const c0 = process.cpuUsage();
  const state = runSteps(cleaned, ['analyze']);
  const ms = Date.now() - t0;
  const a = state.reports.analyze;
  return {
    ms, cpuMs: cpuMs(c0), steps: a ? a.timingMs : {}, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), rows: n,
    extra: { k: a?.segments?.k ?? null, r2cv: a?.regression?.cv ? +a.regression.cv.r2.toFixed(3) : null },
  };
}

/** CPU time of this process in ms: on a shared machine wall time also counts other people's work. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return Math.round((d.user + d.system) / 1000);
}

function inChild(kind: string, n: number): ChildResult {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', __filename, '--child', kind, String(n)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`bench child ${kind} ${n} failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(last) as ChildResult;
}

/** The checkpoint section for one size, in its own child. */
function checkpointInChild(n: number): Row[] {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', __filename, '--child-checkpoint', String(n)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('[')) throw new Error(`bench checkpoint ${n} failed: ${(r.stderr || r.stdout).slice(-2000)}`);
  return JSON.parse(last) as Row[];
}

/**
 * A pipeline measurement (tools/bench/pipeline.ts) in a fresh node with its default flags, as a
 * user's `node dist/cli.cjs` runs: its peak RSS and CPU are the command's own.
 */
function pipelineInChild(kind: string, args: string[]): Row {
  // `cdm` as `npm run cdm` starts it (with the CLI's node flags); the steps alone without them.
  const flags = kind === 'cli' ? NODE_FLAGS : [];
  const r = spawnSync(process.execPath, [...flags, __filename, '--child', 'pipeline', kind, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`bench ${kind} ${args.join(' ')} failed: ${(r.stderr || r.stdout).slice(-2000)}`);
  return JSON.parse(last) as Row;
}

function growthRows(kind: string, sizes: number[], barMs: number): Row[] {
  const rows: Row[] = [];
  let first: number | null = null;
  let firstCpu: number | null = null;
  for (const n of sizes) {
    const r = inChild(kind, n);
    first ??= r.ms;
    firstCpu ??= r.cpuMs ?? null;
    const stepText = Object.entries(r.steps).filter(([k]) => k !== 'total').map(([k, v]) => `${k} ${v}`).join(', ');
    const cpuGrowth = firstCpu && r.cpuMs ? +(r.cpuMs / firstCpu).toFixed(2) : null;
    rows.push({ rows: n, ms: r.ms, cpuMs: r.cpuMs, growth: +(r.ms / Math.max(1, first)).toFixed(2), cpuGrowth, peakRssMB: r.maxRssMB, withinBar: r.ms <= barMs, ...r.extra, steps: stepText });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------

export const SECTIONS: BenchSection[] = [
  {
    id: 'run',
    title: '`cdm run` on the generated sample (whole command: read, every step, write CSV and report)',
    bar: '100k rows: ≤ 8 s wall and ≤ 500 MB peak RSS on a 2-core machine',
    run: (ctx) => benchCommand(pipelineInChild, 'run', ctx.rows ?? 100000, ctx.repeat),
  },
  {
    id: 'normalise',
    title: 'Normalising alone on the sample as the CLI reads it (sink log: into the run\'s compact change log, as the clean step; array: normaliseTable\'s Change objects)',
    bar: '~1.5M cells (100k rows × 15 columns) in ≤ 1.5 s',
    run: (ctx) => benchNormalise(pipelineInChild, ctx.rows ?? 100000),
  },
  {
    id: 'heap',
    title: 'Heap a run keeps alive between its steps (after a full collection at each step end)',
    bar: '≤ 4 KB per row of 14–15 columns',
    run: (ctx) => benchHeap(pipelineInChild, ctx.rows ?? 100000),
  },
  {
    id: 'dedupe-run',
    title: 'Dedupe step alone on the cleaned sample, with its stages',
    run: (ctx) => benchDedupeStep(pipelineInChild, ctx.rows ?? 100000),
  },
  {
    id: 'cli',
    title: '`cdm clean` on a big generated file',
    bar: '1,000,000 rows within 4 GB peak RSS',
    run: (ctx) => benchCommand(pipelineInChild, 'clean', ctx.rows ?? 1000000, 1),
  },
  {
    id: 'quality',
    title: 'Quality figures a speed change must not move (dedupe P/R/F1, Mall segments, spend regression)',
    bar: 'identical before and after',
    run: () => benchQuality() as Row[],
  },
  {
    id: 'hashes',
    title: 'Hashes of a run\'s outputs (compare two commits: same hashes, same tables, changes and reports)',
    run: () => benchHashes(),
  },
  {
    id: 'sample',
    title: 'Sample generator (generateSample)',
    bar: '100k rows in under 1 s',
    run: () => [inChild('sample', 100000)].map((r) => ({ rows: r.rows, ms: r.ms, cpuMs: r.cpuMs, withinBar: r.ms < 1000 })),
  },
  {
    id: 'dedupe',
    title: 'Dedupe quality (pairwise; pairs lost by blocking count as misses) and speed',
    bar: 'FEBRL F1 ≥ 0.99 with precision ≥ 0.99; sample F1 ≥ 0.95 with precision ≥ 0.98',
    run: (ctx) => benchDedupe(ctx.sizes) as Row[],
  },
  {
    id: 'clean',
    title: 'Clean command (roles + normalise + dedupe + impute) on generated rows',
    bar: '100k rows under 10 s, 10k → 100k growth ≤ 12×, peak memory < 1.5 GB',
    run: (ctx) => growthRows('clean', ctx.sizes, 10000),
  },
  {
    id: 'analyse',
    title: 'Analyse step on cleaned generated rows',
    bar: '100k rows under 5 s',
    run: () => growthRows('analyze', [100000], 5000),
  },
  {
    id: 'functions',
    title: 'Custom functions (=CDM_*) in Node',
    bar: '=CDM_CLUSTER on 10k rows under 1 s',
    run: () => benchFunctions() as unknown as Row[],
  },
  {
    id: 'forms',
    title: 'Intake form submission in the local Apps Script runtime',
    bar: 'under 1 s; same service calls at 1k and 50k customers',
    run: () => benchFormSubmission() as Row[],
  },
  {
    id: 'checkpoint',
    title: 'Run state between executions: the old JSON checkpoint vs the compact one the add-on saves (issue 10 §1)',
    bar: 'fits the spreadsheet: a few cells of 49,000 characters; no run fails on its checkpoint',
    run: (ctx) => (ctx.rows ? [ctx.rows] : ctx.sizes).flatMap((n) => checkpointInChild(n)),
  },
  {
    id: 'service-calls',
    title: 'Spreadsheet reads + writes of one plain run (startRun) in the local Apps Script runtime',
    bar: 'same count at 1k and 50k rows; at most 25 for a plain flag-mode run (one is the checkpoint before the final write)',
    run: () => benchServiceCalls() as Row[],
  },
  {
    id: 'undo',
    title: 'Five runs on one sheet, then Undo three times, in the local Apps Script runtime',
    bar: 'at 50k rows: under 60% of 10M cells after 5 runs; the 3 undos give back every cell; reads + writes the same at every size',
    run: (ctx) => benchUndo(ctx.sizes.filter((n) => n <= 50000)) as Row[],
  },
];

// ---------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------

function cellText(v: Row[string]): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(+v.toFixed(4));
  return String(v);
}

export function formatTable(rows: Row[]): string {
  if (rows.length === 0) return '(no rows)';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) => cols.map((c) => cellText(r[c])));
  const width = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (xs: string[]) => xs.map((x, i) => x.padEnd(width[i])).join('  ').trimEnd();
  return [line(cols), line(width.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--undo-child') {
    process.stdout.write(JSON.stringify(undoBenchChild(Number(argv[1]))) + '\n');
    return 0;
  }
  if (argv[0] === '--child') {
    const result = argv[1] === 'pipeline' ? pipelineChild(argv[2], argv.slice(3)) : child(argv[1], Number(argv[2]));
    process.stdout.write(JSON.stringify(result) + '\n');
    return 0;
  }
  if (argv[0] === '--child-checkpoint') {
    process.stdout.write(JSON.stringify(checkpointSizes(Number(argv[1]))) + '\n');
    return 0;
  }
  if (argv[0] === '--child-addon') {
    addonChild(argv.slice(1));
    return 0;
  }
  // `npm run bench -- addon --rows N [--one-step-per-execution] [--mode merge]`: the add-on flow
  // (tools/bench/addon.ts); its last line is one JSON object.
  if (argv[0] === 'addon') {
    const rows = Number(argValue(argv, '--rows') ?? 10000);
    if (!Number.isInteger(rows) || rows < 1) {
      process.stderr.write('addon: --rows must be a whole number of customers, e.g. --rows 10000\n');
      return 2;
    }
    const mode = argValue(argv, '--mode') === 'merge' ? 'merge' : 'flag';
    const heap = Number(argValue(argv, '--heap-limit') ?? DEFAULT_HEAP_LIMIT_MB);
    const out = runAddonBench(rows, argv.includes('--one-step-per-execution'), mode, heap > 0 ? heap : DEFAULT_HEAP_LIMIT_MB);
    process.stdout.write(formatAddon(out) + '\n');
    return out.done && out.undoExact ? 0 : 1;
  }
  // Sections by name (`npm run bench -- cli --rows 200000`) or with --only a,b.
  const positional = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1].startsWith('--')));
  const onlyList = [...(argValue(argv, '--only')?.split(',').map((s) => s.trim()) ?? []), ...positional];
  const only = onlyList.length ? onlyList : undefined;
  const sizes = argValue(argv, '--sizes')?.split(',').map(Number).filter((n) => n > 0) ?? [10000, 50000, 100000];
  const rowsArg = argValue(argv, '--rows');
  const rowCount = rowsArg !== undefined ? Number(rowsArg) : undefined;
  if (rowCount !== undefined && !(Number.isInteger(rowCount) && rowCount > 0)) {
    process.stderr.write(`--rows must be a whole number above 0, not "${rowsArg}".\n`);
    return 2;
  }
  const repeat = Math.max(1, Number(argValue(argv, '--repeat') ?? 1) || 1);
  const jsonOut = argValue(argv, '--json');
  const unknown = only?.filter((id) => !SECTIONS.some((s) => s.id === id)) ?? [];
  if (unknown.length) {
    process.stderr.write(`Unknown bench section ${unknown.join(', ')}. Sections: ${SECTIONS.map((s) => s.id).join(', ')}.\n`);
    return 2;
  }
  const results: Record<string, { title: string; bar?: string; rows?: Row[]; error?: string; ms: number }> = {};
  let failed = false;
  for (const section of SECTIONS) {
    if (only && !only.includes(section.id)) continue;
    process.stdout.write(`\n## ${section.title}\n${section.bar ? `bar: ${section.bar}\n` : ''}`);
    const t0 = Date.now();
    try {
      const rows = await section.run({ sizes, rows: rowCount, repeat });
      results[section.id] = { title: section.title, bar: section.bar, rows, ms: Date.now() - t0 };
      process.stdout.write(formatTable(rows) + '\n');
    } catch (e) {
      failed = true;
      const error = e instanceof Error ? e.message : String(e);
      results[section.id] = { title: section.title, bar: section.bar, error, ms: Date.now() - t0 };
      process.stdout.write(`failed: ${error}\n`);
    }
  }
  if (jsonOut) {
    writeFileSync(jsonOut, JSON.stringify({ when: new Date().toISOString(), node: process.version, sections: results }, null, 2) + '\n');
    process.stdout.write(`\nwrote ${jsonOut}\n`);
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { console.error(e); process.exitCode = 1; });
}
