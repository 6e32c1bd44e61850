/**
 * Dates in the spreadsheet's time zone.
 *
 * Sheets holds a date as a day number; Apps Script hands it over as a Date at midnight of that
 * day *in the spreadsheet's time zone* (2024-03-05 in an Asia/Shanghai sheet is
 * 2024-03-04T16:00Z). Core works on calendar dates: the wall time as UTC fields
 * (2024-03-05T00:00Z), the same in every zone and in the CLI. So every Date that comes in from
 * a sheet (a read, a form response, a formula's argument) goes through `toCalendar`, and every
 * Date that goes back out through `toSheet` — which gives back exactly the instant Sheets
 * handed over, so a date the run did not change is written back unchanged.
 *
 * Offsets come from Intl (Apps Script's V8 has ICU), cached per quarter hour; without Intl,
 * from Utilities.formatDate, cached the same way.
 */
import type { Cell } from '../core/table';

const QUARTER_HOUR = 15 * 60 * 1000;
const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Z', '']);

export interface SheetDates {
  readonly timeZone: string;
  /** A Date from Sheets -> the calendar Date core expects (other values unchanged). */
  toCalendar(v: Cell): Cell;
  /** A calendar Date -> the instant Sheets means by it (other values unchanged). */
  toSheet(v: Cell): Cell;
  /** Midnight today in the spreadsheet's zone, as a calendar Date. */
  today(now?: number): Date;
}

type OffsetAt = (ms: number) => number;

function intlOffset(tz: string): OffsetAt | null {
  if (typeof Intl === 'undefined' || typeof Intl.DateTimeFormat !== 'function') return null;
  let f: Intl.DateTimeFormat;
  try {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch {
    return null; // an unknown zone name, or no time-zone data
  }
  return (ms) => {
    const p: Record<string, number> = {};
    for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
  };
}

function utilitiesOffset(tz: string): OffsetAt {
  return (ms) => {
    const text = Utilities.formatDate(new Date(ms), tz, 'yyyy-MM-dd HH:mm:ss');
    const m = /^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)$/.exec(text);
    if (!m) return 0;
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - Math.floor(ms / 1000) * 1000;
  };
}

/** The conversions for a zone. Pure apart from the offset source; tests use it directly. */
export function sheetDates(timeZone: string): SheetDates {
  const tz = String(timeZone || '');
  if (UTC_ZONES.has(tz)) {
    const same = (v: Cell) => v;
    return { timeZone: tz, toCalendar: same, toSheet: same, today: (now = Date.now()) => new Date(Math.floor(now / 86400000) * 86400000) };
  }
  const source = intlOffset(tz) ?? utilitiesOffset(tz);
  const cache = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const bucket = Math.floor(ms / QUARTER_HOUR);
    let off = cache.get(bucket);
    if (off === undefined) {
      off = source(bucket * QUARTER_HOUR);
      cache.set(bucket, off);
    }
    return off;
  };
  const calendar = (ms: number) => ms + offsetAt(ms);
  /** The instant whose wall time in the zone is `wall` (the later one in a repeated hour). */
  const instant = (wall: number) => {
    const first = wall - offsetAt(wall);
    return wall - offsetAt(first);
  };
  return {
    timeZone: tz,
    toCalendar: (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? new Date(calendar(v.getTime())) : v),
    toSheet: (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? new Date(instant(v.getTime())) : v),
    today: (now = Date.now()) => new Date(Math.floor(calendar(now) / 86400000) * 86400000),
  };
}

/** The active spreadsheet's conversions (one call for its zone). */
export function spreadsheetDates(ss: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): SheetDates {
  let tz = '';
  try {
    tz = ss.getSpreadsheetTimeZone();
  } catch {
    tz = '';
  }
  return sheetDates(tz);
}

/** Every Date in a value, a row or a grid (a formula's argument) to a calendar Date. */
export function calendarArg<T>(value: T, dates: SheetDates): T {
  if (value instanceof Date) return dates.toCalendar(value) as unknown as T;
  if (Array.isArray(value)) return value.map((v) => calendarArg(v, dates)) as unknown as T;
  return value;
}
