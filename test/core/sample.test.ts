import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { generateSample, SAMPLE_HEADER } from '../../src/core/sample';
import { COUNTRIES } from '../../src/core/sample-data';
import type { Cell } from '../../src/core/table';

const col = (name: string): number => SAMPLE_HEADER.indexOf(name);
const text = (c: Cell): string => String(c);

describe('generateSample', () => {
  const sample = generateSample({ rows: 3000, seed: 42 });
  const rows = sample.table.rows;

  test('is deterministic for a seed and different across seeds', () => {
    const again = generateSample({ rows: 3000, seed: 42 });
    expect(again.table).toEqual(sample.table);
    expect(again.truth).toEqual(sample.truth);
    const other = generateSample({ rows: 3000, seed: 43 });
    const same = other.table.rows.filter((r, i) => JSON.stringify(r) === JSON.stringify(rows[i])).length;
    expect(same).toBeLessThan(10);
  });

  test('has the requested shape and one truth id per row', () => {
    expect(sample.table.header).toEqual(SAMPLE_HEADER);
    expect(rows).toHaveLength(3000);
    expect(sample.truth).toHaveLength(3000);
    for (const r of rows) expect(r).toHaveLength(SAMPLE_HEADER.length);
    expect(generateSample({ rows: 0 }).table.rows).toHaveLength(0);
    expect(generateSample({ rows: 1 }).table.rows).toHaveLength(1);
  });

  test('plants duplicate groups of 2-3 covering about the requested share of rows', () => {
    const sizes = new Map<string, number>();
    for (const id of sample.truth) sizes.set(id, (sizes.get(id) ?? 0) + 1);
    const inGroups = [...sizes.values()].filter((n) => n > 1).reduce((a, b) => a + b, 0);
    expect(inGroups / rows.length).toBeGreaterThan(0.12);
    expect(inGroups / rows.length).toBeLessThan(0.18);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(3);
    const none = generateSample({ rows: 500, seed: 1, duplicateRate: 0 });
    expect(new Set(none.truth).size).toBe(500);
  });

  test('duplicates stay recognisable: each keeps the e-mail or the phone digits of another row of its group', () => {
    const byId = new Map<string, number[]>();
    sample.truth.forEach((id, i) => byId.set(id, [...(byId.get(id) ?? []), i]));
    const digits = (c: Cell) => text(c).replace(/\D/g, '').slice(-8);
    const mail = (c: Cell) => text(c).trim().toLowerCase().replace(/\+[^@]*/, '').replace(/\./g, '');
    let linked = 0;
    let groups = 0;
    for (const members of byId.values()) {
      if (members.length < 2) continue;
      groups++;
      const [a, b] = members;
      const sharePhone = digits(rows[a][col('Phone')]).length >= 7 && digits(rows[a][col('Phone')]) === digits(rows[b][col('Phone')]);
      const shareMail = text(rows[a][col('Email')]).includes('@') && mail(rows[a][col('Email')]) === mail(rows[b][col('Email')]);
      if (sharePhone || shareMail) linked++;
    }
    expect(groups).toBeGreaterThan(150);
    expect(linked / groups).toBeGreaterThan(0.85);
  });

  test('contains every kind of dirt a real sheet has', () => {
    const all = (name: string) => rows.map((r) => r[col(name)]);
    const has = (name: string, re: RegExp) => all(name).some((c) => re.test(text(c)));
    // Names: "SMITH, Robert", all lower case, Chinese, Spanish, Irish, Dutch, Mc.
    expect(has('Name', /^[A-Z' ]+, [A-Z][a-z]/)).toBe(true);
    expect(has('Name', /^[a-z]+ [a-z]+$/)).toBe(true);
    expect(has('Name', /^[\u4e00-\u9fff]{2,4}$/)).toBe(true);
    expect(has('Name', /[áéíóúñ]/)).toBe(true);
    expect(has('Name', /O'[A-Z]/)).toBe(true);
    expect(has('Name', /van der|van Dijk|de Vries/)).toBe(true);
    expect(has('Name', /Mc[A-Z]/)).toBe(true);
    expect(has('Name', /^\s|\s{2}|\s$/)).toBe(true);
    // Phones in mixed formats, with extensions.
    expect(has('Phone', /^\(\d{3}\) \d{3}-\d{4}$/)).toBe(true);
    expect(has('Phone', /^\+1 \d{3} \d{3} \d{4}$/)).toBe(true);
    expect(has('Phone', /^\d{3}\.\d{3}\.\d{4}$/)).toBe(true);
    expect(has('Phone', /^0049 /)).toBe(true);
    expect(has('Phone', /^\+86 1\d\d /)).toBe(true);
    expect(has('Phone', /(x|ext\.?) ?\d+$/)).toBe(true);
    // E-mails with case changes and Gmail +tags; countries spelled several ways.
    expect(has('Email', /[A-Z]/)).toBe(true);
    expect(has('Email', /\+\w+@gmail\.com/)).toBe(true);
    for (const c of ['USA', 'United States', 'US', 'UK', 'Deutschland', '中国']) expect(all('Country')).toContain(c);
    // Money as strings and numbers, European format too; dates in mixed formats.
    expect(has('Total Spend', /^\$\d{1,3}(,\d{3})*\.\d\d$/)).toBe(true);
    expect(has('Total Spend', /^\d{1,3}(\.\d{3})*,\d\d €$/)).toBe(true);
    expect(all('Total Spend').some((c) => typeof c === 'number')).toBe(true);
    expect(has('Signup Date', /^\d\d\/\d\d\/\d{4}$/)).toBe(true);
    expect(has('Signup Date', /^\d{4}-\d\d-\d\d$/)).toBe(true);
    // Day > 12 somewhere, so month-first order can be inferred from evidence.
    expect(has('Signup Date', /^\d\d\/(1[3-9]|2\d|3[01])\/\d{4}$/)).toBe(true);
    // Missing values written four ways.
    for (const placeholder of ['', 'N/A', '-', 'unknown']) expect(all('Email')).toContain(placeholder);
    // Formula-looking notes, which must never be written back as formulas.
    for (const note of ['=SUM(A1)', '+1 call back', '-discount', '@vip']) expect(all('Notes')).toContain(note);
    // An income outlier for the analysis to flag.
    expect(all('Income').some((c) => c === 666666 || c === 9999999)).toBe(true);
  });

  test('different customers never share a mailbox (Gmail ignores dots and +tags)', () => {
    const owner = new Map<string, string>();
    const clash: string[] = [];
    rows.forEach((r, i) => {
      const e = text(r[col('Email')]).trim().toLowerCase();
      if (!e.includes('@')) return;
      const [local, domain] = e.split('@');
      const box = domain === 'gmail.com' ? `${local.replace(/\+.*/, '').replace(/\./g, '')}@gmail.com` : e;
      const who = owner.get(box);
      if (who && who !== sample.truth[i]) clash.push(box);
      owner.set(box, sample.truth[i]);
    });
    expect(owner.size).toBeGreaterThan(2000);
    expect(clash).toEqual([]);
  });

  test('plants hard negatives: relatives share phone and address but not the first name; common names are different people', () => {
    const key = (r: Cell[]) => `${text(r[col('Phone')]).replace(/\D/g, '').slice(-8)}|${text(r[col('Street')]).slice(0, 6)}`;
    const byKey = new Map<string, Set<string>>();
    rows.forEach((r, i) => {
      if (text(r[col('Phone')]).replace(/\D/g, '').length < 7) return;
      byKey.set(key(r), new Set([...(byKey.get(key(r)) ?? []), sample.truth[i]]));
    });
    const households = [...byKey.values()].filter((ids) => ids.size > 1).length;
    expect(households).toBeGreaterThan(20);
    const smiths = new Set(rows.map((r, i) => (/john smith|smith, john/i.test(text(r[col('Name')])) ? sample.truth[i] : '')).filter(Boolean));
    expect(smiths.size).toBeGreaterThan(3);
  });

  test('every phone is a valid number for its country (libphonenumber-js, max metadata)', () => {
    const region = new Map<string, CountryCode>();
    for (const c of COUNTRIES) for (const s of c.spellings) region.set(s, c.code as CountryCode);
    let checked = 0;
    const bad: string[] = [];
    for (const r of rows) {
      const phone = text(r[col('Phone')]).trim();
      if (!/\d{6}/.test(phone.replace(/\D/g, ''))) continue;
      const country = region.get(text(r[col('Country')]));
      const intl = phone.replace(/^00/, '+');
      if (!country && !intl.startsWith('+')) continue;
      const parsed = parsePhoneNumberFromString(intl.replace(/ #(\d+)$/, ' ext. $1'), country);
      checked++;
      if (!parsed || !parsed.isValid()) bad.push(`${phone} (${country})`);
    }
    expect(checked).toBeGreaterThan(2000);
    expect(bad).toEqual([]);
  });

  test('spend follows orders and income, so regression has something to find', () => {
    const num = (c: Cell) => (typeof c === 'number' ? c : NaN);
    const pts = rows
      .map((r) => [num(r[col('Orders')]), num(r[col('Income')]), num(r[col('Total Spend')])])
      .filter((p) => p.every(Number.isFinite) && p[1] < 500000);
    expect(pts.length).toBeGreaterThan(500);
    // Ordinary least squares spend ~ 1 + orders + income by the normal equations (3x3, Cramer's rule).
    const X = pts.map((p) => [1, p[0], p[1] / 1000]);
    const y = pts.map((p) => p[2]);
    const xtx = [0, 1, 2].map((i) => [0, 1, 2].map((j) => X.reduce((s, x) => s + x[i] * x[j], 0)));
    const xty = [0, 1, 2].map((i) => X.reduce((s, x, k) => s + x[i] * y[k], 0));
    const det = (m: number[][]) =>
      m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    const d = det(xtx);
    const beta = [0, 1, 2].map((c) => det(xtx.map((row, i) => row.map((v, j) => (j === c ? xty[i] : v)))) / d);
    const mean = y.reduce((a, b) => a + b) / y.length;
    const ssRes = X.reduce((s, x, k) => s + (y[k] - (beta[0] + beta[1] * x[1] + beta[2] * x[2])) ** 2, 0);
    const ssTot = y.reduce((s, v) => s + (v - mean) ** 2, 0);
    const r2 = 1 - ssRes / ssTot;
    expect(beta[1]).toBeGreaterThan(0);
    expect(beta[2]).toBeGreaterThan(0);
    expect(r2).toBeGreaterThan(0.5);
  });

  test('generates 100k rows with one truth entry per row', () => {
    // Its speed is measured by `npm run bench` (sample section), not asserted here.
    const big = generateSample({ rows: 100000, seed: 9 });
    expect(big.table.rows).toHaveLength(100000);
    expect(big.truth).toHaveLength(100000);
  });
});
