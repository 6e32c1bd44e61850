/** Helpers over an execution's call counts ({ 'Range.getValues': 1, ... }). */
export type CallCounts = Record<string, number>;

const SPREADSHEET_SERVICES = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'RangeList', 'EmbeddedChartBuilder', 'EmbeddedChart', 'Filter', 'Protection']);

/** Range methods that read cell content or formatting from the sheet. */
export const READ_METHODS = new Set([
  'Range.getValues',
  'Range.getValue',
  'Range.getDisplayValues',
  'Range.getDisplayValue',
  'Range.getFormulas',
  'Range.getFormula',
  'Range.getNotes',
  'Range.getNote',
  'Range.getBackgrounds',
  'Range.getBackground',
  'Range.getNumberFormats',
  'Range.getNumberFormat',
  'Range.getFontWeights',
  'Range.getFontWeight',
  'Range.getFontColors',
  'Range.getMergedRanges',
  'Range.isBlank',
]);

/** Calls that change cells or the sheet's structure. */
export function isWrite(name: string): boolean {
  const [service, method] = name.split('.');
  if (service === 'Range') return /^(set|clear|merge|breakApart)/.test(method) && method !== 'setActive';
  // One call writes every listed range (Sheet.getRangeList itself reads nothing).
  if (service === 'RangeList') return /^(set|clear|breakApart|check|uncheck|insertCheckboxes|removeCheckboxes|trimWhitespace)/.test(method);
  if (service === 'Sheet') return /^(appendRow|insert(Rows?|Columns?)|delete(Rows?|Columns?)|clear)/.test(method);
  return false;
}

export function isRead(name: string): boolean {
  return READ_METHODS.has(name);
}

function sum(calls: CallCounts, pick: (name: string) => boolean): number {
  let n = 0;
  for (const [name, count] of Object.entries(calls)) if (pick(name)) n += count;
  return n;
}

export const spreadsheetReads = (calls: CallCounts) => sum(calls, isRead);
export const spreadsheetWrites = (calls: CallCounts) => sum(calls, isWrite);
export const readsPlusWrites = (calls: CallCounts) => spreadsheetReads(calls) + spreadsheetWrites(calls);
export const spreadsheetCalls = (calls: CallCounts) => sum(calls, (n) => SPREADSHEET_SERVICES.has(n.split('.')[0]));
export const totalCalls = (calls: CallCounts) => sum(calls, () => true);
