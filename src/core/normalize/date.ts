/**
 * Dates typed in mixed formats -> Date at UTC midnight (a calendar day, no time of day).
 * Day-first vs month-first is decided per column by evidence ("25/04/2021" can only be
 * day-first); a value that stays ambiguous is not guessed.
 */
export type DateOrder = 'DMY' | 'MDY' | 'YMD';

const NUMERIC_RE = /^(\d{1,4})[\/.\-](\d{1,2})[\/.\-](\d{1,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?(?:z|[+-]\d{2}:?\d{2})?)?$/i;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const ISO_START_RE = /^\d{4}-\d{2}-\d{2}T/;
const CJK_DATE_RE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const WORDS_RE = /[a-zà-ÿ]+\.?|\d+/gi;

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const IGNORED_WORDS = new Set(['st', 'nd', 'rd', 'th', 'of', 'the', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'at', 'on']);

const MS_PER_DAY = 86400000;
// Sheets/Excel serial day 0 is 1899-12-30.
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

function fullYear(y: number, digits: number): number {
  if (digits > 2) return y;
  return y <= 30 ? 2000 + y : 1900 + y; // two-digit years: 00-30 are this century
}

export function utcDate(year: number, month: number, day: number): Date | null {
  if (!(year >= 1000 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 ? d : null; // rejects 31 April, 29 Feb 2021
}

interface NumericParts { a: number; b: number; c: number; aDigits: number; cDigits: number }

function numericParts(text: string): NumericParts | null {
  const m = NUMERIC_RE.exec(text);
  if (!m) return null;
  return { a: Number(m[1]), b: Number(m[2]), c: Number(m[3]), aDigits: m[1].length, cDigits: m[3].length };
}

function fromParts(p: NumericParts, order: DateOrder | null): Date | null {
  if (p.aDigits === 4) return utcDate(p.a, p.b, p.c);
  if (p.aDigits > 2) return null;
  const year = fullYear(p.c, p.cDigits);
  let chosen = order === 'YMD' ? null : order;
  if (!chosen) {
    if (p.a > 12 && p.b <= 12) chosen = 'DMY';
    else if (p.b > 12 && p.a <= 12) chosen = 'MDY';
    else if (p.a === p.b) chosen = 'DMY';
    else return null; // ambiguous: 03/04 could be 3 April or 4 March
  }
  return chosen === 'DMY' ? utcDate(year, p.b, p.a) : utcDate(year, p.a, p.b);
}

function fromWords(text: string): Date | null {
  const words = text.match(WORDS_RE);
  if (!words) return null;
  let month = 0;
  const numbers: string[] = [];
  for (const raw of words) {
    const w = raw.toLowerCase().replace(/\.$/, '');
    if (/^\d+$/.test(w)) numbers.push(w);
    else if (MONTHS[w] && !month) month = MONTHS[w];
    else if (!IGNORED_WORDS.has(w)) return null;
  }
  if (!month || numbers.length !== 2) return null;
  // One number is the day (1-2 digits), the other the year (4 digits, or 2 at the end).
  const [x, y] = numbers;
  if (x.length === 4 && y.length <= 2) return utcDate(Number(x), month, Number(y));
  if (y.length === 4 && x.length <= 2) return utcDate(Number(y), month, Number(x));
  if (x.length <= 2 && y.length === 2) return utcDate(fullYear(Number(y), 2), month, Number(x));
  return null;
}

/** A Sheets serial day number (days since 1899-12-30) or a yyyymmdd number as a date. */
export function dateFromNumber(n: number): Date | null {
  if (!Number.isFinite(n)) return null;
  if (Number.isInteger(n) && n >= 10000101 && n <= 29991231) {
    const m = COMPACT_RE.exec(String(n));
    return m ? utcDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  }
  if (n >= 1 && n < 2958466) return new Date(SERIAL_EPOCH + Math.floor(n) * MS_PER_DAY);
  return null;
}

export function parseDate(value: string | number | Date, order: DateOrder | null): Date | null {
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) return null;
    if (t % MS_PER_DAY === 0) return new Date(t);
    // Dates reach core as calendar dates (the wall time in UTC fields: src/gas/dates.ts converts
    // what Sheets gives); one with a time of day is that day.
    return utcDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') return dateFromNumber(value);
  const text = String(value).trim();
  if (!text) return null;
  const parts = numericParts(text);
  if (parts) return fromParts(parts, order);
  const compact = COMPACT_RE.exec(text);
  if (compact) return utcDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  const cjk = CJK_DATE_RE.exec(text);
  if (cjk) return utcDate(Number(cjk[1]), Number(cjk[2]), Number(cjk[3]));
  return fromWords(text);
}

/**
 * Decides day-first or month-first for a column from values that can only be read one way.
 * `ambiguous` is true when some values could be read both ways and nothing settles it, or
 * when the column contradicts itself.
 */
export function inferDateOrder(values: string[]): { order: DateOrder | null; ambiguous: boolean; evidence: string } {
  let dmy = 0;
  let mdy = 0;
  let ymd = 0;
  let open = 0;
  let dmyExample = '';
  let mdyExample = '';
  let openExample = '';
  for (const v of values) {
    const text = String(v).trim();
    const p = numericParts(text);
    if (!p) {
      if (COMPACT_RE.test(text) || ISO_START_RE.test(text)) ymd++; // 19081209 (FEBRL), 2021-04-03T10:00
      continue;
    }
    if (p.aDigits === 4) { ymd++; continue; }
    if (p.a > 12 && p.b <= 12) { dmy++; dmyExample ||= String(v).trim(); }
    else if (p.b > 12 && p.a <= 12) { mdy++; mdyExample ||= String(v).trim(); }
    else if (p.a !== p.b) { open++; openExample ||= String(v).trim(); }
  }
  if (dmy && mdy) {
    const order: DateOrder = dmy >= mdy ? 'DMY' : 'MDY';
    return {
      order,
      ambiguous: true,
      evidence: `mixed: ${dmy} dates are day-first (e.g. ${dmyExample}) and ${mdy} month-first (e.g. ${mdyExample})`,
    };
  }
  if (dmy) return { order: 'DMY', ambiguous: false, evidence: `day-first: ${dmy} date(s) such as ${dmyExample} have a day above 12 first` };
  if (mdy) return { order: 'MDY', ambiguous: false, evidence: `month-first: ${mdy} date(s) such as ${mdyExample} have a day above 12 second` };
  if (open) return { order: null, ambiguous: true, evidence: `cannot tell day-first from month-first: ${open} date(s) such as ${openExample} read both ways` };
  if (ymd) return { order: 'YMD', ambiguous: false, evidence: `${ymd} date(s) written year first` };
  return { order: null, ambiguous: false, evidence: 'no numeric dates' };
}
