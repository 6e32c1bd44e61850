/**
 * Errors the simulated services throw. Apps Script's own service errors have
 * `name === 'Exception'` and a bare message, so `String(e)` reads "Exception: <message>"
 * exactly as in the Apps Script execution log.
 */
export class ScriptException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

/** Thrown once an execution has run past its time limit; every later call throws it again. */
export class TimeLimitExceeded extends Error {
  constructor() {
    super('Exceeded maximum execution time');
    this.name = 'Error';
  }
}

export const MESSAGES = {
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  colsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  startRowTooSmall: 'The starting row of the range is too small.',
  startColTooSmall: 'The starting column of the range is too small.',
  numRowsTooSmall: 'The number of rows in the range must be at least 1.',
  numColsTooSmall: 'The number of columns in the range must be at least 1.',
  outsideSheet: 'The coordinates of the range are outside the dimensions of the sheet.',
  rangeNotFound: 'Range not found',
  cellOutOfRange: 'Cell reference out of range',
  cellTooLong: 'Your input contains more than the maximum of 50000 characters in a single cell.',
  tooManyCells: 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
  sheetExists: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  removeAllSheets: "You can't remove all the visible sheets in a document.",
  hideAllSheets: "You can't hide all the sheets in a document.",
  deleteAllRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  deleteAllColumns: 'Sorry, it is not possible to delete all non-frozen columns.',
  protectedCell:
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  permission: (what: string) => `You do not have permission to call ${what}`,
  noUi: (what: string) => `Cannot call ${what}() from this context.`,
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',
  argumentTooLarge: (what: string) => `Argument too large: ${what}`,
  propertyQuota: 'You have exceeded the property storage quota. Please remove some properties and try again.',
  tooManyTriggers: 'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  // The next three are as we remember Google's wording (or, for test deployments, our own): they
  // could not be checked against Google offline. What matters is that the call is refused.
  addOnTooManyTriggers: (kind: string) => `This add-on has created too many ${kind} triggers in this document for this Google user account.`,
  addOnTriggerTooOften: 'Add-ons may not create time-based triggers that run more often than once an hour.',
  testDeploymentTriggers: 'Installable triggers are not supported in test deployments.',
  functionNotFound: (name: string) => `Script function not found: ${name}`,
  noHtmlFile: (name: string) => `No HTML file named ${name} was found.`,
  signature: (types: string, method: string) => `The parameters (${types}) don't match the method signature for ${method}.`,
  invalidArgument: (what: string) => `Invalid argument: ${what}`,
  noSuchForm: 'No item with the given ID could be found, or you do not have permission to access it.',
} as const;

export function fail(message: string): never {
  throw new ScriptException(message);
}

/** Apps Script names argument types this way in its signature errors. */
export function typeNames(args: unknown[]): string {
  return args
    .map((a) => {
      if (a === null || a === undefined) return 'null';
      if (Array.isArray(a)) return 'Object[]';
      if (typeof a === 'object') return Object.prototype.toString.call(a) === '[object Date]' ? 'Date' : 'Object';
      return typeof a === 'number' ? 'number' : typeof a === 'string' ? 'String' : typeof a;
    })
    .join(',');
}
