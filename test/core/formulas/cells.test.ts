/**
 * Naming the cell a formula error is about from the formula's own text (core/formulas/cells.ts)
 * and column letters (core/a1.ts). Expected names worked out by hand: the argument's top-left
 * cell moved down by the row and right by the column inside it.
 */
import { columnLetters, columnNumber } from '../../../src/core/a1';
import { argumentCell, callArguments } from '../../../src/core/formulas/cells';

const at = (arg: number, row: number, column = 0) => ({ arg, name: 'x', row, column });

test('column letters both ways: A, Z, AA, AZ, BA, ZZ, AAA', () => {
  expect([1, 26, 27, 52, 53, 702, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  expect(['A', 'z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA'].map(columnNumber)).toEqual([1, 26, 27, 52, 53, 702, 703]);
});

test('arguments of the one call, with nested calls, strings, arrays and sheet names kept whole', () => {
  expect(callArguments('=CDM_PREDICT(B2:B9, A2:A9, A10)', 'CDM_PREDICT')).toEqual(['B2:B9', 'A2:A9', 'A10']);
  expect(callArguments('=IFERROR(CDM_PREDICT(FILTER(B2:B9, A2:A9>0), {1, 2}, "a,b"), "")', 'CDM_PREDICT'))
    .toEqual(['FILTER(B2:B9, A2:A9>0)', '{1, 2}', '"a,b"']);
  expect(callArguments("=CDM_CLUSTER('Sales, 2024'!A1:B9; 3)", 'CDM_CLUSTER')).toEqual(["'Sales, 2024'!A1:B9", '3']);
  expect(callArguments('=CDM_PREDICT(B2:B9)+CDM_PREDICT(C2:C9)', 'CDM_PREDICT')).toBeNull(); // which one?
  expect(callArguments('=MY_CDM_PREDICT(B2:B9)', 'CDM_PREDICT')).toBeNull();
});

test('the cell inside an argument: offset from its top-left, on its own sheet, $ ignored', () => {
  expect(argumentCell('=CDM_PREDICT(B2:B9, A2:A9, A10)', 'CDM_PREDICT', at(0, 3))).toBe('B5');
  expect(argumentCell('=CDM_PREDICT(B2:B9, A2:A9, A10)', 'CDM_PREDICT', at(2, 0))).toBe('A10');
  expect(argumentCell('=CDM_STATS($C$3:$F$40)', 'CDM_STATS', at(0, 2, 3))).toBe('F5');
  expect(argumentCell("=CDM_CLUSTER('Last year'!Y1:AB9)", 'CDM_CLUSTER', at(0, 1, 3))).toBe("'Last year'!AB2");
  expect(argumentCell('=CDM_RFM(D:D, E:E, F:F)', 'CDM_RFM', at(1, 6))).toBe('E7');
});

test('no name when the argument is not a plain reference', () => {
  expect(argumentCell('=CDM_PREDICT(FILTER(B2:B9, A2:A9>0), A2:A9)', 'CDM_PREDICT', at(0, 1))).toBeNull();
  expect(argumentCell('=CDM_PREDICT(Sales, A2:A9)', 'CDM_PREDICT', at(0, 1))).toBeNull();
  expect(argumentCell('=CDM_PREDICT(B2:B9)', 'CDM_PREDICT', at(2, 0))).toBeNull();
});
