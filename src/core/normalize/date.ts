/**
 * Dates typed in mixed formats -> Date. A calendar day is a Date at UTC midnight; a date with a
 * time of day ("12/1/10 8:26") is a Date whose UTC fields hold that wall-clock time — core's one
 * convention for dates (the gas layer writes it in the spreadsheet's time zone, exec's dates.ts).
 *
 * Day-first vs month-first is decided once per column from its evidence ("25/04/2021" can only be
 * day-first) and applied to every value. A column that settles nothing, or contradicts itself,
 * has no order: none of its day/month values is rewritten by a guess, each is flagged, so a
 * column never ends up holding two readings. In a birth-date column two-digit years go into the
 * past (`15/06/28` is 1928) and a birth date in the future is flagged, never produced.
 */
import type { Cell } from '../table';
import { type Lang, translator } from '../../i18n/index';
import { ROLE_TEXT } from '../../i18n/roles';
import { shown as brief } from '../shown';

export type DateOrder = 'DMY' | 'MDY' | 'YMD';

const NUMERIC_RE = /^(\d{1,4})[\/.\-](\d{1,2})[\/.\-](\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s?(?:([ap])\.?m\.?)?\s?(z|[+-]\d{2}:?\d{2})?)?$/i;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
/** A numeric date whose year has two digits ("15/06/28"), or a word date ending in one ("3 Apr 28"). */
const TWO_DIGIT_YEAR_RE = /^\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{2}(?!\d)|[a-z.]\s?'?\d{2}$/i;
const ISO_START_RE = /^\d{4}-\d{2}-\d{2}T/;
const CJK_DATE_RE = /^(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?[日号]?$/;
const WORDS_RE = /[a-zà-ÿ]+\.?|\d+/gi;
const MAX_DATE_TEXT = 60;

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const IGNORED_WORDS = new Set(['st', 'nd', 'rd', 'th', 'of', 'the', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'at', 'on']);

const MS_PER_DAY = 86400000;
// Sheets/Excel serial day 0 is 1899-12-30.
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** How a two-digit year becomes a full one. */
type Century = (yy: number) => number;
/** Ordinary dates: 00-30 are this century (an order placed in '24 is 2024). */
const NEAR: Century = (yy) => (yy <= 30 ? 2000 + yy : 1900 + yy);
/** Birth dates: the latest year not after today (`28` is 1928 in 2025, never 2028). */
const pastOf = (asOf: Date): Century => (yy) => (2000 + yy <= asOf.getUTCFullYear() ? 2000 + yy : 1900 + yy);

function fullYear(y: number, digits: number, century: Century): number {
  return digits > 2 ? y : century(y);
}

export function utcDate(year: number, month: number, day: number): Date | null {
  if (!(year >= 1000 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 ? d : null; // rejects 31 April, 29 Feb 2021
}

interface NumericParts {
  a: number; b: number; c: number; aDigits: number; cDigits: number;
  time: { h: number; m: number; s: number; zone: string | null } | null;
}

function numericParts(text: string): NumericParts | null {
  if (text.length > MAX_DATE_TEXT) return null;
  const m = NUMERIC_RE.exec(text);
  if (!m) return null;
  let time: NumericParts['time'] = null;
  if (m[4] !== undefined) {
    let h = Number(m[4]);
    const half = m[7]?.toLowerCase();
    if (half && (h < 1 || h > 12)) return null;
    if (half === 'p' && h < 12) h += 12;
    if (half === 'a' && h === 12) h = 0;
    const min = Number(m[5]);
    const s = m[6] !== undefined ? Number(m[6]) : 0;
    if (h > 23 || min > 59 || s > 59) return null;
    time = { h, m: min, s, zone: m[8] ?? null };
  }
  return { a: Number(m[1]), b: Number(m[2]), c: Number(m[3]), aDigits: m[1].length, cDigits: m[3].length, time };
}

/** The order a value proves by itself, 'open' when it reads both ways, 'same' when both readings agree. */
function ownOrder(p: NumericParts): DateOrder | 'open' | 'same' | null {
  if (p.aDigits === 4) return 'YMD';
  if (p.aDigits > 2) return null;
  if (p.a > 12 && p.b <= 12) return 'DMY';
  if (p.b > 12 && p.a <= 12) return 'MDY';
  return p.a === p.b ? 'same' : 'open';
}

function fromParts(p: NumericParts, order: DateOrder | null, century: Century): Date | null {
  if (p.aDigits === 4) return utcDate(p.a, p.b, p.c);
  if (p.aDigits > 2) return null;
  const year = fullYear(p.c, p.cDigits, century);
  const own = ownOrder(p);
  let chosen: DateOrder | null = order === 'YMD' ? null : order;
  if (!chosen) {
    if (own === 'DMY' || own === 'MDY') chosen = own;
    else if (own === 'same') chosen = 'DMY';
    else return null; // ambiguous: 03/04 could be 3 April or 4 March
  }
  return chosen === 'DMY' ? utcDate(year, p.b, p.a) : utcDate(year, p.a, p.b);
}

function fromWords(text: string, century: Century): Date | null {
  if (text.length > MAX_DATE_TEXT) return null;
  const words = text.match(WORDS_RE);
  if (!words || words.length > 8) return null;
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
  if (x.length <= 2 && y.length === 2) return utcDate(century(Number(y)), month, Number(x));
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

/**
 * A Date as the calendar day it shows. Dates reach core as calendar dates (the wall time in the
 * UTC fields: src/gas/dates.ts converts what Sheets gives, midnight in the spreadsheet's zone);
 * one with a time of day is that day.
 */
function dayOfSheetDate(value: Date): Date | null {
  const t = value.getTime();
  if (Number.isNaN(t)) return null;
  if (t % MS_PER_DAY === 0) return new Date(t);
  return utcDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
}

function parseText(text: string, order: DateOrder | null, century: Century): { date: Date; time: NumericParts['time'] } | null {
  const parts = numericParts(text);
  if (parts) {
    const date = fromParts(parts, order, century);
    return date ? { date, time: parts.time } : null;
  }
  if (text.length > MAX_DATE_TEXT) return null;
  const compact = COMPACT_RE.exec(text);
  if (compact) {
    const date = utcDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
    return date ? { date, time: null } : null;
  }
  const cjk = CJK_DATE_RE.exec(text);
  if (cjk) {
    const date = utcDate(Number(cjk[1]), Number(cjk[2]), Number(cjk[3]));
    return date ? { date, time: null } : null;
  }
  const date = fromWords(text, century);
  return date ? { date, time: null } : null;
}

/** The calendar day of a value (UTC midnight), or null. Times of day are dropped here. */
export function parseDate(value: string | number | Date, order: DateOrder | null): Date | null {
  if (value instanceof Date) return dayOfSheetDate(value);
  if (typeof value === 'number') return dateFromNumber(value);
  const text = String(value).trim();
  if (!text) return null;
  return parseText(text, order, NEAR)?.date ?? null;
}

export interface DateEvidence { order: DateOrder | null; ambiguous: boolean; evidence: string }

/**
 * Decides day-first or month-first for a column from values that can only be read one way.
 * `ambiguous` is true when some values could be read both ways and nothing settles it, or
 * when the column contradicts itself.
 */
export function inferDateOrder(values: string[], lang: Lang = 'en'): DateEvidence & { mixed: boolean } {
  const t = translator(ROLE_TEXT, lang);
  let dmy = 0;
  let mdy = 0;
  let ymd = 0;
  let open = 0;
  let dmyExample = '';
  let mdyExample = '';
  let openExample = '';
  // A date column repeats its values: each distinct text is read once (counts stay per cell).
  const seen = new Map<string, DateOrder | 'open' | 'same' | null>();
  for (const v of values) {
    const text = String(v).trim();
    let own = seen.get(text);
    if (own === undefined) {
      const p = numericParts(text);
      // 19081209 (FEBRL), 2021-04-03T10:00 read as year first.
      own = p ? ownOrder(p) : COMPACT_RE.test(text) || ISO_START_RE.test(text) ? 'YMD' : null;
      if (seen.size < 50000) seen.set(text, own);
    }
    if (own === 'YMD') ymd++;
    else if (own === 'DMY') { dmy++; dmyExample ||= text; }
    else if (own === 'MDY') { mdy++; mdyExample ||= text; }
    else if (own === 'open') { open++; openExample ||= text; }
  }
  if (dmy && mdy) {
    return {
      order: dmy >= mdy ? 'DMY' : 'MDY',
      ambiguous: true,
      mixed: true,
      evidence: t('evidenceMixed', { dmy, mdy, dmyExample, mdyExample }),
    };
  }
  if (dmy) return { order: 'DMY', ambiguous: false, mixed: false, evidence: t('evidenceDMY', { n: dmy, example: dmyExample }) };
  if (mdy) return { order: 'MDY', ambiguous: false, mixed: false, evidence: t('evidenceMDY', { n: mdy, example: mdyExample }) };
  if (open) return { order: null, ambiguous: true, mixed: false, evidence: t('evidenceOpen', { n: open, example: openExample }) };
  if (ymd) return { order: 'YMD', ambiguous: false, mixed: false, evidence: t('evidenceYMD', { n: ymd }) };
  return { order: null, ambiguous: false, mixed: false, evidence: t('evidenceNone') };
}

/** How one date column is read: decided once, applied to every cell. */
export interface DatePlan {
  /** The order applied to every day/month value; null when the column does not settle it. */
  order: DateOrder | null;
  /** The column holds day-first and month-first dates: no day/month value is rewritten. */
  mixed: boolean;
  /** A birth-date column: two-digit years into the past, nothing after asOf. */
  birth: boolean;
  asOf: Date;
  lang: Lang;
  /** Plain-words account of the decision (report.dateOrders). */
  summary: string;
  /** Whether any text value was seen (a column of Date objects has nothing to report). */
  hasText: boolean;
}

export function planDates(values: Cell[], options: { birth?: boolean; asOf?: Date; lang?: Lang } = {}): DatePlan {
  const lang = options.lang ?? 'en';
  const t = translator(ROLE_TEXT, lang);
  const strings = values.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  const inferred = inferDateOrder(strings, lang);
  const order = inferred.ambiguous ? null : inferred.order;
  const words: Record<DateOrder, string> = { DMY: t('orderDMY'), MDY: t('orderMDY'), YMD: t('orderYMD') };
  return {
    order,
    mixed: inferred.mixed,
    birth: options.birth ?? false,
    asOf: options.asOf ?? new Date(),
    lang,
    summary: order ? `${words[order]} — ${inferred.evidence}` : inferred.evidence,
    hasText: strings.length > 0,
  };
}

export type DateOutcome = { value: Date; reason: string } | { flag: string } | null;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoDay = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The end of asOf's calendar day: a birth date on that day is not in the future. */
function endOfDay(asOf: Date): number {
  return Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate()) + MS_PER_DAY - 1;
}

/** One cell of a date column, read with the column's plan. */
export function cleanDate(cell: Cell, plan: DatePlan): DateOutcome {
  const t = translator(ROLE_TEXT, plan.lang);
  const shown = typeof cell === 'string' ? cell.trim() : cell instanceof Date ? (Number.isNaN(cell.getTime()) ? '' : isoDay(dayOfSheetDate(cell) ?? cell)) : String(cell);
  const future = (d: Date) => plan.birth && d.getTime() > endOfDay(plan.asOf);
  if (cell instanceof Date) {
    const day = dayOfSheetDate(cell);
    return day && future(day) ? { flag: t('birthFuture', { value: brief(shown) }) } : null;
  }
  if (typeof cell === 'number') {
    // Only yyyymmdd numbers (FEBRL, exports) are dates for sure; other numbers are left alone.
    if (!(Number.isInteger(cell) && cell >= 10000101 && cell <= 29991231)) return null;
    const d = dateFromNumber(cell);
    if (!d) return { flag: t('dateUnreadable', { value: brief(shown) }) };
    if (future(d)) return { flag: t('birthFuture', { value: brief(shown) }) };
    return { value: d, reason: t('dateRead', { value: brief(shown), out: isoDay(d) }) };
  }
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  if (!text) return null;
  const parts = numericParts(text);
  if (parts && plan.mixed) {
    const own = ownOrder(parts);
    if (own === 'DMY' || own === 'MDY' || own === 'open') return { flag: t('dateMixed', { value: brief(text) }) };
  }
  const century = plan.birth ? pastOf(plan.asOf) : NEAR;
  const read = parseText(text, plan.order, century);
  if (!read) {
    const open = parts && ownOrder(parts) === 'open';
    return { flag: t(open ? 'dateAmbiguous' : 'dateUnreadable', { value: brief(text) }) };
  }
  // "07/07/25" read on 30 June 2025: 2025-07-07 has not happened yet, so a birth date is 1925-07-07.
  if (plan.birth && future(read.date) && TWO_DIGIT_YEAR_RE.test(text)) {
    const d = read.date;
    const past = utcDate(d.getUTCFullYear() - 100, d.getUTCMonth() + 1, d.getUTCDate());
    if (past) read.date = past;
  }
  if (future(read.date)) return { flag: t('birthFuture', { value: brief(text) }) };
  const time = read.time;
  if (time && !plan.birth && (time.h || time.m || time.s || time.zone)) {
    const d = read.date;
    // The time as written, in the exporter's own zone ("2024-05-02 23:30:00 -0400" is 23:30 on
    // 2 May, as the shop saw it): core's Dates hold wall-clock time, so the offset is not applied
    // (it would show 03:30 on 3 May in the sheet).
    const value = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), time.h, time.m, time.s));
    if (Number.isNaN(value.getTime())) return { flag: t('dateUnreadable', { value: brief(text) }) };
    return { value, reason: t('dateTimeRead', { value: brief(text), out: `${isoDay(d)} ${pad(time.h)}:${pad(time.m)}${time.s ? `:${pad(time.s)}` : ''}` }) };
  }
  return { value: read.date, reason: t('dateRead', { value: brief(text), out: isoDay(read.date) }) };
}

/** A year of birth: kept as typed; a year after asOf is flagged. */
export function checkBirthYear(cell: Cell, asOf: Date, lang: Lang = 'en'): DateOutcome {
  const n = typeof cell === 'number' ? cell : typeof cell === 'string' && /^\d{4}$/.test(cell.trim()) ? Number(cell.trim()) : NaN;
  if (!Number.isInteger(n)) return null;
  return n > asOf.getUTCFullYear() ? { flag: translator(ROLE_TEXT, lang)('birthYearFuture', { value: n }) } : null;
}
