import { inferDateOrder, parseDate } from '../../../src/core/normalize/date';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (s: string) => `${s}T00:00:00.000Z`;

describe('parseDate', () => {
  test.each<[string, 'DMY' | 'MDY' | null, string]>([
    ['2021-04-03', null, '2021-04-03'],
    ['2021/4/3', null, '2021-04-03'],
    ['April 3, 2021', null, '2021-04-03'],
    ['3 Apr 2021', null, '2021-04-03'],
    ['3-Apr-2021', null, '2021-04-03'],
    ['Saturday, 3rd of April 2021', null, '2021-04-03'],
    ['03/04/2021', 'DMY', '2021-04-03'],
    ['03/04/2021', 'MDY', '2021-03-04'],
    ['25/04/2021', null, '2021-04-25'],
    ['04/25/2021', null, '2021-04-25'],
    ['25.04.21', 'DMY', '2021-04-25'],
    ['19081209', null, '1908-12-09'],
    ['2021年4月3日', null, '2021-04-03'],
    ['2021-04-03T10:22:00Z', null, '2021-04-03'],
    ['3/3/2021', null, '2021-03-03'],
  ])('%s (%s) -> %s', (input, order, expected) => {
    expect(iso(parseDate(input, order))).toBe(day(expected));
  });

  test('ambiguous without an order is not guessed', () => {
    expect(parseDate('03/04/2021', null)).toBeNull();
  });

  test.each(['', 'soon', '31/04/2021', '2021-02-29', '13/13/2021', '19560231', 'April 2021'])('%p is not a date', (v) => {
    expect(parseDate(v, 'DMY')).toBeNull();
  });

  test('Date objects pass through as the same calendar day', () => {
    const d = new Date(Date.UTC(2020, 1, 29));
    expect(iso(parseDate(d, null))).toBe(day('2020-02-29'));
    expect(parseDate(d, null)).not.toBe(d);
    const local = new Date(2020, 1, 29, 0, 0, 0);
    expect(iso(parseDate(local, null))).toBe(day('2020-02-29'));
  });

  test('numbers: yyyymmdd and Sheets serial days (44289 is 2021-04-03 in Sheets)', () => {
    expect(iso(parseDate(20210403, null))).toBe(day('2021-04-03'));
    expect(iso(parseDate(44289, null))).toBe(day('2021-04-03'));
  });
});

describe('inferDateOrder', () => {
  test('a single day-first date settles the column', () => {
    const r = inferDateOrder(['03/04/2021', '05/06/2021', '25/04/2021', '']);
    expect(r.order).toBe('DMY');
    expect(r.ambiguous).toBe(false);
    expect(r.evidence).toContain('25/04/2021');
  });
  test('month-first evidence', () => {
    expect(inferDateOrder(['03/04/2021', '04/25/2021']).order).toBe('MDY');
  });
  test('only ambiguous dates: no order, ambiguous', () => {
    const r = inferDateOrder(['03/04/2021', '05/06/2021']);
    expect(r).toMatchObject({ order: null, ambiguous: true });
  });
  test('a column that contradicts itself is ambiguous', () => {
    const r = inferDateOrder(['25/04/2021', '26/04/2021', '04/27/2021']);
    expect(r).toMatchObject({ order: 'DMY', ambiguous: true });
    expect(r.evidence).toMatch(/mixed/);
  });
  test('ISO dates are year-first', () => {
    expect(inferDateOrder(['2021-04-03', '2020-01-01'])).toMatchObject({ order: 'YMD', ambiguous: false });
  });
});

describe('inferDateOrder on compact dates', () => {
  test('FEBRL-style yyyymmdd counts as year-first evidence', () => {
    expect(inferDateOrder(['19081209', '19990219'])).toMatchObject({ order: 'YMD', ambiguous: false, evidence: '2 date(s) written year first' });
  });
});
