/**
 * The match keys: how a value is reduced before two rows are compared, written once for the
 * batch dedupe, the incoming-row matcher (form submissions), merges and =CDM_DEDUPE_KEY.
 * - a phone by its last 9 digits: that survives +1 / 0044 / a national 0 prefix, and an
 *   extension is not part of the line;
 * - an e-mail by its mailbox (emailMatchKey: case, Gmail dots and +tags ignored);
 * - a birth date column by its role, or by a date column's header where the role is only "date".
 */
import type { Cell, ColumnRole, Roles } from '../table';
import { emailMatchKey } from '../normalize/email';
import { digitsOnly, fold } from './text';

export { emailMatchKey };

/** Fewer digits than this is no phone number to match on (an extension, a house number). */
const MIN_PHONE_DIGITS = 6;
const PHONE_KEY_DIGITS = 9;
// No leading \s*: tried at every position of a run of spaces it would take quadratic time.
const EXTENSION_RE = /(?:ext\.?|extension|x|#|;)\s*(\d+)\s*$/i;
const HAS_EXTENSION_MARK_RE = /[a-z#;]/i;

/** The line without its extension ("+1 415 555 0132 ext. 7" → "+1 415 555 0132"). */
function splitExtension(value: string): { line: string; extension: string } {
  if (!HAS_EXTENSION_MARK_RE.test(value)) return { line: value, extension: '' };
  const m = EXTENSION_RE.exec(value);
  return m ? { line: value.slice(0, m.index), extension: m[1] } : { line: value, extension: '' };
}

/** A phone's match key: its last 9 digits, the extension left out; '' when it has too few digits. */
export function phoneKey(value: string): string {
  const d = digitsOnly(splitExtension(value).line);
  return d.length >= MIN_PHONE_DIGITS ? d.slice(-PHONE_KEY_DIGITS) : '';
}

/**
 * When a merge keeps "every distinct e-mail and phone", two values are one when this key is
 * the same: the same mailbox, or the same line AND extension (an extension is someone's desk:
 * it must not be dropped as a copy). Text that is no phone counts by its folded self.
 */
export function contactValueKey(role: 'email' | 'phone', value: string): string {
  if (role === 'email') return emailMatchKey(value);
  const key = phoneKey(value);
  if (!key) return fold(value);
  const { extension } = splitExtension(value);
  return extension ? `${key}#${extension}` : key;
}

/** Headers that name a birth date, in the languages our users write (date columns only). */
const BIRTH_HEADER_RE = /birth|\bdob\b|born|生日|出生|geburt|naissance|nacimiento/i;

/**
 * A birth date column: the birth_date role, or a column only known as a date whose header says
 * birth. Of all dates only a birth date tells two people apart (signup and purchase dates differ
 * between two rows of one customer).
 */
export function isBirthDate(header: string, role: ColumnRole | undefined): boolean {
  return role === 'birth_date' || (role === 'date' && BIRTH_HEADER_RE.test(header));
}

/**
 * The roles whose columns tell customers apart, and the field of a match record each one
 * feeds (features.ts planFields): the one list both the batch run and the intake form read.
 * Dates count only when they are birth dates.
 */
export const MATCH_FIELD_OF_ROLE = {
  first_name: 'first', last_name: 'last', name: 'name', email: 'email', phone: 'phone', street: 'street',
  city: 'city', postcode: 'postcode', state: 'state', state_code: 'state', birth_date: 'dob', date: 'dob', id: 'id',
} as const satisfies Partial<Record<ColumnRole, string>>;

export type MatchField = (typeof MATCH_FIELD_OF_ROLE)[keyof typeof MATCH_FIELD_OF_ROLE];

/** The match field a column feeds, or null (a date that is no birth date feeds none). */
export function matchFieldOf(header: string, role: ColumnRole | undefined): MatchField | null {
  if (!role || !Object.prototype.hasOwnProperty.call(MATCH_FIELD_OF_ROLE, role)) return null;
  if ((role === 'date' || role === 'birth_date') && !isBirthDate(header, role)) return null;
  return MATCH_FIELD_OF_ROLE[role as keyof typeof MATCH_FIELD_OF_ROLE];
}

/** Is this column one the matcher reads? */
export function isMatchColumn(header: string, role: ColumnRole | undefined): boolean {
  return matchFieldOf(header, role) !== null;
}

/** The columns of `header` the matcher reads, by index. */
export function matchColumns(header: string[], roles: Roles): number[] {
  return header.map((h, i) => (isMatchColumn(h, roles[h]) ? i : -1)).filter((i) => i >= 0);
}

/** A cell as text for keys ('' for blanks and Dates, which no key reads as text). */
export function keyText(v: Cell | null | undefined): string {
  if (v === '' || v === null || v === undefined || v instanceof Date) return '';
  return typeof v === 'string' ? v.trim() : String(v);
}
