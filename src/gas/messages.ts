/**
 * Every message the server side shows a user, in one place, in plain words and in the
 * spreadsheet's language (src/i18n/messages.ts). A UserError carries one of them up to
 * google.script.run's failure handler (or a Ui.alert) unchanged.
 */
import { MESSAGES } from '../i18n/messages';
import { sheetText } from './lang';

export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Column number -> letters, as the user sees them (1 -> A, 27 -> AA). */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export const cellName = (row: number, column: number): string => `${columnLetter(column)}${row}`;

const fmt = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Server messages in the spreadsheet's language. */
export const say = sheetText(MESSAGES);

export const MSG = {
  get busy() { return say('busy'); },
  get noCustomerSheet() { return say('noCustomerSheet'); },
  chosenSheetIsCdm: (name: string) => say('chosenSheetIsCdm', { name }),
  empty: (name: string) => say('empty', { name }),
  headerOnly: (name: string) => say('headerOnly', { name }),
  blankHeader: (column: number) => say('blankHeader', { column: columnLetter(column) }),
  duplicateHeader: (header: string, a: number, b: number) => say('duplicateHeader', { header, a: columnLetter(a), b: columnLetter(b) }),
  filter: (name: string) => say('filter', { name }),
  merged: (a1: string) => say('merged', { a1 }),
  protectedSheet: (name: string) => say('protectedSheet', { name }),
  protectedRange: (a1: string) => say('protectedRange', { a1 }),
  tooManyCells: (have: number, need: number) => say('tooManyCells', { have: fmt(have), need: fmt(need) }),
  longValue: (a1: string, length: number) => say('longValue', { a1, length: fmt(length) }),
  sheetChanged: (name: string) => say('sheetChanged', { name }),
  get runNotFound() { return say('runNotFound'); },
  tooSlow: (step: string) => say('tooSlow', { step }),
  get nothingToUndo() { return say('nothingToUndo'); },
  undoSheetMissing: (name: string) => say('undoSheetMissing', { name }),
  undoBackupMissing: (name: string) => say('undoBackupMissing', { name }),
  undone: (name: string, rows: number) => say('undone', { name, rows: fmt(rows) }),
  get reviewPairGone() { return say('reviewPairGone'); },
  reviewRowsGone: (sheet: string, rows: number[]) => say('reviewRowsGone', { sheet, rows: rows.join(', ') }),
  get reviewBadDecision() { return say('reviewBadDecision'); },
  reviewBadField: (column: string) => say('reviewBadField', { column }),
  formulasLeftAlone: (n: number) => (n === 1 ? say('formulasLeftAlone1') : say('formulasLeftAlone', { count: fmt(n) })),
  failed: (detail: string) => say('failed', { detail: detail.replace(/\.$/, '') }),
  failedWhileWriting: (detail: string, _undoData?: string) => say('failedWhileWriting', { detail: detail.replace(/\.$/, '') }),
  badSheetName: (value: unknown) => say('badSheetName', { value: shortText(value) }),
  noSuchSheet: (name: string) => say('noSuchSheet', { name }),
  badRange: (sheet: string, a1: unknown) => say('badRange', { sheet, a1: shortText(a1) }),
  rangeOutside: (sheet: string, a1: string, rows: number, columns: number) => say('rangeOutside', { sheet, a1, rows: fmt(rows), columns: fmt(columns) }),
  hiddenSheet: (name: string) => say('hiddenSheet', { name }),
  badArgument: (what: string) => say('badArgument', { what }),
};

/** A value a user (or a bad request) sent, shortened to fit a sentence. */
export function shortText(value: unknown): string {
  const s = typeof value === 'string' ? value : value === null || value === undefined ? String(value) : typeof value === 'object' ? '…' : String(value);
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}
