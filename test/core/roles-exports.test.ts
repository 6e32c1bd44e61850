/**
 * The exports people really have: each fixture in test/fixtures/exports/ has exactly the columns its
 * exporter documents (sources in that folder's README.md). The expected role of every column is
 * written here by hand from that documentation — what the column means — not copied from CDM's output.
 */
import * as fs from 'fs';
import * as path from 'path';
import { detectRoles, headerWords, isOrdersTable, roleFromHeader } from '../../src/core/roles';
import { parseCsv } from '../../src/core/csv';
import type { Cell, Roles, Table } from '../../src/core/table';
import { EXPORT_ROLES, SHOPIFY_ROLES, STRIPE_ROLES, WOOCOMMERCE_ROLES } from '../realworld/expected-roles';

const DIR = path.resolve(__dirname, '../fixtures/exports');
const read = (file: string): Table => parseCsv(fs.readFileSync(path.join(DIR, file), 'utf8'));
const ASOF = new Date(Date.UTC(2025, 5, 30));
const rolesOf = (t: Table): Roles => detectRoles(t, undefined, { asOf: ASOF }).roles;

/** Every header of the fixture has an expected role, and the fixture has every expected header. */
function expectExactly(file: string, expected: Roles): void {
  const t = read(file);
  expect(t.header).toEqual(Object.keys(expected));
  expect(rolesOf(t)).toEqual(expected);
}

describe('documented export layouts', () => {
  test('Shopify customers export (help.shopify.com, Customer CSV file format)', () => {
    expectExactly('shopify.csv', SHOPIFY_ROLES);
  });

  test('WooCommerce Analytics › Customers report download (Country / Region and Region hold codes)', () => {
    expectExactly('woocommerce.csv', WOOCOMMERCE_ROLES);
  });

  test('Square customer directory export', () => {
    expectExactly('square.csv', EXPORT_ROLES['square.csv']);
  });

  test('Stripe Dashboard customers export', () => {
    expectExactly('stripe.csv', STRIPE_ROLES);
  });

  test('Mailchimp audience export (Birthday is MM/DD without a year: not a date CDM can write, kept as text)', () => {
    expectExactly('mailchimp.csv', EXPORT_ROLES['mailchimp.csv']);
  });

  test('HubSpot contacts export', () => {
    expectExactly('hubspot.csv', EXPORT_ROLES['hubspot.csv']);
  });

  test('Google Contacts export ("Google CSV")', () => {
    expectExactly('google-contacts.csv', EXPORT_ROLES['google-contacts.csv']);
  });

  test('Chinese WPS/Excel customer sheet', () => {
    expectExactly('wps-chinese.csv', EXPORT_ROLES['wps-chinese.csv']);
  });

  test('a transactions export (UCI Online Retail layout): order id, product, product, count, date, money, id, country', () => {
    expectExactly('online-retail.csv', EXPORT_ROLES['online-retail.csv']);
  });

  test('the "Customer Personality Analysis" marketing layout: Mnt* money, Num* counts, campaign flags yes/no, constant Z_* left out', () => {
    expectExactly('marketing-campaign.csv', EXPORT_ROLES['marketing-campaign.csv']);
  });

  test('an orders export is told from customer exports', () => {
    expect(isOrdersTable(rolesOf(read('online-retail.csv')))).toBe(true);
    for (const f of ['shopify.csv', 'woocommerce.csv', 'stripe.csv', 'marketing-campaign.csv', 'square.csv']) expect([f, isOrdersTable(rolesOf(read(f)))]).toEqual([f, false]);
  });

  test('each explanation names why, and Chinese explanations are Chinese', () => {
    const t = read('shopify.csv');
    const en = detectRoles(t, undefined, { asOf: ASOF }).details;
    expect(en.find((d) => d.column === 'Default Address Country Code')!.reason).toBe('header "Default Address Country Code" means country code');
    const zh = detectRoles(t, undefined, { asOf: ASOF, lang: 'zh' }).details;
    expect(zh.find((d) => d.column === 'Default Address City')!.reason).toBe('列名“Default Address City”表示城市');
    const z = detectRoles(read('marketing-campaign.csv'), undefined, { asOf: ASOF }).details.find((d) => d.column === 'Z_Revenue')!;
    expect(z.reason).toMatch(/every value is the same \(11\)/);
  });
});

describe('headers in any style', () => {
  test.each<[string, string[]]>([
    ['CustomerID', ['customer', 'id']],
    ['InvoiceNo', ['invoice', 'no']],
    ['Year_Birth', ['year', 'birth']],
    ['MntWines', ['mnt', 'wines']],
    ['NumWebVisitsMonth', ['num', 'web', 'visits', 'month']],
    ['IDNumber', ['id', 'number']],
    ['AcceptedCmp1', ['accepted', 'cmp', '1']],
    ['E-mail 1 - Value', ['email', '1', 'value']],
    ['D.O.B.', ['dob']],
    ['MEMBER_RATING', ['member', 'rating']],
    ['Default Address Address1', ['default', 'address', 'address', '1']],
  ])('%s splits into %j', (header, words) => {
    expect(headerWords(header).words).toEqual(words);
  });

  test.each<[string, string]>([
    ['customer_id', 'id'], ['customerId', 'id'], ['CUSTOMER ID', 'id'], ['date_of_birth', 'birth_date'], ['DoB', 'birth_date'],
    ['zipCode', 'postcode'], ['postal-code', 'postcode'], ['BillingAddressCity', 'city'], ['shipping_country_code', 'country_code'],
    ['OrderDate', 'date'], ['order_total', 'money'], ['TotalOrders', 'count'], ['isVip', 'boolean'], ['email_opt_in', 'consent'],
    ['Contact Email', 'email'], ['Street Name', 'street'], ['出生日期', 'birth_date'], ['出生年份', 'birth_year'], ['订单号', 'order_id'],
    ['Phonetic First Name', 'text'], ['Middle Name', 'text'], ['Labels', 'tags'], ['E-mail 1 - Label', 'category'], ['Phone 1 - Label', 'category'],
    ['Address 1 - Label', 'category'], ['Organization Department', 'category'], ['File As', 'text'],
    ['客户编号', 'id'], ['会员卡号', 'id'], ['公司名称', 'company'], ['国家代码', 'country_code'], ['消费次数', 'count'], ['商品名称', 'product'],
  ])('%s → %s', (header, role) => {
    expect(roleFromHeader(header)).toBe(role);
  });

  test('a 60,000-character header is read in linear time (only its first 200 characters count)', () => {
    const start = Date.now();
    for (const h of ['a'.repeat(60000), 'A'.repeat(60000), 'aB'.repeat(30000), 'x_'.repeat(30000), '1a'.repeat(30000), '电'.repeat(60000)]) roleFromHeader(h);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});

describe('typed values as Sheets delivers them', () => {
  const n = 30;
  const col = (f: (i: number) => Cell): Cell[] => Array.from({ length: n }, (_, i) => f(i));
  function table(columns: Record<string, Cell[]>): Table {
    const header = Object.keys(columns);
    return { header, rows: Array.from({ length: n }, (_, i) => header.map((h) => columns[h][i])) };
  }

  test('numeric postcodes, yyyymmdd birth dates, Date objects, booleans and numeric ids keep their meaning', () => {
    const t = table({
      'Customer No': col((i) => 100000 + i * 7),
      Postcode: col((i) => [2135, 90210, 10001, 94103][i % 4]),
      'Date of Birth': col((i) => 19600101 + (i % 28) + 100 * (i % 12) + 10000 * i),
      Joined: col((i) => new Date(2021, i % 12, (i % 27) + 1)),
      'Accepts Marketing': col((i) => i % 3 === 0),
      Phone: col((i) => 4155550100 + i),
      Spend: col((i) => i * 12.5),
    });
    expect(rolesOf(t)).toEqual({
      'Customer No': 'id', Postcode: 'postcode', 'Date of Birth': 'birth_date', Joined: 'date', 'Accepts Marketing': 'consent',
      Phone: 'phone', Spend: 'money',
    });
  });

  test('without a telling header: a column of TRUE/FALSE is yes/no, of Date objects dates', () => {
    const t = table({ a: col((i) => i % 2 === 0), b: col((i) => new Date(Date.UTC(2020, 0, i + 1))) });
    expect(rolesOf(t)).toEqual({ a: 'boolean', b: 'date' });
  });

  test('a "Country" column of ISO codes is a country-code column; of names, a country column', () => {
    const t = table({ Country: col((i) => ['US', 'GB', 'DE', 'CN'][i % 4]), Nation: col((i) => ['USA', 'Germany', '美国'][i % 3]) });
    expect(rolesOf(t)).toEqual({ Country: 'country_code', Nation: 'country' });
  });
});
