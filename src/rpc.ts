/**
 * The one RPC surface between the sidebar and the server. Both sides import these types;
 * every value crossing it is JSON-safe (dates travel as ISO strings, cells as text).
 */
import type { ColumnRole, Roles } from './core/table';

export type DedupeMode = 'flag' | 'merge';
export type StepName = 'clean' | 'dedupe' | 'impute' | 'analyze';

export interface RunOptions {
  mode: DedupeMode;
  /** Default phone region (ISO 3166 alpha-2), from the spreadsheet locale unless changed. */
  region: string;
  /** true: clean user columns in place; false: write cleaned values into new columns. */
  inPlace: boolean;
  target?: string;
  k: 'auto' | number;
  /** User overrides of detected roles, by header. */
  roles?: Roles;
  /** Which steps to run; all when absent. */
  steps?: StepName[];
  /** Customer sheet by name; the active sheet (or the one used last time) when absent. */
  sheet?: string;
  /**
   * Stop before writing anything and show what the run would change (RunProgress.preview);
   * confirmRun then writes with the user's choices, cancelRun drops the run.
   */
  preview?: boolean;
}

/** What a run will change, by kind, shown before anything is written. */
export type ChangeKindShown = 'duplicates' | 'cleaned' | 'filled' | 'flagged' | 'columns';

export interface PreviewKind {
  kind: ChangeKindShown;
  /** Cells (or rows, for duplicates; columns, for columns) the run would change. */
  count: number;
  /** A few examples, sheet rows 1-based as the user sees them. */
  sample: Array<{ row: number; column: string; old: string; new: string; reason: string }>;
}

export interface RunPreview {
  kinds: PreviewKind[];
}

/** The user's choice per kind, after the preview. */
export interface RunChoices {
  duplicates: 'flag' | 'merge' | 'skip';
  cleaned: boolean;
  filled: boolean;
  /** CDM result columns to write (all when absent). */
  columns?: string[];
}

export interface RoleInfo {
  column: string;
  role: ColumnRole;
  detected: ColumnRole;
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

export interface LinkTarget {
  label: string;
  sheet: string;
  a1: string;
}

export interface RunSummary {
  runId: string;
  finishedAt: string;
  rows: number;
  duplicatesFound: number;
  duplicatesMerged: number;
  reviewPairs: number;
  valuesNormalised: number;
  cellsImputed: number;
  segments: Array<{ id: number; name: string; size: number }>;
  r2cv: number | null;
  mae: number | null;
  topChurn: Array<{ row: number; name: string; risk: string; reason: string }>;
  links: LinkTarget[];
  messages: string[];
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
}

/** Server functions the sidebar may call (names = top-level functions in dist/Code.js). */
export interface ServerApi {
  getSidebarState(): SidebarState;
  startRun(options: RunOptions): RunProgress;
  continueRun(runId: string): RunProgress;
  /** After a preview: writes the run with the user's choices. */
  confirmRun(runId: string, choices: RunChoices): RunProgress;
  /** Drops the run at any phase; every sheet is left as it was before the run. */
  cancelRun(runId: string): RunProgress;
  getProgress(): RunProgress | null;
  /** True once per token of a sidebar the menu opened to start a run (a reload gets false). */
  claimStart(token: string): boolean;
  getReviewQueue(): ReviewPair[];
  decideReview(id: string, decision: 'accept' | 'reject'): { remaining: number };
  undoLastRun(): { restored: boolean; message: string };
  createIntakeForm(): FormInfo;
  removeFormTrigger(): FormInfo | null;
  getFormInfo(): FormInfo | null;
  selectRange(sheet: string, a1: string): void;
}
