/**
 * The prediction step: which columns to predict and the fitted models with one prediction
 * per row. The user's target (only a column of numbers or of yes/no answers, never a
 * constant one), else the spend column; and, beside it, a yes/no response column (a campaign
 * response, a churn flag) gets a chance-of-yes column of its own.
 *
 * Column names use the target's own name: `CDM Predicted Spend` only when the target is
 * spend, `CDM Predicted <target>` for other numbers, `CDM <target> Probability` for yes/no.
 */
import { Table } from '../../table';
import type { AnalysisT } from '../../../i18n/analysis';
import { ColumnCache } from '../cache';
import { ColumnInfo, defaultTarget, isSpendHeader, unusableTarget } from '../columns';
import { RegressionModel, RegressionReport } from '../regress';
import { REPORT_ROWS, Skip } from '../report';
import { fitSpendModel } from '../spend';

export const PREDICTION = 'spend prediction';

export interface TargetCandidate { column: string; kind: 'numeric' | 'yesno' }

/** Columns a prediction can target: numbers or yes/no answers, usable (not constant, not sparse), not ids. */
export function targetCandidates(infos: ColumnInfo[]): TargetCandidate[] {
  return infos.filter((i) => i.kind === 'numeric' && !i.skip).map((i) => ({ column: i.column, kind: i.yesno ? 'yesno' : 'numeric' }));
}

const RESPONSE = [/^response$/i, /respon[sd]|回应|响应/i, /^(churn(ed)?|converted|subscribed|churn[\s_]*flag|流失)$/i];

/** A yes/no column that records an answer worth predicting (Response, Churn), if any. */
export function responseColumn(infos: ColumnInfo[]): ColumnInfo | null {
  const yesno = infos.filter((i) => i.yesno && !i.skip && !i.column.startsWith('CDM '));
  for (const re of RESPONSE) {
    const hit = yesno.find((i) => re.test(i.column.trim()));
    if (hit) return hit;
  }
  return null;
}

/** The main target, or null with the reason pushed onto `skipped` when the user's choice cannot be used. */
export function chooseTarget(table: Table, infos: ColumnInfo[], requested: string | undefined, skipped: Skip[], t: AnalysisT, what: string): string | null {
  if (requested) {
    const info = infos.find((i) => i.column === requested);
    if (!table.header.includes(requested) || !info) {
      skipped.push({ what, reason: t('skipNoColumn', { column: requested }) });
      return null;
    }
    if (info.kind !== 'numeric') {
      skipped.push({ what, reason: t('skipNotNumber', { column: requested }) });
      return null;
    }
    // Never a constant (or otherwise unusable) column, even when asked: say why instead.
    if (info.skip) {
      skipped.push({ what, reason: t('skipTargetUnusable', { column: requested, reason: info.skip }) });
      return null;
    }
    return requested;
  }
  const target = defaultTarget(infos);
  if (!target) {
    const bad = unusableTarget(infos);
    skipped.push({ what, reason: bad ? t('skipTargetUnusable', { column: bad.column, reason: bad.skip! }) : t('skipNoTarget') });
  }
  return target;
}

export function predictionColumn(target: string, yesno: boolean): string {
  if (yesno) return `CDM ${target.replace(/^CDM /, '')} Probability`;
  return isSpendHeader(target) ? 'CDM Predicted Spend' : `CDM Predicted ${target.replace(/^CDM /, '')}`;
}

export interface PredictionOut {
  target: string;
  column: string;
  report: RegressionReport;
  model: RegressionModel;
  predictions: number[];
}

export function predictionStep(table: Table, infos: ColumnInfo[], target: string, seed: number, cache: ColumnCache, skipped: Skip[],
  t: AnalysisT, exclude: ReadonlySet<string>, what: string): PredictionOut | null {
  const yesno = !!infos.find((i) => i.column === target)?.yesno;
  // A column a derived target is made of would give the answer away (MntWines inside CDM Total Spend).
  const out = fitSpendModel(table, infos, target, { seed, t, exclude }, cache);
  if ('skipped' in out) { skipped.push({ what, reason: out.skipped }); return null; }
  const column = predictionColumn(target, yesno);
  out.fit.model.column = column;
  return {
    target,
    column,
    report: { ...out.fit.report, column, excludedRows: out.fit.report.excludedRows!.slice(0, REPORT_ROWS) },
    model: out.fit.model,
    predictions: out.fit.predictions,
  };
}
