import { isPlaceholder } from '../../../src/core/normalize/missing';

describe('isPlaceholder', () => {
  test.each(['N/A', 'n/a', 'NA', '-', '--', 'unknown', 'Unknown', 'none', 'NULL', 'nil', '', '  ', ' n/a ', '无', '未知', '#N/A'])('%p is a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(true);
  });
  test.each(['Nancy', 'Anna', '0', 'no', '-5', 'n', 'Null Island Rd', '王'])('%p is data', (v) => {
    expect(isPlaceholder(v)).toBe(false);
  });
  test('non-strings: null/undefined/NaN are missing; numbers, booleans and dates are data', () => {
    expect(isPlaceholder(null)).toBe(true);
    expect(isPlaceholder(undefined)).toBe(true);
    expect(isPlaceholder(NaN)).toBe(true);
    expect(isPlaceholder(0)).toBe(false);
    expect(isPlaceholder(false)).toBe(false);
    expect(isPlaceholder(new Date(0))).toBe(false);
  });
});
