/**
 * The run as data: clean → dedupe → impute → analyse, each a pure function of
 * (state, options) so the add-on can run one step per Apps Script execution and checkpoint
 * the state in between (serialiseState / deserialiseState), and the CLI can run them all.
 * Like OpenRefine's history, every step appends its changes — with rows mapped back to the
 * row of the user's ORIGINAL table, so the audit log stays meaningful after a merge removed
 * rows.
 *
 * Two ways of writing cleaned values:
 * - inPlace (default): the user's columns hold the cleaned values.
 * - inPlace=false: the user's columns keep what was typed; each column the run changes gets
 *   a `CDM <header>` copy with the cleaned values. Steps always work on the cleaned view
 *   (copies substituted for originals), so dedupe and analysis see clean data either way.
 * CDM columns in the input (an earlier run) are dropped and rebuilt, so a re-run replaces
 * them instead of stacking copies.
 */
import { type Cell, type Change, type Roles, type Table, CDM_COLUMNS, isCdmColumn, withColumn } from './table';
import { detectRoles, type RoleDetail } from './roles';
import { normaliseTable, flagsByRow, type NormaliseReport } from './normalize/index';
import { imputeTable, imputeNote, type ImputeReport } from './impute';
import { dedupeTable, type Decision, type DedupeReport } from './dedupe/index';
import { analyseTable, type AnalysisModel, type AnalysisReport } from './analysis/index';
import type { RunSummary, StepName } from '../rpc';
import type { Lang } from '../i18n/index';

export type { StepName } from '../rpc';

export interface PipelineOptions {
  mode?: 'flag' | 'merge';
  /** Default phone region (ISO 3166 alpha-2) for rows without a country. */
  region?: string;
  /** Default true. */
  inPlace?: boolean;
  /** User overrides of detected roles, by header. */
  roles?: Roles;
  /** Which of `roles` are fixes remembered from earlier (the role explanation says so). */
  rememberedRoles?: Roles;
  decisions?: Decision[];
  target?: string;
  k?: 'auto' | number;
  features?: string[];
  /** "Today" for recency and churn. Pass it explicitly for reproducible runs. */
  asOf?: Date;
  previousModel?: AnalysisModel;
  steps?: StepName[];
  seed?: number;
  /** Language of every reason and label a step writes (src/i18n); English when absent. */
  lang?: Lang;
  /**
   * The spreadsheet's locale ('de_DE', 'en_US'): a number's decimal point when its column does
   * not show it (the add-on passes getSpreadsheetLocale()). Absent: only the column decides.
   */
  locale?: string;
}

export interface PipelineState {
  table: Table;
  /** Original data-row index of each current row (a merge removes rows). */
  rowOrigin: number[];
  roles: Roles;
  roleDetails: RoleDetail[];
  /** Every change of the run, rows mapped to ORIGINAL data-row indices. */
  changes: Change[];
  /**
   * Each step's own report. Row numbers inside a report are that step's input rows: for
   * clean and dedupe these are the original rows (nothing is removed before dedupe); for
   * impute and analyze they are rows of the table after a merge (map with rowOrigin).
   */
  reports: { clean?: NormaliseReport; dedupe?: DedupeReport; impute?: ImputeReport; analyze?: AnalysisReport };
  done: StepName[];
  timingMs: Record<string, number>;
}

export interface PipelineStep {
  name: StepName;
  /** Shown in the sidebar's progress line. */
  label: string;
  run(state: PipelineState, options: PipelineOptions): PipelineState;
}

export const STEP_ORDER: StepName[] = ['clean', 'dedupe', 'impute', 'analyze'];
const FLAGS = 'CDM Flags';

/**
 * Header of the copy that holds a user column's cleaned values when inPlace is false. A user
 * column called "Segment" would collide with CDM's own "CDM Segment", so it gets a suffix.
 */
export function cleanedColumnName(header: string): string {
  const name = `CDM ${header}`;
  return (CDM_COLUMNS as readonly string[]).includes(name) ? `${name} (cleaned)` : name;
}

// ---------------------------------------------------------------------------------------
// Views: what the engines see, and how their results go back into the state's table.
// ---------------------------------------------------------------------------------------

/** The cleaned view: user columns with their `CDM <header>` copies substituted, copies dropped. */
function workingTable(t: Table): Table {
  const copyAt = t.header.map((h) => (isCdmColumn(h) ? -1 : t.header.indexOf(cleanedColumnName(h))));
  const copies = new Set(copyAt.filter((i) => i >= 0));
  if (copies.size === 0) return t;
  const keep = t.header.map((_, i) => i).filter((i) => !copies.has(i));
  return {
    header: keep.map((i) => t.header[i]),
    rows: t.rows.map((r) => keep.map((i) => (copyAt[i] >= 0 ? r[copyAt[i]] : r[i]))),
  };
}

const VALUE_KINDS = new Set<Change['kind']>(['normalise', 'impute', 'merge']);

/**
 * Folds one engine result back into the state. `kept` lists, for each output row, its row
 * in the engine's input (a merge drops rows); null means every row was kept, in order.
 */
function commit(state: PipelineState, options: PipelineOptions, name: StepName, out: Table, stepChanges: Change[], kept: number[] | null, ms: number): PipelineState {
  const inPlace = options.inPlace !== false;
  const userColumns = new Set(out.header.filter((h) => !isCdmColumn(h)));
  const changes = stepChanges.map((c): Change => {
    const row = state.rowOrigin[c.row] ?? c.row;
    const column = !inPlace && userColumns.has(c.column) && VALUE_KINDS.has(c.kind) ? cleanedColumnName(c.column) : c.column;
    // Most changes need no new row or column: reuse them rather than copy 500k objects.
    return row === c.row && column === c.column ? c : { ...c, row, column };
  });
  let table = out;
  if (!inPlace) table = restoreOriginals(state.table, out, stepChanges, kept);
  return {
    ...state,
    table,
    rowOrigin: kept ? kept.map((i) => state.rowOrigin[i]) : state.rowOrigin.slice(),
    changes: state.changes.concat(changes),
    done: state.done.includes(name) ? state.done.slice() : [...state.done, name],
    timingMs: { ...state.timingMs, [name]: ms },
  };
}

/**
 * inPlace=false: the user's columns get back what was typed, and each column whose values
 * the engines changed (now or in an earlier step) carries the cleaned values in its copy.
 */
function restoreOriginals(before: Table, out: Table, stepChanges: Change[], kept: number[] | null): Table {
  const touched = new Set<string>();
  for (const h of out.header) if (!isCdmColumn(h) && before.header.includes(cleanedColumnName(h))) touched.add(h);
  for (const c of stepChanges) if (VALUE_KINDS.has(c.kind) && !isCdmColumn(c.column)) touched.add(c.column);
  const rowsBefore = kept ? kept.map((i) => before.rows[i]) : before.rows;
  let table: Table = { header: out.header.slice(), rows: out.rows.map((r) => r.slice()) };
  // Columns in header order, so copies line up the same way on every run.
  for (const h of out.header) {
    if (!touched.has(h)) continue;
    const at = out.header.indexOf(h);
    const src = before.header.indexOf(h);
    const cleaned = out.rows.map((r) => r[at]);
    table.rows.forEach((r, i) => { r[at] = rowsBefore[i][src]; });
    table = withColumn(table, cleanedColumnName(h), cleaned);
  }
  return table;
}

function timed<T>(f: () => T): [T, number] {
  const t0 = Date.now();
  const v = f();
  return [v, Date.now() - t0];
}

// ---------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------

const cleanStep: PipelineStep = {
  name: 'clean',
  label: 'Cleaning values',
  run(state, options) {
    const [result, ms] = timed(() => {
      const r = normaliseTable(workingTable(state.table), state.roles, { region: options.region, locale: options.locale, asOf: options.asOf, lang: options.lang });
      return { ...r, table: withColumn(r.table, FLAGS, flagsByRow(r.changes, r.table.rows.length)) };
    });
    const next = commit(state, options, 'clean', result.table, result.changes, null, ms);
    return { ...next, reports: { ...state.reports, clean: result.report } };
  },
};

const dedupeStep: PipelineStep = {
  name: 'dedupe',
  label: 'Finding duplicates',
  run(state, options) {
    const [result, ms] = timed(() =>
      dedupeTable(workingTable(state.table), state.roles, { mode: options.mode ?? 'flag', decisions: options.decisions, seed: options.seed }));
    let kept: number[] | null = null;
    if (result.report.removed && result.report.removed.length) {
      const gone = new Set(result.report.removed.map((r) => r.row));
      kept = state.table.rows.map((_, i) => i).filter((i) => !gone.has(i));
    }
    const next = commit(state, options, 'dedupe', result.table, result.changes, kept, ms);
    return { ...next, reports: { ...state.reports, dedupe: result.report } };
  },
};

const imputeStep: PipelineStep = {
  name: 'impute',
  label: 'Filling gaps',
  run(state, options) {
    const [result, ms] = timed(() => {
      const r = imputeTable(workingTable(state.table), state.roles, { seed: options.seed, lang: options.lang });
      return { ...r, table: withColumn(r.table, FLAGS, imputeNotes(r.table, r.changes, options.lang)) };
    });
    const next = commit(state, options, 'impute', result.table, result.changes, null, ms);
    return { ...next, reports: { ...state.reports, impute: result.report } };
  },
};

/** `CDM Flags` text after imputation: earlier flags plus "Age estimated (median)". */
function imputeNotes(t: Table, changes: Change[], lang: Lang | undefined): Cell[] {
  const at = t.header.indexOf(FLAGS);
  const notes: string[] = t.rows.map((r) => (at >= 0 ? String(r[at] ?? '') : ''));
  for (const c of changes) {
    if (c.kind !== 'impute') continue;
    const note = imputeNote(c, lang);
    notes[c.row] = notes[c.row] ? `${notes[c.row]}; ${note}` : note;
  }
  return notes;
}

const analyzeStep: PipelineStep = {
  name: 'analyze',
  label: 'Analysing customers',
  run(state, options) {
    const [result, ms] = timed(() =>
      analyseTable(workingTable(state.table), state.roles, {
        target: options.target, k: options.k, features: options.features, asOf: options.asOf,
        previous: options.previousModel, seed: options.seed,
      }));
    const next = commit(state, options, 'analyze', result.table, result.changes, null, ms);
    return { ...next, reports: { ...state.reports, analyze: result.report } };
  },
};

const STEPS: Record<StepName, PipelineStep> = { clean: cleanStep, dedupe: dedupeStep, impute: imputeStep, analyze: analyzeStep };

/** The steps to run, always in clean → dedupe → impute → analyze order. */
export function planSteps(options: PipelineOptions): PipelineStep[] {
  const wanted = options.steps && options.steps.length ? new Set(options.steps) : new Set(STEP_ORDER);
  return STEP_ORDER.filter((s) => wanted.has(s)).map((s) => STEPS[s]);
}

/** The user's columns (earlier CDM output dropped) with their detected roles, overrides applied. */
export function initialState(table: Table, options: PipelineOptions): PipelineState {
  const keep = table.header.map((h, i) => (isCdmColumn(h) ? -1 : i)).filter((i) => i >= 0);
  // Also squares off short rows, so every step can index any column.
  const user: Table = { header: keep.map((i) => table.header[i]), rows: table.rows.map((r) => keep.map((i) => r[i] ?? '')) };
  const [detected, ms] = timed(() => detectRoles(user, options.roles, { lang: options.lang, asOf: options.asOf, remembered: options.rememberedRoles }));
  return {
    table: user,
    rowOrigin: user.rows.map((_, i) => i),
    roles: detected.roles,
    roleDetails: detected.details,
    changes: [],
    reports: {},
    done: [],
    timingMs: { roles: ms },
  };
}

export function runPipeline(table: Table, options: PipelineOptions): PipelineState {
  let state = initialState(table, options);
  for (const step of planSteps(options)) state = step.run(state, options);
  return state;
}

// ---------------------------------------------------------------------------------------
// Checkpoints: the state as JSON, exactly restorable (Dates, NaN and ±Infinity tagged).
// ---------------------------------------------------------------------------------------

const DATE_TAG = '$date';
const NUM_TAG = '$num';

export function serialiseState(s: PipelineState): string {
  return JSON.stringify(s, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { [DATE_TAG]: Number.isNaN(raw.getTime()) ? 'invalid' : raw.getTime() };
    if (typeof raw === 'number' && !Number.isFinite(raw)) return { [NUM_TAG]: String(raw) };
    return value;
  });
}

export function deserialiseState(json: string): PipelineState {
  return JSON.parse(json, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && keys[0] === DATE_TAG) return new Date(o[DATE_TAG] === 'invalid' ? NaN : (o[DATE_TAG] as number));
      if (keys.length === 1 && keys[0] === NUM_TAG) return Number(o[NUM_TAG]);
    }
    return value;
  }) as PipelineState;
}

// ---------------------------------------------------------------------------------------
// Summary for the sidebar and the CLI report.
// ---------------------------------------------------------------------------------------

const TOP_CHURN = 10;

function nameOf(state: PipelineState, row: number): string {
  const t = state.table;
  const text = (role: string) => {
    const at = t.header.findIndex((h) => state.roles[h] === role);
    return at < 0 ? '' : String(t.rows[row]?.[at] ?? '').trim();
  };
  return text('name') || [text('first_name'), text('last_name')].filter(Boolean).join(' ') || text('email') || `row ${row + 2}`;
}

/** Plain counts of what the run did. Row numbers in topChurn are rows of state.table (0-based). */
export function summarise(state: PipelineState, runId: string, finishedAt: string): RunSummary {
  const { clean, dedupe, impute, analyze } = state.reports;
  const messages: string[] = [];
  if (clean && clean.flagged) messages.push(`${clean.flagged} value${clean.flagged === 1 ? '' : 's'} could not be cleaned with confidence and ${clean.flagged === 1 ? 'was' : 'were'} kept as typed (see CDM Flags).`);
  if (dedupe && dedupe.reviewPairs) messages.push(`${dedupe.reviewPairs} possible duplicate pair${dedupe.reviewPairs === 1 ? '' : 's'} need${dedupe.reviewPairs === 1 ? 's' : ''} your decision.`);
  for (const s of analyze?.skipped ?? []) messages.push(`${s.what[0].toUpperCase()}${s.what.slice(1)} skipped: ${s.reason}.`);
  const churn = analyze?.churn?.top ?? [];
  return {
    runId,
    finishedAt,
    rows: state.table.rows.length,
    duplicatesFound: dedupe ? dedupe.duplicateRows : 0,
    duplicatesMerged: dedupe?.removed ? dedupe.removed.length : 0,
    reviewPairs: dedupe ? dedupe.reviewPairs : 0,
    valuesNormalised: clean ? clean.changed : 0,
    cellsImputed: impute ? impute.columns.reduce((s, c) => s + c.filled, 0) : 0,
    segments: (analyze?.segments?.segments ?? []).map((s) => ({ id: s.id, name: s.name, size: s.size })),
    r2cv: analyze?.regression?.cv ? analyze.regression.cv.r2 : null,
    mae: analyze?.regression?.cv ? analyze.regression.cv.mae : null,
    topChurn: churn.slice(0, TOP_CHURN).map((c) => ({ row: c.row, name: nameOf(state, c.row), risk: c.risk, reason: c.reason })),
    links: [],
    messages,
  };
}
