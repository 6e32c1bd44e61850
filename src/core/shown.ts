/**
 * How CDM quotes a user's value inside a sentence it writes (a flag in `CDM Flags`, a reason in
 * the audit, a note): a cell may hold 50,000 characters, Google's limit for one cell, so a reason
 * that quoted it whole could not be written back into a cell and the whole run would stop. Long
 * values are shown by their start and end around "…"; the value itself is never touched.
 */

/** Characters of a value shown inside a reason. */
export const SHOWN_MAX = 80;

/** What one written text cell may hold in Google Sheets (runtime/README.md, Limits). */
export const CELL_TEXT_MAX = 50000;

/** Text CDM builds from reasons keeps this much room under the cell limit. */
const REASONS_MAX = CELL_TEXT_MAX - 1000;

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** `text` whole when short; else its start and end around "…", never splitting a character. */
export function shown(text: string, max = SHOWN_MAX): string {
  if (text.length <= max) return text;
  let head = Math.ceil(max * 0.7);
  if (isHigh(text.charCodeAt(head - 1))) head--;
  let tail = text.length - (max - head - 1);
  if (isLow(text.charCodeAt(tail))) tail++;
  return `${text.slice(0, head)}…${text.slice(tail)}`;
}

/**
 * `text` with `reason` added after "; " — unless the cell would pass the limit, in which case
 * the text ends with "; …" once (what is left out stays in the run's report and audit).
 */
export function withReason(text: string, reason: string): string {
  if (!text) return reason.length > REASONS_MAX ? shown(reason, REASONS_MAX) : reason;
  if (text.endsWith('; …')) return text;
  const next = `${text}; ${reason}`;
  return next.length > REASONS_MAX ? `${text}; …` : next;
}
