/**
 * The command line: the same engines as the add-on, CSV in and CSV out (README: Commands).
 *
 *   cdm run     IN.csv --out OUT.csv [--report R.json]            clean, dedupe, fill gaps, analyse
 *   cdm clean   IN.csv --out OUT.csv [--mode flag|merge] [--region US]
 *   cdm analyze IN.csv --out OUT.csv [--target COL] [--k auto|N] [--features "A,B"]
 *   cdm export-splink --report R.json --out settings.json [--dialect duckdb|spark]
 *
 * Every path is checked before anything is read (src/cli/files.ts); every failure is one plain
 * sentence on stderr and a non-zero exit, and leaves no file written, half-written or temporary.
 */
import { basename } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CsvError, csvChunks, looksLikeFormula, parseCsv, readCsvBytes } from './core/csv';
import { sampleCsv } from './core/sample';
import { planSteps, initialState, summarise, type PipelineOptions, type PipelineState } from './core/pipeline';
import type { StepName } from './rpc';
import { cdmOwnedByName, type Table } from './core/table';
import { ordersAsCustomers } from './core/analysis/orders';
import { analysisText } from './i18n/analysis';
import { type Settings, SettingError, resolveSettings } from './core/settings';
import { LANGS, type Lang } from './i18n/index';
import { STDIO, UserError, checkCollisions, checkOutput, openInput, readFd, readInput, writeOutputs, type NamedPath, type OutputFile } from './cli/files';
import { readCsvStreaming } from './cli/read-csv';
import { progressOn, type Progress } from './cli/progress';
import { removedPath, removedRows, removedTable, type RemovedRow } from './cli/removed';
import { cdmColumnsExcept, copiesNotReproduced } from './cli/own-copies';
import { exportSplink, prepareSqlPath, type SplinkDialect } from './cli/splink';

const CLI_LABELS = { mode: '--mode', region: '--region', k: '--k', inPlace: '--new-columns' };

const USAGE = `CDM — clean, deduplicate and analyse a customer list (CSV).

Usage:
  npm run cdm -- run     IN.csv --out OUT.csv [--report REPORT.json]
  npm run cdm -- clean   IN.csv --out OUT.csv [--mode flag|merge] [--region US]
  npm run cdm -- analyze IN.csv --out OUT.csv [--target "Total Spend"] [--k auto|N] [--features "Col A,Col B"]
  npm run cdm -- sample  --out SAMPLE.csv [--rows 1000] [--seed N]
  npm run cdm -- export-splink --report REPORT.json --out settings.json [--dialect duckdb|spark]

Commands:
  run            clean, find duplicates, fill gaps, then analyse
  clean          clean values, find duplicates and fill gaps
  analyze        segments, spend prediction, RFM, churn risk and recommendations only
  sample         write the built-in sample customer sheet (messy on purpose) to try CDM on
  export-splink  write the duplicate model a run learnt (its --report) as a Splink model file,
                 plus the SQL that prepares your columns the way CDM reads them

Options:
  --out FILE          where to write the result (CSV, required); - writes to standard output
  --report FILE       also write a JSON report with counts, quality and timing
  --mode flag|merge   flag: keep every row and mark duplicates (default); merge: keep one row per
                      customer; the rows taken out go to OUT.removed.csv, as you typed them
  --removed FILE      where merge mode writes the rows it took out (default OUT.removed.csv)
  --region CC         phone country for numbers without one, e.g. US, GB, DE (default US)
  --new-columns       keep your columns as typed; put cleaned values in new "CDM ..." columns
  --target COL        the column to predict (default: the spend column)
  --k auto|N          number of segments (2 to 10), or auto to choose (default auto)
  --features "A,B"    columns to build segments from (default: all numeric columns)
  --transactions FILE order lines (one row per purchase: customer, date, amount or quantity and
                      price, product) to roll up into recency, frequency, spend, churn and baskets
                      per customer; an IN.csv that is itself order lines becomes one row per customer
  --asof YYYY-MM-DD   "today" for recency and churn (default: today), for reproducible runs
  --seed N            random seed (default 1)
  --encoding ENC      utf-8 (default; UTF-16 is recognised by itself) or windows-1252 (older
                      Excel and Windows programs; also called latin1)
  --keep-formulas     write cells of your file that start with = + - @ as they are; by default
                      CDM puts a ' before any text a spreadsheet would run as a formula
  --lang en|zh        language of the labels CDM writes into files (default en)
  --quiet             no progress bar and no summary; errors only
  --dialect D         export-splink: duckdb (default) or spark
  --rows N            rows for the sample command (default 1000)
  --help              show this help

IN.csv may be - to read standard input. CDM never writes over the file it reads.
`;

const COMMANDS: Record<string, StepName[]> = {
  run: ['clean', 'dedupe', 'impute', 'analyze'],
  clean: ['clean', 'dedupe', 'impute'],
  analyze: ['analyze'],
  analyse: ['analyze'],
};
const VALUE_OPTIONS = new Set(['out', 'report', 'mode', 'region', 'target', 'k', 'features', 'asof', 'seed', 'rows', 'encoding', 'lang', 'removed', 'dialect', 'transactions']);
const FLAG_OPTIONS = new Set(['help', 'new-columns', 'keep-formulas', 'quiet']);
const ENCODINGS: Record<string, 'utf-8' | 'windows-1252'> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'windows-1252': 'windows-1252', cp1252: 'windows-1252', latin1: 'windows-1252', 'iso-8859-1': 'windows-1252',
};

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
  if (command === 'sample' || command === 'export-splink') {
    const reads = command === 'sample' ? 'the sample command reads no file' : 'give the report with --report';
    if (input !== undefined) throw new UserError(`Unexpected "${input}": ${reads}, and the output with --out.`, 2);
    if (!options.out) throw new UserError(`Say where to write the ${command === 'sample' ? 'sample with --out SAMPLE.csv' : 'Splink model with --out settings.json'}.`, 2);
    if (command === 'export-splink' && !options.report) throw new UserError('Give the report of a clean or run with --report REPORT.json: the model is read from it.', 2);
    return { command, input: '', options };
  }
  if (!COMMANDS[command]) throw new UserError(`"${command}" is not a command. Use run, clean, analyze, sample or export-splink.`, 2);
  if (input === undefined || input === '') throw new UserError(`Which file should I ${command}? Give the CSV file after "${command}".`, 2);
  if (extra.length) throw new UserError(`Unexpected "${extra[0]}": give one input file, and the output with --out.`, 2);
  if (options.out === undefined) throw new UserError('Say where to write the result with --out OUT.csv.', 2);
  if (options.encoding !== undefined && !ENCODINGS[options.encoding.toLowerCase()]) throw new UserError(`--encoding must be utf-8 or windows-1252, not "${options.encoding}".`, 2);
  if (options.lang !== undefined && !(LANGS as readonly string[]).includes(options.lang)) throw new UserError(`--lang must be ${LANGS.join(' or ')}, not "${options.lang}".`, 2);
  if (options.removed !== undefined && options.mode !== 'merge') throw new UserError('--removed is for --mode merge, which takes rows out; flag mode keeps every row.', 2);
  return { command, input, options };
}

const displayName = (path: string) => (path === STDIO ? 'standard input' : basename(path));

/**
 * Windows-1252 by hand: Node 20's TextDecoder reads 0x80–0x9F as Latin-1 control characters,
 * where Windows has € „ “ ” – — and the rest. Undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) stay
 * as Latin-1 would read them.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    parts.push(Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join(''));
  }
  return parts.join('');
}

function decode(bytes: Uint8Array, encoding: 'utf-8' | 'windows-1252'): Table {
  if (encoding === 'utf-8') return readCsvBytes(bytes);
  return parseCsv(decodeWindows1252(bytes));
}

/** Files bigger than this are read a chunk at a time (cli/read-csv.ts): same table, less memory. */
const STREAM_FROM_BYTES = 1 << 20;

/** The table in a file, as every command reads it (exported for the benchmarks). */
export function readTable(path: string, encoding: 'utf-8' | 'windows-1252'): Table {
  const name = displayName(path);
  const input = openInput(path);
  let streamed: Table | null = null;
  let bytes: Uint8Array;
  try {
    if (input.file && encoding === 'utf-8' && input.size > STREAM_FROM_BYTES) streamed = readCsvStreaming(input.fd, input.size);
    bytes = streamed ? new Uint8Array(0) : readFd(input.fd, input.name, input.file);
  } finally {
    input.close();
  }
  if (streamed) return streamed;
  const blank = bytes.length <= 4096 && /^[\s\ufeff]*$/.test(Buffer.from(bytes).toString('utf8'));
  if (bytes.length === 0 || blank) throw new UserError(`The file ${name} is empty.`);
  let table: Table;
  try {
    table = decode(bytes, encoding);
  } catch (e) {
    if (e instanceof CsvError) {
      let message = e.message.startsWith('The file ') ? `The file ${name} ${e.message.slice(9)}` : `${name}: ${e.message}`;
      if (/isn't UTF-8/.test(message)) message += ' Or, if it comes from an older Excel or another Windows program, run again with --encoding windows-1252.';
      throw new UserError(message);
    }
    throw e;
  }
  if (table.rows.length === 0) throw new UserError(`The file ${name} has a header row but no customers.`);
  return table;
}

/** Options that need no file, checked before anything is read. */
function pipelineOptions(args: Args): PipelineOptions {
  const o = args.options;
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
  const features = o.features !== undefined ? o.features.split(',').map((f) => f.trim()).filter(Boolean) : undefined;
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
    // A CSV run writes a new file and leaves the input as it was: no audit, no Undo, so the
    // change log only counts (a fifth of the memory at 100k rows).
    mode, region, k, features, target: o.target, asOf, seed, inPlace, keepChanges: false,
    steps: COMMANDS[args.command],
    lang: (o.lang as Lang | undefined) ?? 'en',
  };
}

/** Columns named in the options must be in the file. */
function checkColumns(args: Args, options: PipelineOptions, table: Table): void {
  const columnList = () => table.header.map((h) => `"${h}"`).join(', ');
  for (const c of [options.target, ...(options.features ?? [])]) {
    if (c !== undefined && !table.header.includes(c)) {
      throw new UserError(`There is no column called "${c}" in ${displayName(args.input)}. The columns are: ${columnList()}.`, 2);
    }
  }
}

function report(args: Args, rowsIn: number, state: PipelineState, totalMs: number, removed: RemovedRow[] | null, removedFile: string | null, neutralised: number): unknown {
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
          model: modelOf(dedupe),
          pairs: dedupe.pairs.slice(0, 200),
        }
        : null,
      impute: impute ?? null,
    },
    removed: removed ? { file: removedFile, rows: removed } : null,
    formulasNeutralised: neutralised,
    analysis: analyze ? { ...analyze, timingMs: undefined } : null,
    timingMs: { ...state.timingMs, dedupeDetail: dedupe?.timingMs, analyzeDetail: analyze?.timingMs, total: totalMs },
  };
}

/** The trained dedupe model as export-splink reads it: the prior, and per field its levels with m and u. */
function modelOf(dedupe: NonNullable<PipelineState['reports']['dedupe']>): unknown {
  return {
    probabilityTwoRandomRecordsMatch: dedupe.model.lambda,
    fields: (dedupe.fields ?? []).map((f) => ({
      ...f,
      m: dedupe.model.m[f.field] ?? null,
      u: dedupe.model.u[f.field] ?? null,
    })),
  };
}

function describe(state: PipelineState, out: string, removedFile: string | null, neutralised: number): string {
  const s = summarise(state, '', '');
  const parts: string[] = [`${s.rows} rows written to ${out === STDIO ? 'standard output' : out}`];
  if (state.reports.clean) parts.push(`${s.valuesNormalised} values cleaned`);
  if (state.reports.dedupe) {
    parts.push(s.duplicatesMerged ? `${s.duplicatesMerged} duplicate rows merged (kept as typed in ${removedFile})` : `${s.duplicatesFound} duplicate rows marked`);
    if (s.reviewPairs) parts.push(`${s.reviewPairs} pairs worth a look`);
  }
  if (state.reports.impute) parts.push(`${s.cellsImputed} gaps filled`);
  if (s.segments.length) parts.push(`${s.segments.length} segments`);
  if (s.r2cv !== null) parts.push(`spend predicted with cross-validated R² ${s.r2cv.toFixed(2)}`);
  let text = parts.join(', ') + '.';
  if (neutralised) text += `\n${neutralised} cell${neutralised === 1 ? '' : 's'} that a spreadsheet would run as a formula got a leading ' (use --keep-formulas to keep your own formulas).`;
  return text;
}

function writeSample(args: Args): number {
  const rows = Number(args.options.rows ?? 1000);
  const seed = Number(args.options.seed ?? 1);
  if (!Number.isInteger(rows) || rows < 1 || rows > 1000000) throw new UserError(`--rows must be a whole number from 1 to 1000000, not "${args.options.rows}".`, 2);
  if (!Number.isInteger(seed)) throw new UserError(`--seed must be a whole number, not "${args.options.seed}".`, 2);
  checkOutput({ role: '--out', path: args.options.out });
  writeOutputs([{ path: args.options.out, text: sampleCsv({ rows, seed }) }]);
  if (args.options.out !== STDIO && !args.options.quiet) process.stdout.write(`${rows} sample customers written to ${args.options.out}.\n`);
  return 0;
}

function runExportSplink(args: Args): number {
  const o = args.options;
  const dialect = (o.dialect ?? 'duckdb').toLowerCase();
  if (dialect !== 'duckdb' && dialect !== 'spark') throw new UserError(`--dialect must be duckdb or spark, not "${o.dialect}".`, 2);
  if (o.out === STDIO) throw new UserError('export-splink writes two files, the model and the SQL that prepares your columns: give --out a file name such as settings.json.', 2);
  const sqlPath = prepareSqlPath(o.out);
  const outputs: NamedPath[] = [{ role: '--out', path: o.out }, { role: 'the column preparation file', path: sqlPath }];
  for (const out of outputs) checkOutput(out);
  checkCollisions([{ role: 'report', path: o.report }], outputs);
  const bytes = readInput(o.report);
  let reportJson: unknown;
  try {
    reportJson = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new UserError(`${displayName(o.report)} is not a CDM report (it is not JSON). Give the file a clean or run wrote with --report.`);
  }
  const result = exportSplink(reportJson, dialect as SplinkDialect, displayName(o.report));
  writeOutputs([{ path: o.out, text: JSON.stringify(result.settings, null, 4) + '\n' }, { path: sqlPath, text: result.prepareSql }]);
  if (!o.quiet) {
    process.stdout.write(`Splink model with ${result.comparisons} comparisons and ${result.blockingRules} blocking rules written to ${o.out}; column preparation in ${sqlPath}.\n`);
  }
  return 0;
}

/** The customer table and the order lines to analyse with it (analysis; see core/analysis/orders.ts). */
function withOrders(args: Args, input: Table, encoding: Parameters<typeof readTable>[1], lang: Lang): { customers: Table; transactions?: Table; note?: string } {
  const file = args.options.transactions;
  if (file !== undefined) return { customers: input, transactions: readTable(file, encoding) };
  if (args.command === 'clean') return { customers: input };
  const t = analysisText(lang);
  const derived = ordersAsCustomers(input, { first: t('txFirst'), last: t('txLast'), orders: t('txOrders'), revenue: t('txRevenue'), products: t('txProducts') });
  if (!derived) return { customers: input };
  const r = derived.rollup;
  const note = t('txDerivedNote', { file: displayName(args.input), lines: r.lines, customers: r.customers.size, guests: r.guests.lines, cancelled: r.cancelled.lines + r.voided.lines });
  return { customers: derived.customers, transactions: input, note };
}

function runPipelineCommand(args: Args, progress: Progress): number {
  const o = args.options;
  const t0 = Date.now();
  const options = pipelineOptions(args);
  const encoding = ENCODINGS[(o.encoding ?? 'utf-8').toLowerCase()];
  const merge = options.mode === 'merge';
  if (merge && o.out === STDIO && o.removed === undefined) {
    throw new UserError('With --out - (standard output), say where merge mode writes the rows it takes out: --removed FILE.', 2);
  }
  const removedFile = merge ? o.removed ?? removedPath(o.out) : null;
  const outputs: NamedPath[] = [
    { role: '--out', path: o.out },
    ...(o.report !== undefined ? [{ role: '--report', path: o.report }] : []),
    ...(removedFile !== null ? [{ role: o.removed !== undefined ? '--removed' : 'the removed-rows file', path: removedFile }] : []),
  ];
  // Every destination is checked before any work, so a bad path cannot leave OUT alone behind.
  for (const out of outputs) checkOutput(out);
  checkCollisions([{ role: 'input', path: args.input }, ...(o.transactions !== undefined ? [{ role: '--transactions', path: o.transactions }] : [])], outputs);

  const steps = planSteps(options);
  const total = steps.length + 2;
  progress.step(`Reading ${displayName(args.input)}`, 0, total);
  // Orders (analysis): --transactions FILE, or an input that is itself a sheet of order lines.
  const orders = withOrders(args, readTable(args.input, encoding), encoding, options.lang ?? 'en');
  let table: Table | null = orders.customers;
  if (orders.transactions) options.transactions = orders.transactions;
  checkColumns(args, options, table);
  const rowsIn = table.rows.length;
  // --keep-formulas keeps exactly the formulas the user's own file held; anything else that
  // would run as a formula (CDM's output, a value trimming exposed) is still neutralised.
  const own = new Set<string>();
  if (o['keep-formulas']) for (const row of [table.header, ...table.rows]) for (const c of row) if (typeof c === 'string' && looksLikeFormula(c)) own.add(c);
  // The rows as read are needed again only for the rows a merge takes out (written as typed) and
  // in a file that holds CDM's copies (own-copies.ts); otherwise they go as soon as the pipeline
  // has taken them in, which at a million rows is a few hundred megabytes.
  const input: Table | null = merge || cdmOwnedByName(table.header).some(Boolean) ? table : null;
  const runSteps = (opts: PipelineOptions, from: Table | null): PipelineState => {
    let s = initialState(from as Table, opts);
    from = null;
    steps.forEach((step, i) => {
      progress.step(step.label, i + 1, total);
      try {
        s = step.run(s, opts);
        if (COLLECT_AFTER.has(step.name)) collectGarbage?.();
      } catch (e) {
        throw new UserError(`Something went wrong while ${step.label.toLowerCase()}: ${e instanceof Error ? e.message : String(e)}. Nothing was written.`);
      }
    });
    return s;
  };
  const first = table;
  table = null;
  let state = runSteps(options, first);
  // A `CDM <column>` this run did not write again is the user's own column (own-copies.ts): run
  // again keeping it, rather than drop what the user typed.
  const ownColumns = input ? copiesNotReproduced(input, state) : [];
  if (input && ownColumns.length > 0) state = runSteps({ ...options, cdmColumns: cdmColumnsExcept(input, ownColumns) }, input);
  if (!merge && state.table.rows.length !== rowsIn) {
    throw new UserError(`Something went wrong: ${rowsIn} rows were read but ${state.table.rows.length} would be written. Nothing was written.`);
  }
  progress.step(`Writing ${o.out === STDIO ? 'standard output' : basename(o.out)}`, total - 1, total);
  let neutralised = 0;
  const formulas = (text: string) => { if (own.has(text)) return true; neutralised++; return false; };
  // CSV files are written piece by piece as they are made; standard output gets them whole, first,
  // so the report (written after every file) counts the formulas neutralised in all of them.
  const csv = (path: string, t: Table): string | Iterable<string> => (path === STDIO ? Array.from(csvChunks(t, { formulas })).join('') : csvChunks(t, { formulas }));
  const files: OutputFile[] = [{ path: o.out, text: csv(o.out, state.table) }];
  const removed = merge ? removedRows(state) : null;
  if (removed && removedFile !== null && input) files.push({ path: removedFile, text: csv(removedFile, removedTable(input, removed, options.lang)) });
  if (o.report !== undefined) {
    const reportText = function* (): Generator<string> {
      yield JSON.stringify(report(args, rowsIn, state, Date.now() - t0, removed, removedFile, neutralised), null, 2) + '\n';
    };
    files.push({ path: o.report, text: reportText() });
  }
  writeOutputs(files);
  progress.clear();
  if (!o.quiet) {
    // With the result on standard output, the words go to stderr so they cannot mix with it.
    const say = (text: string) => (o.out === STDIO ? process.stderr : process.stdout).write(text + '\n');
    if (orders.note) say(orders.note);
    if (ownColumns.length > 0) say(`Kept your column${ownColumns.length === 1 ? '' : 's'} ${ownColumns.map((h) => `"${h}"`).join(', ')}: ${ownColumns.length === 1 ? 'it is' : 'they are'} named like CDM's copies but CDM did not write ${ownColumns.length === 1 ? 'it' : 'them'}.`);
    for (const m of summarise(state, '', '').messages) say(m);
    say(describe(state, o.out, removedFile, neutralised));
  }
  return 0;
}

export function main(argv: string[]): number {
  const quiet = argv.includes('--quiet');
  const progress = progressOn(process.stderr, quiet);
  try {
    const args = parseArgs(argv);
    if (args === 'help') { process.stdout.write(USAGE); return 0; }
    if (args.command === 'sample') return writeSample(args);
    if (args.command === 'export-splink') return runExportSplink(args);
    return runPipelineCommand(args, progress);
  } catch (e) {
    progress.clear();
    if (e instanceof UserError) {
      process.stderr.write(e.message + '\n');
      return e.code;
    }
    process.stderr.write(`Something went wrong: ${e instanceof Error ? e.message : String(e)}. Nothing was written.\n`);
    return 1;
  }
}

/**
 * Flags `npm run cdm` starts node with (package.json; test/cli checks they agree). A run makes
 * most of its values to keep them — cleaned cells, records, columns — so V8's young generation
 * (16 MB halves by default) fills and copies them over and over: with 32 MB halves a 100k run
 * takes 6% less CPU and 7% less time for 48 MB more memory (farm-bench, 5 pairs). The size of
 * the young generation is fixed when node starts: setting it from here would change nothing.
 */
export const NODE_FLAGS = ['--max-semi-space-size=32'];

/**
 * A run keeps a few hundred megabytes alive (the table, its change log, a step's working data)
 * and makes several times that in short-lived values. After each full collection V8 lets the
 * heap grow to up to four times what survived before it collects again, so the process held
 * 850 MB at 100k rows for about 250 MB of live data. Growing by half instead keeps the peak
 * near 550 MB for about a tenth more CPU. `--heap-growing-percent` is a V8 flag read each time
 * the heap's limit is worked out, so it takes effect when set here, before the run; it does not
 * cap the heap (a million rows still gets what it needs). Called by the CLI's entry and by the
 * bench's child that runs main(), not by main() itself: tests that call main() in their own
 * process keep their own settings. It also gives the run V8's full collection, made between
 * steps (collectGarbage below).
 */
export function leanHeap(): void {
  setFlagsFromString('--heap-growing-percent=50');
  collectGarbage = fullCollection();
}

/** V8's full collection, as a function (node gives it only to a context made after the flag is set). */
export function fullCollection(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * V8 works out the heap's next limit from what survives a full collection. Left to itself, it
 * collects in the middle of a step — finding duplicates with its records, blocks and candidate
 * pairs alive (about 100 MB at 100k rows), cleaning with the table as read beside the cleaned
 * one — and lets the heap grow from there through the next steps. Collected as those steps
 * return, when their working data is garbage, the limit follows what the run really keeps: at
 * 100k rows a peak of 383–400 MB in every run instead of 408–516 (default young generation;
 * 430–445 MB with NODE_FLAGS), for three collections and no measurable CPU (the collections
 * V8 would have made are fewer). Set by leanHeap (the CLI's entry), so tests calling main()
 * are left alone.
 */
let collectGarbage: (() => void) | null = null;
const COLLECT_AFTER = new Set<string>(['clean', 'dedupe', 'impute']);

// Bundled with other tools (the bench calls main()), every module is `require.main`: run only
// when the entry file is the CLI itself (dist/cli.cjs, src/cli.ts).
if (require.main === module && /(^|[\\/])cli(\.[cm]?[jt]s)?$/.test(process.argv[1] ?? '')) {
  leanHeap();
  process.exitCode = main(process.argv.slice(2));
}
