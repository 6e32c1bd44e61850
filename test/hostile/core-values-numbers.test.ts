/**
 * Hostile catalogue, core values: text never becomes a number when that loses
 * leading zeros or digits past 15; codes are never re-cased or turned into numbers; number
 * formats follow the column's own evidence and the sheet's locale, and what stays ambiguous
 * is kept as typed and flagged. Each case runs the real pipeline (clean, dedupe, fill) and
 * compares every user cell with the input. Expected numbers are worked out by hand in each
 * case ("1.234,56" with a decimal comma is 1234.56).
 */
import { cellDiffs, pipelineDiffs, run, t } from './core-values-helpers';
import { normaliseTable } from '../../src/core/normalize/index';
import type { Roles } from '../../src/core/table';

describe('hostile: leading zeros and long digit strings', () => {
  test('hostile: leading zeros: codes in a column CDM does not recognise stay text', () => {
    const table = t(['Name', 'Ref'], ['Ann Lee', '0042'], ['Bob Ray', '01000'], ['Cy Young', '00123'], ['Di Moss', '0007']);
    expect(pipelineDiffs(table, {}).diffs).toEqual([]);
  });

  test('hostile: leading zeros: a column set to Number keeps "0042" as typed, flags it, and converts none of its codes', () => {
    const table = t(['Name', 'Code'], ['Ann Lee', '0042'], ['Bob Ray', '1234'], ['Cy Young', '0099'], ['Di Moss', '']);
    const { diffs } = pipelineDiffs(table, { flagged: ['0:Code', '2:Code'] }, { roles: { Code: 'number' } });
    expect(diffs).toEqual([]);
  });

  test('hostile: leading zeros: a protected zip "02135" among typed numbers in a Zip column', () => {
    const table = t(['Name', 'Zip'], ['Ann Lee', '02135'], ['Bob Ray', 94103], ['Cy Young', 10001], ['Di Moss', '00501'], ['Ed Wu', 60601]);
    expect(pipelineDiffs(table, {}).diffs).toEqual([]);
  });

  test('hostile: leading zeros: the same zips when the user says the column is Money', () => {
    const table = t(['Name', 'Zip'], ['Ann Lee', '02135'], ['Bob Ray', 94103], ['Cy Young', '10001']);
    const { diffs } = pipelineDiffs(table, { flagged: ['0:Zip'] }, { roles: { Zip: 'money' } });
    expect(diffs).toEqual([]);
  });

  test('hostile: leading zeros: full-width digits "００４２" are a code too', () => {
    const table = t(['Name', 'Qty'], ['Ann Lee', '００４２'], ['Bob Ray', '７']);
    const { diffs } = pipelineDiffs(table, { flagged: ['0:Qty'] }, { roles: { Qty: 'count' } });
    expect(diffs).toEqual([]);
  });

  test('hostile: 16+ digits: account numbers ...567 and ...568 stay distinct text', () => {
    const table = t(['Name', 'Account'], ['Ann Lee', '1234567890123456567'], ['Bob Ray', '1234567890123456568'], ['Cy Young', '9999999999999999']);
    const { diffs, state } = pipelineDiffs(table, {});
    expect(diffs).toEqual([]);
    const at = state.table.header.indexOf('Account');
    expect(new Set(state.table.rows.map((r) => r[at])).size).toBe(3);
  });

  test('hostile: 16+ digits: in a Money column they are kept and flagged, not rounded', () => {
    const table = t(['Name', 'Balance'], ['Ann Lee', '1234567890123456'], ['Bob Ray', '12.50']);
    const { diffs } = pipelineDiffs(table, { flagged: ['0:Balance'] }, { roles: { Balance: 'money' } });
    expect(diffs).toEqual([]);
  });

  test('hostile: 16+ digits: exactly 15 digits is the last that converts', () => {
    const table = t(['Name', 'Total'], ['Ann Lee', '123456789012345'], ['Bob Ray', '1234567890123456']);
    const { diffs } = pipelineDiffs(table, { flagged: ['1:Total'] }, { roles: { Total: 'money' } });
    // "123456789012345" has 15 digits: stored as the same number, but the column holds a
    // 16-digit value, so it is a column of codes and nothing in it is converted.
    expect(diffs).toEqual([]);
  });

  test('hostile: 16+ digits: a Money column of 15-digit amounts converts them exactly', () => {
    const table = t(['Name', 'Total'], ['Ann Lee', '123456789012345'], ['Bob Ray', '99.99']);
    const { diffs } = pipelineDiffs(table, { changed: { '0:Total': 123456789012345, '1:Total': 99.99 } }, { roles: { Total: 'money' } });
    expect(diffs).toEqual([]);
  });

  test('hostile: scientific notation: an id Excel shortened to 1.23E+15 is kept and flagged', () => {
    const table = t(['Customer ID', 'Name'], ['1.23E+15', 'Ann Lee'], ['C-0002', 'Bob Ray']);
    const { diffs } = pipelineDiffs(table, { flagged: ['0:Customer ID'] }, { roles: { 'Customer ID': 'id' } });
    expect(diffs).toEqual([]);
  });

  test('hostile: scientific notation: in a Number column it is kept and flagged, the rest untouched', () => {
    const table = t(['Name', 'Score'], ['Ann Lee', '1.23E+15'], ['Bob Ray', '7E2']);
    const { diffs } = pipelineDiffs(table, { flagged: ['0:Score', '1:Score'] }, { roles: { Score: 'number' } });
    expect(diffs).toEqual([]);
  });
});

describe('hostile: codes are never re-cased', () => {
  const roles: Roles = { Country: 'country_code', State: 'state_code', Zip: 'postcode', Invoice: 'order_id', Company: 'company' };
  // Country and state codes in their ISO form (the roles engineer's country normaliser may
  // upper-case "us"; what must never happen is "US" -> "Us").
  const table = t(['Name', 'Country', 'State', 'Zip', 'Invoice', 'Company'],
    ['Ann Lee', 'US', 'CA', 'sw1a 1aa', 'c536365', 'IBM'],
    ['Bob Ray', 'GB', 'NSW', 'K1A 0B1', '536366', 'ACME LTD'],
    ['Cy Young', 'DE', 'BY', '10115', 'C536367', 'U.S. STEEL'],
    ['Di Moss', 'CN', 'ON', 'ec1a 1bb', 'A-1', 'hp inc']);

  test('hostile: codes: country and state codes are never re-cased like names', () => {
    const { diffs } = pipelineDiffs(table, {}, { roles });
    expect(diffs).toEqual([]);
  });
  test('hostile: codes: postcodes, invoice numbers and companies keep their case and form', () => {
    const { state } = pipelineDiffs(table, {}, { roles });
    for (const h of ['Zip', 'Invoice', 'Company']) {
      const at = state.table.header.indexOf(h);
      expect(state.table.rows.map((r) => r[at])).toEqual(table.rows.map((r) => r[table.header.indexOf(h)]));
    }
  });
  test('hostile: codes: "U.S.A." in a Country column is never re-cased to "U.s.a."', () => {
    // A country names column is written in one form (roles engineer): "U.S.A." becomes the
    // column's usual spelling of the same country, "USA" (ties go to the library's name); "NYC" is not a country: kept, flagged.
    const t2 = t(['Name', 'Country'], ['Ann Lee', 'U.S.A.'], ['Bob Ray', 'USA'], ['Cy Young', 'NYC'], ['Di Moss', 'USA']);
    expect(pipelineDiffs(t2, { changed: { '0:Country': 'USA' }, flagged: ['2:Country'] }, { roles: { Country: 'country' } }).diffs).toEqual([]);
  });
  test('hostile: codes: cities and streets in capitals are not re-cased (only personal names are)', () => {
    const t2 = t(['Name', 'City', 'Street'], ['Ann Lee', 'NEW YORK', '1 MAIN ST'], ['Bob Ray', 'NYC', 'PO BOX 12']);
    expect(pipelineDiffs(t2, {}, { roles: { City: 'city', Street: 'street' } }).diffs).toEqual([]);
  });
});

describe('hostile: number formats follow the column and the locale', () => {
  test('hostile: money format: "€50.000" with nothing to tell is kept and flagged, not 50', () => {
    const table = t(['Name', 'Spend'], ['Ann Lee', '€50.000'], ['Bob Ray', '€12']);
    const { diffs } = pipelineDiffs(table, { flagged: ['0:Spend'], changed: { '1:Spend': 12 } }, { roles: { Spend: 'money' } });
    expect(diffs).toEqual([]);
  });

  test('hostile: money format: "€50.000" in a German sheet is 50000', () => {
    const table = t(['Name', 'Spend'], ['Ann Lee', '€50.000'], ['Bob Ray', '€12']);
    const { diffs } = pipelineDiffs(table, { changed: { '0:Spend': 50000, '1:Spend': 12 } }, { roles: { Spend: 'money' }, locale: 'de_DE' });
    expect(diffs).toEqual([]);
  });

  test('hostile: money format: "€50.000" in an English sheet is still not fifty euros', () => {
    const table = t(['Name', 'Spend'], ['Ann Lee', '€50.000'], ['Bob Ray', '€12.50']);
    const { diffs } = pipelineDiffs(table, { flagged: ['0:Spend'], changed: { '1:Spend': 12.5 } }, { roles: { Spend: 'money' }, locale: 'en_US' });
    expect(diffs).toEqual([]);
  });

  test('hostile: money format: "1.234" beside "1.234,56" reads with the column\'s decimal comma', () => {
    const table = t(['Name', 'Spend'], ['Ann Lee', '1.234'], ['Bob Ray', '1.234,56'], ['Cy Young', '12,5']);
    const { diffs } = pipelineDiffs(table, { changed: { '0:Spend': 1234, '1:Spend': 1234.56, '2:Spend': 12.5 } }, { roles: { Spend: 'money' }, locale: 'en_US' });
    expect(diffs).toEqual([]);
  });

  test('hostile: money format: a column that uses both conventions keeps its ambiguous values', () => {
    const table = t(['Name', 'Spend'], ['Ann Lee', '1,234.56'], ['Bob Ray', '1.234,56'], ['Cy Young', '1.234'], ['Di Moss', '2,500']);
    const { diffs } = pipelineDiffs(table, { changed: { '0:Spend': 1234.56, '1:Spend': 1234.56 }, flagged: ['2:Spend', '3:Spend'] }, { roles: { Spend: 'money' }, locale: 'de_DE' });
    expect(diffs).toEqual([]);
  });

  test('hostile: money format: a CSV without a locale reads "$59,600" by the file\'s other number columns', () => {
    // Spend proves "." as the decimal point five times (hand count), Income shows nothing itself.
    const table = t(['Name', 'Spend', 'Income'],
      ['Ann Lee', '$2,203.73', '$59,600'], ['Bob Ray', '12.50', '82600'], ['Cy Young', '1,996.96', '$75,800'], ['Di Moss', '0.99', ''], ['Ed Wu', '600.15', '']);
    const changed = { '0:Spend': 2203.73, '1:Spend': 12.5, '2:Spend': 1996.96, '3:Spend': 0.99, '4:Spend': 600.15, '0:Income': 59600, '1:Income': 82600, '2:Income': 75800 };
    expect(pipelineDiffs(table, { changed }, { roles: { Spend: 'money', Income: 'money' }, steps: ['clean'] }).diffs).toEqual([]);
    // With only four proofs the file says too little: "$59,600" is kept and flagged.
    const few = t(table.header, ...table.rows.slice(0, 4));
    const fewChanged = { '0:Spend': 2203.73, '1:Spend': 12.5, '2:Spend': 1996.96, '3:Spend': 0.99, '1:Income': 82600 };
    expect(pipelineDiffs(few, { changed: fewChanged, flagged: ['0:Income', '2:Income'] }, { roles: { Spend: 'money', Income: 'money' }, steps: ['clean'] }).diffs).toEqual([]);
  });

  test('hostile: number format: "1.234" in a Number column is 1.234 in an English sheet, flagged without a locale', () => {
    const table = t(['Name', 'Weight'], ['Ann Lee', '1.234'], ['Bob Ray', '2']);
    expect(pipelineDiffs(table, { changed: { '0:Weight': 1.234, '1:Weight': 2 } }, { roles: { Weight: 'number' }, locale: 'en_US' }).diffs).toEqual([]);
    expect(pipelineDiffs(table, { flagged: ['0:Weight'], changed: { '1:Weight': 2 } }, { roles: { Weight: 'number' } }).diffs).toEqual([]);
  });

  test('hostile: money format: accounting negatives, spaces, currency codes and negative zero read exactly', () => {
    const table = t(['Name', 'Balance'], ['Ann Lee', '(12.00)'], ['Bob Ray', 'USD 1 200.50'], ['Cy Young', '-0'], ['Di Moss', '−7.25'], ['Ed Wu', '15-']);
    const { diffs } = pipelineDiffs(table, { changed: { '0:Balance': -12, '1:Balance': 1200.5, '2:Balance': 0, '3:Balance': -7.25, '4:Balance': -15 } }, { roles: { Balance: 'money' } });
    expect(diffs).toEqual([]);
  });

  test('hostile: money format: things that are not amounts are kept and flagged', () => {
    const table = t(['Name', 'Spend'], ['Ann Lee', '1,2,3'], ['Bob Ray', 'about 40'], ['Cy Young', '12.'], ['Di Moss', '40']);
    const { diffs } = pipelineDiffs(table, { flagged: ['0:Spend', '1:Spend', '2:Spend'], changed: { '3:Spend': 40 } }, { roles: { Spend: 'money' } });
    expect(diffs).toEqual([]);
  });

  test('hostile: number format: typed numbers, NaN and -0 already in the sheet', () => {
    const table = t(['Name', 'Spend'], ['Ann Lee', 12.5], ['Bob Ray', -0], ['Cy Young', NaN], ['Di Moss', 1e21]);
    // A number cell is what Sheets holds: left as it is, except NaN, which no sheet can show.
    const { diffs } = pipelineDiffs(table, { changed: { '2:Spend': '' } }, { roles: { Spend: 'money' }, steps: ['clean'] });
    expect(diffs).toEqual([]);
  });
});

describe('hostile: honest counts', () => {
  test('hostile: counts: text that becomes the same-looking number is not a "value cleaned"', () => {
    const table = t(['Name', 'Income', 'Kids'], ['Ann Lee', '58138', '0'], ['Bob Ray', '46344', '1'], ['cy young', '$71,613', '2']);
    const state = run(table, { roles: { Income: 'money', Kids: 'count' }, steps: ['clean'], locale: 'en_US' });
    // ("$71,613" with no locale is flagged instead: in a decimal-comma sheet it would be 71.613.)
    const diffs = cellDiffs(table, state.table, state.changes, {
      changed: { '0:Income': 58138, '1:Income': 46344, '2:Income': 71613, '0:Kids': 0, '1:Kids': 1, '2:Kids': 2, '2:Name': 'Cy Young' },
    });
    expect(diffs).toEqual([]);
    // Shown differently: "$71,613" -> 71613 and "cy young" -> "Cy Young". The other five only changed type.
    expect(state.reports.clean!.changed).toBe(2);
    expect(state.reports.clean!.retyped).toBe(5);
  });

  test('hostile: counts: "58138" is retyped, "58,138" (comma grouping in an English sheet) is a visible change', () => {
    const table = t(['Income'], ['58138'], ['58,138']);
    const r = normaliseTable(table, { Income: 'money' }, { locale: 'en_US' });
    expect([r.report.changed, r.report.retyped]).toEqual([1, 1]);
  });
});
