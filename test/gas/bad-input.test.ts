/**
 * Bad input gets a plain message and changes nothing: every sheet (values, notes, formats,
 * hidden flags) and the document properties are exactly as before the attempt.
 */
import { CUSTOMERS, FLAG, newRuntime, sampleRows, snapshotAll, type Runtime } from './helpers';

const small = () => sampleRows(20, 3);

/** An editor who is not the owner: protections apply to them (an owner may always edit). */
const EDITOR = 'helper@example.com';

function expectRefused(rt: Runtime, message: RegExp, options: object = FLAG): string {
  const before = snapshotAll(rt);
  const props = new Map(rt.properties.document.data);
  const ex = rt.run('startRun', [options], { user: EDITOR });
  expect(ex.error).toBeDefined();
  const text = ex.error!.message;
  expect(text).toMatch(message);
  expect(text).not.toMatch(/TypeError|undefined|at \w+ \(/);
  expect(snapshotAll(rt)).toEqual(before);
  expect(new Map(rt.properties.document.data)).toEqual(props);
  return text;
}

const cases: Array<[string, (rt: Runtime) => void, RegExp]> = [
  ['an empty sheet', (rt) => rt.fillSheet(CUSTOMERS, [[]]), /The sheet “Customers” is empty/],
  ['a header row only', (rt) => rt.fillSheet(CUSTOMERS, [small()[0]]), /has a header row but no customers/],
  [
    'two columns with the same header',
    (rt) => {
      const rows = small();
      rows[0] = rows[0].map((h, j) => (j === 5 ? 'Email' : h));
      rt.fillSheet(CUSTOMERS, rows);
    },
    /Two columns are both called “Email” \(columns B and F\)/,
  ],
  [
    'a column without a header',
    (rt) => {
      const rows = small();
      rows[0] = rows[0].map((h, j) => (j === 2 ? '' : h));
      rt.fillSheet(CUSTOMERS, rows);
    },
    /Column C has no name in the header row/,
  ],
  [
    'a filter on the range',
    (rt) => {
      rt.fillSheet(CUSTOMERS, small());
      rt.sheet(CUSTOMERS)._setFilter('A1:O21');
    },
    /has a filter.*Remove the filter/,
  ],
  [
    'merged cells in the range',
    (rt) => {
      rt.fillSheet(CUSTOMERS, small());
      rt.sheet(CUSTOMERS).getRange('D4:E4').merge();
    },
    /Some cells are merged \(D4:E4\)/,
  ],
  [
    'a protected range the user may not edit',
    (rt) => {
      rt.fillSheet(CUSTOMERS, small());
      rt.sheet(CUSTOMERS)._protect('A2:C5', { editors: ['boss@example.com'] });
    },
    /The cells A2:C5 are protected and you are not allowed to edit them/,
  ],
  [
    'a protected sheet',
    (rt) => {
      rt.fillSheet(CUSTOMERS, small());
      rt.sheet(CUSTOMERS)._protect(null, { editors: ['boss@example.com'] });
    },
    /The sheet “Customers” is protected/,
  ],
  [
    'a spreadsheet near the 10-million-cell limit',
    (rt) => {
      rt.fillSheet(CUSTOMERS, small());
      const big = rt.spreadsheet.insertSheet('Archive');
      big.insertRowsAfter(1000, 380000 - 1000); // 380,000 × 26 = 9.88 million cells
      rt.spreadsheet.setActiveSheet(rt.sheet(CUSTOMERS));
    },
    /past Google Sheets’ limit of 10,000,000 cells.*Nothing was changed/,
  ],
  [
    'a value of 50,000 characters',
    (rt) => {
      const rows = small();
      rows[4][14] = 'x'.repeat(50000);
      rt.fillSheet(CUSTOMERS, rows);
    },
    /Cell O5 holds a very long text \(50,000 characters/,
  ],
];

describe('bad input: a plain message and no change', () => {
  test.each(cases)('%s', (_name, setUp, message) => {
    const rt = newRuntime();
    setUp(rt);
    expectRefused(rt, message);
  });

  test('a run while another holds the document lock is refused with the busy message', () => {
    const rt = newRuntime();
    rt.fillSheet(CUSTOMERS, small());
    rt.holdLock('document', 10 * 60 * 1000);
    expectRefused(rt, /^CDM is already running on this spreadsheet\. Try again in a minute\.$/);
  });
});
