/**
 * The intake form end to end, in the local Apps Script runtime against the built
 * dist/Code.js (run `npm run build` first): creating the form, and simulated submissions
 * firing the installed trigger — new customer, exact duplicate, fuzzy duplicate, merge mode,
 * one arriving while a run holds the document lock, malformed ones.
 */
import { analyseTable, scoreRow } from '../../src/core/analysis/index';
import { detectRoles } from '../../src/core/roles';
import type { Cell } from '../../src/core/table';
import { mapResponseColumns, productChoices } from '../../src/gas/forms';
import { readsPlusWrites } from '../../runtime/index';
import { CUSTOMER_HEADER, builtCode, customerRows, formIdOf, putJsonProperty, spreadsheetWithCustomers } from './setup';
import { createRuntime, type Runtime } from '../../runtime/index';

const CONSENT = ['I agree that my details are stored and used to contact me.'];

interface Info { formUrl: string; editUrl: string; triggerInstalled: boolean; responseSheet: string; mapping: Array<{ response: string; customer: string | null }> }

function createForm(rt: Runtime): Info {
  const ex = rt.run('createIntakeForm');
  if (ex.error) throw new Error(ex.error.text);
  return ex.result as Info;
}

const formSubmitTriggers = (rt: Runtime) => rt.triggers.list.filter((t) => t.eventType === 'ON_FORM_SUBMIT');
const header = (rt: Runtime, sheet: string): string[] => rt.sheetValues(sheet)[0].map(String);
const lastRow = (rt: Runtime, sheet: string): Record<string, Cell> => {
  const values = rt.sheetValues(sheet);
  const h = values[0].map(String);
  const row = values[values.length - 1];
  return Object.fromEntries(h.map((k, i) => [k, row[i] as Cell]));
};
const status = (rt: Runtime, row: number): string => {
  const values = rt.sheetValues('Form Responses 1');
  return String(values[row - 1][values[0].indexOf('CDM Status')]);
};

describe('creating the intake form', () => {
  test('questions from the customer header, validation, required fields, consent, destination, one trigger', () => {
    const rt = spreadsheetWithCustomers(20);
    const info = createForm(rt);
    const form = rt.forms.get(formIdOf(info))!;
    const items = form.getItems();
    // Only what a customer fills in: no Signup Date, Orders, Total Spend, Age, Income, Notes.
    expect(items.map((i) => i.getTitle())).toEqual(['Name', 'Email', 'Phone', 'Street', 'City', 'Postcode', 'Country', 'Product', 'Consent']);
    const byTitle = Object.fromEntries(items.map((i) => [i.getTitle(), i]));
    expect(byTitle.Email._validation?._rule).toBe('email');
    expect(byTitle.Name.isRequired()).toBe(true);
    expect(byTitle.Email.isRequired()).toBe(true);
    expect(byTitle.Phone.isRequired()).toBe(false);
    // Product interest: the shop's own products to tick (equally common here, so alphabetical), or another.
    expect(byTitle.Product.getType()).toBe('CHECKBOX');
    expect(byTitle.Product.getChoices().map((c) => c.getValue())).toEqual(['Candles', 'Gift box', 'Soap', 'Tea']);
    expect(byTitle.Product._otherOption).toBe(true);
    expect(byTitle.Consent.getType()).toBe('CHECKBOX');
    expect(byTitle.Consent.isRequired()).toBe(true);
    expect(form.getDestinationId()).toBe(rt.spreadsheet.getId());
    expect(info.responseSheet).toBe('Form Responses 1');
    expect(header(rt, 'Form Responses 1').slice(0, 3)).toEqual(['Timestamp', 'Name', 'Email']);
    expect(formSubmitTriggers(rt)).toHaveLength(1);
    expect(formSubmitTriggers(rt)[0].handler).toBe('onFormSubmit');
    expect(info.triggerInstalled).toBe(true);
    expect(info.mapping).toContainEqual({ response: 'Timestamp', customer: 'Signup Date' });
    expect(info.mapping).toContainEqual({ response: 'Email', customer: 'Email' });
    // Consent answers go to a consent column with the time (the sheet has none: CDM adds "Consent given").
    expect(info.mapping).toContainEqual({ response: 'Consent', customer: 'Consent given' });
  });

  test('a re-run reuses the form and never installs a second trigger; removing and re-adding the trigger works', () => {
    const rt = spreadsheetWithCustomers(20);
    const first = createForm(rt);
    const again = createForm(rt);
    expect(again.editUrl).toBe(first.editUrl);
    expect(rt.forms.size).toBe(1);
    expect(formSubmitTriggers(rt)).toHaveLength(1);

    const removed = rt.run('removeFormTrigger');
    expect(removed.error).toBeUndefined();
    expect((removed.result as Info).triggerInstalled).toBe(false);
    expect(formSubmitTriggers(rt)).toHaveLength(0);
    // The form still collects responses; they are not processed without the trigger.
    rt.submitForm(formIdOf(first), { Name: 'Ann Lee', Email: 'ann@example.com', Consent: CONSENT });
    expect(rt.sheetValues('Customers')).toHaveLength(21);

    createForm(rt);
    expect(formSubmitTriggers(rt)).toHaveLength(1);
    expect((rt.run('getFormInfo').result as Info).triggerInstalled).toBe(true);
  });

  test('a Chinese sheet gets a Chinese form from its Chinese headers', () => {
    const rt = createRuntime({ code: builtCode(), locale: 'zh_CN' });
    rt.fillSheet('客户', [['姓名', '邮箱', '电话', '城市', '产品', '消费金额'], ['王小明', 'xm@example.cn', '+86 138 0013 8000', '上海', '茶', 120]], { raw: true });
    const info = createForm(rt);
    const form = rt.forms.get(formIdOf(info))!;
    expect(form.getItems().map((i) => i.getTitle())).toEqual(['姓名', '邮箱', '电话', '城市', '产品', '同意']);
    expect(form.getItems()[1]._validation?._rule).toBe('email');
    expect(form.getDescription()).toMatch(/联系方式/);
    rt.submitForm(formIdOf(info), { 姓名: '李华', 邮箱: 'LiHua@Example.cn', 电话: '13900139000', 同意: ['我同意保存我的信息并用于联系我。'] });
    const rows = rt.sheetValues('客户');
    expect(rows[2].slice(0, 3)).toEqual(['李华', 'lihua@example.cn', '+8613900139000']);
  });

  test('getFormInfo is null before a form exists', () => {
    const rt = spreadsheetWithCustomers(5);
    const ex = rt.run('getFormInfo');
    expect(ex.error).toBeUndefined();
    expect(ex.result).toBeNull();
  });

  test('product choices: most frequent first, lists split, none or too many -> open question', () => {
    expect(productChoices(['Tea', 'Soap, Tea', 'tea', '', 'Candles|Soap', 42])).toEqual(['Tea', 'Soap', '42', 'Candles']);
    expect(productChoices(['', ''])).toEqual([]);
    expect(productChoices(Array.from({ length: 16 }, (_, i) => `P${i}`))).toEqual([]);
  });

  test('response columns map to customer columns by header, tolerantly', () => {
    const mapping = mapResponseColumns(['Timestamp', 'E-mail', 'Mobile', 'Full name', 'product interest', 'Favourite colour'], ['Name', 'Email', 'Phone', 'Signup Date', 'Product Interest', 'CDM Cluster']);
    expect(mapping).toEqual([
      { response: 'Timestamp', customer: 'Signup Date' },
      { response: 'E-mail', customer: 'Email' },
      { response: 'Mobile', customer: 'Phone' },
      { response: 'Full name', customer: 'Name' },
      { response: 'product interest', customer: 'Product Interest' },
      { response: 'Favourite colour', customer: null },
    ]);
  });
});

describe('submissions', () => {
  function setup(n = 30): { rt: Runtime; formId: string } {
    const rt = spreadsheetWithCustomers(n);
    return { rt, formId: formIdOf(createForm(rt)) };
  }

  test('a new customer is normalised, appended once, audited, and the response is marked', () => {
    const { rt, formId } = setup();
    const runs = rt.submitForm(formId, {
      Name: 'ANN LEE', Email: 'Ann.Lee@Example.com', Phone: '(415) 555-0132', Street: '1 Oak Street',
      City: 'Springfield', Postcode: '94101', Country: 'USA', Product: ['Tea'], Consent: CONSENT,
    });
    expect(runs).toHaveLength(1);
    expect(runs[0].error).toBeUndefined();
    const values = rt.sheetValues('Customers');
    expect(values).toHaveLength(32);
    const added = lastRow(rt, 'Customers');
    expect(added.Name).toBe('Ann Lee');
    expect(added.Email).toBe('ann.lee@example.com');
    expect(added.Phone).toBe('+14155550132');
    expect(added.Product).toBe('Tea');
    expect(added['Signup Date']).toBeInstanceOf(Date);
    expect(added['CDM Duplicate Of'] ?? '').toBe('');
    expect(status(rt, 2)).toBe('new customer; added as row 32');
    const audit = rt.sheetValues('CDM Audit');
    // Compact audit: one line per row, its changes in the last cell (fewer cells in the workbook).
    expect(audit[0]).toEqual(['Run', 'Time', 'Sheet', 'Row', 'Changes']);
    expect(audit.some((r) => r[3] === 32 && String(r[4]).includes('Phone: (415) 555-0132 → +14155550132'))).toBe(true);
    expect(audit.some((r) => r[3] === 32 && String(r[4]).includes('new customer'))).toBe(true);
    // The response sheet keeps the answers exactly as typed.
    expect(rt.sheetValues('Form Responses 1')[1].slice(1, 4)).toEqual(['ANN LEE', 'Ann.Lee@Example.com', '(415) 555-0132']);
  });

  test('an exact duplicate (same person, e-mail in another case) is marked CDM Duplicate Of the existing row', () => {
    const { rt, formId } = setup();
    const existing = customerRows(30)[4]; // sheet row 6
    rt.submitForm(formId, { Name: String(existing[0]), Email: String(existing[1]).toUpperCase(), Phone: String(existing[2]), Consent: CONSENT });
    const added = lastRow(rt, 'Customers');
    expect(rt.sheetValues('Customers')).toHaveLength(32);
    expect(added['CDM Duplicate Of']).toBe(6);
    expect(Number(added['CDM Match Score'])).toBeGreaterThanOrEqual(0.95);
    expect(String(added['CDM Match Reason'])).toMatch(/e-mail/);
    expect(status(rt, 2)).toBe('duplicate of row 6; added as row 32');
  });

  test('a fuzzy duplicate in the uncertain band goes to CDM Review, and the row is still added', () => {
    const { rt, formId } = setup();
    const existing = customerRows(30)[7]; // sheet row 9: "Yuki Garcia"
    // A typo in the first name, the same city, but a new e-mail and no phone: maybe the same person.
    rt.submitForm(formId, { Name: 'Yuky Garcia', Email: 'yg@another.org', City: String(existing[4]), Consent: CONSENT });
    expect(rt.sheetValues('Customers')).toHaveLength(32);
    // In the layout a CDM run writes, so the sidebar's review queue shows it.
    const review = rt.sheetValues('CDM Review');
    expect(review).toHaveLength(3);
    // Human-readable: the match as a percentage, no raw JSON anywhere.
    expect(review[0].slice(0, 6)).toEqual(['Pair', 'Decision', 'Match', 'Record', 'Row', 'Name']);
    expect(review.flat().some((c) => /^[[{]/.test(String(c)))).toBe(false);
    expect(review.slice(1).map((r) => [r[3], r[4], r[5]])).toEqual([['A', 9, 'Yuki Garcia'], ['B', 32, 'Yuky Garcia']]);
    const queue = rt.run('getReviewQueue');
    expect(queue.error).toBeUndefined();
    const pairs = queue.result as Array<{ id: string; a: { row: number }; b: { row: number }; score: number }>;
    expect(pairs.map((p) => [p.a.row, p.b.row])).toEqual([[9, 32]]);
    expect(pairs[0].score).toBeGreaterThan(0);
    expect(status(rt, 2)).toBe('possible duplicate of row 9: see CDM Review; added as row 32');
    expect(lastRow(rt, 'Customers')['CDM Duplicate Of'] ?? '').toBe('');
  });

  test('the same mailbox under another name is never passed over: it goes to review', () => {
    const { rt, formId } = setup();
    // Row 9 is Yuki Garcia (yuki.garcia7@example.com); the model alone scores this pair "different people".
    rt.submitForm(formId, { Name: 'Juan Perez', Email: 'Yuki.Garcia7@example.com', Consent: CONSENT });
    expect(status(rt, 2)).toBe('possible duplicate of row 9: see CDM Review; added as row 32');
    expect(rt.sheetValues('CDM Review').slice(1).map((r) => [r[3], r[4]])).toEqual([['A', 9], ['B', 32]]);
  });

  test('merge mode: a duplicate fills the existing customer\'s empty cells instead of adding a row', () => {
    const { rt, formId } = setup();
    putJsonProperty(rt, 'cdm.settings', { mode: 'merge', region: 'US', sheetId: null });
    const existing = customerRows(30)[2]; // sheet row 4
    const before = rt.sheetValues('Customers');
    rt.sheet('Customers').getRange(4, 11).setValue(''); // Product unknown so far
    rt.submitForm(formId, { Name: String(existing[0]), Email: String(existing[1]), Phone: '(415) 555-0177', Product: ['Soap'], City: 'Elsewhere', Consent: CONSENT });
    const after = rt.sheetValues('Customers');
    expect(after).toHaveLength(before.length);
    expect(after[3][10]).toBe('Soap'); // filled
    expect(after[3][4]).toBe(existing[4]); // existing city kept, never overwritten
    expect(after[3][2]).toBe(`${existing[2]}; +14155550177`); // a second phone is kept beside the first, as a CDM merge does
    expect(status(rt, 2)).toBe('merged into row 4');
    expect(rt.sheetValues('CDM Audit').some((r) => r[3] === 4 && /^Product: .* → Soap \(/m.test(String(r[4])))).toBe(true);
  });

  test('the saved models score the new row (cluster, segment, predicted spend)', () => {
    const { rt, formId } = setup();
    const table = { header: CUSTOMER_HEADER, rows: customerRows(30) as Cell[][] };
    const roles = detectRoles(table).roles;
    const model = analyseTable(table, roles, { asOf: new Date(Date.UTC(2025, 5, 30)), seed: 1, features: ['Age', 'Income'] }).report.model;
    putJsonProperty(rt, 'cdm.model', model);
    rt.submitForm(formId, { Name: 'Bo Chen', Email: 'bo@example.com', Product: ['Gift box'], Consent: CONSENT });
    const added = lastRow(rt, 'Customers');
    const userHeader = CUSTOMER_HEADER;
    const row = userHeader.map((h) => (added[h] ?? '') as Cell);
    const expected = scoreRow(JSON.parse(JSON.stringify(model)), userHeader, row);
    expect(expected.predictedSpend).not.toBeNull();
    expect(added['CDM Predicted Spend']).toBeCloseTo(expected.predictedSpend as number, 2);
    // No age or income on the form: no segment can be given, and none is made up.
    expect(added['CDM Cluster'] ?? '').toBe('');
  });

  test('a submission arriving while a run holds the lock waits, then is processed', () => {
    const { rt, formId } = setup();
    rt.holdLock('document', 120_000); // a CDM run step still busy for two minutes
    const [ex] = rt.submitForm(formId, { Name: 'Ann Lee', Email: 'ann@example.com', Consent: CONSENT });
    expect(ex.error).toBeUndefined();
    expect(ex.elapsedMs).toBeGreaterThanOrEqual(120_000);
    expect(rt.sheetValues('Customers')).toHaveLength(32);
    expect(status(rt, 2)).toBe('new customer; added as row 32');
  });

  // CDM's one time-based trigger (onCdmTimer, hourly: add-ons may not run time triggers more
  // often) does the retry; it used to be a 60-second 'processWaitingResponses' one-shot trigger.
  test('if the lock is not free in time, the response is kept, marked waiting, and added by the hourly trigger', () => {
    const { rt, formId } = setup();
    rt.holdLock('document', 10 * 60_000); // longer than the handler waits
    const [ex] = rt.submitForm(formId, { Name: 'Ann Lee', Email: 'ann@example.com', Consent: CONSENT });
    expect(ex.error).toBeUndefined();
    expect(rt.sheetValues('Customers')).toHaveLength(31);
    expect(status(rt, 2)).toMatch(/^waiting: /);
    expect(rt.triggers.list.filter((t) => t.handler === 'onCdmTimer')).toHaveLength(1);
    // A second response while still busy: still one trigger.
    rt.submitForm(formId, { Name: 'Bo Chen', Email: 'bo@example.com', Consent: CONSENT });
    expect(rt.triggers.list.filter((t) => t.handler === 'onCdmTimer')).toHaveLength(1);

    const fired = rt.advanceClockAndFire(61 * 60_000);
    expect(fired.some((e) => e.functionName === 'onCdmTimer' && !e.error)).toBe(true);
    const names = rt.sheetValues('Customers').slice(31).map((r) => r[0]);
    expect(names).toEqual(['Ann Lee', 'Bo Chen']);
    expect(status(rt, 2)).toBe('new customer; added as row 32');
    expect(status(rt, 3)).toBe('new customer; added as row 33');
    // Nothing left to do: the trigger removed itself.
    expect(rt.triggers.list.filter((t) => t.handler === 'onCdmTimer')).toHaveLength(0);
  });

  test('a submission during a real CDM run (Clean & analyze) waits its turn, and the run leaves the new row alone', () => {
    const { rt, formId } = setup();
    let submitted = false;
    const off = rt.onServiceCall((c) => {
      // While startRun holds the document lock and reads the sheet, a customer submits the form.
      if (!submitted && c.execution.functionName === 'startRun' && c.name === 'Range.getValues') {
        submitted = true;
        const [inner] = rt.submitForm(formId, { Name: 'Ann Lee', Email: 'ann@example.com', Product: ['Tea'], Consent: CONSENT });
        expect(inner.error).toBeUndefined();
      }
    });
    const start = rt.run('startRun', [{ mode: 'flag', region: 'US', inPlace: true, k: 'auto' }]);
    off();
    expect(submitted).toBe(true);
    expect(start.error).toBeUndefined();
    expect(status(rt, 2)).toMatch(/^waiting: /);
    let progress = start.result as { runId: string; done: boolean };
    for (let i = 0; i < 10 && !progress.done; i++) {
      const next = rt.run('continueRun', [progress.runId]);
      expect(next.error).toBeUndefined();
      progress = next.result as typeof progress;
    }
    expect(progress.done).toBe(true);
    // The run wrote only the rows it read; once it ended, the waiting response went in (the
    // run's last execution adds waiting responses: no trigger needed).
    expect(status(rt, 2)).toBe('new customer; added as row 32');
    const added = lastRow(rt, 'Customers');
    expect(added.Name).toBe('Ann Lee');
    // Scored with the model the run just saved: a spend within the range of those it predicted for
    // the customers it read (an unscored row would be blank, a broken model NaN or far outside).
    const customers = rt.sheetValues('Customers');
    const predicted = customers.slice(1, 31).map((r) => r[customers[0].indexOf('CDM Predicted Spend')] as number);
    expect(added['CDM Predicted Spend']).toBeGreaterThanOrEqual(Math.min(...predicted));
    expect(added['CDM Predicted Spend']).toBeLessThanOrEqual(Math.max(...predicted));
    expect(rt.sheetValues('CDM Audit').some((r) => r[0] === 'form' && r[3] === 32)).toBe(true);
  });

  test('malformed: an invalid phone is kept as typed and flagged; formula-looking text stays text', () => {
    const { rt, formId } = setup();
    rt.submitForm(formId, { Name: '=HYPERLINK("http://x.example","win")', Email: 'x@example.com', Phone: 'call me maybe', Consent: CONSENT });
    const added = lastRow(rt, 'Customers');
    expect(added.Name).toBe('=HYPERLINK("http://x.example","win")');
    expect(added.Phone).toBe('call me maybe');
    expect(String(added['CDM Flags'])).toMatch(/phone/i);
    const formulas = rt.sheet('Customers').getRange(32, 1, 1, 3).getFormulas()[0];
    expect(formulas).toEqual(['', '', '']);
  });

  test('malformed: a response with no usable answers is not added, is kept, and the error is recorded', () => {
    const { rt, formId } = setup();
    rt.submitForm(formId, { Name: 'Ann Lee', Email: 'ann@example.com', Consent: CONSENT });
    // Someone cleared the answers of a response row by hand, then the handler runs for it.
    const responses = rt.sheet('Form Responses 1');
    responses.getRange(3, 1, 1, 3).setValues([[new Date(rt.now()), '', '']]);
    const ex = rt.run('onFormSubmit', [{ authMode: 'FULL', range: responses.getRange(3, 1, 1, 10), values: [], namedValues: {} }], { authMode: 'FULL', ui: false });
    expect(ex.error).toBeUndefined();
    expect(rt.sheetValues('Customers')).toHaveLength(32);
    expect(status(rt, 3)).toMatch(/^not added: the response has no answers/);
    expect(rt.sheetValues('CDM Audit').some((r) => String(r[4]).startsWith('form response not added'))).toBe(true);
  });

  test('when the response sheet is the customer sheet, the response row itself is cleaned and marked', () => {
    const { rt, formId } = setup(5);
    const record = JSON.parse(rt.properties.document.data.get('cdm.form') as string);
    putJsonProperty(rt, 'cdm.form', { ...record, customerSheetId: rt.sheet('Form Responses 1').getSheetId() });
    rt.submitForm(formId, { Name: 'ANN LEE', Email: 'Ann@Example.com', Phone: '(415) 555-0132', Consent: CONSENT });
    rt.submitForm(formId, { Name: 'Ann Lee', Email: 'ann@example.com', Consent: CONSENT });
    const rows = rt.sheetValues('Form Responses 1');
    expect(rows).toHaveLength(3); // nothing appended: the responses are the customers
    expect(rows[1].slice(1, 4)).toEqual(['Ann Lee', 'ann@example.com', '+14155550132']);
    const h = rows[0].map(String);
    expect(rows[1][h.indexOf('CDM Status')]).toBe('new customer');
    expect(rows[2][h.indexOf('CDM Status')]).toBe('duplicate of row 2');
    expect(rows[2][h.indexOf('CDM Duplicate Of')]).toBe(2);
    // The answers as typed are in the audit (old values).
    expect(rt.sheetValues('CDM Audit').some((r) => r[2] === 'Form Responses 1' && String(r[4]).includes('Phone: (415) 555-0132 → '))).toBe(true);
  });

  test('the handler run by hand without an event does nothing and does not fail', () => {
    const { rt } = setup(5);
    const ex = rt.run('onFormSubmit', [undefined]);
    expect(ex.error).toBeUndefined();
  });

  test('service calls do not grow with the number of customers (1 000 vs 5 000)', () => {
    const counts = [1000, 5000].map((n) => {
      const { rt, formId } = setup(n);
      const [ex] = rt.submitForm(formId, { Name: 'Ann Lee', Email: 'ann@example.com', Phone: '(415) 555-0132', Consent: CONSENT });
      expect(ex.error).toBeUndefined();
      return { total: Object.values(ex.calls).reduce((a, b) => a + b, 0), sheet: readsPlusWrites(ex.calls) };
    });
    expect(counts[1]).toEqual(counts[0]);
    // 14 (was 12): the new row's number formats are read before it is written (a plain-text cell
    // stores an apostrophe literally), and a new CDM Audit is cut to its content in both
    // directions (columns, then rows), so it holds no unused cells (Google's 10,000,000-cell limit).
    expect(counts[0].sheet).toBeLessThanOrEqual(14);
  });
});
