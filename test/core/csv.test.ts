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
    expect(t.rows).toHaveLength(1000); // febrl1 has 1000 records (design.md §6)
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
    expect(error(() => parseCsv('Name,Email,name\n1,2,3\n'))).toMatch(/two columns called "name" \(columns 1 and 3\)/);
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

  test('UTF-16 file is refused with advice', () => {
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]));
    expect(error(() => readCsvBytes(utf16))).toMatch(/UTF-16/);
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

  test('round trip through papaparse (an independent reader) keeps every value', () => {
    const table = { header: ['a', 'b,c', 'd"e'], rows: [['x,y', 'line\r\nbreak', '"q"'], ['王', '', '=1+2']] };
    const back = Papa.parse<string[]>(toCsv(table), { skipEmptyLines: true }).data;
    expect(back).toEqual([table.header, ...table.rows]);
    expect(parseCsv(toCsv(table))).toEqual(table);
  });
});
