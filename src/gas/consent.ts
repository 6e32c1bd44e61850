/**
 * Consent from the intake form, kept in the customer sheet: the customer's "I agree" answer is
 * copied into the sheet's consent column with the time it was given. A column that already
 * holds yes/no words or TRUE/FALSE keeps its own vocabulary (the time goes in the cell's note);
 * otherwise — and in the column CDM adds when the sheet has none — the cell holds the date and
 * time of consent. No answer writes nothing: consent is never assumed.
 */
import type { Cell } from '../core/table';
import { FORM_TEXT } from '../i18n/forms';
import { fill } from '../i18n/index';
import { sheetLang } from './lang';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const YES = /^(yes|y|true|1|opt.?in|opted.?in|subscribed|agreed?|consented|是|同意|已同意|订阅)$/i;

export interface ConsentCell {
  value: Cell;
  /** The note saying when, for a column that holds yes/no words. */
  note: string | null;
  /** Number format for the value, when the sheet's default would not show it well. */
  format: string | null;
}

/** A consent answer: the ticked checkbox gives its text; blank means not given. */
export function consentGiven(answer: Cell | undefined): boolean {
  return answer !== undefined && answer !== null && String(answer).trim() !== '';
}

/** The value a consent column gets, in the vocabulary its existing cells use. */
export function consentCell(existing: Cell[], when: Date, timeZone: string): ConsentCell {
  const time = Utilities.formatDate(when, timeZone, 'yyyy-MM-dd HH:mm');
  const note = fill(FORM_TEXT[sheetLang()].consentNote, { time });
  if (existing.some((v) => v === true || v === false)) return { value: true, note, format: null };
  const word = existing.find((v): v is string => typeof v === 'string' && YES.test(v.trim()));
  if (word !== undefined) return { value: word.trim(), note, format: null };
  // A Date written to a cell without a format shows as a date and time in Sheets.
  return { value: when, note: null, format: null };
}

/** The consent column's current values (one read), to learn its vocabulary. */
export function consentColumnValues(sheet: Sheet, column: number, lastRow: number): Cell[] {
  if (column < 1 || lastRow < 2 || column > sheet.getLastColumn()) return [];
  return sheet.getRange(2, column, lastRow - 1, 1).getValues().map((r) => r[0] as Cell);
}

/** Writes the consent cell's format and note after the row is written (the value went with it). */
export function markConsentCell(sheet: Sheet, row: number, column: number, cell: ConsentCell): void {
  if (!cell.format && !cell.note) return;
  const range = sheet.getRange(row, column);
  if (cell.format) range.setNumberFormat(cell.format);
  if (cell.note) range.setNote(cell.note);
}
