/**
 * The types that cross between the sidebar and the server; every value crossing is JSON-safe
 * (dates travel as ISO strings, cells as text). The functions themselves are src/entrypoints.ts:
 * ServerApi below is derived from it, so the sidebar's calls are checked against the real
 * signatures by the compiler. Types that core produces (RunSummary, StepName, the settings)
 * are defined in core and only named here: core imports nothing above it.
 */
import type { ColumnRole, Roles } from './core/table';
import type { Settings } from './core/settings';
import type * as Entrypoints from './entrypoints';

export type { DedupeMode } from './core/settings';
import type { DedupeMode } from './core/settings';
export type { LinkKind, LinkTarget, RunSummary, StepName } from './core/pipeline';
import type { RunSummary, StepName } from './core/pipeline';

/**
 * Server functions the sidebar may call through google.script.run: every function Apps Script
 * sees (src/entrypoints.ts, the one list), with its real parameter and return types.
 */
export type ServerApi = typeof Entrypoints;

/** A run's settings (src/core/settings.ts decides each default) and what to run on. */
export interface RunOptions extends Settings {
  target?: string;
  /** User overrides of detected roles, by header. */
  roles?: Roles;
  /** Which steps to run; all when absent. */
  steps?: StepName[];
  /** Customer sheet by name; the active sheet (or the one used last time) when absent. */
  sheet?: string;
  /** Flag mode: colour each duplicate group's rows (one light colour per group, white cells only). */
  colourGroups?: boolean;
  /**
   * Stop before writing anything and show what the run would change (RunProgress.preview);
   * confirmRun then writes with the user's choices, cancelRun drops the run.
   */
  preview?: boolean;
  /**
   * A sheet of order lines (customer, date, amount or quantity × price, product) the analysis
   * rolls up per customer: recency, frequency, spend, churn, baskets and KPIs (analysis).
   * Absent: another visible sheet holding order lines is found by itself (src/gas/transactions.ts);
   * '' : no orders sheet.
   */
  transactionsSheet?: string;
}

/** What a run will change, by kind, shown before anything is written; the user's choice per kind (core/preview.ts). */
export type { ChangeKindShown, PreviewKind, RunPreview, RunChoices } from './core/preview';
import type { RunChoices, RunPreview } from './core/preview';

export interface RoleInfo {
  column: string;
  /** The role CDM uses: the user's remembered fix, else the detected one. */
  role: ColumnRole;
  detected: ColumnRole;
  /** True when `role` is a fix the user made and CDM remembers for this sheet (setColumnRole). */
  fixed?: boolean;
  /** Why the column has `role` ("header "Default Address City" means city"), in the sheet's language. */
  reason?: string;
  /** Why CDM would detect `detected`. */
  detectedReason?: string;
  sample: string[];
}

export interface FormInfo {
  formUrl: string;
  editUrl: string;
  triggerInstalled: boolean;
  responseSheet: string;
  /** Response column -> customer column, shown in the sidebar. */
  mapping: Array<{ response: string; customer: string | null }>;
}

/** Where a run is: its steps, waiting after a preview, writing, or ended one of three ways. */
export type RunPhase = 'steps' | 'preview' | 'write' | 'done' | 'failed' | 'cancelled';

export interface RunProgress {
  runId: string;
  /** English label of the step (logs); the sidebar shows stepKey in the user's language. */
  step: string;
  stepIndex: number;
  stepCount: number;
  /** 0..1 over the whole run. */
  fraction: number;
  done: boolean;
  summary?: RunSummary;
  error?: string;
  /** Set when the run stopped for the user's look before writing (RunOptions.preview). */
  preview?: RunPreview;
  phase?: RunPhase;
  /** 'clean' | 'dedupe' | 'impute' | 'analyze' | 'preview' | 'write' | 'done' | 'failed' | 'cancelled' (src/i18n/run.ts step_*). */
  stepKey?: string;
  sheetName?: string;
  startedAt?: string;
  updatedAt?: string;
  /** startRun found this unfinished run instead of starting one: offer Resume / Cancel. */
  existing?: boolean;
  /** A time-based trigger carries the run on if the sidebar closes (false: keep the sidebar open). */
  background?: boolean;
  /** A plain-words note about the run (e.g. it restarted its steps), in the spreadsheet's language. */
  note?: string;
  /** continueRun found another execution working on the run: this is its latest progress. */
  busy?: boolean;
}

export interface ReviewRecord {
  row: number;
  values: Record<string, string>;
}

export interface ReviewPair {
  id: string;
  a: ReviewRecord;
  b: ReviewRecord;
  score: number;
  explanation: Array<{ field: string; level: string; weight: number }>;
}

export interface SidebarState {
  locale: string;
  /** Columns that can be predicted (numbers or yes/no answers); absent from older servers. */
  targets?: string[];
  sheetName: string;
  rows: number;
  roles: RoleInfo[];
  defaults: RunOptions;
  lastRun: RunSummary | null;
  form: FormInfo | null;
  reviewCount: number;
  canUndo: boolean;
  /** A run that is not finished (the sidebar shows its card: Resume / Cancel), else null. */
  run?: RunProgress | null;
  /** The runs that can be undone, newest first (the undo view's list). */
  undoRuns?: UndoableRun[];
}

/** A run that can be undone, for the undo list (newest first). */
export interface UndoableRun {
  runId: string;
  sheetName: string;
  /** ISO time the run finished (or started, if its write did not finish). */
  finishedAt: string;
  /** The same, as the user reads it (spreadsheet time zone, yyyy-MM-dd HH:mm). */
  time: string;
  mode: DedupeMode;
  counts: { cleaned: number; filled: number; merged: number; columnsAdded: number; cells: number; coloured?: number };
  /** Only the newest run can be undone: runs are undone newest first. */
  canUndo: boolean;
  /** false when the run stopped while writing (Undo still takes back what it wrote). */
  complete: boolean;
}

/** What Undo did: cells put back, cells kept because the user changed them after the run. */
export interface UndoResult {
  restored: boolean;
  message: string;
  runId: string;
  restoredCells: number;
  keptCount: number;
  /** The first 50 kept cells: where, what CDM had written, what is there now. */
  kept: Array<{ sheet: string; a1: string; column: string; cdm: string; now: string }>;
  /** Changed cells in rows no longer in the sheet. */
  missingRows: number;
}

/** Per-field survivor choice when a pair is merged: header -> the pair's record a or b. */
export type FieldChoices = Record<string, 'a' | 'b'>;

export interface ReviewDecision {
  id: string;
  decision: 'accept' | 'reject';
  fields?: FieldChoices;
}

/** A question the intake form would ask, shown before the form is created. */
export interface FormQuestionPreview {
  title: string;
  kind: 'text' | 'email' | 'phone' | 'choice' | 'consent';
  required: boolean;
  help: string;
  choices: string[];
  /** The customer column its answers go to, or null (the form's own question). */
  column: string | null;
}

export interface FormPreview {
  sheet: string;
  questions: FormQuestionPreview[];
  /** Columns left off the form and why (internal figures, CDM's own columns…). */
  skipped: Array<{ column: string; reason: string }>;
  /** The customer column that receives consent answers with their time. */
  consentColumn: string;
}

/**
 * The preview's two calls, made by the run state machine (exec's src/gas/run.ts). Until they
 * are functions of src/entrypoints.ts (and so of ServerApi), sidebar/run.ts calls them through
 * this type; a server without them never stops a run for a preview.
 */
export interface PreviewApi {
  /** After a preview: write with the user's choices. */
  confirmRun(runId: string, choices: RunChoices): RunProgress;
  /** After a preview: drop the run; nothing is written. */
  cancelRun(runId: string): RunProgress | null;
}
