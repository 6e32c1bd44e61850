/**
 * The analysis engine's public surface: the runner (analyse.ts), its report types
 * (report.ts), scoring one row with a saved model (score.ts), and the algorithms others reuse.
 */
export { analyseTable } from './analyse';
export { scoreRow } from './score';
export type {
  AnalyseOptions, AnalysisModel, AnalysisReport, ChurnReport, OutlierReport, RfmReport, SegmentProfile, SegmentReport, Skip,
} from './report';
export { MIN_ROWS_FOR_SEGMENTS } from './steps/segments';
export { MAX_MISSING_SHARE } from './columns';
export { describeColumns } from './describe';
export type { DescribeReport, NumericSummary, CategorySummary } from './describe';
export { fitRegression, predict } from './regress';
export type { RegressionModel, RegressionReport, RowEncoding } from './regress';
export { kmeansSegments, assignSegment } from './segment';
export type { SegmentModel } from './segment';
export { rfmScores } from './rfm';
export { churnRisk } from './churn';
export { findOutliers } from './outliers';
export { coOccurrence, recommendFor, splitProducts } from './recommend';
export type { RecommendReport } from './recommend';
export type { BusinessReport } from './business';
