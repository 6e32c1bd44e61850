/**
 * Roles in the BUILT add-on (dist/Code.js in the local Apps Script runtime) on a sheet holding what
 * Sheets really delivers — numbers, Dates and booleans, not text — and the user's role fixes,
 * remembered per sheet and used by every later run. Run `npm run build` first.
 */
import { newRuntime, type Runtime } from './helpers';

const SHEET = 'Customers';
const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);
const HEADER = ['Customer ID', 'First Name', 'Last Name', 'Email', 'Accepts Email Marketing', 'Default Address City',
  'Default Address Province Code', 'Default Address Country Code', 'Default Address Zip', 'Phone', 'Total Spent', 'Total Orders',
  'Note', 'Tax Exempt', 'Tags', 'Date of Birth', 'Joined', 'Last Order', 'Signed Up'];
// Typed as getValues gives them: ids, zips and yyyymmdd birth dates as numbers, Tax Exempt as booleans,
// Signed Up as Dates; Joined is day-first text (25/04 settles it), Last Order month-first text (04/25).
const ROWS: unknown[][] = [
  [7104235601985, 'ana', 'LOPEZ', 'Ana.Lopez@Example.com', 'yes', 'San Francisco', 'CA', 'US', 94103, '+14155550101', 412.5, 5, '', false, 'vip', 19880314, '03/04/2021', '03/04/2021', d(2021, 4, 3)],
  [7104235634753, 'Ben', 'Okafor', 'ben@okafor-studio.example', 'no', 'Toronto', 'ON', 'CA', 'M5H 2M9', '+14165550188', 89.99, 1, 'Prefers pickup', false, '', 19790101, '25/04/2021', '04/25/2021', d(2024, 3, 18)],
  [7104235667521, 'Chloé', 'Martin', 'chloe.martin@example.fr', 'yes', 'Paris', '', 'FR', 75004, '+33612345678', 1250, 12, 'Wholesale', true, 'wholesale, vip', 19791102, '01/02/2020', '01/02/2020', d(2021, 6, 1)],
  [7104235700289, 'Dmitri', 'Ivanov', 'dmitri.ivanov@example.com', 'no', 'Armonk', 'NY', 'US', 10504, '+19145550123', 0, 0, '', true, 'b2b', 19650706, '12/11/2019', '11/12/2019', d(2023, 1, 9)],
  [7104235733057, 'Emma', 'Wilson', 'emma.w@example.co.uk', 'yes', 'London', '', 'GB', 'NW1 6XE', '+442079460958', 57.2, 2, '', false, '', 19920730, '28/02/2022', '02/28/2022', d(2022, 2, 28)],
  [7104235765825, 'Farah', 'Haddad', 'farah.haddad@example.com', 'no', 'Melbourne', 'VIC', 'AU', 3000, '+61390000000', 230, 3, '', false, 'newsletter', 19850520, '19/08/2023', '08/19/2023', d(2023, 8, 19)],
];

function customerRuntime(): Runtime {
  const rt = newRuntime();
  rt.fillSheet(SHEET, [HEADER, ...ROWS], { raw: true });
  return rt;
}

function ok<T>(rt: Runtime, fn: string, ...args: unknown[]): T {
  const ex = rt.run(fn, args);
  if (ex.error) throw new Error(ex.error.text);
  return ex.result as T;
}

type RoleInfo = { column: string; role: string; detected: string; fixed?: boolean; reason?: string };
const roleMap = (roles: RoleInfo[]) => Object.fromEntries(roles.map((r) => [r.column, r.role]));

function runToEnd(rt: Runtime, options: object): void {
  let p = ok<{ done: boolean; runId: string; error?: string }>(rt, 'startRun', [options][0]);
  for (let i = 0; !p.done && i < 20; i++) p = ok(rt, 'continueRun', p.runId);
  expect(p.error).toBeUndefined();
  expect(p.done).toBe(true);
}

const FLAG = { mode: 'flag', region: 'US', inPlace: true, k: 'auto', steps: ['clean'] };

describe('roles from typed values in the add-on', () => {
  test('the sidebar shows the hand-checked mapping of a typed Shopify-shaped sheet', () => {
    const rt = customerRuntime();
    const state = ok<{ roles: RoleInfo[] }>(rt, 'getSidebarState');
    expect(roleMap(state.roles)).toEqual({
      'Customer ID': 'id', 'First Name': 'first_name', 'Last Name': 'last_name', Email: 'email', 'Accepts Email Marketing': 'consent',
      'Default Address City': 'city', 'Default Address Province Code': 'state_code', 'Default Address Country Code': 'country_code',
      'Default Address Zip': 'postcode', Phone: 'phone', 'Total Spent': 'money', 'Total Orders': 'count', Note: 'text',
      'Tax Exempt': 'boolean', Tags: 'tags', 'Date of Birth': 'birth_date', Joined: 'date', 'Last Order': 'date', 'Signed Up': 'date',
    });
    expect(state.roles.find((r) => r.column === 'Default Address Country Code')!.reason).toBe('header "Default Address Country Code" means country code');
  });

  test('a run keeps codes, ids, zips and booleans exactly, reads yyyymmdd birth dates, and each date column one way', () => {
    const rt = customerRuntime();
    runToEnd(rt, FLAG);
    const after = rt.sheetValues(SHEET);
    const col = (h: string) => after.slice(1).map((r) => r[after[0].indexOf(h)]);
    const before = (h: string) => ROWS.map((r) => r[HEADER.indexOf(h)]);
    for (const h of ['Customer ID', 'Default Address Province Code', 'Default Address Country Code', 'Default Address Zip', 'Tax Exempt', 'Tags', 'Accepts Email Marketing', 'Signed Up']) {
      expect(col(h)).toEqual(before(h));
    }
    const day = (v: unknown) => (v instanceof Date ? `${v.getFullYear()}-${v.getMonth() + 1}-${v.getDate()}` : v);
    expect(col('Date of Birth').map(day)).toEqual(['1988-3-14', '1979-1-1', '1979-11-2', '1965-7-6', '1992-7-30', '1985-5-20']);
    expect(col('Joined').map(day)).toEqual(['2021-4-3', '2021-4-25', '2020-2-1', '2019-11-12', '2022-2-28', '2023-8-19']); // day-first
    expect(col('Last Order').map(day)).toEqual(['2021-3-4', '2021-4-25', '2020-1-2', '2019-11-12', '2022-2-28', '2023-8-19']); // month-first
  });
});

describe('a role fix is remembered per sheet', () => {
  test('setColumnRole remembers, a later execution and a later run use it, null forgets it', () => {
    const rt = customerRuntime();
    const fixed = ok<RoleInfo[]>(rt, 'setColumnRole', 'Joined', 'text');
    expect(fixed.find((r) => r.column === 'Joined')).toMatchObject({ role: 'text', detected: 'date', fixed: true, reason: 'set by you earlier on this sheet' });
    expect(rt.properties.document.data.get('cdm.roleFixes')).toContain('"Joined":"text"');

    const state = ok<{ roles: RoleInfo[] }>(rt, 'getSidebarState');
    expect(state.roles.find((r) => r.column === 'Joined')).toMatchObject({ role: 'text', fixed: true });

    runToEnd(rt, FLAG); // started without roles: the remembered fix still applies
    const after = rt.sheetValues(SHEET);
    const joined = after.slice(1).map((r) => r[after[0].indexOf('Joined')]);
    expect(joined).toEqual(ROWS.map((r) => r[HEADER.indexOf('Joined')])); // text stays text
    const lastOrder = after.slice(1).map((r) => r[after[0].indexOf('Last Order')]);
    expect(lastOrder.every((v) => v instanceof Date)).toBe(true); // other columns as detected

    const forgot = ok<RoleInfo[]>(rt, 'setColumnRole', 'Joined', null);
    expect(forgot.find((r) => r.column === 'Joined')).toMatchObject({ role: 'date', fixed: false });
  });

  test('roles chosen for a run are remembered for the next one', () => {
    const rt = customerRuntime();
    runToEnd(rt, { ...FLAG, roles: { Note: 'tags' } });
    const state = ok<{ roles: RoleInfo[] }>(rt, 'getSidebarState');
    expect(state.roles.find((r) => r.column === 'Note')).toMatchObject({ role: 'tags', detected: 'text', fixed: true });
  });

  test('bad arguments are refused in plain words and change nothing', () => {
    const rt = customerRuntime();
    expect(rt.run('setColumnRole', ['Joined', 'sparkle']).error?.message).toBe('“sparkle” is not a column role CDM knows.');
    expect(rt.run('setColumnRole', ['No Such Column', 'text']).error?.message).toBe('The sheet “Customers” has no column “No Such Column”.');
    expect(rt.run('setColumnRole', [42, 'text']).error?.message).toBe('Choose a column by its header to set its role.');
    expect(rt.properties.document.data.get('cdm.roleFixes')).toBeUndefined();
  });
});

describe('the formulas use the remembered fixes', () => {
  test('=CDM_MATCH with a header row reads a fixed column with its fixed role', () => {
    const rt = newRuntime();
    rt.fillSheet('Data', [['Customer', 'Ref'], ['Ann Lee', '94103'], ['Ann Lee', '10001']], { raw: true });
    const score = () => {
      const ex = rt.customFunction('CDM_MATCH', rt.rangeArg('Data!A2:B2'), rt.rangeArg('Data!A3:B3'), rt.rangeArg('Data!A1:B1'));
      if (ex.error) throw new Error(ex.error.text);
      return (ex.result as number[][])[0][0];
    };
    const detected = score(); // "Ref" reads as an id: two different ids of two rows are row keys, left out
    ok(rt, 'setColumnRole', 'Ref', 'postcode');
    const fixed = score(); // now two different postcodes: evidence against a match
    expect(fixed).toBeLessThan(detected);
    ok(rt, 'setColumnRole', 'Ref', null);
    expect(score()).toBe(detected);
  });
});
