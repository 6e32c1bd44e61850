import { normalisePhone, regionFromCountry, regionFromLocale } from '../../../src/core/normalize/phone';

// Expected E.164 forms are written by hand from the numbering plans (NANP +1, UK +44 with the
// trunk 0 dropped, China +86, Germany +49), not produced by the code under test.
describe('normalisePhone', () => {
  test.each<[string, string | undefined, string]>([
    ['(415) 555-0132', 'US', '+14155550132'],
    ['+1 415 555 0132', 'US', '+14155550132'],
    ['+1 415 555 0132', undefined, '+14155550132'],
    ['+1 415 555 0132', 'GB', '+14155550132'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['+86 138 0013 8000', 'US', '+8613800138000'],
    ['0049 30 901820', 'DE', '+4930901820'],
    ['0049 30 901820', 'US', '+4930901820'],
    ['Tel: 415-555-0132', 'US', '+14155550132'],
    ['138 0013 8000', 'CN', '+8613800138000'],
  ])('%s (region %s) -> %s', (input, region, e164) => {
    const r = normalisePhone(input, region);
    expect(r.valid).toBe(true);
    expect(r.e164).toBe(e164);
    expect(r.display).toBe(e164);
  });

  test('extensions are kept', () => {
    const r = normalisePhone('415.555.0132 x12', 'US');
    expect(r).toMatchObject({ e164: '+14155550132', extension: '12', valid: true, display: '+14155550132 ext. 12' });
  });

  test('too short: flagged with a reason and left as typed', () => {
    const r = normalisePhone('555-0132', 'US');
    expect(r.valid).toBe(false);
    expect(r.e164).toBeNull();
    expect(r.display).toBe('555-0132');
    expect(r.reason).toMatch(/too short/);
  });

  test('not a phone at all', () => {
    for (const v of ['N/A', 'call me', '']) {
      const r = normalisePhone(v, 'US');
      expect(r.valid).toBe(false);
      expect(r.display).toBe(v);
    }
  });

  test('a national number with no region cannot be placed', () => {
    const r = normalisePhone('(415) 555-0132');
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(/country/);
  });

  test('right length but impossible digits is not valid (max metadata checks number ranges)', () => {
    // NANP area codes never start with 1, so +1 123 ... has the right length and is still wrong.
    const r = normalisePhone('+1 123 456 7890', 'US');
    expect(r.valid).toBe(false);
  });

  test('results are cached per (value, region) and region matters', () => {
    const a = normalisePhone('020 7946 0958', 'GB');
    expect(normalisePhone('020 7946 0958', 'GB')).toBe(a);
    expect(normalisePhone('020 7946 0958', 'US').valid).toBe(false);
  });
});

describe('regions', () => {
  test.each([
    ['United States', 'US'], ['USA', 'US'], ['u.s.a.', 'US'], ['中国', 'CN'], ['UK', 'GB'], ['Deutschland', 'DE'],
    ['germany', 'DE'], ['  France ', 'FR'], ['de', 'DE'], ['AU', 'AU'], ['美国', 'US'], ['Hong Kong', 'HK'],
  ])('country %s -> %s', (country, region) => {
    expect(regionFromCountry(country)).toBe(region);
  });
  test('unknown country', () => {
    expect(regionFromCountry('Atlantis')).toBeUndefined();
    expect(regionFromCountry('')).toBeUndefined();
  });
  test.each([['en_US', 'US'], ['zh_CN', 'CN'], ['en-GB', 'GB'], ['zh_Hans_CN', 'CN'], ['de', 'DE'], ['ja', 'JP']])('locale %s -> %s', (locale, region) => {
    expect(regionFromLocale(locale)).toBe(region);
  });
  test('language-only English locale has no single country', () => {
    expect(regionFromLocale('en')).toBeUndefined();
  });
});
