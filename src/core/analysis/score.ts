/** Scoring one new row with a saved model: the form handler, =CDM_PREDICT and =CDM_CLUSTER. */
import { Cell } from '../table';
import { AnalysisModel } from './report';
import { assignSegment } from './segment';
import { encodeRow } from './spend';
import { round2, toNumber } from './values';

export function scoreRow(model: AnalysisModel, header: string[], row: Cell[]): { cluster: number | null; segment: string | null; predictedSpend: number | null } {
  let cluster: number | null = null;
  let segment: string | null = null;
  let predictedSpend: number | null = null;
  const seg = model.segments;
  if (seg) {
    const raw = seg.features.map((f) => { const at = header.indexOf(f); return at < 0 ? null : toNumber(row[at] ?? ''); });
    if (raw.some((v) => v !== null)) {
      cluster = assignSegment(seg, raw.map((v, j) => (v === null ? seg.means[j] : v)));
      segment = seg.names[cluster - 1] ?? null;
    }
  }
  const spend = model.spend;
  if (spend && spend.encoding) {
    const x = encodeRow(spend.encoding, header, row);
    predictedSpend = round2(spend.intercept + x.reduce((s, v, j) => s + v * spend.coefficients[j], 0));
  }
  return { cluster, segment, predictedSpend };
}
