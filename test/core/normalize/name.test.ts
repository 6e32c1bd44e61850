import { normaliseName, splitPersonName } from '../../../src/core/normalize/name';

describe('normaliseName', () => {
  test.each([
    ['JOHN SMITH', 'John Smith'],
    ['john smith', 'John Smith'],
    ['  bob   smith ', 'Bob Smith'],
    ['mcdonald', 'McDonald'],
    ['MCDONALD', 'McDonald'],
    ["o'brien", "O'Brien"],
    ["O'BRIEN", "O'Brien"],
    ['mary-jane watson', 'Mary-Jane Watson'],
    ['anna van der berg', 'Anna van der Berg'],
    ['van der berg', 'van der Berg'],
    ['josé garcía', 'José García'],
    ['JOSÉ GARCÍA', 'José García'],
    ['ÉMILE ZOLA', 'Émile Zola'],
    ['smith, john', 'Smith, John'],
    ['henry viii', 'Henry VIII'],
    ['mack', 'Mack'],
    ['macdonald', 'MacDonald'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  test('names already in mixed case are kept as typed', () => {
    for (const v of ['McDonald', "O'Brien", 'van der Berg', 'José', 'DeShawn', 'Leonardo da Vinci', 'MacKenzie']) {
      expect(normaliseName(v)).toBe(v);
    }
  });

  test('CJK names are untouched apart from surrounding spaces', () => {
    expect(normaliseName('王小明')).toBe('王小明');
    expect(normaliseName(' 王小明 ')).toBe('王小明');
    expect(normaliseName('山田 太郎')).toBe('山田 太郎');
  });

  test('empty and symbol-only values pass through', () => {
    expect(normaliseName('')).toBe('');
    expect(normaliseName('   ')).toBe('');
    expect(normaliseName('123')).toBe('123');
  });

  test('text that is not a person name (markup, e-mail, codes) is not re-cased', () => {
    expect(normaliseName('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(normaliseName('bob@example.com')).toBe('bob@example.com');
    expect(normaliseName('ACCT_2231')).toBe('ACCT_2231');
  });
});

describe('splitPersonName', () => {
  test('"Smith, John" is read surname first', () => {
    expect(splitPersonName('Smith, John')).toEqual({ first: 'John', last: 'Smith', tokens: ['john', 'smith'] });
    expect(splitPersonName('smith, john')).toMatchObject({ first: 'john', last: 'smith' });
  });
  test('given name then surname, with particles and titles', () => {
    expect(splitPersonName('John Smith')).toEqual({ first: 'John', last: 'Smith', tokens: ['john', 'smith'] });
    expect(splitPersonName('Anna van der Berg')).toMatchObject({ first: 'Anna', last: 'van der Berg' });
    expect(splitPersonName('Dr. John A. Smith Jr.')).toMatchObject({ first: 'John', last: 'Smith', tokens: ['john', 'a', 'smith'] });
    expect(splitPersonName("  mary   o'brien ")).toMatchObject({ first: 'mary', last: "o'brien" });
  });
  test('one word is a first name; empty is empty', () => {
    expect(splitPersonName('Madonna')).toEqual({ first: 'Madonna', last: '', tokens: ['madonna'] });
    expect(splitPersonName('')).toEqual({ first: '', last: '', tokens: [] });
  });
  test('Chinese names: surname first, compound surnames kept whole', () => {
    expect(splitPersonName('王小明')).toMatchObject({ first: '小明', last: '王' });
    expect(splitPersonName('欧阳修文')).toMatchObject({ first: '修文', last: '欧阳' });
  });
});
