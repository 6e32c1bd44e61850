/**
 * Hostile catalogue, the intake form: what a customer types can be anything, and
 * the shop's sheet can be anything. A formula typed as an answer lands as text; consent goes to
 * the consent column with its time and in that column's own words, and is never assumed; a
 * sheet of figures (spend per product, no contact columns) never asks customers for figures;
 * an answer too long for a cell is kept in the response sheet and not half-written. Every sheet
 * is compared cell by cell before and after (test/hostile/sheet-diff.ts), and only the
 * documented cells may differ. Runs the BUILT dist/Code.js in the local runtime.
 */
import { createRuntime, type Runtime } from '../../runtime/index';
import { builtCode, formIdOf } from '../forms/setup';
import { captureWorkbook, diffWorkbooks, formatDifferences, type Allowed } from './sheet-diff';

const CONSENT = ['I agree that my details are stored and used to contact me.'];
const CUSTOMERS = 'Customers';

function spreadsheet(rows: unknown[][], locale = 'en_US'): Runtime {
  const rt = createRuntime({ code: builtCode(), locale, timeZone: 'Etc/UTC', now: Date.UTC(2025, 5, 30, 9, 0, 0) });
  rt.fillSheet(CUSTOMERS, rows as never, { raw: true });
  const first = rt.spreadsheet.getSheetByName('Sheet1');
  if (first) rt.spreadsheet.deleteSheet(first);
  return rt;
}

function createForm(rt: Runtime): string {
  const ex = rt.run('createIntakeForm');
  if (ex.error) throw new Error(ex.error.text);
  return formIdOf(ex.result as { editUrl: string });
}

const values = (rt: Runtime) => rt.sheetValues(CUSTOMERS);
const lastRow = (rt: Runtime): Record<string, unknown> => {
  const v = values(rt);
  const header = v[0].map(String);
  return Object.fromEntries(header.map((h, i) => [h, v[v.length - 1][i]]));
};

/** What a form answer may change besides the new customer row: Google's response row, CDM's status and log. */
const RESPONSE_SIDE: Allowed[] = [
  { sheet: /^Form Responses/, why: 'Google writes the answer; CDM writes its status beside it' },
  { sheet: 'CDM Audit', why: 'the answer and its cleaning are logged' },
];

const SMALL = [
  ['Name', 'Email', 'Phone', 'City'],
  ['Ann Lee', 'ann@example.com', '+14155550101', 'Springfield'],
  ['Bob Ray', 'bob@example.com', '+14155550102', 'Riverton'],
];

describe('hostile: form answers', () => {
  test('hostile: form answer with a formula: =HYPERLINK(…) and @SUM(…) land as text, never as formulas', () => {
    const rt = spreadsheet(SMALL);
    const form = createForm(rt);
    const before = captureWorkbook(rt);
    rt.submitForm(form, { Name: '=HYPERLINK("http://evil.example","click")', Email: 'eve@example.com', City: '@SUM(A1:A9)', Consent: CONSENT });
    const diffs = diffWorkbooks(before, captureWorkbook(rt), [...RESPONSE_SIDE, { sheet: CUSTOMERS, a1: '4:4', why: 'the new customer row' }, { sheet: CUSTOMERS, layers: ['grid'], why: 'room for the row' }]);
    expect(formatDifferences(diffs)).toBe('');
    const row = rt.sheet(CUSTOMERS).getRange(4, 1, 1, rt.sheet(CUSTOMERS).getLastColumn());
    expect(row.getFormulas()[0].every((f) => f === '')).toBe(true);
    expect(lastRow(rt).Name).toBe('=HYPERLINK("http://evil.example","click")');
    expect(lastRow(rt).City).toBe('@SUM(A1:A9)');
  });

  test('hostile: form answer after the user renamed the customer sheet: still added to that sheet, found by its id', () => {
    const rt = spreadsheet(SMALL);
    const form = createForm(rt);
    rt.sheet(CUSTOMERS).setName('Clients 2025');
    rt.submitForm(form, { Name: 'Cy Young', Email: 'cy@example.com', Consent: CONSENT });
    const v = rt.sheetValues('Clients 2025');
    expect(v).toHaveLength(4);
    expect(v[3].slice(0, 2)).toEqual(['Cy Young', 'cy@example.com']);
  });

  test('hostile: form answer after the user deleted the customer sheet: not added anywhere, kept and marked in plain words', () => {
    const rt = spreadsheet(SMALL);
    const form = createForm(rt);
    rt.spreadsheet.insertSheet('Notes');
    rt.sheet('Notes').getRange(1, 1).setValue('my notes');
    rt.spreadsheet.deleteSheet(rt.sheet(CUSTOMERS));
    const before = captureWorkbook(rt);
    rt.submitForm(form, { Name: 'Cy Young', Email: 'cy@example.com', Consent: CONSENT });
    expect(formatDifferences(diffWorkbooks(before, captureWorkbook(rt), RESPONSE_SIDE))).toBe('');
    const responses = rt.sheetValues('Form Responses 1');
    expect(String(responses[1][responses[0].indexOf('CDM Status')])).toMatch(/^not added: .+\. The answers are kept in this row\.$/);
    expect(responses[1].slice(1, 3)).toEqual(['Cy Young', 'cy@example.com']);
  });
});

describe('hostile: consent answers', () => {
  test('hostile: consent answers: with no consent column, consent lands in “Consent given” with the time; nothing else changes', () => {
    const rt = spreadsheet(SMALL);
    const beforeForm = captureWorkbook(rt);
    const form = createForm(rt);
    // Creating the form adds the consent column's header (and logs it): the only change to the sheet.
    const made: Allowed[] = [
      { sheet: 'CDM Audit', why: 'the new column is logged' },
      { sheet: /^Form Responses/, why: 'Google made it' },
      { sheet: CUSTOMERS, layers: ['index'], why: 'Google puts the response sheet first' },
    ];
    expect(formatDifferences(diffWorkbooks(beforeForm, captureWorkbook(rt), made))).toBe(
      '  Customers!E1 value: (empty) → "Consent given"',
    );
    rt.submitForm(form, { Name: 'Cy Young', Email: 'cy@example.com', Consent: CONSENT });
    const added = lastRow(rt);
    // The time the answer arrived (the runtime's clock starts at 09:00 and moves with the work done).
    const when = added['Consent given'] as Date;
    expect(when).toBeInstanceOf(Date);
    expect(Math.abs(when.getTime() - Date.UTC(2025, 5, 30, 9, 0, 0))).toBeLessThan(60_000);
    // The earlier customers' consent is not invented.
    expect(values(rt).slice(1, 3).map((r) => r[4])).toEqual(['', '']);
  });

  test('hostile: consent answers: a yes/no consent column keeps its own words, the time goes in a note', () => {
    const rt = spreadsheet([
      ['Name', 'Email', 'Marketing OK'],
      ['Ann Lee', 'ann@example.com', 'yes'],
      ['Bob Ray', 'bob@example.com', 'no'],
    ]);
    const form = createForm(rt);
    const before = captureWorkbook(rt);
    rt.submitForm(form, { Name: 'Cy Young', Email: 'cy@example.com', Consent: CONSENT });
    const diffs = diffWorkbooks(before, captureWorkbook(rt), [...RESPONSE_SIDE, { sheet: CUSTOMERS, a1: '4:4', why: 'the new customer row' }, { sheet: CUSTOMERS, layers: ['grid'], why: 'room for the row' }]);
    expect(formatDifferences(diffs)).toBe('');
    expect(lastRow(rt)['Marketing OK']).toBe('yes');
    expect(rt.sheet(CUSTOMERS).getRange(4, 3).getNote()).toBe('Consent given on the intake form on 2025-06-30 09:00.');
    // "no" stays "no": CDM never turns an earlier answer into consent.
    expect(values(rt)[2][2]).toBe('no');
  });

  test('hostile: consent answers: a TRUE/FALSE consent column gets TRUE, never text', () => {
    const rt = spreadsheet([
      ['Name', 'Email', 'Opt-in'],
      ['Ann Lee', 'ann@example.com', true],
      ['Bob Ray', 'bob@example.com', false],
    ]);
    const form = createForm(rt);
    rt.submitForm(form, { Name: 'Cy Young', Email: 'cy@example.com', Consent: CONSENT });
    expect(lastRow(rt)['Opt-in']).toBe(true);
  });

  test('hostile: consent answers: no answer to the consent question writes no consent', () => {
    const rt = spreadsheet(SMALL);
    const form = createForm(rt);
    // The owner made the question optional in the form editor; a customer left it blank.
    const item = rt.forms.get(form)!.getItems().find((i) => i.getTitle() === 'Consent')!;
    item.asCheckboxItem().setRequired(false);
    rt.submitForm(form, { Name: 'Cy Young', Email: 'cy@example.com' });
    expect(lastRow(rt).Name).toBe('Cy Young');
    expect(lastRow(rt)['Consent given']).toBe('');
    expect(rt.sheetValues('CDM Audit').some((r) => String(r[7]).includes('consent given'))).toBe(false);
  });

  test('hostile: consent answers: the user deleted the consent column after making the form; the next consent brings it back at the end', () => {
    const rt = spreadsheet(SMALL);
    const form = createForm(rt);
    rt.sheet(CUSTOMERS).deleteColumn(5);
    const before = captureWorkbook(rt);
    rt.submitForm(form, { Name: 'Cy Young', Email: 'cy@example.com', Consent: CONSENT });
    const diffs = diffWorkbooks(before, captureWorkbook(rt), [...RESPONSE_SIDE, { sheet: CUSTOMERS, a1: '4:4', why: 'the new customer row' }, { sheet: CUSTOMERS, layers: ['grid'], why: 'room for the row and the column' }]);
    expect(formatDifferences(diffs)).toBe('  Customers!E1 value: (empty) → "Consent given"');
  });
});

describe('hostile: a sheet of figures', () => {
  test('hostile: intake form on a sheet without contact columns: never asks customers for figures', () => {
    // A marketing export: an id, per-product spend, counts and flags — nothing a customer fills in.
    const rt = spreadsheet([
      ['ID', 'Year_Birth', 'Income', 'Recency', 'MntWines', 'MntMeatProducts', 'MntGoldProds', 'NumWebPurchases', 'AcceptedCmp1', 'Response'],
      [5524, 1957, 58138, 58, 635, 546, 88, 8, 0, 1],
      [2174, 1954, 46344, 38, 11, 6, 6, 1, 0, 0],
      [4141, 1965, 71613, 26, 426, 127, 42, 8, 0, 0],
    ]);
    const preview = rt.run('previewIntakeForm').result as { questions: Array<{ title: string; kind: string }>; skipped: Array<{ column: string; reason: string }> };
    expect(preview.questions.map((q) => q.title)).toEqual(['Name', 'Email', 'Consent']);
    expect(preview.skipped.map((s) => s.column)).toEqual(['ID', 'Year_Birth', 'Income', 'Recency', 'MntWines', 'MntMeatProducts', 'MntGoldProds', 'NumWebPurchases', 'AcceptedCmp1', 'Response']);
    const form = rt.forms.get(createForm(rt))!;
    expect(form.getItems().map((i) => i.getTitle())).toEqual(['Name', 'Email', 'Consent']);
  });
});
