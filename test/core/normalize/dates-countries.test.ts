/**
 * One reading per date column, birth dates in the past, date-times kept, and countries in one form
 * per column. Expected values are worked out by hand in each test.
 */
import { normaliseTable } from '../../../src/core/normalize/index';
import { cleanDate, planDates } from '../../../src/core/normalize/date';
import { countryCode, planCountries, cleanCountry } from '../../../src/core/normalize/country';
import { regionFromCountry } from '../../../src/core/normalize/phone';
import type { Cell, Roles } from '../../../src/core/table';

const ASOF = new Date(Date.UTC(2025, 5, 30));
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const run = (header: string[], rows: Cell[][], roles: Roles) => normaliseTable({ header, rows }, roles, { asOf: ASOF });

describe('a date column is read one way', () => {
  test('day-first column: 25/04/2021 settles it, so 03/04/2021 is 3 April', () => {
    const r = run(['Joined'], [['03/04/2021'], ['25/04/2021'], ['01/02/2020']], { Joined: 'date' });
    expect(r.table.rows.map((x) => x[0])).toEqual([day(2021, 4, 3), day(2021, 4, 25), day(2020, 2, 1)]);
    expect(r.report.dateOrders.Joined).toMatch(/^day\/month\/year — day-first: 1 date\(s\) such as 25\/04\/2021/);
  });

  test('month-first column: 04/25/2021 settles it, so 03/04/2021 is 4 March', () => {
    const r = run(['Joined'], [['03/04/2021'], ['04/25/2021'], ['01/02/2020']], { Joined: 'date' });
    expect(r.table.rows.map((x) => x[0])).toEqual([day(2021, 3, 4), day(2021, 4, 25), day(2020, 1, 2)]);
  });

  test('a column holding both orders rewrites none of its day/month values (never two readings)', () => {
    const rows = [['25/04/2021'], ['04/26/2021'], ['03/04/2021'], ['2021-05-01']];
    const r = run(['Joined'], rows, { Joined: 'date' });
    expect(r.table.rows.slice(0, 3)).toEqual(rows.slice(0, 3));
    expect(r.table.rows[3][0]).toEqual(day(2021, 5, 1)); // year-first has one reading
    expect(r.changes.filter((c) => c.kind === 'flag').map((c) => c.row)).toEqual([0, 1, 2]);
  });

  test('an undecidable column flags its two-way dates and keeps them as typed', () => {
    const r = run(['Joined'], [['03/04/2021'], ['05/06/2021'], ['07/07/2021']], { Joined: 'date' });
    expect(r.table.rows.slice(0, 2)).toEqual([['03/04/2021'], ['05/06/2021']]);
    expect(r.table.rows[2][0]).toEqual(day(2021, 7, 7)); // both readings agree
    expect(r.changes.filter((c) => c.kind === 'flag')[0].reason).toMatch(/could be day\/month or month\/day/);
  });

  test('date-times keep their time (UCI Online Retail: 12/1/10 8:26, month-first by 12/13/10)', () => {
    const r = run(['InvoiceDate'], [['12/1/10 8:26'], ['12/13/10 9:00'], ['1/4/11 12:12 PM']], { InvoiceDate: 'date' });
    expect(r.table.rows.map((x) => x[0])).toEqual([new Date(Date.UTC(2010, 11, 1, 8, 26)), new Date(Date.UTC(2010, 11, 13, 9, 0)), new Date(Date.UTC(2011, 0, 4, 12, 12))]);
    expect(r.changes[0].reason).toBe('date and time "12/1/10 8:26" read as 2010-12-01 08:26');
  });
});

describe('birth dates', () => {
  test('two-digit years resolve into the past: 15/06/28 is 1928, 01/02/03 (day-first) is 2003', () => {
    const r = run(['DOB'], [['15/06/28'], ['01/02/03'], ['30/12/99']], { DOB: 'birth_date' });
    expect(r.table.rows.map((x) => x[0])).toEqual([day(1928, 6, 15), day(2003, 2, 1), day(1999, 12, 30)]);
  });

  test('a birth date after today is flagged and kept, never produced', () => {
    const future = new Date(2031, 0, 5);
    const r = run(['DOB'], [['05/01/2031'], [20310105], [future], ['14/03/1988']], { DOB: 'birth_date' });
    expect(r.table.rows.slice(0, 3)).toEqual([['05/01/2031'], [20310105], [future]]);
    expect(r.table.rows[3][0]).toEqual(day(1988, 3, 14));
    expect(r.changes.filter((c) => c.kind === 'flag').length).toBe(3);
  });

  test('a year of birth after today is flagged, others untouched', () => {
    const r = run(['Year_Birth'], [[1961], ['1975'], [2031]], { Year_Birth: 'birth_year' });
    expect(r.table.rows).toEqual([[1961], [1975], [2031]]); // '1975' stored as the number it shows (values' rule)
    expect(r.changes.filter((c) => c.kind === 'flag')).toEqual([{ row: 2, column: 'Year_Birth', old: 2031, new: 2031, kind: 'flag', reason: 'year of birth 2031 is in the future; kept as typed' }]);
  });

  test('the plan of a birth column says why in Chinese too', () => {
    const plan = planDates(['25/04/1980'], { birth: true, asOf: ASOF, lang: 'zh' });
    expect(plan.summary).toBe('日/月/年 — 日在前：有 1 个日期（如 25/04/1980）第一个数大于 12');
    expect(cleanDate('05/01/2031', plan)).toEqual({ flag: '出生日期“05/01/2031”会落在未来；保留原样' });
  });
});

describe('countries', () => {
  test.each<[string, string]>([
    ['USA', 'US'], ['U.S.A.', 'US'], ['United States', 'US'], ['united states of america', 'US'], ['美国', 'US'], ['us', 'US'],
    ['Deutschland', 'DE'], ['UK', 'GB'], ['England', 'GB'], ['gbr', 'GB'], ['中国', 'CN'], ['中國', 'CN'], ['Holland', 'NL'], ['Türkiye', 'TR'],
  ])('%s is %s', (text, code) => {
    expect(countryCode(text)).toBe(code);
    expect(regionFromCountry(text)).toBe(code);
  });

  test('unknown names are not guessed', () => {
    expect(countryCode('Atlantis')).toBeUndefined();
    expect(countryCode('')).toBeUndefined();
  });

  test('a names column ends in one form: each country spelled as the column mostly spells it', () => {
    const col = ['USA', 'USA', 'United States', 'U.S.A.', 'us', 'Germany', 'Deutschland', '美国', 'Atlantis'];
    const r = run(['Country'], col.map((c) => [c]), { Country: 'country' });
    expect(r.table.rows.map((x) => x[0])).toEqual(['USA', 'USA', 'USA', 'USA', 'USA', 'Germany', 'Germany', 'USA', 'Atlantis']);
    expect(r.changes.find((c) => c.row === 8)).toMatchObject({ kind: 'flag', reason: 'country "Atlantis" is not one we recognise; kept as typed' });
  });

  test('a Chinese names column stays Chinese', () => {
    const plan = planCountries(['美国', '中国', '中国', 'Germany'], false, 'en');
    expect(cleanCountry('Germany', plan)).toMatchObject({ value: '德国' });
    expect(cleanCountry('中国', plan)).toBeNull();
  });

  test('a country-code column keeps its codes exactly (US stays US, us stays us); a name becomes its code', () => {
    const r = run(['CC'], [['US'], ['us'], ['GB'], ['Germany'], ['XX']], { CC: 'country_code' });
    expect(r.table.rows.map((x) => x[0])).toEqual(['US', 'us', 'GB', 'DE', 'XX']);
    expect(r.changes.filter((c) => c.kind === 'flag').map((c) => c.row)).toEqual([4]);
  });

  test('each row\'s country code sets its phone region', () => {
    const r = run(['Phone', 'Country Code'], [['020 7946 0958', 'GB'], ['(415) 555-0132', 'US'], ['030 901820', 'DE']], { Phone: 'phone', 'Country Code': 'country_code' });
    expect(r.table.rows.map((x) => x[0])).toEqual(['+442079460958', '+14155550132', '+4930901820']);
  });
});
