/** Scoring one new row with a saved model: the form handler, =CDM_PREDICT and =CDM_CLUSTER. */
import { Cell } from '../table';
import { fromLine } from './regress';
import { AnalysisModel } from './report';
import { assignSegment } from './segment';
import { encodeRow } from './spend';
import { toNumber } from './values';

export interface RowScore {
  cluster: number | null;
  segment: string | null;
  /** The main prediction (spend, or whatever the target was), rounded as the sheet shows it. */
  predictedSpend: number | null;
  /** Every prediction by the CDM column it goes in ("CDM Predicted Spend", "CDM Response Probability"). */
  predictions: Record<string, number>;
}

export function scoreRow(model: AnalysisModel, header: string[], row: Cell[]): RowScore {
  let cluster: number | null = null;
  let segment: string | null = null;
  const seg = model.segments;
  if (seg) {
    const raw = seg.features.map((f) => { const at = header.indexOf(f); return at < 0 ? null : toNumber(row[at] ?? ''); });
    if (raw.some((v) => v !== null)) {
      cluster = assignSegment(seg, raw.map((v, j) => (v === null ? seg.means[j] : v)));
      segment = seg.names[cluster - 1] ?? null;
    }
  }
  const predictions: Record<string, number> = {};
  let predictedSpend: number | null = null;
  const models = model.predictions && model.predictions.length ? model.predictions : model.spend ? [model.spend] : [];
  models.forEach((m, k) => {
    if (!m.encoding) return;
    const x = encodeRow(m.encoding, header, row);
    const v = fromLine(m, m.intercept + x.reduce((s, xv, j) => s + xv * m.coefficients[j], 0));
    const shown = m.link === 'logit' ? Math.round(v * 10000) / 10000 : Math.round(v * 100) / 100;
    predictions[m.column ?? 'CDM Predicted Spend'] = shown;
    if (k === 0) predictedSpend = shown;
  });
  return { cluster, segment, predictedSpend, predictions };
}
