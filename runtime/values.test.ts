// Display text under number formats and the Sheets -> Java date pattern conversion.
// Expected strings are what Google Sheets shows for these formats (Format > Number menu).
import { displayValue, parseInput, sheetsDatePattern, DEFAULT_NUMBER_FORMAT } from './values';

describe('display values', () => {
  const tz = 'Etc/UTC';
  test.each([
    [1234.5, DEFAULT_NUMBER_FORMAT, '1234.5'],
    [15551234567, DEFAULT_NUMBER_FORMAT, '15551234567'],
    [0.1 + 0.2, DEFAULT_NUMBER_FORMAT, '0.3'],
    [1234.5, '#,##0.00', '1,234.50'],
    [0.125, '0.00%', '12.50%'],
    [-1200.5, '"$"#,##0.00', '-$1,200.50'],
    [3, '0', '3'],
    [true, DEFAULT_NUMBER_FORMAT, 'TRUE'],
    ['text', '@', 'text'],
  ])('%p as %s -> %s', (value, format, shown) => {
    expect(displayValue(value, format, tz)).toBe(shown);
  });

  test('dates', () => {
    const d = new Date(Date.UTC(2024, 0, 5, 14, 7, 9));
    expect(displayValue(d, 'yyyy-mm-dd', tz)).toBe('2024-01-05');
    expect(displayValue(d, 'M/d/yyyy H:mm:ss', tz)).toBe('1/5/2024 14:07:09');
    expect(displayValue(d, 'dd mmm yyyy hh:mm AM/PM', tz)).toBe('05 Jan 2024 02:07 PM');
    expect(displayValue(d, 'yyyy-mm-dd', 'Asia/Tokyo')).toBe('2024-01-05');
    expect(displayValue(new Date(Date.UTC(2024, 0, 5, 20)), 'yyyy-mm-dd', 'Asia/Tokyo')).toBe('2024-01-06');
  });

  test('m is a month unless it follows hours or precedes seconds', () => {
    expect(sheetsDatePattern('yyyy-mm-dd hh:mm:ss')).toBe('yyyy-MM-dd HH:mm:ss');
    expect(sheetsDatePattern('mmmm d, yyyy')).toBe('MMMM d, yyyy');
  });
});

describe('typed input', () => {
  const parse = (s: string, locale = 'en_US') => parseInput(s, DEFAULT_NUMBER_FORMAT, locale, 'Etc/UTC');
  test.each([
    ['42', 42],
    ['-3.5e2', -350],
    ['1,234', 1234],
    ['1,23', '1,23'], // not a valid grouping in en_US
    ['12 345', '12 345'],
    ['N/A', 'N/A'],
    ['  true ', true],
    ['2024-02-30', '2024-02-30'], // no such day
    ['13/01/2024', '13/01/2024'], // month 13 in en_US
  ])('%p -> %p', (input, value) => {
    expect(parse(input).value).toEqual(value);
  });

  test('two-digit years as spreadsheets read them: 00–29 → 20xx, 30–99 → 19xx, time kept', () => {
    expect(parse('12/1/10 8:26').value).toEqual(new Date(Date.UTC(2010, 11, 1, 8, 26)));
    expect(parse('1/2/29').value).toEqual(new Date(Date.UTC(2029, 0, 2)));
    expect(parse('1/2/30').value).toEqual(new Date(Date.UTC(1930, 0, 2)));
    expect(parse('13/1/10').value).toBe('13/1/10'); // month 13 in en_US
    expect(parse('13/1/10', 'en_GB').value).toEqual(new Date(Date.UTC(2010, 0, 13)));
  });

  test('en_GB reads day first', () => {
    expect(parse('13/01/2024', 'en_GB').value).toEqual(new Date(Date.UTC(2024, 0, 13)));
  });

  test('plain-text cells keep everything', () => {
    expect(parseInput('=1+1', '@', 'en_US', 'Etc/UTC')).toEqual({ value: '=1+1' });
    expect(parseInput('007', '@', 'en_US', 'Etc/UTC')).toEqual({ value: '007' });
  });
});
