/**
 * The prediction step: which column to predict (the user's choice, else the spend column),
 * and the fitted model with one prediction per row.
 */
import { Table } from '../../table';
import { ColumnCache } from '../cache';
import { ColumnInfo, defaultTarget, unusableTarget } from '../columns';
import { RegressionModel, RegressionReport } from '../regress';
import { REPORT_ROWS, Skip } from '../report';
import { fitSpendModel } from '../spend';

export const PREDICTION = 'spend prediction';

/** The target column, or null with the reason pushed onto `skipped` when the user's choice cannot be used. */
export function chooseTarget(table: Table, infos: ColumnInfo[], requested: string | undefined, skipped: Skip[]): string | null {
  if (requested && !table.header.includes(requested)) {
    skipped.push({ what: PREDICTION, reason: `there is no column called "${requested}"` });
    return null;
  }
  if (requested && infos.find((i) => i.column === requested)?.kind !== 'numeric') {
    skipped.push({ what: PREDICTION, reason: `"${requested}" does not hold numbers` });
    return null;
  }
  const target = requested ?? defaultTarget(infos);
  if (target && infos.find((i) => i.column === target)?.skip && !requested) return null;
  return target;
}

export interface PredictionOut {
  report: RegressionReport | null;
  model: RegressionModel | null;
  predictions: number[] | null;
}

export function predictionStep(table: Table, infos: ColumnInfo[], target: string | null, seed: number, cache: ColumnCache, skipped: Skip[]): PredictionOut {
  const none: PredictionOut = { report: null, model: null, predictions: null };
  if (!target) {
    if (!skipped.some((s) => s.what === PREDICTION)) {
      const bad = unusableTarget(infos);
      skipped.push({ what: PREDICTION, reason: bad ? `${bad.column}: ${bad.skip}` : 'no spend, revenue or total column found' });
    }
    return none;
  }
  const out = fitSpendModel(table, infos, target, { seed }, cache);
  if ('skipped' in out) { skipped.push({ what: PREDICTION, reason: out.skipped }); return none; }
  return {
    report: { ...out.fit.report, excludedRows: out.fit.report.excludedRows!.slice(0, REPORT_ROWS) },
    model: out.fit.model,
    predictions: out.fit.predictions,
  };
}
