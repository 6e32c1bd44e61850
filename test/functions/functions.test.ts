/**
 * The =CDM_* formulas' logic, called as Sheets calls them (a value for one cell, a 2-D array
 * for a range). Expected values are worked out by hand in the comments (E.164 is country code
 * + national number without the trunk 0; statistics by their textbook definitions; pandas'
 * default linear quartiles), so a wrong implementation fails.
 */
import {
  cdmChurn, cdmCluster, cdmDedupeKey, cdmEmail, cdmMatch, cdmPhone, cdmPredict, cdmRfm, cdmSegment, cdmStats,
} from '../../src/core/formulas';
import { formula } from '../../src/gas/functions';

const call = <T>(fn: () => T): T => formula(fn);
const errorOf = (fn: () => unknown): string => {
  try {
    formula(fn);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('CDM_PHONE', () => {
  test('national numbers in the given region become +country code + number', () => {
    // US: +1 and the 10 digits; GB: +44 and the number without its trunk 0; DE likewise.
    expect(call(() => cdmPhone('(415) 555-0132', 'US'))).toBe('+14155550132');
    expect(call(() => cdmPhone('020 7946 0958', 'gb'))).toBe('+442079460958');
    expect(call(() => cdmPhone('030 901820', 'DE'))).toBe('+4930901820');
  });

  test('international numbers ignore the region; the default region applies when none is given', () => {
    expect(call(() => cdmPhone('+86 138 0013 8000', 'US'))).toBe('+8613800138000');
    expect(call(() => cdmPhone('020 7946 0958', undefined, 'GB'))).toBe('+442079460958');
    expect(call(() => cdmPhone(4155550132, '', 'US'))).toBe('+14155550132');
  });

  test('a range keeps its shape; blanks stay blank; a bad value gets a short text', () => {
    const out = call(() => cdmPhone([['(212) 555-2368'], [''], ['555-0132'], ['call me'], ['N/A']], 'US'));
    expect(out).toEqual([['+12125552368'], [''], ['not a valid phone number'], ['not a valid phone number'], ['']]);
  });

  test('a region that is not a country code is a plain error', () => {
    expect(errorOf(() => cdmPhone('020 7946 0958', 'England'))).toBe('region must be a two-letter country code such as US, GB or DE, not "England".');
  });
});

describe('CDM_EMAIL', () => {
  test('trims and lower-cases; flags what is not an address', () => {
    expect(call(() => cdmEmail('  Bob.Smith+news@GMail.com '))).toBe('bob.smith+news@gmail.com');
    expect(call(() => cdmEmail([['ANN@EXAMPLE.ORG', 'not-an-email'], ['', '  ']]))).toEqual([
      ['ann@example.org', 'not an e-mail address'],
      ['', ''],
    ]);
  });
});

describe('CDM_STATS', () => {
  test('numbers: count, missing, mean, median, sample std, quartiles — hand-computed', () => {
    // Values 1,2,3,4 (+ one blank): mean 2.5, median 2.5, sample variance (2.25+0.25+0.25+2.25)/3 = 5/3,
    // linear quartiles at positions 0.75 and 2.25 -> 1.75 and 3.25.
    const out = call(() => cdmStats([['Orders', 'City'], [1, 'Paris'], [2, 'Lyon'], ['', 'Paris'], [3, ''], [4, 'Paris']])) as unknown[][];
    const get = (label: string, col: number): unknown => out.find((r) => r[0] === label)?.[col];
    expect(out[0]).toEqual(['', 'Orders', 'City']);
    expect(get('count', 1)).toBe(4);
    expect(get('missing', 1)).toBe(1);
    expect(get('mean', 1)).toBeCloseTo(2.5, 12);
    expect(get('median', 1)).toBeCloseTo(2.5, 12);
    expect(get('std (sample)', 1)).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(get('min', 1)).toBe(1);
    expect(get('25%', 1)).toBeCloseTo(1.75, 12);
    expect(get('75%', 1)).toBeCloseTo(3.25, 12);
    expect(get('max', 1)).toBe(4);
    // Text column: 4 filled of 5, Paris three times.
    expect(get('count', 2)).toBe(4);
    expect(get('missing', 2)).toBe(1);
    expect(get('mean', 2)).toBe('');
    expect(get('most common', 2)).toBe('Paris (3)');
  });

  test('placeholders such as N/A count as missing, not as text', () => {
    const out = call(() => cdmStats([['Age'], [30], ['N/A'], [40], ['-'], ['unknown']])) as unknown[][];
    expect(out.find((r) => r[0] === 'count')?.[1]).toBe(2);
    expect(out.find((r) => r[0] === 'missing')?.[1]).toBe(3);
    expect(out.find((r) => r[0] === 'mean')?.[1]).toBe(35);
  });

  test('without a header row the columns are numbered', () => {
    const out = call(() => cdmStats([[10], [20]])) as unknown[][];
    expect(out[0]).toEqual(['', 'Column 1']);
    expect(out.find((r) => r[0] === 'mean')?.[1]).toBe(15);
  });
});

describe('CDM_PREDICT', () => {
  test('an exact line is recovered: y = 2x + 1', () => {
    const x = [[1], [2], [3], [4], [5], ['']];
    const y = [[3], [5], [7], [9], [11], [99]]; // the row with a blank x is left out of the fit
    // TREND's order: known_y, known_x, new_x (the old x-first order was the bug).
    expect(call(() => cdmPredict(y, x, 10)) as number).toBeCloseTo(21, 9);
    expect(call(() => cdmPredict(y, x, [[0], [''], [2.5]]))).toEqual([[expect.closeTo(1, 9)], [''], [expect.closeTo(6, 9)]]);
  });

  test('two inputs: y = 1 + 2a + 3b, and rows laid out across', () => {
    const known = [[1, 0], [0, 1], [1, 1], [2, 1], [3, 5], [4, 2]];
    const y = known.map(([a, b]) => [1 + 2 * a + 3 * b]);
    const [[p]] = call(() => cdmPredict(y, known, [[10, 10]])) as number[][];
    expect(p).toBeCloseTo(51, 9);
    // Across: known_y one row, known_x one row per input.
    const across = call(() => cdmPredict([[2, 4, 6, 8, 10]], [[1, 2, 3, 4, 5]], [[6, 7]])) as number[][];
    expect(across[0][0]).toBeCloseTo(12, 9);
    expect(across[0][1]).toBeCloseTo(14, 9);
  });

  test('mismatched sizes and too little data are plain errors', () => {
    expect(errorOf(() => cdmPredict([[1], [2], [3]], [[1], [2]], 4))).toBe('known_x must have one row per value of known_y');
    expect(errorOf(() => cdmPredict([[1], [2]], [[1], [2]], 4))).toBe('need at least 5 complete rows of known_y and known_x');
  });
});

describe('CDM_CLUSTER and CDM_SEGMENT', () => {
  // Two obvious groups: low income / low spend, and high income / high spend.
  const data: Array<Array<string | number>> = [
    ['Income', 'Spend'],
    [20, 10], [22, 12], [21, 11], ['', 5], [80, 90], [82, 88], [79, 91], ['n/a', 'x'],
  ];

  test('groups are found; numbers follow the centroid order; blanks and text rows are blank', () => {
    const out = call(() => cdmCluster(data, 2));
    expect(out).toEqual([[''], [1], [1], [1], [''], [2], [2], [2], ['']]);
  });

  test('segment names describe the profile', () => {
    const out = call(() => cdmSegment(data, 2)) as string[][];
    expect(out[1][0]).toBe('Low income · low spend');
    expect(out[5][0]).toBe('High income · high spend');
    expect(out[0][0]).toBe('');
  });

  test('k chosen automatically finds the two groups; results are deterministic', () => {
    const a = call(() => cdmCluster(data));
    const b = call(() => cdmCluster(data, 'auto'));
    expect(a).toEqual(b);
    expect(a).toEqual([[''], [1], [1], [1], [''], [2], [2], [2], ['']]);
  });

  test('bad k or too few rows: short messages', () => {
    expect(errorOf(() => cdmCluster(data, 11))).toBe('k must be auto or a whole number from 2 to 10, not "11".');
    expect(errorOf(() => cdmCluster(data, 1.5))).toBe('k must be auto or a whole number from 2 to 10, not "1.5".');
    expect(errorOf(() => cdmCluster(data, 'many'))).toBe('k must be auto or a whole number from 2 to 10, not "many".');
    expect(errorOf(() => cdmCluster([[1], [2]], 2))).toBe('need at least 3 rows of numbers for 2 segments');
  });
});

describe('CDM_RFM', () => {
  test('quintile scores and segments, hand-checked', () => {
    // 5 customers, all values distinct: each quintile holds one customer.
    // Recency (days, lower is better) 10..50 -> R 5..1; frequency 5..1 -> F 5..1; monetary -> M.
    const out = call(() => cdmRfm([[10], [20], [30], [40], [50], ['']], [[5], [4], [3], [2], [1], [3]], [[500], [100], [300], [200], [400], [1]]));
    expect(out).toEqual([['555 Champions'], ['441 Loyal'], ['333 Need attention'], ['222 Hibernating'], ['114 Lost'], ['']]);
  });

  test('dates as recency give the same scores as days since the latest date', () => {
    const day = (d: number): Date => new Date(Date.UTC(2025, 0, d));
    const byDate = call(() => cdmRfm([[day(31)], [day(21)], [day(11)], [day(1)]], [[4], [3], [2], [1]], [[4], [3], [2], [1]]));
    const byDays = call(() => cdmRfm([[0], [10], [20], [30]], [[4], [3], [2], [1]], [[4], [3], [2], [1]]));
    expect(byDate).toEqual(byDays);
  });

  test('ranges of different length are a plain error', () => {
    expect(errorOf(() => cdmRfm([[1], [2]], [[1]], [[1], [2]]))).toBe('recency, frequency and monetary must have the same number of rows');
  });
});

describe('CDM_CHURN', () => {
  const d = (y: number, m: number, day: number): Date => new Date(Date.UTC(y, m - 1, day));

  test('own buying rhythm, hand-checked', () => {
    // First 2024-01-01, last 2025-01-01 (366 days), 5 orders -> every 91.5 days.
    // As of 2025-06-30: 180 days since; 91.5 < 180 <= 183 -> medium.
    expect(call(() => cdmChurn(d(2025, 1, 1), 5, d(2024, 1, 1), d(2025, 6, 30)))).toBe(
      'medium: 180 days since last purchase, usually buys every 92 days',
    );
    // 20 days since -> low; 200 days since -> high.
    expect(String(call(() => cdmChurn(d(2025, 6, 10), 5, d(2024, 6, 9), d(2025, 6, 30))))).toMatch(/^low: 20 days/);
    expect(String(call(() => cdmChurn(d(2024, 6, 1), 5, d(2023, 6, 1), d(2025, 6, 30))))).toMatch(/^high: /);
  });

  test('one-order customers are compared with the range\'s typical gap; blanks stay blank', () => {
    // Customer 1 buys every 30 days (first 2025-01-01, last 2025-03-02, 3 orders) -> population gap 30.
    // Customer 2: one order, 45 days ago -> 30 < 45 <= 60 -> medium.
    const out = call(() => cdmChurn([[d(2025, 3, 2)], [d(2025, 5, 16)], ['']], [[3], [1], [2]], [[d(2025, 1, 1)], [''], ['']], d(2025, 6, 30))) as string[][];
    expect(out[1][0]).toBe('medium: 45 days since last purchase, customers usually buy every 30 days');
    expect(out[2][0]).toBe('');
  });

  test('without as_of the day comes from the clock given (the calculation day)', () => {
    const today = (): Date => new Date(2025, 5, 30, 15, 0, 0);
    expect(call(() => cdmChurn(d(2025, 1, 1), 5, d(2024, 1, 1), '', today))).toMatch(/^medium: 180 days/);
  });

  test('as_of that is not a date is a plain error', () => {
    expect(errorOf(() => cdmChurn(d(2025, 1, 1), 5, d(2024, 1, 1), 'soon'))).toBe('as_of must be a date');
  });
});

describe('CDM_MATCH and CDM_DEDUPE_KEY', () => {
  test('the same person scores high, different people low; the score is symmetric', () => {
    const same = call(() => cdmMatch('Robert Smith', 'Bob Smith')) as number;
    const diff = call(() => cdmMatch('Robert Smith', 'Maria Garcia')) as number;
    expect(same).toBeGreaterThan(0.5);
    expect(diff).toBeLessThan(0.2);
    expect(call(() => cdmMatch('Bob Smith', 'Robert Smith'))).toBe(same);
  });

  test('two records: same e-mail and phone outweigh a typo in the name', () => {
    const a = [['Jon Smith', 'jon.smith@example.com', '+14155550132']];
    const b = [['John Smith', 'JON.SMITH@example.com', '(415) 555-0132']];
    const c = [['John Smith', 'john.s@other.org', '+12125552368']];
    const ab = call(() => cdmMatch(a, b)) as number[][];
    const ac = call(() => cdmMatch(a, c)) as number[][];
    expect(ab[0][0]).toBeGreaterThan(0.9);
    expect(ab[0][0]).toBeGreaterThan(ac[0][0]);
  });

  test('blank rows give blank scores; ranges of different heights are an error', () => {
    expect(call(() => cdmMatch([['Ann Lee'], ['']], [['Ann Lee'], ['Bo Chen']]))).toEqual([[expect.any(Number)], ['']]);
    expect(errorOf(() => cdmMatch([['a'], ['b']], [['a']]))).toBe('the two ranges must have the same number of rows');
  });

  test('dedupe keys: same customer written differently gets the same key', () => {
    const keys = call(() => cdmDedupeKey([
      ['Bob Smith', 'Bob.Smith@GMail.com'],
      ['bob smith', 'bobsmith@gmail.com'],
      ['Maria Garcia', 'maria@example.com'],
      ['', ''],
    ])) as string[][];
    expect(keys[0][0]).not.toBe('');
    expect(keys[0][0]).toBe(keys[1][0]);
    expect(keys[2][0]).not.toBe(keys[0][0]);
    expect(keys[3][0]).toBe('');
  });
});

test('every formula is deterministic: two evaluations are equal', () => {
  const rows = Array.from({ length: 60 }, (_, i) => [(i * 37) % 101, (i * 53) % 97, (i * 11) % 7]);
  expect(call(() => cdmCluster(rows))).toEqual(call(() => cdmCluster(rows)));
  expect(call(() => cdmSegment(rows, 3))).toEqual(call(() => cdmSegment(rows, 3)));
  expect(call(() => cdmStats(rows))).toEqual(call(() => cdmStats(rows)));
});
