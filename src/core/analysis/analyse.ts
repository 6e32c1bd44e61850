/**
 * The analyse runner: statistics, prediction, segments, RFM, churn risk, recommendations and
 * the business view over one customer table, each a step in steps/. Each method that cannot
 * run on this table (too few rows, a missing column) is listed in `skipped` with the reason;
 * the others still run. Results are written as CDM columns and every written cell is a change.
 *
 * What it reads, when the caller does not say:
 * - spend (the regression target, RFM's monetary value): a money column called spend /
 *   revenue / total…, never an income (columns.ts defaultTarget);
 * - segment features: every usable numeric column (not sparse, not constant, not an id);
 * - purchase facts: a date column called last… / latest… / recent…, a first… / signup… date,
 *   an order-count column, a product column (several products split on , ; |) — or all of
 *   these from `options.transactions` (customers.ts).
 * Abnormal values (outliers.ts) are left out of fitting and clamped to their column's fence
 * when scoring, so one typo does not bend a model or a prediction.
 * Big sheets: k is chosen on a seeded sample (segment.ts); the regression is exact OLS over
 * all rows in one pass (regress.ts).
 */
import { Change, Roles, StepResult, Table } from '../table';
import { ColumnCache } from './cache';
import { classifyColumns } from './columns';
import { factsFromColumns, factsFromTransactions, PurchaseFacts } from './customers';
import { describeColumns } from './describe';
import { RegressionModel } from './regress';
import { AnalyseOptions, AnalysisReport, SegmentReport, Skip } from './report';
import { SegmentModel } from './segment';
import { businessView } from './steps/business';
import { churnStep } from './steps/churn';
import { outlierReport } from './steps/outliers';
import { chooseTarget, predictionStep } from './steps/prediction';
import { recommendStep } from './steps/recommend';
import { rfmStep } from './steps/rfm';
import { segmentTable } from './steps/segments';
import { round2 } from './values';
import { customerName } from './who';
import { writeColumns } from './write';

const now = (): number => Date.now();

export function analyseTable(table: Table, roles: Roles, options: AnalyseOptions = {}): StepResult<AnalysisReport> {
  const timingMs: Record<string, number> = {};
  const time = <T>(name: string, f: () => T): T => { const t0 = now(); const v = f(); timingMs[name] = now() - t0; return v; };
  const t0 = now();
  const seed = options.seed ?? 1;
  const asOf = options.asOf ?? new Date();
  const skipped: Skip[] = [];
  const n = table.rows.length;
  const infos = time('columns', () => classifyColumns(table, roles));
  const cache = new ColumnCache(table);
  const describe = time('describe', () => describeColumns(table, roles, infos, (c) => cache.numeric(c)));
  skipped.push(...describe.skipped.map((s) => ({ what: `column ${s.what}`, reason: s.reason })));
  const outliers = time('outliers', () => outlierReport(infos, cache));

  const target = chooseTarget(table, infos, options.target, skipped);
  const prediction = time('regression', () => predictionStep(table, infos, target, seed, cache, skipped));
  const spendValues = target ? cache.numeric(target) : null;

  let segments: SegmentReport | null = null;
  let segmentModel: SegmentModel | null = null;
  let clusterOf: Array<number | null> | null = null;
  time('segments', () => {
    const seg = segmentTable(table, infos, options, seed, spendValues, cache);
    if ('skipped' in seg) { skipped.push({ what: 'segments', reason: seg.skipped }); return; }
    segments = seg.report;
    segmentModel = seg.model;
    clusterOf = seg.labels;
  });

  // Purchase facts: transactions sheet when given, else this sheet's own columns.
  const facts = time('facts', (): PurchaseFacts => {
    if (options.transactions) {
      const f = factsFromTransactions(table, options.transactions);
      if (!('skipped' in f)) return f;
      skipped.push({ what: 'transactions sheet', reason: f.skipped });
    }
    return factsFromColumns(table, infos, target, cache);
  });

  const rfmOut = time('rfm', () => rfmStep(facts, asOf, n));
  if ('skipped' in rfmOut) skipped.push({ what: 'RFM', reason: rfmOut.skipped });
  const churnOut = time('churn', () => churnStep(facts, asOf, (row) => customerName(table, roles, row)));
  if ('skipped' in churnOut) skipped.push({ what: 'churn risk', reason: churnOut.skipped });
  const recOut = time('recommendations', () => recommendStep(facts, clusterOf));
  if ('skipped' in recOut) skipped.push({ what: 'recommendations', reason: recOut.skipped });

  const business = time('business', () => businessView(cache, infos, facts, options.transactions ?? null, segmentModel, clusterOf, spendValues));

  // Write the CDM columns and log every changed cell.
  const changes: Change[] = [];
  let out = table;
  time('write', () => {
    const segModel = segmentModel as SegmentModel | null;
    const labels = clusterOf as Array<number | null> | null;
    const preds = prediction.predictions;
    const segReason = segModel ? `segment from ${segModel.features.join(', ')}` : '';
    out = writeColumns(table, changes, [
      { column: 'CDM Cluster', values: labels ? labels.map((c) => c ?? '') : null, reason: segReason },
      { column: 'CDM Segment', values: labels && segModel ? labels.map((c) => (c ? segModel.names[c - 1] : '')) : null, reason: segReason },
      { column: 'CDM Predicted Spend', values: preds ? preds.map(round2) : null,
        reason: prediction.model ? `predicted ${target} from ${(prediction.model as RegressionModel).featureNames.join(', ')}` : '' },
      { column: 'CDM RFM', values: 'labels' in rfmOut ? rfmOut.labels : null, reason: 'recency, frequency and spend scores (1-5)' },
      { column: 'CDM Churn Risk', values: 'labels' in churnOut ? churnOut.labels : null, reason: 'time since last purchase against the usual gap' },
      { column: 'CDM Recommended', values: 'labels' in recOut ? recOut.labels : null, reason: 'products bought together, or popular in the customer\'s segment' },
    ]);
  });
  timingMs.total = now() - t0;

  const report: AnalysisReport = {
    describe,
    regression: prediction.report,
    segments,
    rfm: 'report' in rfmOut ? rfmOut.report : null,
    churn: 'report' in churnOut ? churnOut.report : null,
    recommendations: 'report' in recOut ? recOut.report : null,
    business,
    outliers,
    skipped,
    model: { spend: prediction.model, segments: segmentModel },
    timingMs,
  };
  return { table: out, changes, report };
}
