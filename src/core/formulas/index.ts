/**
 * The logic behind the =CDM_* formulas, pure: each takes the arguments as Sheets passes them
 * and returns the cell or range to show. src/gas/functions.ts adapts them (the spreadsheet's
 * defaults, a failing cell named as the user sees it) and src/entrypoints.ts declares them
 * with their help text. One formula family a file; the argument rules are in args.ts.
 */
export { type ArgCell, type FormulaArg, type FormulaResult, FormulaError } from './args';
export { cdmEmail, cdmPhone } from './contact';
export { cdmDedupeKey, cdmMatch, roleOfValue } from './match';
export { FORMULA_SEED, cdmCluster, cdmSegment } from './segments';
export { cdmStats } from './stats';
export { cdmPredict } from './predict';
export { cdmChurn, cdmRfm } from './customers';
export { argumentCell } from './cells';
