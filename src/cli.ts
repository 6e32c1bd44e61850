/**
 * The command line: the same engines as the add-on, CSV in and CSV out (design.md §5).
 *
 *   cdm run     IN.csv --out OUT.csv [--report R.json]            clean, dedupe, fill gaps, analyse
 *   cdm clean   IN.csv --out OUT.csv [--mode flag|merge] [--region US]
 *   cdm analyze IN.csv --out OUT.csv [--target COL] [--k auto|N] [--features "A,B"]
 *
 * Every failure is one plain sentence on stderr and a non-zero exit; OUT and REPORT are
 * written to a temporary file first and renamed, so an error never leaves half a file.
 */
import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { CsvError, readCsvBytes, toCsv } from './core/csv';
import { sampleCsv } from './core/sample';
import { planSteps, initialState, summarise, type PipelineOptions, type PipelineState } from './core/pipeline';
import type { StepName } from './rpc';
import type { Table } from './core/table';
import { type Settings, SettingError, resolveSettings } from './core/settings';

const CLI_LABELS = { mode: '--mode', region: '--region', k: '--k', inPlace: '--new-columns' };

const USAGE = `CDM — clean, deduplicate and analyse a customer list (CSV).

Usage:
  npm run cdm -- run     IN.csv --out OUT.csv [--report REPORT.json]
  npm run cdm -- clean   IN.csv --out OUT.csv [--mode flag|merge] [--region US]
  npm run cdm -- analyze IN.csv --out OUT.csv [--target "Total Spend"] [--k auto|N] [--features "Col A,Col B"]
  npm run cdm -- sample  --out SAMPLE.csv [--rows 1000] [--seed N]

Commands:
  run       clean, find duplicates, fill gaps, then analyse
  clean     clean values, find duplicates and fill gaps
  analyze   segments, spend prediction, RFM, churn risk and recommendations only
  sample    write the built-in sample customer sheet (messy on purpose) to try CDM on

Options:
  --out FILE          where to write the result (CSV, required)
  --report FILE       also write a JSON report with counts, quality and timing
  --mode flag|merge   flag: keep every row and mark duplicates (default); merge: keep one row per customer
  --region CC         phone country for numbers without one, e.g. US, GB, DE (default US)
  --new-columns       keep your columns as typed; put cleaned values in new "CDM ..." columns
  --target COL        the column to predict (default: the spend column)
  --k auto|N          number of segments (2 to 10), or auto to choose (default auto)
  --features "A,B"    columns to build segments from (default: all numeric columns)
  --asof YYYY-MM-DD   "today" for recency and churn (default: today), for reproducible runs
  --seed N            random seed (default 1)
  --rows N            rows for the sample command (default 1000)
  --help              show this help
`;

/** A problem the user can fix: printed as is, no stack trace. */
class UserError extends Error {
  constructor(message: string, readonly code = 1) {
    super(message);
  }
}

const COMMANDS: Record<string, StepName[]> = {
  run: ['clean', 'dedupe', 'impute', 'analyze'],
  clean: ['clean', 'dedupe', 'impute'],
  analyze: ['analyze'],
  analyse: ['analyze'],
};
const VALUE_OPTIONS = new Set(['out', 'report', 'mode', 'region', 'target', 'k', 'features', 'asof', 'seed', 'rows']);
const FLAG_OPTIONS = new Set(['help', 'new-columns']);

interface Args { command: string; input: string; options: Record<string, string> }

function parseArgs(argv: string[]): Args | 'help' {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h') return 'help';
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (FLAG_OPTIONS.has(name)) { options[name] = 'true'; continue; }
    if (!VALUE_OPTIONS.has(name)) throw new UserError(`Unknown option --${name}. Run with --help to see the options.`, 2);
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UserError(`The option --${name} needs a value.`, 2);
    options[name] = value;
  }
  if (options.help) return 'help';
  if (positional.length === 0) throw new UserError('Tell me what to do: run, clean or analyze. Run with --help for examples.', 2);
  const [command, input, ...extra] = positional;
  if (command === 'sample') {
    if (input) throw new UserError(`Unexpected "${input}": the sample command reads no file; give the output with --out.`, 2);
    if (!options.out) throw new UserError('Say where to write the sample with --out SAMPLE.csv.', 2);
    return { command, input: '', options };
  }
  if (!COMMANDS[command]) throw new UserError(`"${command}" is not a command. Use run, clean or analyze.`, 2);
  if (!input) throw new UserError(`Which file should I ${command}? Give the CSV file after "${command}".`, 2);
  if (extra.length) throw new UserError(`Unexpected "${extra[0]}": give one input file, and the output with --out.`, 2);
  if (!options.out) throw new UserError('Say where to write the result with --out OUT.csv.', 2);
  return { command, input, options };
}

function readTable(path: string): Table {
  const name = basename(path);
  if (!existsSync(path)) throw new UserError(`The file ${name} was not found (looked in ${dirname(resolve(path))}).`);
  if (statSync(path).isDirectory()) throw new UserError(`${name} is a folder, not a CSV file.`);
  const bytes = new Uint8Array(readFileSync(path));
  const blank = bytes.length <= 4096 && /^[\s\ufeff]*$/.test(Buffer.from(bytes).toString('utf8'));
  if (bytes.length === 0 || blank) throw new UserError(`The file ${name} is empty.`);
  let table: Table;
  try {
    table = readCsvBytes(bytes);
  } catch (e) {
    if (e instanceof CsvError) {
      throw new UserError(e.message.startsWith('The file ') ? `The file ${name} ${e.message.slice(9)}` : `${name}: ${e.message}`);
    }
    throw e;
  }
  if (table.rows.length === 0) throw new UserError(`The file ${name} has a header row but no customers.`);
  return table;
}

function pipelineOptions(args: Args, table: Table): PipelineOptions {
  const o = args.options;
  const name = basename(args.input);
  const columnList = () => table.header.map((h) => `"${h}"`).join(', ');
  // The same settings, order and ranges as the add-on and the formulas (core/settings.ts);
  // a CSV has no saved choice and no locale, so a flag or the default decides.
  let settings: Settings;
  try {
    settings = resolveSettings({ given: { mode: o.mode, region: o.region, k: o.k, inPlace: o['new-columns'] === 'true' ? false : undefined } }, { labels: CLI_LABELS });
  } catch (e) {
    if (e instanceof SettingError) throw new UserError(e.message, 2);
    throw e;
  }
  const { mode, region, k, inPlace } = settings;
  if (o.target !== undefined && !table.header.includes(o.target)) {
    throw new UserError(`There is no column called "${o.target}" in ${name}. The columns are: ${columnList()}.`, 2);
  }
  const features = o.features !== undefined ? o.features.split(',').map((f) => f.trim()).filter(Boolean) : undefined;
  for (const f of features ?? []) {
    if (!table.header.includes(f)) throw new UserError(`There is no column called "${f}" in ${name}. The columns are: ${columnList()}.`, 2);
  }
  let asOf = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()));
  if (o.asof !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(o.asof);
    const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
    if (!d || d.getUTCDate() !== +m![3]) throw new UserError(`--asof must be a date written as YYYY-MM-DD, such as 2025-06-30, not "${o.asof}".`, 2);
    asOf = d;
  }
  const seed = o.seed !== undefined ? Number(o.seed) : 1;
  if (!Number.isInteger(seed)) throw new UserError(`--seed must be a whole number, not "${o.seed}".`, 2);
  return {
    mode, region, k, features, target: o.target, asOf, seed, inPlace,
    steps: COMMANDS[args.command],
  };
}

/** Writes via a temporary file in the same folder, then renames: never half a file. */
function checkDestination(path: string): void {
  const folder = dirname(resolve(path));
  if (!existsSync(folder)) throw new UserError(`The folder ${folder} does not exist, so ${basename(path)} cannot be written there.`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UserError(`${basename(path)} is a folder; give a file name to write to.`);
}

function writeAtomically(path: string, text: string): void {
  checkDestination(path);
  const folder = dirname(resolve(path));
  const temp = `${resolve(path)}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text, 'utf8');
    renameSync(temp, path);
  } catch (e) {
    try { unlinkSync(temp); } catch { /* nothing was written */ }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new UserError(`I am not allowed to write ${basename(path)} in ${folder}.`);
    if (code === 'ENOSPC') throw new UserError(`The disk is full, so ${basename(path)} was not written.`);
    throw e;
  }
}

function report(args: Args, rowsIn: number, state: PipelineState, totalMs: number): unknown {
  const { clean, dedupe, impute, analyze } = state.reports;
  const summary = summarise(state, `cli-${Date.now()}`, new Date().toISOString());
  return {
    command: args.command,
    input: args.input,
    output: args.options.out,
    rowsIn,
    rowsOut: state.table.rows.length,
    summary,
    roles: state.roleDetails,
    quality: {
      clean: clean ? { valuesNormalised: clean.changed, valuesFlagged: clean.flagged, byColumn: clean.byColumn, dateOrders: clean.dateOrders } : null,
      dedupe: dedupe
        ? {
          candidatePairs: dedupe.candidatePairs, reductionRatio: dedupe.reductionRatio, blockingRules: dedupe.blockingRules,
          autoPairs: dedupe.autoPairs, reviewPairs: dedupe.reviewPairs, groups: dedupe.groups, duplicateRows: dedupe.duplicateRows,
          removedRows: dedupe.removed ? dedupe.removed.length : 0, skippedColumns: dedupe.skippedColumns,
          pairs: dedupe.pairs.slice(0, 200),
        }
        : null,
      impute: impute ?? null,
    },
    analysis: analyze ? { ...analyze, timingMs: undefined } : null,
    timingMs: { ...state.timingMs, dedupeDetail: dedupe?.timingMs, analyzeDetail: analyze?.timingMs, total: totalMs },
  };
}

function describe(state: PipelineState, out: string): string {
  const s = summarise(state, '', '');
  const parts: string[] = [`${s.rows} rows written to ${out}`];
  if (state.reports.clean) parts.push(`${s.valuesNormalised} values cleaned`);
  if (state.reports.dedupe) {
    parts.push(s.duplicatesMerged ? `${s.duplicatesMerged} duplicate rows merged` : `${s.duplicatesFound} duplicate rows marked`);
    if (s.reviewPairs) parts.push(`${s.reviewPairs} pairs worth a look`);
  }
  if (state.reports.impute) parts.push(`${s.cellsImputed} gaps filled`);
  if (s.segments.length) parts.push(`${s.segments.length} segments`);
  if (s.r2cv !== null) parts.push(`spend predicted with cross-validated R² ${s.r2cv.toFixed(2)}`);
  return parts.join(', ') + '.';
}

function writeSample(args: Args): number {
  const rows = Number(args.options.rows ?? 1000);
  const seed = Number(args.options.seed ?? 1);
  if (!Number.isInteger(rows) || rows < 1 || rows > 1000000) throw new UserError(`--rows must be a whole number from 1 to 1000000, not "${args.options.rows}".`, 2);
  if (!Number.isInteger(seed)) throw new UserError(`--seed must be a whole number, not "${args.options.seed}".`, 2);
  writeAtomically(args.options.out, sampleCsv({ rows, seed }));
  process.stdout.write(`${rows} sample customers written to ${args.options.out}.\n`);
  return 0;
}

export function main(argv: string[]): number {
  try {
    const args = parseArgs(argv);
    if (args === 'help') { process.stdout.write(USAGE); return 0; }
    if (args.command === 'sample') return writeSample(args);
    const t0 = Date.now();
    // Both destinations are checked before the work, so a bad --report path cannot leave OUT alone behind.
    checkDestination(args.options.out);
    if (args.options.report) checkDestination(args.options.report);
    const table = readTable(args.input);
    const options = pipelineOptions(args, table);
    let state = initialState(table, options);
    for (const step of planSteps(options)) {
      try {
        state = step.run(state, options);
      } catch (e) {
        throw new UserError(`Something went wrong while ${step.label.toLowerCase()}: ${e instanceof Error ? e.message : String(e)}. Nothing was written.`);
      }
    }
    const csv = toCsv(state.table);
    const json = args.options.report ? JSON.stringify(report(args, table.rows.length, state, Date.now() - t0), null, 2) + '\n' : null;
    writeAtomically(args.options.out, csv);
    if (json !== null) writeAtomically(args.options.report, json);
    for (const m of summarise(state, '', '').messages) process.stdout.write(m + '\n');
    process.stdout.write(describe(state, args.options.out) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(e.message + '\n');
      return e.code;
    }
    process.stderr.write(`Something went wrong: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
