/**
 * The adapter of the =CDM_* formulas (their logic is core/formulas/, their declarations and
 * help text src/entrypoints.ts). Custom functions run without authorisation and within 30 s;
 * here is only what needs the spreadsheet: the default phone country, and the name of the cell
 * a formula error is about, read from the calling formula's own text.
 */
import { FormulaError, argumentCell } from '../core/formulas/index';
import { resolveSetting } from '../core/settings';
import { loadSettings } from './run-state';
import { calendarArg, spreadsheetDates } from './dates';

export * from '../core/formulas/index';

/**
 * The phone country when the formula gives none, in the order every surface uses
 * (core/settings.ts): the user's saved choice, then the spreadsheet's country, then US.
 * Custom functions may read document properties and the spreadsheet without authorisation;
 * if the environment refuses either, the next in line decides.
 */
export function spreadsheetRegion(): string {
  let saved = null;
  let locale = null;
  try { saved = loadSettings(); } catch { saved = null; }
  try { locale = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale(); } catch { locale = null; }
  return resolveSetting('region', { saved, locale });
}

/**
 * A formula's argument with its dates as the days the user sees: Sheets passes a date cell as
 * midnight in the spreadsheet's time zone, core reads calendar dates (src/gas/dates.ts).
 */
export function inZone<T>(arg: T): T {
  if (!(arg instanceof Date) && !Array.isArray(arg)) return arg;
  return calendarArg(arg, spreadsheetDates());
}

/** Today in the spreadsheet's time zone, as a calendar date (CDM_CHURN without as_of). */
export const sheetToday = (): Date => spreadsheetDates().today();

/**
 * The cell an error is about, as the user sees it (B7), from the calling cell's formula text.
 * Read only when a formula fails, so a formula that works makes no extra call.
 */
function cellName(functionName: string, error: FormulaError): string | null {
  if (!error.at || !functionName) return null;
  try {
    const text = SpreadsheetApp.getActiveRange()?.getFormula();
    return text ? argumentCell(text, functionName, error.at) : null;
  } catch {
    return null;
  }
}

/**
 * Runs a formula (`functionName` as the sheet calls it, e.g. CDM_PREDICT). Our own plain
 * messages go to the cell as they are, naming the cell at fault; any other error is shortened
 * to one line, never a stack trace.
 */
export function formula<T>(run: () => T, functionName = ''): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof FormulaError) throw new Error(e.messageAt(cellName(functionName, e)));
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(`CDM could not compute this: ${message.split('\n')[0]}`);
  }
}
