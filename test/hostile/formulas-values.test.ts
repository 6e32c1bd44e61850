/**
 * Hostile values inside the ranges given to the =CDM_* formulas, through dist/Code.js as Sheets
 * runs them: error values (#N/A, #DIV/0!, #REF!), typos in numbers, huge ranges and cells, and
 * inputs that change from one calculation to the next. Expected values are worked out by hand
 * beside each case; every case checks that the spreadsheet is exactly as before.
 */
import { evaluate, runtimeWith } from './formulas-setup';

const LINE = [
  ['x', 'y'],
  [1, 3], [2, 5], [3, 7], [4, 9], [5, 11], [6, 13],
];

describe('errors inside ranges', () => {
  test('hostile: errors inside ranges: #N/A in known_y stops CDM_PREDICT and names the cell', () => {
    const rows = LINE.map((r) => r.slice());
    rows[4][1] = '#N/A'; // B5, as a failed lookup leaves it
    const rt = runtimeWith({ Data: rows });
    const e = evaluate(rt, 'Data!D2', '=CDM_PREDICT(B2:B7, A2:A7, 10)', rt.rangeArg('Data!B2:B7'), rt.rangeArg('Data!A2:A7'), 10);
    expect(e.error).toBe('known_y: B5 holds #N/A; fix that cell or leave it blank');
    expect(e.unchanged).toBe(true);
  });

  test('hostile: errors inside ranges: #DIV/0! in a CDM_CLUSTER range on another sheet names that sheet\'s cell', () => {
    const rt = runtimeWith({ 'Last year': [['Income', 'Spend'], [20, 10], [22, 12], [21, '#DIV/0!'], [80, 90], [82, 88]], Report: [['']] });
    const e = evaluate(rt, 'Report!A1', "=CDM_CLUSTER('Last year'!A1:B6, 2)", rt.rangeArg("'Last year'!A1:B6"), 2);
    // The range starts at A1: its 4th row, 2nd column is B4.
    expect(e.error).toBe("range: 'Last year'!B4 holds #DIV/0!; fix that cell or leave it blank");
    expect(e.unchanged).toBe(true);
  });

  test('hostile: errors inside ranges: a calculated argument cannot be named, so the position is given', () => {
    const rows = LINE.map((r) => r.slice());
    rows[3][1] = '#REF!';
    const rt = runtimeWith({ Data: rows });
    const e = evaluate(rt, 'Data!D2', '=CDM_PREDICT(FILTER(B2:B7, A2:A7>0), A2:A7, 10)', rt.rangeArg('Data!B2:B7'), rt.rangeArg('Data!A2:A7'), 10);
    expect(e.error).toBe('known_y: row 3 of known_y holds #REF!; fix that cell or leave it blank');
    expect(e.unchanged).toBe(true);
  });

  test('hostile: errors inside ranges: a typo in a number (1O0 with a letter O) is named, a header row is not', () => {
    const rows = LINE.map((r) => r.slice());
    rows[6][1] = '1O0';
    const rt = runtimeWith({ Data: rows });
    const e = evaluate(rt, 'Data!D2', '=CDM_PREDICT(B1:B7, A1:A7, 10)', rt.rangeArg('Data!B1:B7'), rt.rangeArg('Data!A1:A7'), 10);
    expect(e.error).toBe('known_y: B7 holds "1O0", which is not a number; type a number or leave it blank');
    expect(e.unchanged).toBe(true);
  });

  test('hostile: errors inside ranges: CDM_PHONE and CDM_EMAIL pass an error value through and clean the rest', () => {
    const rt = runtimeWith({ Data: [['Phone', 'Email'], ['(415) 555-0132', ' Ann@Example.COM'], ['#REF!', '#N/A'], ['415.555.0199', 'not an email']] });
    const phones = evaluate(rt, 'Data!C2', '=CDM_PHONE(A2:A4, "US")', rt.rangeArg('Data!A2:A4'), 'US');
    // +1 and the ten digits; the error cell stays where it was.
    expect(phones.result).toEqual([['+14155550132'], ['#REF!'], ['+14155550199']]);
    const emails = evaluate(rt, 'Data!D2', '=CDM_EMAIL(B2:B4)', rt.rangeArg('Data!B2:B4'));
    expect(emails.result).toEqual([['ann@example.com'], ['#N/A'], ['not an e-mail address']]);
    expect(phones.unchanged && emails.unchanged).toBe(true);
  });

  test('hostile: errors inside ranges: a locale that separates arguments with ";" still names the cell', () => {
    const rows = LINE.map((r) => r.slice());
    rows[2][0] = '#VALUE!'; // A3
    const rt = runtimeWith({ Data: rows }, { locale: 'de_DE' });
    const e = evaluate(rt, 'Data!D2', '=CDM_PREDICT(B2:B7; A2:A7; 10,5)', rt.rangeArg('Data!B2:B7'), rt.rangeArg('Data!A2:A7'), 10.5);
    expect(e.error).toBe('known_x: A3 holds #VALUE!; fix that cell or leave it blank');
    expect(e.unchanged).toBe(true);
  });
});

describe('huge ranges', () => {
  test('hostile: huge ranges: CDM_CLUSTER on 20 000 rows of two far-apart groups finds exactly those groups', () => {
    // Rows alternate between a group near (10, 10) and one near (1000, 1000): with k = 2 every
    // row of the first group must get one segment and every row of the second the other.
    const rows: number[][] = [['Income', 'Spend'] as unknown as number[]];
    for (let i = 0; i < 20000; i++) rows.push(i % 2 === 0 ? [10 + (i % 7), 10 + (i % 5)] : [1000 + (i % 7), 1000 + (i % 5)]);
    const rt = runtimeWith({ Data: rows });
    const e = evaluate(rt, 'Data!D1', '=CDM_CLUSTER(A1:B20001, 2)', rt.rangeArg('Data!A1:B20001'), 2);
    expect(e.error).toBeUndefined();
    const out = (e.result as number[][]).map((r) => r[0]);
    expect(out[0]).toBe(''); // the header row
    // Segments are numbered in centroid order: the low group is 1, the high group 2.
    expect(out.slice(1).every((v, i) => v === (i % 2 === 0 ? 1 : 2))).toBe(true);
    expect(e.unchanged).toBe(true);
  });

  test('hostile: huge ranges: a 60 000-character cell in CDM_EMAIL and CDM_PHONE is answered, not hung on', () => {
    const email = `a@${'.'.repeat(60000)} x`;
    const phone = `+1 ${'5'.repeat(30000)}${' '.repeat(30000)}x`;
    const rt = runtimeWith({ Data: [['Email', 'Phone'], [email, phone]] });
    const e = evaluate(rt, 'Data!C2', '=CDM_EMAIL(A2)', rt.rangeArg('Data!A2'));
    expect(e.result).toBe('not an e-mail address');
    const p = evaluate(rt, 'Data!D2', '=CDM_PHONE(B2, "US")', rt.rangeArg('Data!B2'), 'US');
    expect(p.result).toBe('not a valid phone number');
    const key = evaluate(rt, 'Data!E2', '=CDM_DEDUPE_KEY(A2:B2)', rt.rangeArg('Data!A2:B2'));
    // The e-mail match key is the address itself, lower-cased, whatever its length.
    expect(key.result).toEqual([[email.toLowerCase()]]);
    expect(e.unchanged && p.unchanged && key.unchanged).toBe(true);
  });

  test('hostile: huge ranges: CDM_STATS over 200 columns gives one column of figures each', () => {
    // Column j holds j, j + 1, j + 2: count 3, mean j + 1, min j, max j + 2.
    const header = Array.from({ length: 200 }, (_, j) => `c${j}`);
    const rows = [header, ...[0, 1, 2].map((d) => header.map((_, j) => j + d))];
    const rt = runtimeWith({ Data: rows });
    const e = evaluate(rt, 'Data!A10', '=CDM_STATS(A1:GR4)', rt.rangeArg('Data!A1:GR4'));
    const out = e.result as unknown[][];
    expect(out[0]).toEqual(['', ...header]);
    const row = (label: string) => out.find((r) => r[0] === label)!.slice(1);
    expect(row('count')).toEqual(header.map(() => 3));
    expect(row('mean')).toEqual(header.map((_, j) => j + 1));
    expect(row('min')).toEqual(header.map((_, j) => j));
    expect(row('max')).toEqual(header.map((_, j) => j + 2));
    expect(e.unchanged).toBe(true);
  });
});

describe('non-deterministic inputs', () => {
  const LAST = new Date(Date.UTC(2025, 0, 1));
  const FIRST = new Date(Date.UTC(2024, 0, 1));
  const SHEET = { Data: [['Last', 'Orders', 'First'], [LAST, 5, FIRST]] };

  test('hostile: non-deterministic inputs: CDM_CHURN without as_of moves with the day; with as_of it stays', () => {
    // First 2024-01-01, last 2025-01-01 (366 days), 5 orders: every 91.5 days.
    // On 2025-06-30: 180 days since (91.5 < 180 <= 183): medium. On 2025-07-20: 200 days: high.
    const june = runtimeWith(SHEET, { now: Date.UTC(2025, 5, 30, 9) });
    const july = runtimeWith(SHEET, { now: Date.UTC(2025, 6, 20, 9) });
    const args = (rt: ReturnType<typeof runtimeWith>) => [rt.rangeArg('Data!A2'), rt.rangeArg('Data!B2'), rt.rangeArg('Data!C2')];
    expect(evaluate(june, 'Data!E2', '=CDM_CHURN(A2, B2, C2)', ...args(june)).result).toBe('medium: 180 days since last purchase, usually buys every 92 days');
    expect(String(evaluate(july, 'Data!E2', '=CDM_CHURN(A2, B2, C2)', ...args(july)).result)).toMatch(/^high: 200 days since last purchase/);
    // A fixed as_of gives the same answer on both days.
    const asOf = new Date(Date.UTC(2025, 5, 30));
    const a = evaluate(june, 'Data!E2', '=CDM_CHURN(A2, B2, C2, DATE(2025,6,30))', ...args(june), asOf);
    const b = evaluate(july, 'Data!E2', '=CDM_CHURN(A2, B2, C2, DATE(2025,6,30))', ...args(july), asOf);
    expect(a.result).toBe('medium: 180 days since last purchase, usually buys every 92 days');
    expect(b.result).toBe(a.result);
    expect(a.unchanged && b.unchanged).toBe(true);
  });

  test('hostile: non-deterministic inputs: the same customers in another row order get the same segments', () => {
    // Two clear groups; the formula is seeded, and its segments follow the data, not the order.
    const rows = [[20, 10], [22, 12], [21, 11], [80, 90], [82, 88], [79, 91], [23, 9], [81, 89]];
    const reversed = rows.slice().reverse();
    const rt = runtimeWith({ Data: rows, Reversed: reversed });
    const a = evaluate(rt, 'Data!D1', '=CDM_CLUSTER(A1:B8)', rt.rangeArg('Data!A1:B8'));
    const b = evaluate(rt, 'Reversed!D1', '=CDM_CLUSTER(A1:B8)', rt.rangeArg('Reversed!A1:B8'));
    // Low-income rows are segment 1, high-income rows segment 2, in either order.
    expect((a.result as number[][]).map((r) => r[0])).toEqual([1, 1, 1, 2, 2, 2, 1, 2]);
    expect((b.result as number[][]).map((r) => r[0])).toEqual([2, 1, 2, 2, 2, 1, 1, 1]);
    expect(a.unchanged && b.unchanged).toBe(true);
  });

  test('hostile: non-deterministic inputs: two calculations of CDM_MATCH give the same score, either way round', () => {
    const rt = runtimeWith({ Data: [['Robert Smith', 'Bob Smith']] });
    const ab = evaluate(rt, 'Data!C1', '=CDM_MATCH(A1, B1)', 'Robert Smith', 'Bob Smith');
    const again = evaluate(rt, 'Data!C1', '=CDM_MATCH(A1, B1)', 'Robert Smith', 'Bob Smith');
    const ba = evaluate(rt, 'Data!C1', '=CDM_MATCH(B1, A1)', 'Bob Smith', 'Robert Smith');
    // Prior weights (no table to learn from): first name a nickname, log2(0.03/0.001) = 4.907;
    // surname exact, log2(0.85/0.005) = 7.409 (a value both rows share adds no frequency
    // weight); prior log2(0.01/0.99) = -6.629. 1 / (1 + 2^-5.687) = 0.981.
    expect(ab.result).toBe(0.981);
    expect(again.result).toBe(ab.result);
    expect(ba.result).toBe(ab.result);
    expect(ab.unchanged && again.unchanged && ba.unchanged).toBe(true);
  });
});
