/**
 * Every message the server side shows a user, in one place, in plain words. A UserError
 * carries one of them up to google.script.run's failure handler (or a Ui.alert) unchanged.
 */
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

export const MSG = {
  busy: 'CDM is already running on this spreadsheet. Try again in a minute.',
  noCustomerSheet:
    'CDM could not find a customer sheet. Open the sheet with your customers (one per row, a header row at the top) and try again.',
  chosenSheetIsCdm: (name: string) =>
    `“${name}” is a sheet CDM made itself. Open the sheet with your customers and try again.`,
  empty: (name: string) =>
    `The sheet “${name}” is empty. Put your customers in it, one per row, with a header row at the top, then run CDM again.`,
  headerOnly: (name: string) =>
    `The sheet “${name}” has a header row but no customers below it yet. Add some rows, then run CDM again.`,
  blankHeader: (column: number) =>
    `Column ${columnLetter(column)} has no name in the header row. Give every column a name in row 1, then run CDM again.`,
  duplicateHeader: (header: string, a: number, b: number) =>
    `Two columns are both called “${header}” (columns ${columnLetter(a)} and ${columnLetter(b)}). Rename one of them, then run CDM again.`,
  filter: (name: string) =>
    `The sheet “${name}” has a filter, so some rows may be hidden from CDM. Remove the filter (Data → Remove filter), then run CDM again.`,
  merged: (a1: string) =>
    `Some cells are merged (${a1}). CDM needs one value per cell: unmerge them (Format → Merge cells → Unmerge), then run CDM again.`,
  protectedSheet: (name: string) =>
    `The sheet “${name}” is protected and you are not allowed to edit it, so CDM can't write its results. Ask the owner for edit access, or remove the protection, then run CDM again.`,
  protectedRange: (a1: string) =>
    `The cells ${a1} are protected and you are not allowed to edit them, so CDM can't write its results. Ask the owner for edit access, or remove the protection, then run CDM again.`,
  tooManyCells: (have: number, need: number) =>
    `This spreadsheet is close to Google Sheets' limit of 10 million cells (it already has ${fmt(have)}). CDM needs room for about ${fmt(need)} more cells for its backup and results. Delete sheets, rows or columns you don't need, or copy your customers into a new spreadsheet, then run CDM again. Nothing was changed.`,
  longValue: (a1: string, length: number) =>
    `Cell ${a1} holds a very long text (${fmt(length)} characters; a cell can hold at most 50,000). CDM can't safely write it back. Shorten it, then run CDM again. Nothing was changed.`,
  sheetChanged: (name: string) =>
    `Someone changed the sheet “${name}” while CDM was working on it, so CDM stopped without changing anything. Run CDM again.`,
  runNotFound: 'That run is no longer active. Start a new run.',
  tooSlow: (step: string) =>
    `CDM could not finish “${step}” within Google's time limit for one step, even after trying again. Try fewer rows (for example, split the sheet), or run the steps one at a time. Nothing was changed.`,
  nothingToUndo: 'There is no CDM run to undo.',
  undoSheetMissing: (name: string) =>
    `The sheet “${name}” that CDM changed is gone, so the last run can't be undone.`,
  undoBackupMissing: (name: string) =>
    `The backup “${name}” was deleted, so the last run can't be undone.`,
  undone: (name: string, rows: number) => `The last CDM run was undone: “${name}” is back as it was (${fmt(rows)} rows).`,
  reviewPairGone: 'That pair is no longer in the review queue. Run CDM again to refresh it.',
  formulasLeftAlone: (n: number) =>
    `${fmt(n)} cell${n === 1 ? '' : 's'} with formulas were left as they are.`,
  failed: (detail: string) => `CDM stopped because of an unexpected problem: ${detail.replace(/\.$/, '')}. Nothing was changed.`,
  failedWhileWriting: (detail: string, _undoData: string) =>
    `CDM stopped because of an unexpected problem while writing its results: ${detail.replace(/\.$/, '')}. Your sheet may be partly updated; Undo (in the CDM sidebar) takes back what this run wrote.`,
};
