import * as fs from 'fs';
import * as path from 'path';
import { flagsByRow, normaliseTable } from '../../../src/core/normalize';
import { detectRoles } from '../../../src/core/roles';
import { parseCsv } from '../../../src/core/csv';
import type { Cell, Roles, Table } from '../../../src/core/table';

const DATA = path.resolve(__dirname, '../../../data');

const t: Table = {
  header: ['Name', 'Email', 'Phone', 'Country', 'Joined', 'Spend', 'Tier', 'Notes', 'CDM Flags'],
  rows: [
    ['  BOB   SMITH ', '  Bob.Smith+news@GMail.com ', '(415) 555-0132', 'USA', '03/04/2021', '$1,200.50', 'gold', '=HYPERLINK("x")', 'old'],
    ['王小明', 'not-an-email', '+86 138 0013 8000', '中国', '25/04/2021', '1.234,50 €', 'Gold', 'N/A', ''],
    ["o'brien", 'N/A', '020 7946 0958', 'UK', 'April 3, 2021', 'abc', 'Gold', '  two  spaces  ', ''],
    ['McDonald', '', '555-0132', '', new Date(Date.UTC(2020, 0, 2)), 42, 'silver', '+1 call back', ''],
  ],
};
const roles: Roles = { Name: 'name', Email: 'email', Phone: 'phone', Country: 'country', Joined: 'date', Spend: 'money', Tier: 'category', Notes: 'text' };

describe('normaliseTable', () => {
  const result = normaliseTable(t, roles, { region: 'US' });
  const cell = (row: number, column: string): Cell => result.table.rows[row][t.header.indexOf(column)];

  test('input table is not mutated', () => {
    expect(t.rows[0][0]).toBe('  BOB   SMITH ');
  });

  test('cleans each column by its role', () => {
    expect(cell(0, 'Name')).toBe('Bob Smith');
    expect(cell(1, 'Name')).toBe('王小明');
    expect(cell(2, 'Name')).toBe("O'Brien");
    expect(cell(3, 'Name')).toBe('McDonald');
    expect(cell(0, 'Email')).toBe('bob.smith+news@gmail.com');
    expect(cell(2, 'Email')).toBe('');
    expect(cell(0, 'Phone')).toBe('+14155550132');
    expect(cell(1, 'Phone')).toBe('+8613800138000');
    expect(cell(0, 'Spend')).toBe(1200.5);
    expect(cell(1, 'Spend')).toBe(1234.5);
    expect(cell(3, 'Spend')).toBe(42);
    expect(cell(2, 'Tier')).toBe('Gold');
    expect(cell(0, 'Tier')).toBe('Gold');
    expect(cell(3, 'Tier')).toBe('silver');
    expect(cell(1, 'Notes')).toBe('');
    expect(cell(2, 'Notes')).toBe('two spaces');
  });

  test('region per row comes from the country column: a UK number read as British', () => {
    expect(cell(2, 'Phone')).toBe('+442079460958');
  });

  test('dates: column resolved day-first by 25/04/2021; Date objects kept', () => {
    expect(cell(0, 'Joined')).toEqual(new Date(Date.UTC(2021, 3, 3)));
    expect(cell(1, 'Joined')).toEqual(new Date(Date.UTC(2021, 3, 25)));
    expect(cell(2, 'Joined')).toEqual(new Date(Date.UTC(2021, 3, 3)));
    expect(cell(3, 'Joined')).toBe(t.rows[3][4]);
    expect(result.report.dateOrders.Joined).toMatch(/^day\/month\/year/);
  });

  test('formula-looking text is data, never evaluated or changed', () => {
    expect(cell(0, 'Notes')).toBe('=HYPERLINK("x")');
    expect(cell(3, 'Notes')).toBe('+1 call back');
  });

  test('CDM columns are not touched', () => {
    expect(cell(0, 'CDM Flags')).toBe('old');
  });

  test('flags: invalid e-mail, short phone, bad money — kept as typed, old === new', () => {
    const flags = result.changes.filter((c) => c.kind === 'flag');
    expect(flags.map((f) => `${f.row}:${f.column}`).sort()).toEqual(['1:Email', '2:Spend', '3:Phone']);
    for (const f of flags) expect(f.new).toBe(f.old);
    expect(cell(1, 'Email')).toBe('not-an-email');
    expect(cell(3, 'Phone')).toBe('555-0132');
    expect(result.report.flagged).toBe(3);
  });

  test('every change records old, new and a plain-words reason; counts add up', () => {
    const normalised = result.changes.filter((c) => c.kind === 'normalise');
    expect(normalised.length).toBe(result.report.changed);
    for (const c of normalised) {
      expect(c.new).toEqual(result.table.rows[c.row][t.header.indexOf(c.column)]);
      expect(c.old).toBe(t.rows[c.row][t.header.indexOf(c.column)]);
      expect(c.reason).toMatch(/[a-z]/);
    }
    const total = Object.values(result.report.byColumn).reduce((n, b) => n + b.changed, 0);
    expect(total).toBe(result.report.changed);
    expect(result.changes.find((c) => c.column === 'Phone' && c.row === 0)!.reason).toBe('phone written in international format');
  });

  test('flagsByRow joins the reasons per row', () => {
    const flags = flagsByRow(result.changes, t.rows.length);
    expect(flags).toHaveLength(4);
    expect(flags[0]).toBe('');
    expect(flags[1]).toMatch(/not-an-email/);
    expect(flags[3]).toMatch(/555-0132.*too short/);
  });

  test('an undecidable date column flags instead of guessing', () => {
    const r = normaliseTable({ header: ['Date'], rows: [['03/04/2021'], ['05/06/2021'], ['2021-01-02']] }, { Date: 'date' });
    expect(r.table.rows[0][0]).toBe('03/04/2021');
    expect(r.changes.filter((c) => c.kind === 'flag').map((c) => c.row)).toEqual([0, 1]);
    expect(r.changes[0].reason).toMatch(/day\/month or month\/day/);
    expect(r.table.rows[2][0]).toEqual(new Date(Date.UTC(2021, 0, 2)));
  });

  test('running twice changes nothing the second time (idempotent)', () => {
    const again = normaliseTable(result.table, roles, { region: 'US' });
    expect(again.changes.filter((c) => c.kind === 'normalise')).toEqual([]);
  });

  test('FEBRL1: names title-cased, dates of birth read, nothing lost', () => {
    const febrl = parseCsv(fs.readFileSync(path.join(DATA, 'febrl1.csv'), 'utf8'));
    const r = normaliseTable(febrl, detectRoles(febrl).roles);
    const given = febrl.header.indexOf('given_name');
    const dob = febrl.header.indexOf('date_of_birth');
    expect(r.table.rows.length).toBe(febrl.rows.length);
    const row = febrl.rows.findIndex((x) => x[given] === 'lachlan');
    expect(r.table.rows[row][given]).toBe('Lachlan');
    expect(r.table.rows[row][dob]).toEqual(new Date(Date.UTC(1999, 1, 19)));
    const dates = r.table.rows.filter((x) => x[dob] instanceof Date).length;
    const empties = febrl.rows.filter((x) => x[dob] === '').length;
    const flaggedDob = r.changes.filter((c) => c.kind === 'flag' && c.column === 'date_of_birth').length;
    expect(dates + empties + flaggedDob).toBe(febrl.rows.length);
    expect(dates).toBeGreaterThan(900);
  });
});

describe('normaliseTable performance', () => {
  test('100k rows x 15 columns well under the budget', () => {
    const n = 100000;
    const header = ['First', 'Last', 'Email', 'Phone', 'Street', 'City', 'Postcode', 'State', 'Country', 'Joined', 'Spend', 'Orders', 'Tier', 'Notes', 'Id'];
    const firsts = ['john', 'MARY', 'José', 'li', "o'neil", 'ann-marie'];
    const rows: Cell[][] = [];
    for (let i = 0; i < n; i++) {
      rows.push([
        firsts[i % 6], `smith${i % 977}`, ` User${i}@Example.com `, `(415) 555-${String(i % 10000).padStart(4, '0')}`,
        `${i % 300} main street`, 'springfield', String(10000 + (i % 5000)), 'ca', i % 10 ? 'USA' : 'UK',
        `${(i % 28) + 1}/0${(i % 9) + 1}/2020`, `$${i % 1000}.25`, String(i % 13), i % 2 ? 'gold' : 'Gold', i % 5 ? '' : 'N/A', `C${i}`,
      ]);
    }
    const roles: Roles = {
      First: 'first_name', Last: 'last_name', Email: 'email', Phone: 'phone', Street: 'street', City: 'city', Postcode: 'postcode',
      State: 'state', Country: 'country', Joined: 'date', Spend: 'money', Orders: 'count', Tier: 'category', Notes: 'text', Id: 'id',
    };
    // CPU time, not wall time: this machine is shared, and wall time mostly measures the neighbours.
    const cpu0 = process.cpuUsage();
    const start = Date.now();
    const r = normaliseTable({ header, rows }, roles, { region: 'US' });
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    console.log(`normaliseTable 100k x 15: ${cpuMs} ms CPU (${Date.now() - start} ms wall), ${r.report.changed} changed, ${r.report.flagged} flagged`);
    expect(r.table.rows[1][3]).toBe('+14155550001');
    expect(r.table.rows[0][3]).toBe('(415) 555-0000'); // a US number on a row whose country is the UK: flagged, kept
    expect(r.report.flagged).toBe(10000);
  });
});
