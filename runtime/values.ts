/**
 * How a cell turns typed input into a value, and a value into display text — the rules
 * Sheets applies when a script calls setValues/appendRow (documented in README.md).
 */
import { formatDate, fromWallClock } from './dates';
import { MESSAGES, fail } from './errors';

export type CellValue = string | number | boolean | Date;

/** The format Sheets reports for a cell nobody formatted ("Automatic"). */
export const DEFAULT_NUMBER_FORMAT = '0.###############';
export const TEXT_FORMAT = '@';
export const MAX_CELL_CHARS = 50000;

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Locales whose decimal separator is a comma (Sheets follows the spreadsheet locale). */
const DECIMAL_COMMA = /^(de|fr|es|it|pt|nl|ru|pl|tr|id|da|sv|nb|no|fi|cs|sk|hu|ro|el|uk|vi)(_|$)/;
const DAY_FIRST = /^(en_(GB|AU|NZ|IE|IN|ZA)|de|fr|es|it|pt|nl|ru|pl|tr|id|da|sv|nb|no|fi|cs|sk|hu|ro|el|uk|vi)(_|$)/;
const YEAR_FIRST = /^(zh|ja|ko)(_|$)/;

export interface Parsed {
  value: CellValue;
  formula?: string;
  /** Number format Sheets applies as a side effect (e.g. a date format), if any. */
  format?: string;
}

const numberPatterns = new Map<boolean, RegExp>();
function numberPattern(comma: boolean): RegExp {
  let re = numberPatterns.get(comma);
  if (!re) {
    const group = comma ? '\\.' : ',';
    const dec = comma ? ',' : '\\.';
    re = new RegExp(`^[+-]?(?:\\d{1,3}(?:${group}\\d{3})+|\\d+)?(?:${dec}\\d+)?(?:[eE][+-]?\\d+)?$`);
    numberPatterns.set(comma, re);
  }
  return re;
}

function parseNumber(text: string, locale: string): { n: number; format?: string } | null {
  const comma = DECIMAL_COMMA.test(locale);
  let t = text.trim();
  let format: string | undefined;
  let scale = 1;
  if (t.endsWith('%')) {
    t = t.slice(0, -1).trim();
    scale = 0.01;
    format = '0.00%';
  }
  const cur = /^([+-]?)\s*[$€£¥]\s*(.*)$/.exec(t) ?? /^([+-]?)(.*?)\s*[€]$/.exec(t);
  if (cur && scale === 1 && /[$€£¥]/.test(t)) {
    t = cur[1] + cur[2];
    format = '"$"#,##0.00';
  }
  if (!/\d/.test(t) || !numberPattern(comma).test(t)) return null;
  const plain = comma ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  const n = Number(plain) * scale;
  return Number.isFinite(n) ? { n, format } : null;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function parseDate(text: string, locale: string, tz: string): { d: Date; format: string } | null {
  const t = text.trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  let y: number, mo: number, d: number;
  let iso = false;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    iso = true;
  } else {
    m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
    if (!m || YEAR_FIRST.test(locale)) return null;
    const dayFirst = DAY_FIRST.test(locale);
    // A two-digit year is read as spreadsheets do: 00–29 → 2000–2029, 30–99 → 1930–1999 ("12/1/10 8:26" → 2010).
    y = m[3].length === 2 ? (Number(m[3]) < 30 ? 2000 : 1900) + Number(m[3]) : Number(m[3]);
    mo = Number(dayFirst ? m[2] : m[1]);
    d = Number(dayFirst ? m[1] : m[2]);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  const h = m[4] ? Number(m[4]) : 0;
  const mi = m[5] ? Number(m[5]) : 0;
  const s = m[6] ? Number(m[6]) : 0;
  if (h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(fromWallClock(tz, y, mo, d, h, mi, s));
  const withTime = m[4] !== undefined;
  const format = iso ? (withTime ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd') : withTime ? 'M/d/yyyy H:mm:ss' : 'M/d/yyyy';
  return { d: date, format };
}

/**
 * Converts what a script writes into what the cell holds. `cellFormat` is the cell's
 * current number format: '@' (plain text) keeps strings exactly as written.
 */
export function parseInput(input: unknown, cellFormat: string, locale: string, tz: string): Parsed {
  if (input === null || input === undefined) return { value: '' };
  if (typeof input === 'number') return { value: input };
  if (typeof input === 'boolean') return { value: input };
  if (isDate(input)) {
    const t = input.getTime();
    if (Number.isNaN(t)) return { value: '' };
    return { value: new Date(t), format: cellFormat === DEFAULT_NUMBER_FORMAT ? 'M/d/yyyy H:mm:ss' : undefined };
  }
  const text = typeof input === 'string' ? input : String(input);
  if (text.length > MAX_CELL_CHARS) fail(MESSAGES.cellTooLong);
  if (cellFormat === TEXT_FORMAT || text === '') return { value: text };
  if (text.startsWith('=') && text.length > 1) return { value: '', formula: text };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (!/\d/.test(text)) {
    if (/^\s*(true|false)\s*$/i.test(text)) return { value: text.trim().toLowerCase() === 'true' };
    return { value: text };
  }
  const num = parseNumber(text, locale);
  if (num) return { value: num.n, format: cellFormat === DEFAULT_NUMBER_FORMAT ? num.format : undefined };
  const date = parseDate(text, locale, tz);
  if (date) return { value: date.d, format: cellFormat === DEFAULT_NUMBER_FORMAT ? date.format : undefined };
  return { value: text };
}

/** Sheets date format (m = month or minute by context, case-insensitive) -> SimpleDateFormat. */
export function sheetsDatePattern(format: string): string {
  let out = '';
  const tokens = format.match(/(\\.|"[^"]*"|[yY]+|[mM]+|[dD]+|[hH]+|[sS]+|AM\/PM|am\/pm|[^yYmMdDhHsSaA"\\]+|[aA])/g) ?? [];
  const isField = (x: string) => /^[yYmMdDhHsS]/.test(x) && !/^am\/pm$/i.test(x);
  tokens.forEach((tok, i) => {
    const prev = tokens.slice(0, i).reverse().find(isField);
    const next = tokens.slice(i + 1).find(isField);
    const n = tok.length;
    if (/^am\/pm$/i.test(tok)) out += 'a';
    else if (/^[mM]+$/.test(tok)) {
      const minute = (prev && /^[hH]/.test(prev)) || (next && /^[sS]/.test(next));
      out += minute ? 'm'.repeat(Math.min(n, 2)) : n <= 2 ? 'M'.repeat(n) : n === 3 ? 'MMM' : 'MMMM';
    } else if (/^[hH]+$/.test(tok)) out += (/AM\/PM/i.test(format) ? 'h' : 'H').repeat(n);
    else if (/^[yY]+$/.test(tok)) out += 'y'.repeat(n);
    else if (/^[dD]+$/.test(tok)) out += n <= 2 ? 'd'.repeat(n) : 'E'.repeat(n);
    else if (/^[sS]+$/.test(tok)) out += 's'.repeat(n);
    else if (tok.startsWith('"')) out += `'${tok.slice(1, -1)}'`;
    else if (tok.startsWith('\\')) out += tok.slice(1);
    else out += tok.replace(/[A-Za-z]+/g, (w) => `'${w}'`);
  });
  return out;
}

function generalNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const s = Number(n.toPrecision(15));
  return Math.abs(s) >= 1e15 || (Math.abs(s) < 1e-9 && s !== 0) ? s.toExponential().replace('e', 'E') : String(s);
}

function grouped(n: number, decimals: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Display text of a value under a number format (the subset CDM uses; see README). */
export function displayValue(value: CellValue, format: string, tz: string): string {
  if (value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (isDate(value)) {
    const pattern = /[ydmhs]/i.test(format) && format !== DEFAULT_NUMBER_FORMAT ? sheetsDatePattern(format) : 'M/d/yyyy H:mm:ss';
    return formatDate(value.getTime(), tz, pattern);
  }
  if (format === TEXT_FORMAT || format === DEFAULT_NUMBER_FORMAT || format === 'General' || format === '') return generalNumber(value);
  const decimals = (/\.(0+)/.exec(format)?.[1] ?? '').length;
  if (format.includes('%')) return `${(value * 100).toFixed(decimals)}%`;
  const body = format.includes(',') ? grouped(Math.abs(value), decimals) : Math.abs(value).toFixed(decimals);
  const sign = value < 0 ? '-' : '';
  return format.includes('$') ? `${sign}$${body}` : `${sign}${body}`;
}
