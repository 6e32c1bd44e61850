/**
 * Turns an embedded chart (type + the values of its ranges) into what the playground page
 * draws: points for scatter charts, bars for the rest. It follows Sheets' conventions: the
 * first column is x (or labels), the other columns are series, a non-numeric first row is a
 * header. Histograms bin every number in their ranges.
 */
export type Value = string | number | boolean | Date | null;

export interface ChartInput {
  type: string;
  title: string;
  /** Values of each range, header row included. */
  ranges: Value[][][];
}

export interface ScatterData {
  kind: 'scatter';
  title: string;
  xLabel: string;
  yLabel: string;
  series: Array<{ name: string; points: Array<[number, number]> }>;
}

export interface BarData {
  kind: 'bars';
  title: string;
  bars: Array<{ label: string; value: number }>;
}

export type ChartData = ScatterData | BarData;

const num = (v: Value): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};

const text = (v: Value): string => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : String(v));

/** Columns side by side: several single-column ranges act as one table. */
function columns(ranges: Value[][][]): Value[][] {
  const cols: Value[][] = [];
  for (const range of ranges) {
    const width = Math.max(0, ...range.map((r) => r.length));
    for (let c = 0; c < width; c++) cols.push(range.map((r) => (c < r.length ? r[c] : null)));
  }
  return cols;
}

function splitHeader(cols: Value[][]): { names: string[]; body: Value[][] } {
  const hasHeader = cols.some((c) => c.length > 0 && num(c[0]) === null && c[0] !== '' && c[0] !== null);
  return {
    names: cols.map((c, i) => (hasHeader ? text(c[0] ?? '') : `Series ${i + 1}`)),
    body: cols.map((c) => (hasHeader ? c.slice(1) : c)),
  };
}

export function histogramBins(values: number[], binCount?: number): Array<{ label: string; value: number }> {
  if (values.length === 0) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // Sturges' rule: a readable number of bins for the few hundred rows a sample sheet has.
  const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toString() : x.toFixed(1));
  if (hi === lo) return [{ label: fmt(lo), value: values.length }];
  const n = binCount ?? Math.max(1, Math.ceil(Math.log2(values.length) + 1));
  const width = (hi - lo) / n;
  const counts = new Array<number>(n).fill(0);
  for (const v of values) counts[Math.min(n - 1, Math.floor((v - lo) / width))]++;
  return counts.map((c, i) => ({ label: `${fmt(lo + i * width)}–${fmt(lo + (i + 1) * width)}`, value: c }));
}

export function chartData(input: ChartInput): ChartData {
  const type = input.type.toUpperCase();
  const { names, body } = splitHeader(columns(input.ranges));
  if (type === 'HISTOGRAM') {
    const values: number[] = [];
    const valueCols = body.length > 1 && body[0].every((v) => num(v) === null) ? body.slice(1) : body;
    for (const col of valueCols) for (const v of col) {
      const x = num(v);
      if (x !== null) values.push(x);
    }
    return { kind: 'bars', title: input.title, bars: histogramBins(values) };
  }
  if (type === 'SCATTER') {
    const x = body[0] ?? [];
    const series = body.slice(1).map((col, i) => {
      const points: Array<[number, number]> = [];
      col.forEach((v, r) => {
        const px = num(x[r] ?? null);
        const py = num(v);
        if (px !== null && py !== null) points.push([px, py]);
      });
      return { name: names[i + 1], points };
    });
    return { kind: 'scatter', title: input.title, xLabel: names[0] ?? '', yLabel: names.length === 2 ? names[1] : '', series };
  }
  const labels = body[0] ?? [];
  const values = body[1] ?? [];
  const bars: Array<{ label: string; value: number }> = [];
  labels.forEach((l, r) => {
    const v = num(values[r] ?? null);
    if (v !== null) bars.push({ label: text(l), value: v });
  });
  return { kind: 'bars', title: input.title, bars };
}
