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
    expectExactly('shopify.csv', {
      'Customer ID': 'id', 'First Name': 'first_name', 'Last Name': 'last_name', Email: 'email',
      'Accepts Email Marketing': 'consent', 'Default Address Company': 'company',
      'Default Address Address1': 'street', 'Default Address Address2': 'street', 'Default Address City': 'city',
      'Default Address Province Code': 'state_code', 'Default Address Country Code': 'country_code',
      'Default Address Zip': 'postcode', 'Default Address Phone': 'phone', Phone: 'phone', 'Accepts SMS Marketing': 'consent',
      'Total Spent': 'money', 'Total Orders': 'count', Note: 'text', 'Tax Exempt': 'boolean', Tags: 'tags',
    });
  });

  test('WooCommerce Analytics › Customers report download (Country / Region and Region hold codes)', () => {
    expectExactly('woocommerce.csv', {
      Name: 'name', Username: 'id', 'Last active': 'date', 'Date registered': 'date', Email: 'email', Orders: 'count',
      'Total spend': 'money', AOV: 'money', 'Country / Region': 'country_code', City: 'city', Region: 'state_code',
      'Postal code': 'postcode',
    });
  });

  test('Square customer directory export', () => {
    expectExactly('square.csv', {
      'Reference ID': 'id', 'First Name': 'first_name', 'Last Name': 'last_name', 'Email Address': 'email',
      'Phone Number': 'phone', Nickname: 'text', 'Company Name': 'company', 'Street Address 1': 'street',
      'Street Address 2': 'street', City: 'city', State: 'state_code', 'Postal Code': 'postcode', Birthday: 'birth_date',
      Memo: 'text', 'Square Customer ID': 'id', 'Creation Source': 'category', 'First Visit': 'date', 'Last Visit': 'date',
      'Transaction Count': 'count', 'Lifetime Spend': 'money', 'Email Subscription Status': 'consent',
      'Instant Profile': 'boolean', 'Blocked from online booking': 'boolean',
    });
  });

  test('Stripe Dashboard customers export', () => {
    expectExactly('stripe.csv', {
      id: 'id', Description: 'text', Email: 'email', Name: 'name', 'Created (UTC)': 'date', Delinquent: 'boolean',
      Plan: 'category', Status: 'category', 'Total Spend': 'money', 'Payment Count': 'count', 'Refunded Volume': 'money',
      'Dispute Losses': 'money', 'tag (metadata)': 'tags',
    });
  });

  test('Mailchimp audience export (Birthday is MM/DD without a year: not a date CDM can write, kept as text)', () => {
    expectExactly('mailchimp.csv', {
      'Email Address': 'email', 'First Name': 'first_name', 'Last Name': 'last_name', Address: 'street',
      'Phone Number': 'phone', Birthday: 'text', MEMBER_RATING: 'number', OPTIN_TIME: 'date', OPTIN_IP: 'text',
      CONFIRM_TIME: 'date', CONFIRM_IP: 'text', LATITUDE: 'number', LONGITUDE: 'number', GMTOFF: 'number', DSTOFF: 'number',
      TIMEZONE: 'category', CC: 'country_code', REGION: 'state_code', LAST_CHANGED: 'date', LEID: 'id', EUID: 'id',
      NOTES: 'text', TAGS: 'tags',
    });
  });

  test('HubSpot contacts export', () => {
    expectExactly('hubspot.csv', {
      'Record ID': 'id', 'First Name': 'first_name', 'Last Name': 'last_name', Email: 'email', 'Phone Number': 'phone',
      'Lifecycle Stage': 'category', 'Contact owner': 'category', 'Create Date': 'date', 'Last Activity Date': 'date',
      'Lead Status': 'category', 'Marketing contact status': 'consent', 'Company Name': 'company', City: 'city',
      'State/Region': 'state', 'Country/Region': 'country', 'Postal Code': 'postcode', 'Street Address': 'street',
      'Job Title': 'text',
    });
  });

  test('Google Contacts export ("Google CSV")', () => {
    expectExactly('google-contacts.csv', {
      Name: 'name', 'Given Name': 'first_name', 'Additional Name': 'text', 'Family Name': 'last_name', 'Yomi Name': 'text',
      'Given Name Yomi': 'text', 'Additional Name Yomi': 'text', 'Family Name Yomi': 'text', 'Name Prefix': 'category',
      'Name Suffix': 'category', Initials: 'text', Nickname: 'text', 'Short Name': 'text', 'Maiden Name': 'text',
      Birthday: 'birth_date', Gender: 'gender', Location: 'text', 'Billing Information': 'text', 'Directory Server': 'text',
      Mileage: 'number', Occupation: 'text', Hobby: 'text', Sensitivity: 'category', Priority: 'category', Subject: 'text',
      Notes: 'text', Language: 'category', Photo: 'text', 'Group Membership': 'tags', 'E-mail 1 - Type': 'category',
      'E-mail 1 - Value': 'email', 'Phone 1 - Type': 'category', 'Phone 1 - Value': 'phone', 'Address 1 - Type': 'category',
      'Address 1 - Formatted': 'street', 'Address 1 - Street': 'street', 'Address 1 - City': 'city', 'Address 1 - PO Box': 'street',
      'Address 1 - Region': 'state_code', 'Address 1 - Postal Code': 'postcode', 'Address 1 - Country': 'country',
      'Address 1 - Extended Address': 'street', 'Organization 1 - Type': 'category', 'Organization 1 - Name': 'company',
      'Organization 1 - Yomi Name': 'text', 'Organization 1 - Title': 'text', 'Organization 1 - Department': 'category',
      'Organization 1 - Symbol': 'text', 'Organization 1 - Location': 'text', 'Organization 1 - Job Description': 'text',
      'Website 1 - Type': 'category', 'Website 1 - Value': 'text',
    });
  });

  test('Chinese WPS/Excel customer sheet', () => {
    expectExactly('wps-chinese.csv', {
      姓名: 'name', 手机号: 'phone', 收货地址: 'street', 省份: 'state', 城市: 'city', 邮编: 'postcode', 性别: 'gender',
      会员等级: 'category', 消费金额: 'money', 注册时间: 'date',
    });
  });

  test('a transactions export (UCI Online Retail layout): order id, product, product, count, date, money, id, country', () => {
    expectExactly('online-retail.csv', {
      InvoiceNo: 'order_id', StockCode: 'product', Description: 'product', Quantity: 'count', InvoiceDate: 'date',
      UnitPrice: 'money', CustomerID: 'id', Country: 'country',
    });
  });

  test('the "Customer Personality Analysis" marketing layout: Mnt* money, Num* counts, campaign flags yes/no, constant Z_* left out', () => {
    const mnt = ['MntWines', 'MntFruits', 'MntMeatProducts', 'MntFishProducts', 'MntSweetProducts', 'MntGoldProds'];
    const num = ['NumDealsPurchases', 'NumWebPurchases', 'NumCatalogPurchases', 'NumStorePurchases', 'NumWebVisitsMonth'];
    const cmp = ['AcceptedCmp3', 'AcceptedCmp4', 'AcceptedCmp5', 'AcceptedCmp1', 'AcceptedCmp2'];
    expectExactly('marketing-campaign.csv', {
      ID: 'id', Year_Birth: 'birth_year', Education: 'category', Marital_Status: 'category', Income: 'money',
      Kidhome: 'count', Teenhome: 'count', Dt_Customer: 'date', Recency: 'count',
      ...Object.fromEntries(mnt.map((h) => [h, 'money'])),
      ...Object.fromEntries(num.map((h) => [h, 'count'])),
      ...Object.fromEntries(cmp.map((h) => [h, 'boolean'])),
      Complain: 'boolean', Z_CostContact: 'unknown', Z_Revenue: 'unknown', Response: 'boolean',
    });
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
