/**
 * Hostile cases for roles, dates and countries (core): each feeds a table a real user could have,
 * lets CDM detect the roles and clean, and compares EVERY cell of the output with the input —
 * unchanged, or exactly the documented change listed in the case. Flags are checked where a value
 * is kept because CDM could not be sure. Expected values are worked out by hand.
 */
import { detectRoles } from '../../src/core/roles';
import { normaliseTable } from '../../src/core/normalize/index';
import type { Cell, Roles, Table } from '../../src/core/table';

const ASOF = new Date(Date.UTC(2025, 5, 30));
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

interface Case {
  header: string[];
  rows: Cell[][];
  /** Roles to force (else detected). */
  roles?: Roles;
  /** Roles detection must find (checked before cleaning). */
  expectRoles?: Roles;
  /** Cells that change: [row, column, new value]. Every other cell must be exactly as typed. */
  changes?: Array<[number, string, Cell]>;
  /** Cells that must be flagged (kept as typed). */
  flagged?: Array<[number, string]>;
}

function check(c: Case): void {
  const table: Table = { header: c.header, rows: c.rows.map((r) => r.slice()) };
  const input: Table = { header: c.header.slice(), rows: c.rows.map((r) => r.map((v) => (v instanceof Date ? new Date(v.getTime()) : v))) };
  const roles = { ...detectRoles(table, undefined, { asOf: ASOF }).roles, ...(c.roles ?? {}) };
  if (c.expectRoles) for (const [h, r] of Object.entries(c.expectRoles)) expect([h, roles[h]]).toEqual([h, r]);
  const out = normaliseTable(table, roles, { asOf: ASOF, region: 'US' });
  const expected = input.rows.map((r) => r.slice());
  for (const [row, column, value] of c.changes ?? []) expected[row][c.header.indexOf(column)] = value;
  expect(out.table.header).toEqual(input.header);
  expect(out.table.rows).toEqual(expected);
  // The input table itself is never modified.
  expect(table.rows).toEqual(input.rows);
  const flags = out.changes.filter((x) => x.kind === 'flag').map((x) => [x.row, x.column]);
  for (const f of c.flagged ?? []) expect(flags).toContainEqual(f);
  // Flags never change a value; the log holds exactly the changed cells.
  const changedCells = out.changes.filter((x) => x.kind === 'normalise').map((x) => `${x.row}|${x.column}`).sort();
  const expectedCells = (c.changes ?? []).map(([r, col]) => `${r}|${col}`).sort();
  const retypedOnly = changedCells.filter((k) => !expectedCells.includes(k));
  for (const k of retypedOnly) {
    const [r, col] = k.split('|');
    expect(out.table.rows[Number(r)][c.header.indexOf(col)]).toEqual(input.rows[Number(r)][c.header.indexOf(col)]);
  }
  // A second run changes nothing more.
  const again = normaliseTable(out.table, roles, { asOf: ASOF, region: 'US' });
  expect(again.table.rows).toEqual(out.table.rows);
}

describe('country codes are never re-cased but to upper case', () => {
  test('hostile: country-code: a Shopify "Default Address Country Code" column of US, GB, CA stays exactly as typed', () => {
    check({
      header: ['Default Address Country Code', 'Default Address Province Code'],
      rows: [['US', 'CA'], ['GB', ''], ['CA', 'ON'], ['US', 'NY'], ['AU', 'VIC']],
      expectRoles: { 'Default Address Country Code': 'country_code', 'Default Address Province Code': 'state_code' },
    });
  });

  test('hostile: country-code: codes keep their case exactly (us, Gb); a name becomes its code; an unknown code is flagged and kept', () => {
    check({
      header: ['Country Code'],
      rows: [['us'], ['Gb'], ['DE'], ['XK1'], ['ZZ'], ['Germany']],
      changes: [[5, 'Country Code', 'DE']],
      flagged: [[3, 'Country Code'], [4, 'Country Code']],
    });
  });

  test('hostile: country-code: a WooCommerce "Country / Region" column of codes is a code column, US never becomes Us', () => {
    check({
      header: ['Country / Region'],
      rows: [['US'], ['FR'], ['US'], ['GB'], ['CN'], ['US']],
      expectRoles: { 'Country / Region': 'country_code' },
    });
  });

  test('hostile: country-code: Mailchimp CC and REGION codes are untouched', () => {
    check({ header: ['CC', 'REGION'], rows: [['US', 'CA'], ['GB', 'ENG'], ['FR', ''], ['AU', 'VIC']], expectRoles: { CC: 'country_code', REGION: 'state_code' } });
  });
});

describe('country names in one form per column', () => {
  test('hostile: country-name: U.S.A. never becomes U.s.a.; the US spellings of a column become its own usual one', () => {
    check({
      header: ['Country'],
      rows: [['USA'], ['U.S.A.'], ['united states'], ['USA'], ['美国'], ['Germany'], ['Deutschland'], ['germany']],
      changes: [[1, 'Country', 'USA'], [2, 'Country', 'USA'], [4, 'Country', 'USA'], [6, 'Country', 'Germany'], [7, 'Country', 'Germany']],
    });
  });

  test('hostile: country-name: a name CDM does not know is kept exactly and flagged', () => {
    check({ header: ['Country'], rows: [['France'], ['Narnia'], ['France'], ['Wakanda ']], flagged: [[1, 'Country'], [3, 'Country']] });
  });

  test('hostile: country-name: a Chinese column stays Chinese (美國 and 中國 in simplified, English names translated)', () => {
    check({
      header: ['国家'],
      rows: [['中国'], ['美国'], ['中國'], ['美國'], ['中国'], ['Japan']],
      changes: [[2, '国家', '中国'], [3, '国家', '美国'], [5, '国家', '日本']],
    });
  });
});

describe('dates are read one way per column', () => {
  test('hostile: date-order: one day-first date settles the column; every other value is read day-first', () => {
    check({
      header: ['Joined'],
      rows: [['03/04/2021'], ['05/06/2021'], ['25/12/2020'], ['07/08/2019']],
      changes: [[0, 'Joined', day(2021, 4, 3)], [1, 'Joined', day(2021, 6, 5)], [2, 'Joined', day(2020, 12, 25)], [3, 'Joined', day(2019, 8, 7)]],
    });
  });

  test('hostile: date-order: a column with day-first AND month-first dates rewrites none of them (never two readings)', () => {
    check({
      header: ['Joined'],
      rows: [['25/04/2021'], ['04/26/2021'], ['03/04/2021'], ['12/11/2020'], ['2021-05-01']],
      changes: [[4, 'Joined', day(2021, 5, 1)]],
      flagged: [[0, 'Joined'], [1, 'Joined'], [2, 'Joined'], [3, 'Joined']],
    });
  });

  test('hostile: date-order: an undecidable column keeps its two-way dates as typed and flags them', () => {
    check({ header: ['Last Order'], rows: [['03/04/2021'], ['05/06/2021'], ['11/12/2021']], flagged: [[0, 'Last Order'], [1, 'Last Order'], [2, 'Last Order']] });
  });

  test('hostile: date-order: Date objects from Sheets are never rewritten, whatever the text around them says', () => {
    const a = new Date(2021, 3, 3);
    const b = new Date(2020, 0, 31);
    check({ header: ['Signed Up'], rows: [[a], [b], ['25/04/2021']], changes: [[2, 'Signed Up', day(2021, 4, 25)]] });
  });

  test('hostile: date-impossible: 29/02/2021, 31/04/2021 and 13/13/2021 are kept and flagged, not rolled over', () => {
    check({ header: ['Date'], rows: [['29/02/2021'], ['31/04/2021'], ['13/13/2021'], ['28/02/2021']], changes: [[3, 'Date', day(2021, 2, 28)]], flagged: [[0, 'Date'], [1, 'Date'], [2, 'Date']] });
  });

  test('hostile: date-time: 12/1/10 8:26 keeps its time of day; the column is month-first because of 12/13/10', () => {
    check({
      header: ['InvoiceDate'],
      rows: [['12/1/10 8:26'], ['12/13/10 17:05'], ['1/4/11 12:12']],
      changes: [[0, 'InvoiceDate', new Date(Date.UTC(2010, 11, 1, 8, 26))], [1, 'InvoiceDate', new Date(Date.UTC(2010, 11, 13, 17, 5))], [2, 'InvoiceDate', new Date(Date.UTC(2011, 0, 4, 12, 12))]],
    });
  });

  test('hostile: date-long-text: a 60,000-character cell in a date column is kept and flagged, in well under a second', () => {
    const long = '1/'.repeat(30000);
    const start = Date.now();
    check({ header: ['Joined'], rows: [[long], ['2021-01-02'], ['9'.repeat(60000)]], roles: { Joined: 'date' }, changes: [[1, 'Joined', day(2021, 1, 2)]], flagged: [[0, 'Joined'], [2, 'Joined']] });
    expect(Date.now() - start).toBeLessThan(1000);
  });
});

describe('birth dates and years are never in the future', () => {
  test('hostile: birth-two-digit: 15/06/28 is 1928, never 2028; 01/02/03 (day-first column) is 2003; 07/07/25 (after today) is 1925', () => {
    check({
      header: ['Date of Birth'],
      rows: [['15/06/28'], ['01/02/03'], ['30/12/99'], ['07/07/25']],
      changes: [[0, 'Date of Birth', day(1928, 6, 15)], [1, 'Date of Birth', day(2003, 2, 1)], [2, 'Date of Birth', day(1999, 12, 30)], [3, 'Date of Birth', day(1925, 7, 7)]],
      expectRoles: { 'Date of Birth': 'birth_date' },
    });
  });

  test('hostile: birth-future: future birth dates as text, yyyymmdd numbers and Date objects are kept and flagged', () => {
    const future = new Date(2030, 0, 1);
    check({
      header: ['DOB'],
      rows: [['01/01/2030'], [20300101], [future], [19850520]],
      changes: [[3, 'DOB', day(1985, 5, 20)]],
      flagged: [[0, 'DOB'], [1, 'DOB'], [2, 'DOB']],
    });
  });

  test('hostile: birth-year: Year_Birth 2031 is flagged and kept; 1893 is left for the outlier check, untouched', () => {
    check({
      header: ['Year_Birth'],
      rows: [[1961], [2031], [1893], [1984]],
      expectRoles: { Year_Birth: 'birth_year' },
      flagged: [[1, 'Year_Birth']],
    });
  });
});

describe('codes and companies keep their case; constant columns are left alone', () => {
  test('hostile: company: "Default Address Company" IBM, McKinsey & Co., ACME ltd are never re-cased', () => {
    check({ header: ['Default Address Company'], rows: [['IBM'], ['McKinsey & Co.'], ['ACME ltd'], ['de Boer BV']], expectRoles: { 'Default Address Company': 'company' } });
  });

  test('hostile: state-code: a state-code column is never re-cased (nsw, VIC, New South Wales, qld all stay)', () => {
    check({ header: ['Province Code'], rows: [['nsw'], ['VIC'], ['New South Wales'], ['qld']] });
  });

  test('hostile: constant-column: Z_CostContact = 3 on every row is left out (role unknown), every cell untouched', () => {
    check({ header: ['Z_CostContact', 'Z_Revenue'], rows: Array.from({ length: 12 }, () => [3, 11]), expectRoles: { Z_CostContact: 'unknown', Z_Revenue: 'unknown' } });
  });

  test('hostile: typed-postcode: zips Sheets turned into numbers and protected text zips are both kept exactly', () => {
    check({ header: ['Default Address Zip'], rows: [[94103], ["'02135"], ['02135'], ['M5H 2M9'], [3000]], expectRoles: { 'Default Address Zip': 'postcode' } });
  });
});
