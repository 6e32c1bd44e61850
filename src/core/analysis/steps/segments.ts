/**
 * The segment step over a table: which features, which rows to fit (complete, no abnormal
 * values), k-means on those, every other row assigned to its nearest segment, and profiles.
 */
import { Table } from '../../table';
import { ColumnCache } from '../cache';
import { ColumnInfo, usable } from '../columns';
import { AnalyseOptions, SegmentProfile, SegmentReport } from '../report';
import { segmentAssigner, kmeansSegments, SegmentModel } from '../segment';
import { boundOrNull } from '../values';
import { analysisText, type AnalysisT } from '../../../i18n/analysis';

export const MIN_ROWS_FOR_SEGMENTS = 10;

/**
 * The user's features, else every usable numeric column except yes/no answers (two values
 * make no distance) and columns a derived one stands for (the parts of CDM Total Spend, the
 * birth year behind CDM Age): `standIns` lists those.
 */
function segmentFeatures(infos: ColumnInfo[], options: AnalyseOptions, standIns: ReadonlySet<string>, t: AnalysisT): string[] | { skipped: string } {
  if (options.features && options.features.length) {
    for (const f of options.features) {
      const info = infos.find((i) => i.column === f);
      if (!info) return { skipped: t('skipNoColumn', { column: f }) };
      if (info.kind !== 'numeric') return { skipped: t('skipFeatureNotNumber', { column: f }) };
      if (info.skip) return { skipped: t('skipFeatureUnusable', { column: f, reason: info.skip }) };
    }
    return options.features.slice();
  }
  const numeric = usable(infos, 'numeric').filter((c) => !standIns.has(c) && !infos.find((i) => i.column === c)?.yesno);
  return numeric.length ? numeric : { skipped: t('skipNoNumeric') };
}

/** Row i has a value inside its column's fence in every feature column. */
function withinFences(columns: Array<Array<number | null>>, fences: Array<{ low: number; high: number }>, i: number): boolean {
  for (let j = 0; j < columns.length; j++) {
    const v = columns[j][i];
    if (v === null || !(v >= fences[j].low && v <= fences[j].high)) return false;
  }
  return true;
}

export function segmentTable(table: Table, infos: ColumnInfo[], options: AnalyseOptions, seed: number, spend: Array<number | null> | null, cache: ColumnCache,
  standIns: ReadonlySet<string> = new Set(), t: AnalysisT = analysisText(options.lang ?? 'en')):
  { report: SegmentReport; model: SegmentModel; labels: Array<number | null> } | { skipped: string } {
  const features = segmentFeatures(infos, options, standIns, t);
  if (!Array.isArray(features)) return features;
  const columns = features.map((f) => cache.numeric(f));
  const fences = features.map((f) => cache.fence(f));
  const clip: Array<[number | null, number | null]> = fences.map((f) => [boundOrNull(f.low), boundOrNull(f.high)]);
  const fitRows: number[] = [];
  for (let i = 0; i < table.rows.length; i++) {
    if (!cache.ruledAny.has(i) && withinFences(columns, fences, i)) fitRows.push(i);
  }
  if (fitRows.length < MIN_ROWS_FOR_SEGMENTS) {
    return { skipped: t('skipTooFewSegments', { n: fitRows.length, min: MIN_ROWS_FOR_SEGMENTS }) };
  }
  const previous = options.previous?.segments ?? undefined;
  let result;
  try {
    result = kmeansSegments(fitRows.map((i) => columns.map((col) => col[i] as number)), { k: options.k ?? 'auto', seed, previous, featureNames: features, lang: options.lang });
  } catch (e) {
    return { skipped: e instanceof Error ? e.message : String(e) };
  }
  const model: SegmentModel = { ...result.model, clip };
  const labels: Array<number | null> = new Array(table.rows.length).fill(null);
  fitRows.forEach((row, k) => { labels[row] = result.labels[k]; });
  const assign = segmentAssigner(model);
  for (let i = 0; i < table.rows.length; i++) {
    if (labels[i] !== null) continue;
    const raw = columns.map((col) => col[i]);
    if (raw.every((v) => v === null)) continue;
    labels[i] = assign(raw.map((v, j) => (v === null ? model.means[j] : v)));
  }
  const totalSpend = spend ? spend.reduce<number>((s, v) => s + (v ?? 0), 0) : 0;
  const labelled = labels.filter((l) => l !== null).length;
  // Each segment's rows in ascending order, bucketed in one pass (not one pass over all rows per segment).
  const membersOf: number[][] = model.names.map(() => []);
  labels.forEach((l, i) => { if (l !== null && l >= 1 && l <= membersOf.length) membersOf[l - 1].push(i); });
  const segments: SegmentProfile[] = model.names.map((name, c) => {
    const members = membersOf[c];
    const means: Record<string, number> = {};
    features.forEach((f, j) => {
      const vs = members.map((i) => columns[j][i]).filter((v): v is number => v !== null);
      means[f] = vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : NaN;
    });
    const revenue = spend ? members.reduce((s, i) => s + (spend[i] ?? 0), 0) : 0;
    return { id: c + 1, name, size: members.length, share: labelled ? members.length / labelled : 0, revenueShare: spend && totalSpend ? revenue / totalSpend : null, means };
  });
  return {
    model,
    labels,
    report: { k: model.k, silhouette: result.silhouette, silhouetteByK: result.silhouetteByK, features, fittedRows: fitRows.length, segments },
  };
}
