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
import type { Table } from '../table';

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
  /** Optional transactions sheet (customer, date, amount, product). */
  transactions?: Table;
}

export interface AnalysisModel { spend: RegressionModel | null; segments: SegmentModel | null }

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
  /** Highest risk first: longest overdue relative to their usual gap. */
  top: Array<{ row: number; name: string; risk: string; reason: string }>;
}

export interface OutlierReport {
  columns: Array<{ column: string; low: number | null; high: number | null; count: number; rows: Array<{ row: number; value: number }> }>;
}

export interface Skip { what: string; reason: string }

export interface AnalysisReport {
  describe: DescribeReport;
  regression: RegressionReport | null;
  segments: SegmentReport | null;
  rfm: RfmReport | null;
  churn: ChurnReport | null;
  recommendations: RecommendReport | null;
  business: BusinessReport;
  outliers: OutlierReport;
  skipped: Skip[];
  model: AnalysisModel;
  timingMs: Record<string, number>;
}

/** A step's result: its report and one cell per customer row, or why it did not run. */
export type StepOut<R> = { report: R; labels: import('../table').Cell[] } | { skipped: string };

/** Rows listed per table in a report (outliers, excluded rows, churn list). */
export const REPORT_ROWS = 50;
