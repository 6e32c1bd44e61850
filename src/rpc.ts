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
  /** Colour each duplicate group in the customer sheet (one light colour per group; undone with the run). */
  colourGroups?: boolean;
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

/** What a results link shows, so the sidebar finds a figure's link in any language. */
export type LinkKind =
  | 'rows' | 'cdmColumns' | 'duplicates' | 'merged' | 'review' | 'cleaned' | 'filled' | 'flagged'
  | 'segments' | 'prediction' | 'churn' | 'analysis' | 'audit';

export interface LinkTarget {
  label: string;
  sheet: string;
  /** A1 notation of the exact cells, rows or columns; several ranges joined by commas. */
  a1: string;
  kind?: LinkKind;
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
  /** Customers most at risk; `row` is the sheet row as the user sees it (the header is row 1). */
  topChurn: Array<{ row: number; name: string; risk: string; reason: string }>;
  links: LinkTarget[];
  messages: string[];
}

export interface RunProgress {
  runId: string;
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
  /** The customer column its answers go to, or null (a new column is made for consent). */
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

/** Server functions the sidebar may call (names = top-level functions in dist/Code.js). */
export interface ServerApi {
  getSidebarState(): SidebarState;
  startRun(options: RunOptions): RunProgress;
  continueRun(runId: string): RunProgress;
  getProgress(): RunProgress | null;
  getReviewQueue(): ReviewPair[];
  decideReview(id: string, decision: 'accept' | 'reject', fields?: FieldChoices): { remaining: number };
  decideReviews(decisions: ReviewDecision[]): { remaining: number; decided: number };
  /** True once for the launch token a menu item put in the sidebar page; false after. */
  claimLaunch(token: string): boolean;
  previewIntakeForm(): FormPreview;
  undoLastRun(): { restored: boolean; message: string };
  createIntakeForm(): FormInfo;
  removeFormTrigger(): FormInfo | null;
  getFormInfo(): FormInfo | null;
  selectRange(sheet: string, a1: string): void;
}

/**
 * The preview's two calls, built by the run state machine (src/gas/run.ts). Kept apart from
 * ServerApi (whose every name must be an entry point) until they are in src/entrypoints.ts.
 */
export interface PreviewApi {
  /** After a preview: write with the user's choices. */
  confirmRun(runId: string, choices: RunChoices): RunProgress;
  /** After a preview: drop the run; nothing is written. */
  cancelRun(runId: string): RunProgress | null;
}
