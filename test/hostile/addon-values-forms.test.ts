/**
 * Hostile catalogue, add-on values through the intake form: a form answer is
 * cleaned by the same rule as a run — placeholder words are missing only where they cannot be
 * a real value of the column. The BUILT dist/Code.js in the local runtime; every user cell of
 * the appended customer row is compared with the documented outcome. Run `npm run build` first.
 */
import { formIdOf, spreadsheetWithCustomers, CUSTOMER_HEADER } from '../forms/setup';
import type { Runtime } from '../../runtime/index';

const CONSENT = ['I agree that my details are stored and used to contact me.'];

function createForm(rt: Runtime): string {
  const ex = rt.run('createIntakeForm');
  if (ex.error) throw new Error(ex.error.text);
  return formIdOf(ex.result as { editUrl: string });
}

function lastCustomer(rt: Runtime): Record<string, unknown> {
  const values = rt.sheetValues('Customers');
  const h = values[0].map(String);
  const row = values[values.length - 1];
  return Object.fromEntries(h.filter((x) => CUSTOMER_HEADER.includes(x)).map((k) => [k, row[h.indexOf(k)]]));
}

describe('hostile: add-on form answers', () => {
  test('hostile: addon values: a form answer with real "placeholder" words keeps them; "-" and "none" in shaped answers are empty', () => {
    const rt = spreadsheetWithCustomers(20);
    const formId = createForm(rt);
    const rowsBefore = rt.sheetValues('Customers').length;
    const [ex] = rt.submitForm(formId, {
      Name: 'Nan Null', Email: 'nan.null@example.com', Phone: '-', Street: 'None', City: 'Null', Postcode: 'none', Country: 'NA', Consent: CONSENT,
    });
    expect(ex.error).toBeUndefined();
    expect(rt.sheetValues('Customers').length).toBe(rowsBefore + 1);
    expect(lastCustomer(rt)).toEqual({
      Name: 'Nan Null', Email: 'nan.null@example.com', Phone: '', Street: 'None', City: 'Null', Postcode: '', Country: 'NA',
      'Signup Date': expect.anything(), Orders: '', 'Total Spend': '', Product: '', Age: '', Income: '', Notes: '',
    });
  });

  test('hostile: addon values: a form answer with a zip "02135" keeps its leading zero', () => {
    const rt = spreadsheetWithCustomers(20);
    const formId = createForm(rt);
    const [ex] = rt.submitForm(formId, { Name: 'Ann Lee', Email: 'ann@example.com', Postcode: '02135', Consent: CONSENT });
    expect(ex.error).toBeUndefined();
    expect(lastCustomer(rt).Postcode).toBe('02135');
  });
});
