import { emailMatchKey, normaliseEmail } from '../../../src/core/normalize/email';

describe('normaliseEmail', () => {
  test('trims and lower-cases', () => {
    expect(normaliseEmail('  Bob.Smith+news@GMail.com ')).toEqual({ email: 'bob.smith+news@gmail.com', valid: true });
    expect(normaliseEmail('mailto:Ann@Example.CO.UK')).toEqual({ email: 'ann@example.co.uk', valid: true });
  });
  test.each(['not-an-email', 'bob@', '@example.com', 'bob@example', 'bob@@example.com', 'bob smith@example.com', 'bob..smith@example.com', 'bob@example.c'])(
    '%s is invalid and kept',
    (v) => {
      const r = normaliseEmail(v);
      expect(r.valid).toBe(false);
      expect(r.email).toBe(v.trim().toLowerCase());
    },
  );
  test('international domains are accepted', () => {
    expect(normaliseEmail('李@例子.中国').valid).toBe(true);
  });
});

describe('emailMatchKey', () => {
  test('gmail: drops dots and +tag; googlemail is gmail', () => {
    expect(emailMatchKey('  Bob.Smith+news@GMail.com ')).toBe('bobsmith@gmail.com');
    expect(emailMatchKey('bob.smith@googlemail.com')).toBe('bobsmith@gmail.com');
  });
  test('other domains: drops +tag only, keeps dots', () => {
    expect(emailMatchKey('Bob.Smith+shop@Example.com')).toBe('bob.smith@example.com');
  });
  test('text without @ is just lower-cased', () => {
    expect(emailMatchKey('Not-An-Email')).toBe('not-an-email');
  });
});
