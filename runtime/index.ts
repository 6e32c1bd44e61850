/** The local Apps Script runtime: see README.md in this folder. */
export { createRuntime, Runtime, TIME_LIMIT_MS, CUSTOM_FUNCTION_TIME_LIMIT_MS } from './runtime';
export type { RuntimeOptions, RunOptions, Execution, ExecutionError, ServiceCall, SheetSnapshot } from './runtime';
export { spreadsheetReads, spreadsheetWrites, readsPlusWrites, spreadsheetCalls, totalCalls, isRead, isWrite } from './counters';
export type { CallCounts } from './counters';
export { Spreadsheet, Sheet, Range, RangeList, EmbeddedChart, MAX_CELLS, DeveloperMetadata, METADATA_CHARS_LIMIT, METADATA_MESSAGES } from './spreadsheet';
export { Form } from './forms';
export { ScriptException, MESSAGES } from './errors';
export { parseA1, toA1, columnLetters, columnNumber } from './a1';
export { formatDate } from './dates';
export { DEFAULT_NUMBER_FORMAT, TEXT_FORMAT, MAX_CELL_CHARS } from './values';
export type { CellValue } from './values';
export { PROPERTY_VALUE_MAX_BYTES, PROPERTY_STORE_MAX_BYTES, CACHE_VALUE_MAX_BYTES, CACHE_KEY_MAX_CHARS } from './storage';
export type { MenuRecord, UiRecord } from './host';
