/** Time-zone aware date formatting (Java SimpleDateFormat patterns, as Utilities.formatDate uses). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function wallClock(epochMs: number, tz: string): WallClock {
  if (UTC_ZONES.has(tz)) {
    const d = new Date(epochMs);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      ms: d.getUTCMilliseconds(),
      weekday: d.getUTCDay(),
    };
  }
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    ms: ((epochMs % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Z']);
const offsetCache = new Map<string, number>();
const BUCKET_MS = 15 * 60 * 1000; // zone offsets only change on quarter-hour boundaries

/** Offset of `tz` from UTC at the given instant, in ms (positive east of Greenwich). */
export function tzOffsetMs(epochMs: number, tz: string): number {
  if (UTC_ZONES.has(tz)) return 0;
  const key = `${tz}|${Math.floor(epochMs / BUCKET_MS)}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  const off = computeOffset(Math.floor(epochMs / BUCKET_MS) * BUCKET_MS, tz);
  if (offsetCache.size > 100000) offsetCache.clear();
  offsetCache.set(key, off);
  return off;
}

function computeOffset(epochMs: number, tz: string): number {
  const w = wallClock(epochMs, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  return asUtc - epochMs;
}

/** The instant at which the wall clock in `tz` shows the given local time. */
export function fromWallClock(tz: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = guess - tzOffsetMs(guess, tz);
  return guess - tzOffsetMs(first, tz);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function offsetText(offsetMs: number, colon: boolean): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const mins = Math.abs(Math.round(offsetMs / 60000));
  return `${sign}${pad(Math.floor(mins / 60), 2)}${colon ? ':' : ''}${pad(mins % 60, 2)}`;
}

/** Formats like java.text.SimpleDateFormat: y M d H h m s S a E z Z X and 'quoted' text. */
export function formatDate(epochMs: number, tz: string, pattern: string): string {
  const w = wallClock(epochMs, tz);
  const off = tzOffsetMs(epochMs, tz);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      out += pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    switch (ch) {
      case 'y':
        out += n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
        break;
      case 'M':
        out += n >= 4 ? MONTHS[w.month - 1] : n === 3 ? MONTHS[w.month - 1].slice(0, 3) : pad(w.month, n);
        break;
      case 'd':
        out += pad(w.day, n);
        break;
      case 'H':
        out += pad(w.hour, n);
        break;
      case 'k':
        out += pad(w.hour === 0 ? 24 : w.hour, n);
        break;
      case 'h':
        out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, n);
        break;
      case 'm':
        out += pad(w.minute, n);
        break;
      case 's':
        out += pad(w.second, n);
        break;
      case 'S':
        out += pad(w.ms, 3).slice(0, Math.max(n, 3));
        break;
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'E':
        out += n >= 4 ? DAYS[w.weekday] : DAYS[w.weekday].slice(0, 3);
        break;
      case 'u':
        out += String(w.weekday === 0 ? 7 : w.weekday);
        break;
      case 'z':
        out += off === 0 ? (tz === 'UTC' || tz === 'Etc/UTC' ? 'UTC' : 'GMT') : `GMT${offsetText(off, true)}`;
        break;
      case 'Z':
        out += offsetText(off, false);
        break;
      case 'X':
        out += off === 0 ? 'Z' : offsetText(off, n >= 3);
        break;
      default:
        throw new RangeError(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}
