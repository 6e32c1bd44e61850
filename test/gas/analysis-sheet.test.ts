/**
 * The CDM Analysis sheet as the BUILT add-on (dist/Code.js) writes it in the local Apps Script
 * runtime: summary first, number formats in the sheet's locale and currency, every cohort
 * listed, Chinese under a Chinese locale, and a transactions sheet read but never changed.
 * Run `npm run build` first.
 */
import * as path from 'path';
import { captureWorkbook, expectNoDifferences } from '../hostile/sheet-diff';
import { readCsv } from '../core/analysis/load';
import { CUSTOMERS, FLAG, newRuntime, sampleRuntime, type Runtime } from './helpers';

function run(rt: Runtime, options: object): void {
  const ex = rt.run('startRun', [options]);
  if (ex.error) throw new Error(ex.error.text);
  expect((ex.result as { done: boolean }).done).toBe(true);
}

const firstColumn = (rt: Runtime): string[] => rt.sheetValues('CDM Analysis').map((r) => String(r[0]));

describe('CDM Analysis on the sample sheet (en_US)', () => {
  let rt: Runtime;
  beforeAll(() => {
    rt = sampleRuntime(300);
    run(rt, FLAG);
  });

  test('the summary block comes first: title, sentences, key figures', () => {
    const text = firstColumn(rt);
    expect(text[0]).toMatch(/^CDM analysis of “Customers”/);
    expect(text.indexOf('Summary')).toBeLessThan(5);
    const said = text.indexOf('What the figures say');
    const figures = text.indexOf('Key figures');
    expect(said).toBeGreaterThan(0);
    expect(figures - said - 1).toBeGreaterThanOrEqual(5); // 5–8 sentences, then a gap
    expect(text.slice(said + 1, figures).filter((s) => s !== '').length).toBeLessThanOrEqual(8);
    expect(text.indexOf('Key figures')).toBeLessThan(text.indexOf('Numbers'));
    expect(text.indexOf('What goes together')).toBeLessThan(text.indexOf('All correlations (Pearson r)'));
  });

  test('money, percentages and counts carry number formats (dollars under en_US)', () => {
    const values = rt.sheetValues('CDM Analysis');
    const formats = rt.snapshot('CDM Analysis').numberFormats;
    const row = (label: string): number => values.findIndex((r) => r[0] === label);
    expect(formats[row('Revenue')][1]).toBe('[$$]#,##0.00');
    expect(formats[row('Average order value')][1]).toBe('[$$]#,##0.00');
    expect(formats[row('Repeat-purchase rate')][1]).toBe('0.0%');
    expect(formats[row('Customers')][1]).toBe('#,##0');
    const rate = values[row('Repeat-purchase rate')][1] as number;
    expect(rate).toBeGreaterThan(0);
    expect(rate).toBeLessThanOrEqual(1);
    // No six-decimal numbers anywhere: every number is rounded to at most 4 decimals.
    for (const r of values) for (const v of r) if (typeof v === 'number') expect(Math.abs(v * 1e4 - Math.round(v * 1e4))).toBeLessThan(1e-6);
  });

  test('no silently dropped rows: every signup quarter is a cohort line (months become quarters past 36)', () => {
    const customers = rt.sheetValues(CUSTOMERS);
    const at = (customers[0] as string[]).indexOf('Signup Date');
    const dates = customers.slice(1).map((r) => r[at]).filter((v): v is Date => v instanceof Date);
    const months = new Set(dates.map((d) => d.toISOString().slice(0, 7)));
    const quarters = new Set(dates.map((d) => `${d.getUTCFullYear()} Q${Math.floor(d.getUTCMonth() / 3) + 1}`));
    const values = rt.sheetValues('CDM Analysis');
    const head = values.findIndex((r) => r[0] === 'Cohort');
    expect(head).toBeGreaterThan(0);
    expect(String(values[head - 1][0])).toBe('Retention by signup cohort (Signup Date, by quarter)');
    const lines: string[] = [];
    // Text Sheets would read as something else is written with a leading apostrophe (shown as typed).
    for (let i = head + 1; i < values.length && values[i][0] !== ''; i++) lines.push(String(values[i][0]).replace(/^'/, ''));
    expect(months.size).toBeGreaterThan(36);
    expect(lines).toEqual([...quarters].sort());
    const counted = values.slice(head + 1, head + 1 + lines.length).reduce((s, r) => s + Number(r[1]), 0);
    expect(counted).toBe(customers.length - 1 - customers.slice(1).filter((r) => !(r[at] instanceof Date)).length);
  });
});

describe('CDM Analysis under other locales', () => {
  test('de_DE: money in euros', () => {
    const rt = sampleRuntime(200, 7, { locale: 'de_DE' });
    run(rt, FLAG);
    const values = rt.sheetValues('CDM Analysis');
    const formats = rt.snapshot('CDM Analysis').numberFormats;
    expect(formats[values.findIndex((r) => r[0] === 'Revenue')][1]).toBe('[$€]#,##0.00');
  });

  test('zh_CN: the analysis sheet and the segment names are in Chinese', () => {
    const rt = sampleRuntime(200, 7, { locale: 'zh_CN' });
    run(rt, FLAG);
    const text = firstColumn(rt);
    expect(text).toContain('摘要');
    expect(text).toContain('关键指标');
    expect(text).toContain('RFM 与流失风险：两个不同的问题');
    const customers = rt.sheetValues(CUSTOMERS);
    const seg = (customers[0] as string[]).indexOf('CDM Segment');
    expect(customers.slice(1).every((r) => /[\u4e00-\u9fff]/.test(String(r[seg])))).toBe(true);
  });
});

describe('a transactions sheet in the add-on', () => {
  test('hostile: transactions sheet: read, rolled up, never changed; guests stay guests', () => {
    const rt = newRuntime();
    const tx = readCsv(path.join(__dirname, '../fixtures/analysis/orders.csv'));
    rt.fillSheet('Orders', [tx.header, ...tx.rows]);
    rt.fillSheet(CUSTOMERS, [['CustomerID', 'Name', 'Email'], [17850, 'Ann Lee', 'ann@x.com'], [13047, 'Bob Ray', 'bob@x.com'],
      [12583, 'Cy Dee', 'cy@x.com'], [14527, 'Di Fox', 'di@x.com'], [15100, 'Ed Gu', 'ed@x.com'], [99999, 'Flo Ho', 'flo@x.com']]);
    const before = captureWorkbook(rt);
    run(rt, { ...FLAG, transactionsSheet: 'Orders' });
    expectNoDifferences(before, captureWorkbook(rt), [
      { sheet: /^CDM /, why: 'CDM sheets written by the run' },
      { sheet: CUSTOMERS, a1: 'D:Z', why: 'CDM result columns appended right of the user columns' },
      { sheet: CUSTOMERS, layers: ['grid'], why: 'the sheet grows to hold the CDM columns' },
    ]);
    const values = rt.sheetValues(CUSTOMERS);
    const rfm = (values[0] as string[]).indexOf('CDM RFM');
    expect(values.slice(1).map((r) => r[rfm])).toEqual(['353 Loyal', '444 Loyal', '115 Lost', '211 Hibernating', '512 New', '']);
    const text = firstColumn(rt);
    expect(text).toContain('Guest order lines');
  });

  test('a transactions sheet that does not exist is refused in plain words, and nothing is written', () => {
    const rt = sampleRuntime(50);
    const before = captureWorkbook(rt);
    const ex = rt.run('startRun', [{ ...FLAG, transactionsSheet: 'Nope' }]);
    expect(ex.error?.text ?? '').toContain('There is no sheet called "Nope" to read the orders from');
    expectNoDifferences(before, captureWorkbook(rt), [{ sheet: /^CDM /, why: 'run state' }]);
  });
});
