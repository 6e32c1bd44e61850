import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import { CsvError, decodeUtf8, parseCsv, readCsvBytes, toCsv } from '../../src/core/csv';

const DATA = path.resolve(__dirname, '../../data');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const error = (f: () => unknown): string => {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(CsvError); return (e as Error).message; }
  throw new Error('expected a CsvError');
};

describe('parseCsv', () => {
  test('FEBRL: header names and values trimmed of the space after each comma', () => {
    const t = parseCsv(fs.readFileSync(path.join(DATA, 'febrl1.csv'), 'utf8'));
    expect(t.header).toEqual(['rec_id', 'given_name', 'surname', 'street_number', 'address_1', 'address_2', 'suburb', 'postcode', 'state', 'date_of_birth', 'soc_sec_id']);
    expect(t.rows).toHaveLength(1000); // febrl1 has 1000 records (data/README.md)
    expect(t.rows[0]).toEqual(['rec-223-org', '', 'waller', '6', 'tullaroop street', 'willaroo', 'st james', '4011', 'wa', '19081209', '6988048']);
  });

  test('BOM, CRLF, quoted fields with commas, quotes and newlines', () => {
    const t = parseCsv('\ufeffName,Note\r\n"Smith, John","said ""hi""\r\non two lines"\r\nAnn,\r\n');
    expect(t.header).toEqual(['Name', 'Note']);
    expect(t.rows).toEqual([['Smith, John', 'said "hi"\r\non two lines'], ['Ann', '']]);
  });

  test('semicolon and tab delimiters are detected', () => {
    expect(parseCsv('a;b\n1,5;2\n').rows).toEqual([['1,5', '2']]);
    expect(parseCsv('a\tb\nx y\tz\n').rows).toEqual([['x y', 'z']]);
  });

  test('the delimiter is the one that splits the rows evenly, whatever the header punctuation', () => {
    expect(parseCsv('Name;Nickname,Email,Phone\nBob;B,b@x.com,1\nAnn,a@x.com,2\n')).toEqual({
      header: ['Name;Nickname', 'Email', 'Phone'], rows: [['Bob;B', 'b@x.com', '1'], ['Ann', 'a@x.com', '2']],
    });
    expect(parseCsv('Name;Amount, EUR;City\nBob;1,5;Paris\nAnn;2;Rome\n').rows).toEqual([['Bob', '1,5', 'Paris'], ['Ann', '2', 'Rome']]);
    expect(parseCsv('a|b\n1|x,y\n').rows).toEqual([['1', 'x,y']]);
    expect(parseCsv('just one column\n"value; with, punctuation"\n').rows).toEqual([['value; with, punctuation']]);
  });

  test('a quote that is never closed is refused with its line, not allowed to swallow the rest', () => {
    expect(error(() => parseCsv('Name,Note\nAnn,ok\nBob,"unclosed\nCy,x\nDi,y\n'))).toMatch(/^Line 3 has a quote \("\) that is not closed/);
    expect(error(() => parseCsv('Name,Note\r\nAnn,ok\r\n"Bob"x,y\r\nCy,z\r\n'))).toMatch(/^Line 3 has a quote/);
    expect(error(() => parseCsv('Name,Note\rAnn,"a\rb"\rBob,"x\rCy,z\r'))).toMatch(/^Line 4 has a quote/);
  });

  test('trimming never turns tab-led or space-led text into a formula', () => {
    expect(parseCsv('a,b\n\t=cmd|x,  =1+2  \n  -5 , x \n').rows).toEqual([['\t=cmd|x', '  =1+2'], ['-5', 'x']]);
  });

  test('trailing delimiters are tolerated', () => {
    expect(parseCsv('a,b,\n1,2,\n')).toEqual({ header: ['a', 'b'], rows: [['1', '2']] });
  });

  test('cells stay strings; formula-looking text is kept as text', () => {
    expect(parseCsv('a,b\n=1+2,007\n').rows).toEqual([['=1+2', '007']]);
  });

  test('bad files get plain-words errors', () => {
    expect(error(() => parseCsv(''))).toMatch(/empty/);
    expect(error(() => parseCsv('  \n\n'))).toMatch(/empty/);
    expect(error(() => parseCsv('name,email\n'))).toBe('The file has a header row but no customer rows.');
    expect(error(() => parseCsv('a,b\n1,2\n3\n4,5\n'))).toMatch(/^Line 3 has 1 value but the header has 2 columns/);
    expect(error(() => parseCsv('a,b\n"x\ny",2\n1,2,3\n'))).toMatch(/^Line 4 /);
    expect(error(() => parseCsv('Name,Email,name\n1,2,3\n'))).toMatch(/two columns called "Name" and "name" \(columns 1 and 3\)/);
    expect(error(() => parseCsv('Total Spend,Email,Total  Spend\n1,2,3\n'))).toMatch(/two columns called "Total Spend" and "Total  Spend" \(columns 1 and 3\)/);
    expect(error(() => parseCsv(',,\n1,2,3\n'))).toMatch(/^The first line should name the columns/);
    expect(error(() => parseCsv('a,b\n1,Jos\ufffd\n'))).toMatch(/isn't UTF-8.*CSV UTF-8/);
    expect(error(() => parseCsv('PK\u0003\u0004\u0000\u0000binary'))).toMatch(/binary/);
  });
});

describe('readCsvBytes', () => {
  test('decodes UTF-8 including CJK, accents and emoji (reference: Node Buffer)', () => {
    const text = 'Name,City\n王小明,北京\nJosé,Zürich 😀\n';
    expect(decodeUtf8(bytes(text))).toBe(Buffer.from(text, 'utf8').toString('utf8'));
    expect(readCsvBytes(bytes(text)).rows).toEqual([['王小明', '北京'], ['José', 'Zürich 😀']]);
  });

  test('Latin-1 / Windows-1252 file is refused with advice', () => {
    const latin1 = new Uint8Array(Buffer.from('Name\nJos\xe9\n', 'latin1'));
    expect(error(() => readCsvBytes(latin1))).toMatch(/isn't UTF-8/);
  });

  // Was refused before; Excel's "Unicode text" export is UTF-16, so it is read now (reference: Node's Buffer codecs).
  test('UTF-16 files are read, with or without the byte-order mark, little or big endian', () => {
    const text = 'Name\tCity\n王小明\t北京\nJosé\tZürich 😀\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    const expected = [['王小明', '北京'], ['José', 'Zürich 😀']];
    expect(readCsvBytes(new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).rows).toEqual(expected);
    expect(readCsvBytes(new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).rows).toEqual(expected);
    expect(readCsvBytes(new Uint8Array(le)).rows).toEqual(expected);
    expect(readCsvBytes(new Uint8Array(be)).rows).toEqual(expected);
    expect(error(() => readCsvBytes(new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), le.subarray(1)]))))).toMatch(/UTF-16.*CSV UTF-8/);
  });

  test('binary and empty files', () => {
    expect(error(() => readCsvBytes(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2])))).toMatch(/binary/);
    expect(error(() => readCsvBytes(new Uint8Array([])))).toMatch(/empty/);
  });

  test('overlong and surrogate encodings are invalid UTF-8', () => {
    expect(() => decodeUtf8(new Uint8Array([0xc0, 0xaf]))).toThrow(CsvError);
    expect(() => decodeUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toThrow(CsvError);
    expect(() => decodeUtf8(new Uint8Array([0xe4, 0xb8]))).toThrow(CsvError);
  });
});

describe('toCsv', () => {
  test('RFC 4180 quoting; dates as yyyy-mm-dd; numbers plain; booleans', () => {
    const csv = toCsv({
      header: ['Name', 'Joined', 'Spend', 'VIP', 'Note'],
      rows: [['Smith, John', new Date(Date.UTC(2021, 3, 3)), 1200.5, true, 'said "hi"\nbye'], ['', '', 0, false, ' padded ']],
    });
    expect(csv).toBe('Name,Joined,Spend,VIP,Note\r\n"Smith, John",2021-04-03,1200.5,TRUE,"said ""hi""\nbye"\r\n,,0,FALSE," padded "\r\n');
  });

  test('round trip through papaparse (an independent reader) keeps every value when formulas are kept', () => {
    const table = { header: ['a', 'b,c', 'd"e'], rows: [['x,y', 'line\r\nbreak', '"q"'], ['王', '', '=1+2']] };
    const back = Papa.parse<string[]>(toCsv(table, { formulas: 'keep' }), { skipEmptyLines: true }).data;
    expect(back).toEqual([table.header, ...table.rows]);
    expect(parseCsv(toCsv(table, { formulas: 'keep' }))).toEqual(table);
  });

  // OWASP "CSV injection": = + - @ tab CR start a formula in Excel, Sheets and LibreOffice.
  test('formula-looking text gets a leading quote by default; numbers, dates and dashes do not', () => {
    const cells = ['=HYPERLINK("http://x","y")', '@SUM(A1)', '+1 415 555 0132', '-2+3', '=cmd|\' /C calc\'!A0', '\t=1+2', '\r=1', '  =1', '- call back'];
    const plain = ['-12.5', '+14155550132', '-', '---', '1e5', '12%', 'a=b', "'=already"];
    const csv = toCsv({ header: ['x'], rows: [...cells, ...plain].map((c) => [c]) });
    const back = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.slice(1).map((r) => r[0]);
    expect(back).toEqual([...cells.map((c) => `'${c}`), ...plain]);
    expect(toCsv({ header: ['=h'], rows: [[-5], [new Date(Date.UTC(2020, 0, 2))]] })).toBe("'=h\r\n-5\r\n2020-01-02\r\n");
    const chosen = toCsv({ header: ['x'], rows: [['=1+2'], ['=3+4']] }, { formulas: (t) => t === '=1+2' });
    expect(chosen).toBe("x\r\n=1+2\r\n'=3+4\r\n");
  });

  // Most cells take a short path (text written as it is); these strings are made of the
  // characters where that path and the general rules could disagree, at either end or inside.
  test('generated text: papaparse reads back every value, and exactly the formula-looking ones carry the leading quote', () => {
    const alphabet = ['a', 'Z', '7', ' ', '\t', '"', ',', '=', '+', '-', '@', "'", '.', '\r', '\n', 'é', '王', '\u00a0', '\u3000', '%', 'e'];
    let seed = 20261129;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const cells: string[] = [];
    for (let i = 0; i < 5000; i++) {
      let text = '';
      const length = 1 + Math.floor(next() * 6);
      for (let k = 0; k < length; k++) text += alphabet[Math.floor(next() * alphabet.length)];
      cells.push(text);
    }
    const table = { header: ['x'], rows: cells.map((c) => [c]) };
    // Every line is read, blank ones too; the text ends with a line break, hence the last one.
    const read = (csv: string) => Papa.parse<string[]>(csv).data.slice(1, -1).map((r) => r[0]);
    expect(read(toCsv(table, { formulas: 'keep' }))).toEqual(cells);
    // Independent of the writer: a formula starts (after spaces) with = + - @ tab or CR and is not a plain number.
    const formula = (c: string) => /^ *[=+\-@\t\r]/.test(c) && !/^ *[+-]?(?:\d+(?:[.,]\d+)*|[.,]\d+)(?:[eE][+-]?\d+)?%?$|^ *-+$/.test(c);
    expect(read(toCsv(table))).toEqual(cells.map((c) => (formula(c) ? `'${c}` : c)));
  });
});
