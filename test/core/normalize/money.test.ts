import { parseMoney } from '../../../src/core/normalize/money';

describe('parseMoney', () => {
  test.each<[string, number]>([
    ['$1,200.50', 1200.5],
    ['1.234,50 €', 1234.5],
    ['€5', 5],
    ['(12.00)', -12],
    ['1 200,5', 1200.5],
    ['-$3.10', -3.1],
    ['£1,234,567', 1234567],
    ['1.234.567', 1234567],
    ['12,5', 12.5],
    ['USD 99', 99],
    ['¥3000', 3000],
    ['300元', 300],
    ['42', 42],
    ['0.99', 0.99],
    ['1\u00a0000,00 €', 1000],
    ["1'000.50", 1000.5],
  ])('%s -> %d', (input, expected) => {
    expect(parseMoney(input)).toBeCloseTo(expected, 10);
  });
  test.each(['', 'abc', 'N/A', '12,34,56', '1.2.3,4,5', '$', 'twelve', '12abc', '=1+2'])('%p is not money', (v) => {
    expect(parseMoney(v)).toBeNull();
  });
});
