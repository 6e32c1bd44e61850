/**
 * Hostile catalogue, core values: placeholder words count as missing only where
 * they cannot be a real value of the column; re-casing only fixes personal names typed in
 * one case, locale-correctly, never acronyms or codes; invisible and odd characters
 * (zero-width, NBSP, right-to-left marks, emoji, booleans, Dates, very long cells) are either
 * kept or changed exactly as documented. Every case compares every user cell with the input.
 */
import { pipelineDiffs, t } from './core-values-helpers';
import { normaliseTable, flagsByRow } from '../../src/core/normalize/index';
import type { Roles } from '../../src/core/table';

const PEOPLE: Roles = { First: 'first_name', Last: 'last_name' };

describe('hostile: placeholders that are real values', () => {
  test('hostile: placeholder: surnames Na, Null, Nil and NA are people, "N/A" is not', () => {
    const table = t(['First', 'Last'], ['Kim', 'Na'], ['Jo', 'Null'], ['Ed', 'Nil'], ['Min', 'NA'], ['Al', 'N/A']);
    const { diffs } = pipelineDiffs(table, { changed: { '3:Last': 'Na', '4:Last': '' } }, { roles: PEOPLE });
    // "NA" typed in capitals is a surname in one case: re-cased like any other ("NA" -> "Na").
    expect(diffs).toEqual([]);
  });

  test('hostile: placeholder: first name Nan (and NaN, None, Unknown) kept; "-" and "?" emptied', () => {
    const table = t(['First', 'Last'], ['Nan', 'Lee'], ['NaN', 'Ray'], ['-', 'Young'], ['?', 'Moss'], ['Unknown', 'Wu']);
    const { diffs } = pipelineDiffs(table, { changed: { '2:First': '', '3:First': '' } }, { roles: PEOPLE });
    expect(diffs).toEqual([]);
  });

  test('hostile: placeholder: a company called None, Null or X is a company', () => {
    const table = t(['Name', 'Company'], ['Ann Lee', 'None'], ['Bob Ray', 'Null'], ['Cy Young', 'X'], ['Di Moss', 'n/a']);
    const { diffs } = pipelineDiffs(table, { changed: { '3:Company': '' } }, { roles: { Company: 'company' } });
    expect(diffs).toEqual([]);
  });

  test('hostile: placeholder: gender X, Unknown and blank stay as they are and are never filled', () => {
    const table = t(['Name', 'Gender', 'Spend'],
      ['Ann Lee', 'X', 10], ['Bob Ray', 'Female', 20], ['Cy Young', 'Female', 30], ['Di Moss', '', 40], ['Ed Wu', 'Unknown', 50], ['Flo Yu', 'Female', 60]);
    const { diffs } = pipelineDiffs(table, {}, { roles: { Gender: 'gender', Spend: 'money' } });
    expect(diffs).toEqual([]);
  });

  test('hostile: placeholder: category X and None are categories', () => {
    const table = t(['Name', 'Plan'], ['Ann Lee', 'X'], ['Bob Ray', 'None'], ['Cy Young', 'X'], ['Di Moss', 'Pro']);
    expect(pipelineDiffs(table, {}, { roles: { Plan: 'category' } }).diffs).toEqual([]);
  });

  test('hostile: placeholder: country code NA is Namibia', () => {
    const table = t(['Name', 'Country'], ['Ann Lee', 'NA'], ['Bob Ray', 'ZA'], ['Cy Young', '-']);
    expect(pipelineDiffs(table, { changed: { '2:Country': '' } }, { roles: { Country: 'country_code' } }).diffs).toEqual([]);
  });

  test('hostile: placeholder: in shaped columns every placeholder word means missing', () => {
    const table = t(['Name', 'Email', 'Spend', 'Phone'],
      ['Ann Lee', 'none', 'NA', 'null'], ['Bob Ray', 'N/A', 'none', 'unknown'], ['Cy Young', 'cy@x.com', '12', '-']);
    const { diffs } = pipelineDiffs(table, {
      changed: { '0:Email': '', '0:Spend': '', '0:Phone': '', '1:Email': '', '1:Spend': '', '1:Phone': '', '2:Phone': '', '2:Spend': 12 },
    }, { roles: { Email: 'email', Spend: 'money', Phone: 'phone' }, steps: ['clean'] });
    expect(diffs).toEqual([]);
  });

  test('hostile: placeholder: an intake-form answer is cleaned by the same rule (one-row normalise, as form-submit does)', () => {
    const roles: Roles = { 'First name': 'first_name', 'Last name': 'last_name', Company: 'company', Email: 'email', Gender: 'gender' };
    const header = Object.keys(roles);
    const answer = ['Nan', 'Null', 'None', 'n/a', 'X'];
    const r = normaliseTable({ header, rows: [answer] }, roles, { region: 'US', locale: 'en_US' });
    expect(r.table.rows[0]).toEqual(['Nan', 'Null', 'None', '', 'X']);
    expect(r.changes.map((c) => `${c.column}:${c.kind}`)).toEqual(['Email:normalise']);
    expect(flagsByRow(r.changes, 1)).toEqual(['']);
  });
});

describe('hostile: casing', () => {
  test('hostile: casing: Turkish capitals İSMAİL YILMAZ become İsmail Yılmaz (no combining dot)', () => {
    const table = t(['Name', 'City'], ['İSMAİL YILMAZ', 'İSTANBUL'], ['ayşe kaya', 'izmir']);
    const { diffs, state } = pipelineDiffs(table, { changed: { '0:Name': 'İsmail Yılmaz', '1:Name': 'Ayşe Kaya' } }, { roles: { Name: 'name', City: 'city' } });
    expect(diffs).toEqual([]);
    expect(String(state.table.rows[0][0])).not.toMatch(/\u0307/);
  });

  test('hostile: casing: a Turkish sheet cases dotless names its way (YILMAZ -> Yılmaz)', () => {
    const table = t(['Last'], ['YILMAZ'], ['ISIK']);
    // Turkish lower-cases I to ı: ISIK is Isık (Işık would have been typed IŞIK).
    const expected = { changed: { '0:Last': 'Yılmaz', '1:Last': 'Isık' } };
    expect(pipelineDiffs(table, expected, { roles: { Last: 'last_name' }, locale: 'tr_TR', steps: ['clean'] }).diffs).toEqual([]);
    const english = { changed: { '0:Last': 'Yilmaz', '1:Last': 'Isik' } };
    expect(pipelineDiffs(table, english, { roles: { Last: 'last_name' }, locale: 'en_US', steps: ['clean'] }).diffs).toEqual([]);
  });

  test('hostile: casing: initials and acronyms keep their capitals inside names', () => {
    const table = t(['Name'], ['J.R.R. TOLKIEN'], ['U.S.A.'], ['st. john smith'], ['JOHN SMITH III']);
    const { diffs } = pipelineDiffs(table, { changed: { '0:Name': 'J.R.R. Tolkien', '2:Name': 'St. John Smith', '3:Name': 'John Smith III' } }, { roles: { Name: 'name' }, steps: ['clean'] });
    expect(diffs).toEqual([]);
  });

  test('hostile: casing: names typed in mixed case are the person\'s own spelling', () => {
    const table = t(['Name'], ['McDonald'], ['van der Berg'], ['DeShawn Smith'], ['ONeil-smith'], ['Ólafur Arnalds']);
    expect(pipelineDiffs(table, {}, { roles: { Name: 'name' }, steps: ['clean'] }).diffs).toEqual([]);
  });

  test('hostile: casing: one-case names with apostrophes, hyphens and particles', () => {
    const table = t(['Name'], ["JOHN O'BRIEN-SMITH"], ['ludwig van beethoven'], ['ΟΔΥΣΣΕΑΣ ΕΛΥΤΗΣ']);
    const { diffs } = pipelineDiffs(table, { changed: { '0:Name': "John O'Brien-Smith", '1:Name': 'Ludwig van Beethoven', '2:Name': 'Οδυσσεας Ελυτης' } }, { roles: { Name: 'name' }, steps: ['clean'] });
    expect(diffs).toEqual([]);
  });

  test('hostile: casing: text that is not a name (codes, e-mails, markup) in a name column is left alone', () => {
    const table = t(['Name'], ['ABC123'], ['BOB@X.COM'], ['<B>BOB</B>'], ['=SUM(A1)']);
    expect(pipelineDiffs(table, {}, { roles: { Name: 'name' }, steps: ['clean'] }).diffs).toEqual([]);
  });
});

describe('hostile: odd characters and odd cell types', () => {
  test('hostile: zero-width: at the ends of a value they go; inside a name they stay', () => {
    const table = t(['Name', 'Email'], ['\u200bAnn Lee', 'ann@x.com\u200b'], ['Bob\u200dRay', '\ufeffbob@x.com']);
    const { diffs } = pipelineDiffs(table, { changed: { '0:Name': 'Ann Lee', '0:Email': 'ann@x.com', '1:Email': 'bob@x.com' } }, { roles: { Name: 'name', Email: 'email' }, steps: ['clean'] });
    expect(diffs).toEqual([]);
  });

  test('hostile: zero-width: a cell of only zero-width spaces is empty', () => {
    const table = t(['Name', 'Notes'], ['Ann Lee', '\u200b\u200b'], ['Bob Ray', 'call back']);
    expect(pipelineDiffs(table, { changed: { '0:Notes': '' } }, { roles: { Name: 'name', Notes: 'text' }, steps: ['clean'] }).diffs).toEqual([]);
  });

  test('hostile: NBSP: non-breaking and doubled spaces collapse to one', () => {
    const table = t(['Name', 'City'], ['Ann\u00a0Lee', ' Paris '], ['Bob  Ray', 'New\u00a0\u00a0York']);
    const { diffs } = pipelineDiffs(table, { changed: { '0:Name': 'Ann Lee', '0:City': 'Paris', '1:Name': 'Bob Ray', '1:City': 'New York' } }, { roles: { Name: 'name', City: 'city' }, steps: ['clean'] });
    expect(diffs).toEqual([]);
  });

  test('hostile: apostrophe: a phone exported with a keep-as-text apostrophe (Shopify) is read', () => {
    const table = t(['Name', 'Phone', 'Zip'], ['Ann Lee', "'+1 415 555 0132", "'02135"], ['Bob Ray', "'(617) 555-0100", "'94103"]);
    // The zip keeps its mark: in a CSV it is what stops a spreadsheet from dropping the zero.
    const { diffs } = pipelineDiffs(table, { changed: { '0:Phone': '+14155550132', '1:Phone': '+16175550100' } }, { roles: { Name: 'name', Phone: 'phone', Zip: 'postcode' }, steps: ['clean'] });
    expect(diffs).toEqual([]);
  });

  test('hostile: RTL marks: a phone pasted with a right-to-left mark is read; a Hebrew name keeps its marks', () => {
    const table = t(['Name', 'Phone'], ['\u200fדנה לוי', '\u200f+972 52-555-1234'], ['Bob Ray', '\u202b+44 20 7946 0958\u202c']);
    const { diffs } = pipelineDiffs(table, { changed: { '0:Phone': '+972525551234', '1:Phone': '+442079460958' } }, { roles: { Name: 'name', Phone: 'phone' }, steps: ['clean'] });
    expect(diffs).toEqual([]);
  });

  test('hostile: emoji: names with emoji keep them whole', () => {
    const table = t(['Name'], ['bob 🎉'], ['😀'], ['ANN 👩‍👩‍👧']);
    const { diffs } = pipelineDiffs(table, { changed: { '0:Name': 'Bob 🎉', '2:Name': 'Ann 👩‍👩‍👧' } }, { roles: { Name: 'name' }, steps: ['clean'] });
    expect(diffs).toEqual([]);
  });

  test('hostile: booleans: TRUE/FALSE cells and yes/no text in consent columns are left as they are', () => {
    const table = t(['Name', 'Accepts Email Marketing', 'VIP'], ['Ann Lee', true, 'yes'], ['Bob Ray', false, 'no'], ['Cy Young', '', true]);
    expect(pipelineDiffs(table, {}, { roles: { 'Accepts Email Marketing': 'consent', VIP: 'boolean' } }).diffs).toEqual([]);
  });

  test('hostile: Date objects: a Date in a name, money or id column is left as it is', () => {
    const d = new Date(Date.UTC(2024, 1, 29));
    const table = t(['Name', 'Spend', 'Customer ID'], ['Ann Lee', d, d], [d, 12, 'C1']);
    expect(pipelineDiffs(table, {}, { roles: { Name: 'name', Spend: 'money', 'Customer ID': 'id' }, steps: ['clean', 'dedupe'] }).diffs).toEqual([]);
  });

  test('hostile: very long cells: 50,000 characters of text in name, text and money columns', () => {
    const long = 'Lorem ipsum dolor sit amet, '.repeat(1800).slice(0, 50000);
    const table = t(['Name', 'Notes', 'Spend'], [long, long, long], ['Bob Ray', 'ok', '5']);
    const { diffs } = pipelineDiffs(table, { flagged: ['0:Spend'], changed: { '1:Spend': 5 } }, { roles: { Name: 'name', Notes: 'text', Spend: 'money' }, steps: ['clean'] });
    expect(diffs).toEqual([]);
  });

  test('hostile: full-width digits: "１２３" in a count column is 123', () => {
    const table = t(['Name', 'Orders'], ['Ann Lee', '１２３'], ['Bob Ray', '４']);
    expect(pipelineDiffs(table, { changed: { '0:Orders': 123, '1:Orders': 4 } }, { roles: { Orders: 'count' }, steps: ['clean'] }).diffs).toEqual([]);
  });

  test('hostile: reasons: flags and changes are written in Chinese when the run is in Chinese', () => {
    const table = t(['Name', 'Spend'], ['ANN LEE', '€50.000']);
    const r = normaliseTable(table, { Name: 'name', Spend: 'money' }, { lang: 'zh' });
    expect(r.changes.map((c) => c.reason)).toEqual(['姓名的大小写和空格已统一', expect.stringContaining('保留原样')]);
    expect(r.table.rows[0]).toEqual(['Ann Lee', '€50.000']);
  });
});
