/**
 * In-memory Spreadsheet / Sheet / Range with Apps Script semantics (1-based, typed values,
 * Apps Script's error texts). Host code (tests) may call these objects directly; the vm sees
 * them through the counting boundary (boundary.ts).
 */
export { MAX_CELLS, DEFAULT_ROWS, DEFAULT_COLUMNS, type Box } from './grid';
export { Protection, Filter, SheetUser } from './protection';
export { EmbeddedChart, EmbeddedChartBuilder, EmbeddedChartOptions, ContainerInfo } from './charts';
export { Range } from './range';
export { DeveloperMetadata, DeveloperMetadataFinder, DeveloperMetadataLocation, METADATA_CHARS_LIMIT, METADATA_MESSAGES } from './metadata';
export { RangeList } from './range-list';
export { Sheet } from './sheet';
export { Spreadsheet, fullA1, columnLetters } from './spreadsheet';
