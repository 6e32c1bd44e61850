/**
 * Speed and memory figures: the command line as a user runs it, and its steps alone.
 *
 * - run:        `cdm run SAMPLE.csv` at --rows (default 100k): wall, CPU, peak RSS, per step.
 * - normalise:  normalising alone on the sample as the CLI reads it (cells per second), its changes
 *               written into the run's compact change log (as the clean step does) and, for
 *               comparison, returned as normaliseTable's array of Change objects.
 * - heap:       what a run keeps alive between its steps, per row (the add-on's log and the CLI's).
 * - dedupe-run: the dedupe step alone on the cleaned sample, with its stages.
 * - cli:        `cdm clean` at --rows (default 1M): wall, CPU, peak RSS.
 * - hashes:     hashes of a run's outputs (table, changes, reports) at 10k rows on two seeds, flag
 *               and merge: run it on two commits to show a change kept every output the same.
 *
 * Each measurement runs in a child process of its own (tools/bench.ts --child), so its peak RSS
 * (process.resourceUsage().maxRSS, the kernel's own figure) and its CPU time belong to it alone.
 * The CLI is run through its own main() in that child: the same code path as `node dist/cli.cjs`.
 * Sample files are written once per size and seed into the system's temporary folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fullCollection, leanHeap, main as cliMain, readTable } from '../../src/cli';
import { detectRoles } from '../../src/core/roles';
import { normaliseTable, normaliseTableInto } from '../../src/core/normalize';
import { ChangeLog } from '../../src/core/changes';
import { initialState, planSteps, runPipeline, type PipelineOptions } from '../../src/core/pipeline';
import { generateSample, sampleCsv } from '../../src/core/sample';
import type { Table } from '../../src/core/table';

export type Row = Record<string, string | number | boolean | null | undefined>;

const AS_OF = '2025-06-30';
const OPTIONS: PipelineOptions = { asOf: new Date(Date.UTC(2025, 5, 30)), seed: 1, region: 'US', mode: 'flag' };
const SAMPLE_SEED = 1;

/** The sample CSV (as `cdm sample --rows N` writes it), made once per size and generator version. */
export function sampleFile(rows: number, seed = SAMPLE_SEED): string {
  const version = createHash('sha256').update(sampleCsv({ rows: 50, seed })).digest('hex').slice(0, 10);
  const file = join(tmpdir(), `cdm-bench-sample-${rows}-${seed}-${version}.csv`);
  if (!existsSync(file) || statSync(file).size === 0) {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, sampleCsv({ rows, seed }));
    renameSync(temp, file);
  }
  return file;
}

const mb = (bytes: number) => Math.round(bytes / 1048576);
const peakMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return Math.round((d.user + d.system) / 1000);
}

// ---------------------------------------------------------------------------------------
// Inside the child
// ---------------------------------------------------------------------------------------

/** One measurement in this (child) process; the result is printed as JSON by tools/bench.ts. */
export function pipelineChild(kind: string, args: string[]): Row {
  if (kind === 'cli') {
    // args: command, input file
    const [command, file] = args;
    leanHeap(); // as the CLI's entry does before main()
    const out = join(tmpdir(), `cdm-bench-out-${process.pid}.csv`);
    const report = join(tmpdir(), `cdm-bench-report-${process.pid}.json`);
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const code = cliMain([command, file, '--out', out, '--report', report, '--asof', AS_OF, '--quiet']);
    const ms = Number((process.hrtime.bigint() - t0) / 1000000n);
    if (code !== 0) throw new Error(`cdm ${command} exited with ${code}`);
    const r = JSON.parse(readFileSync(report, 'utf8')) as { timingMs: Record<string, unknown>; rowsOut: number };
    return { ms, cpuMs: cpuMs(c0), peakRssMB: peakMB(), rowsOut: r.rowsOut, timing: JSON.stringify(r.timingMs) };
  }
  if (kind === 'heap') {
    // What a run keeps alive between its steps, per row: the heap after a full collection at
    // each step's end, less the heap before the table was read. args[1]: 'keep' (the add-on's
    // change log, every change kept) or 'count' (the CLI's, counts only).
    const gc = fullCollection();
    const options: PipelineOptions = { ...OPTIONS, keepChanges: args[1] !== 'count' };
    gc();
    const base = process.memoryUsage().heapUsed;
    let input: Table | null = readTable(args[0], 'utf-8');
    const rows = input.rows.length;
    const columns = input.header.length;
    let state = initialState(input, options);
    input = null;
    const live: Record<string, number> = {};
    const measure = (name: string) => { gc(); live[name] = process.memoryUsage().heapUsed - base; };
    measure('start');
    for (const step of planSteps(options)) { state = step.run(state, options); measure(step.name); }
    const max = Math.max(...Object.values(live));
    return {
      log: args[1] === 'count' ? 'counts only (CLI)' : 'kept (add-on)', rows, columns, changes: state.changes.length,
      liveMB: JSON.stringify(Object.fromEntries(Object.entries(live).map(([k, v]) => [k, mb(v)]))),
      maxMB: mb(max), kbPerRow: +(max / rows / 1024).toFixed(2),
    };
  }
  const [file] = args;
  const t0 = process.hrtime.bigint();
  // Read as `cdm` reads it (a big file a chunk at a time, each cell a string of its own), not as
  // one text sliced into cells: what normalising costs depends on how the cells are held.
  const table = readTable(file, 'utf-8');
  const readMs = Number((process.hrtime.bigint() - t0) / 1000000n);
  if (kind === 'normalise') {
    // args[1]: where the changes go — 'log' as the run's clean step writes them (the compact
    // change log), 'array' as normaliseTable returns them (one Change object each).
    const sink = args[1] === 'array' ? 'array' : 'log';
    // The roles are detected before the clock starts and handed over, as the run's clean step does.
    const { roles, details } = detectRoles(table);
    const cells = table.rows.length * table.header.length;
    const c0 = process.cpuUsage();
    const t1 = process.hrtime.bigint();
    let changes: number;
    if (sink === 'array') {
      changes = normaliseTable(table, roles, { region: 'US', details }).changes.length;
    } else {
      const log = new ChangeLog();
      normaliseTableInto(table, roles, { region: 'US', details }, (row, column, old, next, k, reason) => log.add(row, column, old, next, k, reason));
      changes = log.length;
    }
    const ms = Number((process.hrtime.bigint() - t1) / 1000000n);
    return { sink, readMs, ms, cpuMs: cpuMs(c0), cells, cellsPerSec: Math.round(cells / Math.max(ms, 1) * 1000), changes, peakRssMB: peakMB() };
  }
  if (kind === 'dedupe') {
    let state = initialState(table, OPTIONS);
    const [clean, dedupe] = planSteps({ ...OPTIONS, steps: ['clean', 'dedupe'] });
    state = clean.run(state, OPTIONS);
    const c0 = process.cpuUsage();
    const t1 = process.hrtime.bigint();
    state = dedupe.run(state, OPTIONS);
    const ms = Number((process.hrtime.bigint() - t1) / 1000000n);
    const d = state.reports.dedupe!;
    return { ms, cpuMs: cpuMs(c0), candidatePairs: d.candidatePairs, duplicateRows: d.duplicateRows, peakRssMB: peakMB(), stages: JSON.stringify(d.timingMs) };
  }
  throw new Error(`unknown pipeline measurement ${kind}`);
}

// ---------------------------------------------------------------------------------------
// In the parent
// ---------------------------------------------------------------------------------------

type Child = (kind: string, args: string[]) => Row;

/** `cdm run` (or clean) as a user runs it: whole-process wall time, CPU, peak RSS; steps from its report. */
export function benchCommand(child: Child, command: 'run' | 'clean', rows: number, repeat: number): Row[] {
  const file = sampleFile(rows);
  const out: Row[] = [];
  for (let i = 0; i < repeat; i++) {
    const r = child('cli', [command, file]);
    const timing = JSON.parse(String(r.timing)) as Record<string, number | Record<string, number>>;
    const steps = Object.entries(timing).filter(([k, v]) => typeof v === 'number' && k !== 'total').map(([k, v]) => `${k} ${v}`).join(', ');
    const detail = (name: string) => {
      const d = timing[name] as Record<string, number> | undefined;
      return d ? Object.entries(d).filter(([k]) => k !== 'total').map(([k, v]) => `${k} ${v}`).join(', ') : '';
    };
    out.push({ command, rows, ms: r.ms, cpuMs: r.cpuMs, peakRssMB: r.peakRssMB, steps, dedupe: detail('dedupeDetail'), analyze: detail('analyzeDetail') });
  }
  return out;
}

/** Normalising alone, each way of keeping its changes in a fresh process (first: the run's). */
export function benchNormalise(child: Child, rows: number): Row[] {
  return ['log', 'array'].map((sink) => ({ rows, ...child('normalise', [sampleFile(rows), sink]) }));
}

/** The heap a run keeps alive between steps, per row, with each kind of change log. */
export function benchHeap(child: Child, rows: number): Row[] {
  return ['keep', 'count'].map((log) => child('heap', [sampleFile(rows), log]));
}

export function benchDedupeStep(child: Child, rows: number): Row[] {
  return [{ rows, ...child('dedupe', [sampleFile(rows)]) }];
}

/** Order-independent JSON: keys sorted, Dates by time, timings left out. */
function canonical(v: unknown): string {
  return JSON.stringify(v, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { $date: raw.getTime() };
    if (typeof raw === 'number' && !Number.isFinite(raw)) return { $num: String(raw) };
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(value as object).sort()) if (k !== 'timingMs') o[k] = (value as Record<string, unknown>)[k];
      return o;
    }
    return value;
  });
}

const hash = (v: unknown) => createHash('sha256').update(canonical(v)).digest('hex').slice(0, 12);

/** Hashes of everything a run produces, to compare two commits (same hashes = same outputs). */
export function benchHashes(rows = 10000): Row[] {
  const out: Row[] = [];
  for (const seed of [7, 11]) {
    for (const mode of ['flag', 'merge'] as const) {
      for (const inPlace of [true, false]) {
        if (!inPlace && mode === 'merge') continue;
        const sample = generateSample({ rows, seed });
        const s = runPipeline(sample.table, { ...OPTIONS, mode, inPlace });
        const changes = Array.from(s.changes);
        out.push({
          rows, seed, mode, inPlace, table: hash(s.table), changes: changes.length, changesHash: hash(changes), rowOrigin: hash(s.rowOrigin),
          clean: hash(s.reports.clean), dedupe: hash(s.reports.dedupe), impute: hash(s.reports.impute), analyze: hash(s.reports.analyze),
        });
      }
    }
  }
  return out;
}

export { mb };
