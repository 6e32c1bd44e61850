/** Pure parts of the playground: chart data, the google.script.run bridge, CLI options. */
import { chartData, histogramBins } from '../../tools/playground/chart-data';
import { PAGE } from '../../tools/playground/page';
import { parseArgs } from '../../tools/playground/server';
import { injectShim, SHIM } from '../../tools/playground/shim';

describe('chart data (Sheets conventions: first column x or labels, header row if not numeric)', () => {
  test('histogram bins: 0,10..100 in 5 bins of 20, the maximum in the last bin (counted by hand)', () => {
    const values = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(histogramBins(values, 5)).toEqual([
      { label: '0.0–20.0', value: 2 },
      { label: '20.0–40.0', value: 2 },
      { label: '40.0–60.0', value: 2 },
      { label: '60.0–80.0', value: 2 },
      { label: '80.0–100', value: 3 },
    ]);
    // Sturges: ceil(log2(11) + 1) = ceil(4.46) = 5 bins.
    expect(histogramBins(values)).toHaveLength(5);
    expect(histogramBins([])).toEqual([]);
    expect(histogramBins([7, 7, 7])).toEqual([{ label: '7.0', value: 3 }]);
  });

  test('histogram of a range with a header and text cells counts only the numbers', () => {
    const data = chartData({ type: 'HISTOGRAM', title: 'Spend', ranges: [[['Total Spend'], [1], ['n/a'], [3], [''], [5]]] });
    expect(data.kind).toBe('bars');
    expect(data.kind === 'bars' && data.bars.reduce((n, b) => n + b.value, 0)).toBe(3);
  });

  test('scatter: header names the axes, rows without two numbers are skipped', () => {
    const data = chartData({ type: 'SCATTER', title: 'S', ranges: [[['Orders', 'Spend'], [1, 10], [2, 'x'], [3, 30]]] });
    expect(data).toEqual({ kind: 'scatter', title: 'S', xLabel: 'Orders', yLabel: 'Spend', series: [{ name: 'Spend', points: [[1, 10], [3, 30]] }] });
  });

  test('column chart from two single-column ranges acts as one table', () => {
    const data = chartData({ type: 'COLUMN', title: 'Revenue', ranges: [[['Segment'], ['A'], ['B']], [['Revenue'], [5], [7]]] });
    expect(data).toEqual({ kind: 'bars', title: 'Revenue', bars: [{ label: 'A', value: 5 }, { label: 'B', value: 7 }] });
  });
});

describe('google.script.run bridge', () => {
  test('goes before the sidebar script, so google.script.run exists when the sidebar starts', () => {
    const html = '<html><head><style>x</style></head><body><script>app()</script></body></html>';
    const out = injectShim(html);
    expect(out.indexOf(SHIM)).toBeGreaterThan(0);
    expect(out.indexOf(SHIM)).toBeLessThan(out.indexOf('app()'));
    expect(injectShim('<html><head></head><body></body></html>')).toContain(`<script>${SHIM}</script></head>`);
  });

  test('the page draws sheet values as text only', () => {
    expect(PAGE).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write/);
    expect(SHIM).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe('command line', () => {
  test('options', () => {
    expect(parseArgs(['--port', '9000', '--rows=50', '--locale', 'zh_CN'])).toEqual({ port: 9000, rows: 50, locale: 'zh_CN' });
    expect(parseArgs(['--csv', 'a.csv']).csv).toMatch(/a\.csv$/);
    expect(() => parseArgs(['--port', 'x'])).toThrow('--port must be a number from 0 to 65535');
    expect(() => parseArgs(['--rows', '0'])).toThrow('--rows must be a whole number above 0');
    expect(() => parseArgs(['--nope'])).toThrow('unknown option --nope (try --help)');
    expect(() => parseArgs(['--csv'])).toThrow('--csv needs a value');
  });
});
