/**
 * The analysis report and options: what analyseTable reads and what it hands back. Types
 * only, so the sheet writer, the sidebar summary and the CLI report can import them without
 * pulling in the engines.
 */
import type { BusinessReport } from './business';
import type { PurchaseFacts } from './customers';
import type { DescribeReport } from './describe';
import type { RecommendReport } from './recommend';
import type { RegressionModel, RegressionReport } from './regress';
import type { SegmentModel } from './segment';
import type { Cell, Roles, Table } from '../table';
import type { DerivedReport } from './derive';
import type { KpiReport } from './kpi';
import type { TargetCandidate } from './steps/prediction';
import type { Lang } from '../../i18n/index';

export interface AnalyseOptions {
  /** Spend column; default = a money column whose header looks like spend / revenue / total. */
  target?: string;
  k?: 'auto' | number;
  /** Segment features; default = every usable numeric column. */
  features?: string[];
  /** "Today" for recency and churn; the caller passes new Date(), tests a fixed date. */
  asOf?: Date;
  /** Previous run's model: keeps cluster numbers stable. */
  previous?: AnalysisModel;
  seed?: number;
  /** Optional transactions sheet (one row per order line: customer, date, amount or quantity × price, product). */
  transactions?: Table;
  /** Where the transactions came from: a sheet named by the user, or one found by itself (auto). */
  transactionsFrom?: { name: string; auto: boolean };
  /** Role overrides for the transactions sheet's columns (order_id, product, id…). */
  transactionRoles?: Roles;
  /** Language of every label and reason written. */
  lang?: Lang;
  /** The amount columns to add up as CDM Total Spend (the user's confirmation); [] = none; absent = detect. */
  spendColumns?: string[];
  /** The count columns to add up as CDM Orders; [] = none; absent = detect. */
  orderColumns?: string[];
  /**
   * Given each changed cell (kind 'analysis') as it is written, instead of listing it in the
   * result's changes (then empty): the pipeline writes them straight into its change log.
   */
  onChange?: (row: number, column: string, old: Cell, next: Cell, reason: string) => void;
}

export interface AnalysisModel {
  /** The main prediction's model (its `column` says which CDM column; spend when it is spend). */
  spend: RegressionModel | null;
  segments: SegmentModel | null;
  /** Every prediction's model, main first (a yes/no response's chance beside it). */
  predictions?: RegressionModel[];
}

export interface SegmentProfile {
  id: number;
  name: string;
  size: number;
  share: number;
  revenueShare: number | null;
  means: Record<string, number>;
}

export interface SegmentReport {
  k: number;
  silhouette: number;
  silhouetteByK: Record<number, number>;
  features: string[];
  /** Rows used to fit (complete, no abnormal values); the rest were only assigned. */
  fittedRows: number;
  segments: SegmentProfile[];
}

export interface RfmReport {
  source: PurchaseFacts['source'];
  from: Record<string, string>;
  scored: number;
  segments: Array<{ segment: string; customers: number; share: number }>;
}

export interface ChurnReport {
  typicalGapDays: number | null;
  counts: { high: number; medium: number; low: number; unknown: number };
  /** Highest risk first: longest overdue relative to their usual gap (risk is 'high' | 'medium'). */
  top: Array<{ row: number; name: string; risk: string; reason: string }>;
  /** Customers at high or medium risk not in `top`. */
  more?: number;
  /** High-risk customers with 3 or more orders and a rhythm of their own. */
  regularsQuiet?: number;
}

export interface OutlierReport {
  columns: Array<{ column: string; low: number | null; high: number | null; count: number; rows: Array<{ row: number; value: number }> }>;
  /** Values worth a look with their reasons (abnormal.ts), first 200; `flagged` counts them all. */
  flags?: Array<{ row: number; column: string; value: Cell; kind: 'impossible' | 'far' | 'rare'; reason: string }>;
  flagged?: number;
}

/** RFM segment against churn risk: how many of each RFM segment are at each risk. */
export interface RfmChurnLine { segment: string; name: string; high: number; medium: number; low: number; unknown: number }

export interface Skip { what: string; reason: string }

export interface AnalysisReport {
  describe: DescribeReport;
  /** The main prediction (predictions[0]); kept under this name for the sidebar and CLI. */
  regression: RegressionReport | null;
  predictions: RegressionReport[];
  /** Columns a prediction may target (numbers or yes/no): the sidebar's "Predict this column" list. */
  targets: TargetCandidate[];
  segments: SegmentReport | null;
  rfm: RfmReport | null;
  churn: ChurnReport | null;
  rfmChurn: RfmChurnLine[];
  recommendations: RecommendReport | null;
  business: BusinessReport;
  kpis: KpiReport;
  /** 5–8 plain sentences a shop owner acts on, in the run's language. */
  sentences: string[];
  /** Columns CDM worked out (CDM Age, CDM Total Spend…) and from what: the sidebar lets the user confirm. */
  derived: DerivedReport;
  outliers: OutlierReport;
  skipped: Skip[];
  /** Plain sentences about how the sheet was read (a sheet of order lines rolled up per customer). */
  notes?: string[];
  model: AnalysisModel;
  lang: Lang;
  /** Currency signs written in the spend column ("$"); one sign sets the sheet's money format. */
  currency: string[];
  /** The "today" of recency and churn (ISO). */
  asOf: string;
  timingMs: Record<string, number>;
}

/** A step's result: its report and one cell per customer row, or why it did not run. */
export type StepOut<R> = { report: R; labels: import('../table').Cell[] } | { skipped: string };

/** Rows listed per table in a report (outliers, excluded rows, churn list). */
export const REPORT_ROWS = 50;
