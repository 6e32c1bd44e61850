/**
 * The =CDM_* formulas as Sheets runs them: the built dist/Code.js in the local runtime's
 * custom-function mode (no authorisation: Properties, Forms, triggers, UI and writes are
 * refused), with arguments shaped as Sheets passes them (rt.rangeArg: one cell -> value,
 * a range -> 2-D array). Run `npm run build` first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRuntime, Runtime } from '../../runtime/index';

const code = fs.readFileSync(path.resolve(__dirname, '../../dist/Code.js'), 'utf8');

function sheet(locale = 'en_US'): Runtime {
  const rt = createRuntime({ code, locale });
  rt.fillSheet('Data', [
    ['Name', 'Email', 'Phone', 'Income', 'Spend', 'Last purchase', 'Orders', 'First purchase'],
    ['Ann Lee', ' Ann@Example.COM', '(415) 555-0132', 20, 10, new Date(Date.UTC(2025, 0, 1)), 5, new Date(Date.UTC(2024, 0, 1))],
    ['Bob Smith', 'bob@example.com', '020 7946 0958', 22, 12, new Date(Date.UTC(2025, 5, 10)), 5, new Date(Date.UTC(2024, 5, 9))],
    ['Robert Smith', 'not an email', '', 21, 11, '', '', ''],
    ['Cy Dee', 'cy@example.com', '+86 138 0013 8000', 80, 90, new Date(Date.UTC(2024, 5, 1)), 5, new Date(Date.UTC(2023, 5, 1))],
    ['Di Eve', 'di@example.com', 'n/a', 82, 88, '', '', ''],
    ['', '', '', 79, 91, '', '', ''],
    ['', '', '', '', '', '', '', ''],
  ], { raw: true });
  return rt;
}

function ok(ex: { error?: { text: string }; result?: unknown }): unknown {
  if (ex.error) throw new Error(ex.error.text);
  return ex.result;
}

test('each formula runs in custom-function mode through the bundle', () => {
  const rt = sheet();
  expect(ok(rt.customFunction('CDM_EMAIL', rt.rangeArg('Data!B2:B4')))).toEqual([['ann@example.com'], ['bob@example.com'], ['not an e-mail address']]);
  // Region from the spreadsheet locale (en_US -> US) unless given.
  expect(ok(rt.customFunction('CDM_PHONE', rt.rangeArg('Data!C2')))).toBe('+14155550132');
  expect(ok(rt.customFunction('CDM_PHONE', rt.rangeArg('Data!C3'), 'GB'))).toBe('+442079460958');
  expect(ok(rt.customFunction('CDM_PHONE', rt.rangeArg('Data!C4:C6')))).toEqual([[''], ['+8613800138000'], ['']]); // n/a is a blank
  expect(ok(rt.customFunction('CDM_CLUSTER', rt.rangeArg('Data!D1:E8'), 2))).toEqual([[''], [1], [1], [1], [2], [2], [2], ['']]);
  const names = ok(rt.customFunction('CDM_SEGMENT', rt.rangeArg('Data!D1:E8'), 2)) as string[][];
  expect(names[1][0]).toBe('Low income · low spend');
  const stats = ok(rt.customFunction('CDM_STATS', rt.rangeArg('Data!D1:E8'))) as unknown[][];
  expect(stats[0]).toEqual(['', 'Income', 'Spend']);
  expect(stats.find((r) => r[0] === 'count')).toEqual(['count', 6, 6]);
  const score = ok(rt.customFunction('CDM_MATCH', rt.rangeArg('Data!A3'), rt.rangeArg('Data!A4'))) as number;
  expect(score).toBeGreaterThan(0.5);
  const keys = ok(rt.customFunction('CDM_DEDUPE_KEY', rt.rangeArg('Data!A2:C3'))) as string[][];
  expect(keys).toHaveLength(2);
  expect(keys[0][0]).not.toBe(keys[1][0]);
  // TREND's order (known_y = Spend, known_x = Income). By hand: x̄ = 304/6, ȳ = 302/6,
  // Sxy = 6998.67, Sxx = 5287.33, slope = 1.32367; at income 50: ȳ + slope·(50 − x̄) = 49.4509.
  const pred = ok(rt.customFunction('CDM_PREDICT', rt.rangeArg('Data!E2:E7'), rt.rangeArg('Data!D2:D7'), 50)) as number;
  expect(pred).toBeCloseTo(49.4509, 3);
  const rfm = ok(rt.customFunction('CDM_RFM', [[10], [20], [30], [40], [50]], [[5], [4], [3], [2], [1]], [[500], [100], [300], [200], [400]]));
  expect(rfm).toEqual([['555 Champions'], ['441 Loyal'], ['333 Need attention'], ['222 Hibernating'], ['114 Lost']]);
  const churn = ok(rt.customFunction('CDM_CHURN', rt.rangeArg('Data!F2:F3'), rt.rangeArg('Data!G2:G3'), rt.rangeArg('Data!H2:H3'), new Date(Date.UTC(2025, 5, 30)))) as string[][];
  expect(churn[0][0]).toBe('medium: 180 days since last purchase, usually buys every 92 days');
  expect(churn[1][0]).toMatch(/^low: 20 days/);
});

test('bad arguments give a short message, not a stack trace', () => {
  const rt = sheet();
  const ex = rt.customFunction('CDM_CLUSTER', rt.rangeArg('Data!D1:E8'), 12);
  expect(ex.error?.message).toBe('k must be auto or a whole number from 2 to 10, not "12".');
  expect(ex.error?.message).not.toMatch(/\bat\b|\.js|\n/);
  expect(rt.customFunction('CDM_PHONE', '020 7946 0958', 'Britain').error?.message).toBe('region must be a two-letter country code such as US, GB or DE, not "Britain".');
  expect(rt.customFunction('CDM_RFM', [[1], [2]], [[1]], [[1], [2]]).error?.message).toBe('recency, frequency and monetary must have the same number of rows');
});

test('deterministic: two evaluations (two executions) give equal results', () => {
  const rt = sheet();
  const rows = Array.from({ length: 150 }, (_, i) => [(i * 37) % 101, (i * 53) % 97]);
  const a = ok(rt.customFunction('CDM_CLUSTER', rows));
  const b = ok(rt.customFunction('CDM_CLUSTER', rows));
  expect(a).toEqual(b);
  expect(ok(rt.customFunction('CDM_SEGMENT', rows, 4))).toEqual(ok(rt.customFunction('CDM_SEGMENT', rows, 4)));
});

test('formulas use no service that needs authorisation (they would fail in custom-function mode)', () => {
  const rt = sheet('en_GB');
  const ex = rt.customFunction('CDM_PHONE', '020 7946 0958');
  expect(ex.error).toBeUndefined();
  expect(ex.result).toBe('+442079460958'); // region from the en_GB locale
  const services = Object.keys(ex.calls).map((c) => c.split('.')[0]);
  // The spreadsheet's locale and the user's saved phone country (document properties, read
  // only): both allowed in custom functions without authorisation.
  expect(services.every((s) => ['SpreadsheetApp', 'Spreadsheet', 'PropertiesService', 'Properties'].includes(s))).toBe(true);
});
