/**
 * The match keys are written once (src/core/dedupe/keys.ts) and read by the batch dedupe, the
 * incoming-row matcher, merges and =CDM_DEDUPE_KEY. Expected values are worked out by hand
 * from the rule stated in keys.ts.
 */
import { contactValueKey, isBirthDate, isMatchColumn, matchColumns, phoneKey } from '../../../src/core/dedupe/keys';
import { mergeIncoming } from '../../../src/core/dedupe/merge';

describe('phoneKey', () => {
  it('keeps the last 9 digits, so country and trunk prefixes do not matter', () => {
    expect(phoneKey('+1 415 555 0132')).toBe('155550132');
    expect(phoneKey('(415) 555-0132')).toBe('155550132');
    expect(phoneKey('+44 20 7946 0958')).toBe('079460958');
    expect(phoneKey('020 7946 0958')).toBe('079460958');
  });
  it('leaves the extension out of the line', () => {
    expect(phoneKey('+1 415 555 0132 ext. 7')).toBe('155550132');
    expect(phoneKey('415-555-0132 x12')).toBe('155550132');
    expect(phoneKey('415 555 0132 #3')).toBe('155550132');
  });
  it('gives no key to text with fewer than 6 digits', () => {
    expect(phoneKey('12345')).toBe('');
    expect(phoneKey('call me')).toBe('');
    expect(phoneKey('')).toBe('');
  });
  it('runs in linear time on a hostile run of spaces', () => {
    const t0 = Date.now();
    expect(phoneKey(`1${' '.repeat(60000)}x`)).toBe('');
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('contactValueKey (which contacts a merge keeps apart)', () => {
  it('one mailbox however it is written', () => {
    expect(contactValueKey('email', 'Bob.Smith+shop@googlemail.com')).toBe(contactValueKey('email', 'bobsmith@gmail.com'));
  });
  it('one line however it is written, but another extension is another value', () => {
    expect(contactValueKey('phone', '+1 415 555 0132')).toBe(contactValueKey('phone', '(415) 555-0132'));
    expect(contactValueKey('phone', '+1 415 555 0132 ext 7')).not.toBe(contactValueKey('phone', '+1 415 555 0132'));
  });
  it('text that is no phone is kept apart by its own words', () => {
    expect(contactValueKey('phone', '12-34')).not.toBe(contactValueKey('phone', '1234'));
    expect(contactValueKey('phone', 'Front Desk')).toBe(contactValueKey('phone', 'front desk'));
  });
});

describe('birth dates and match columns', () => {
  it('the birth_date role, or a date column whose header says birth', () => {
    expect(isBirthDate('Anything', 'birth_date')).toBe(true);
    expect(isBirthDate('Date of Birth', 'date')).toBe(true);
    expect(isBirthDate('DOB', 'date')).toBe(true);
    expect(isBirthDate('Geburtsdatum', 'date')).toBe(true);
    expect(isBirthDate('出生日期', 'date')).toBe(true);
    expect(isBirthDate('Signup Date', 'date')).toBe(false);
    expect(isBirthDate('Date of Birth', 'text')).toBe(false);
  });
  it('match columns: identity and contact roles, birth dates, never other dates or money', () => {
    const header = ['Name', 'Email', 'Phone', 'Signup Date', 'Birthday', 'Spend', 'Born', 'Notes'];
    const roles = { Name: 'name', Email: 'email', Phone: 'phone', 'Signup Date': 'date', Birthday: 'date', Spend: 'money', Born: 'birth_date', Notes: 'text' } as const;
    expect(matchColumns(header, roles)).toEqual([0, 1, 2, 4, 6]);
    expect(isMatchColumn('Region', undefined)).toBe(false);
    // A state written as a code is read like a state, by the batch and the form alike.
    expect(isMatchColumn('Province', 'state_code')).toBe(true);
  });
});

describe('mergeIncoming (a form response that is an existing customer)', () => {
  const header = ['Name', 'Email', 'Phone', 'City', 'Product'];
  const roles = { Name: 'name', Email: 'email', Phone: 'phone', City: 'city', Product: 'text' } as const;
  it('fills empty cells, never overwrites, and keeps a new phone beside the old one', () => {
    const existing = ['Ann Lee', 'ann@x.com', '+14155550132', 'Springfield', ''];
    const incoming = ['ANN LEE', 'Ann@X.com', '+14155550177', 'Elsewhere', 'Soap'];
    const out = mergeIncoming(existing, header, roles, (i) => incoming[i]);
    expect(out.values).toEqual(['Ann Lee', 'ann@x.com', '+14155550132; +14155550177', 'Springfield', 'Soap']);
    expect(out.changes).toEqual([
      { column: 2, old: '+14155550132', new: '+14155550132; +14155550177', why: 'another contact' },
      { column: 4, old: '', new: 'Soap', why: 'filled' },
    ]);
  });
  it('the same phone in another format is no new phone; a missing answer changes nothing', () => {
    const existing = ['Ann Lee', 'ann@x.com', '+1 415 555 0132', 'Springfield', 'Tea'];
    const out = mergeIncoming(existing, header, roles, (i) => (i === 2 ? '(415) 555-0132' : undefined));
    expect(out.values).toEqual(existing);
    expect(out.changes).toEqual([]);
  });
});
