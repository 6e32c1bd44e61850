/**
 * CSV in and out for the command line (papaparse does the quoting rules).
 *
 * Reading: UTF-8 or UTF-16, decoded by hand and strictly (core may not use Node's Buffer or
 * TextDecoder, the same bundle runs in Apps Script): a file in another encoding is refused
 * with advice instead of being read as garbled names. The delimiter is the one that splits the
 * first rows evenly; a quote that is never closed is refused with its line, never allowed to
 * swallow the rest of the file.
 *
 * Writing: text that a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading
 * ' unless the caller keeps it: a file opened in a spreadsheet must not run text as a formula
 * (README: What CDM changes, Files).
 *
 * Node/CLI only: papaparse mentions Node's 'stream' module, so bundling this file for Apps
 * Script (platform 'neutral') fails at build time. The add-on reads sheets, never files.
 */
import Papa from 'papaparse';
import type { Cell, Table } from './table';

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
/** Records read to choose the delimiter. */
const DETECT_ROWS = 30;
const CONTROL_RE = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const NOT_UTF8 = "This file isn't UTF-8 text, so names and addresses would come out garbled. In your spreadsheet program, save it as \"CSV UTF-8\" and try again.";
const NOT_UTF16 = "This file looks like UTF-16 text but its bytes don't add up, so names would come out garbled. In your spreadsheet program, save it as \"CSV UTF-8\" and try again.";
const BINARY = "This file doesn't look like a CSV text file (it contains binary data). Export your customer sheet as CSV and try again.";

/**
 * The delimiter that splits the first lines into the same number of fields (two or more):
 * the header's own punctuation cannot decide it ("Name;Nickname,Email" is a comma file when
 * the rows split three ways on commas). Ties go to the delimiter giving more columns, then to
 * the comma. A file that no delimiter splits is one column (comma).
 */
export function detectDelimiter(text: string): string {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let best = ',';
  let bestScore = -1;
  let bestWidth = 0;
  for (const d of DELIMITERS) {
    const parsed = Papa.parse<string[]>(sample, { delimiter: d, preview: DETECT_ROWS, skipEmptyLines: true });
    const rows = parsed.data;
    const width = rows.length ? rows[0].length : 0;
    if (width < 2) continue;
    const fits = (r: string[]) => r.length === width || (r.length > width && r.slice(width).every((f) => f.trim() === ''));
    const data = rows.slice(1);
    let score = data.length ? data.filter(fits).length / data.length : 0.5;
    // A delimiter that breaks the quoting is the wrong one (unless the file's quotes are broken anyway).
    if (parsed.errors.some((e) => e.type === 'Quotes')) score -= 0.5;
    if (score > bestScore || (score === bestScore && width > bestWidth)) {
      best = d;
      bestScore = score;
      bestWidth = width;
    }
  }
  return best;
}

function checkText(text: string): void {
  if (text.includes('\u0000')) throw new CsvError(BINARY);
  const sample = text.length > 200000 ? text.slice(0, 200000) : text;
  const controls = sample.match(CONTROL_RE)?.length ?? 0;
  if (controls > 0 && controls / sample.length > 0.01) throw new CsvError(BINARY);
  if (text.includes('\ufffd')) throw new CsvError(NOT_UTF8);
}

/** 1-based line in `text` where the character at `offset` is (CRLF, LF and a lone CR each end a line). */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/** Offset of the first character of the record that starts at `from` (blank lines skipped). */
function recordStart(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

/**
 * Where the quoting of the record starting at `from` goes wrong: the offset of a quote that
 * opens a value and is never closed, or is closed and followed by more text ("1"x). -1 if none.
 */
function badQuoteAt(text: string, delimiter: string, from: number): number {
  let i = recordStart(text, from);
  const n = text.length;
  while (i < n) {
    if (text[i] === '"') {
      const open = i;
      i++;
      for (;;) {
        if (i >= n) return open;
        if (text[i] === '"') {
          if (text[i + 1] === '"') { i += 2; continue; }
          break;
        }
        i++;
      }
      i++;
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') return open;
    } else {
      while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
    }
    if (i >= n || text[i] === '\n' || text[i] === '\r') return -1;
    i++;
  }
  return -1;
}

/** A value of spreadsheet text that Excel, Sheets or LibreOffice would run as a formula. */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
/** Plain numbers (-12.5, +3, 1e5, 12%) are values, not formulas; so is a dash placeholder. */
const NUMBER_RE = /^[+-]?(?:\d+(?:[.,]\d+)*|[.,]\d+)(?:[eE][+-]?\d+)?%?$|^-+$/;

/**
 * True when a cell's text would start a formula once opened in a spreadsheet: it begins (after
 * spaces) with = + - @, a tab or a carriage return, and is not a plain number.
 */
export function looksLikeFormula(text: string): boolean {
  let i = 0;
  while (text.charCodeAt(i) === 32) i++;
  if (i >= text.length || !FORMULA_START.has(text[i])) return false;
  return !NUMBER_RE.test(text.slice(i));
}

/**
 * A cell as read: surrounding spaces trimmed, except that whitespace before formula-looking
 * text is kept, so trimming never turns an inert "\t=cmd" into an active "=cmd".
 */
export function trimCell(raw: string): string {
  const t = raw.trim();
  if (t.length === raw.length || !looksLikeFormula(t)) return t;
  return raw.trimEnd();
}

const sameName = (h: string): string => h.toLowerCase().replace(/\s+/g, ' ');

export function parseCsv(text: string): Table {
  let body = String(text);
  if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
  if (body.trim() === '') throw new CsvError('The file is empty: there is no header row and no customers.');
  checkText(body);
  const delimiter = detectDelimiter(body);
  const rows: string[][] = [];
  const rowStarts: number[] = [];
  let cursor = 0;
  let quoteProblem = -1;
  const parser = Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: true,
    step: (result, p) => {
      if (result.errors.some((e) => e.type === 'Quotes')) {
        quoteProblem = badQuoteAt(body, delimiter, cursor);
        if (quoteProblem < 0) quoteProblem = recordStart(body, cursor);
        p.abort();
        return;
      }
      rowStarts.push(cursor);
      cursor = result.meta.cursor;
      rows.push(result.data);
    },
  });
  void parser;
  if (quoteProblem >= 0) {
    throw new CsvError(
      `Line ${lineAt(body, quoteProblem)} has a quote (") that is not closed where its value ends, so the rest of the file would be read as one value. ` +
        'Close the quote, or remove it, and try again.',
    );
  }
  if (rows.length === 0) throw new CsvError('The file is empty: there is no header row and no customers.');
  if (rows[0].every((h) => h.trim() === '')) {
    throw new CsvError('The first line should name the columns, but it holds no names (only separators). Add the column names and try again.');
  }
  const header = rows[0].map((h, i) => h.trim() || `Column ${i + 1}`);
  while (header.length > 1 && header[header.length - 1].startsWith('Column ') && rows[0][header.length - 1].trim() === '') {
    // A trailing delimiter on the header line ("a,b,c,") is a common export quirk, not a column.
    const last = header.length - 1;
    if (rows.slice(1).some((r) => (r[last] ?? '').trim() !== '')) break;
    header.pop();
  }
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    const key = sameName(h);
    const before = seen.get(key);
    if (before !== undefined) {
      const shown = header[before] === h ? `"${h}"` : `"${header[before]}" and "${h}"`;
      throw new CsvError(`The header row has two columns called ${shown} (columns ${before + 1} and ${i + 1}). Rename one of them so every column has its own name.`);
    }
    seen.set(key, i);
  });
  if (rows.length === 1) throw new CsvError('The file has a header row but no customer rows.');
  const width = header.length;
  const data: Cell[][] = new Array(rows.length - 1);
  for (let r = 1; r < rows.length; r++) {
    const fields = rows[r];
    if (fields.length !== width) {
      // Extra fields that are all empty are trailing delimiters, not data.
      const extraEmpty = fields.length > width && fields.slice(width).every((f) => f.trim() === '');
      if (!extraEmpty) {
        const line = lineAt(body, recordStart(body, rowStarts[r]));
        throw new CsvError(
          `Line ${line} has ${fields.length} value${fields.length === 1 ? '' : 's'} but the header has ${width} columns. ` +
            'Check that line for a missing or extra separator, or a value with a comma that needs quotes.',
        );
      }
    }
    const row: Cell[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = trimCell(fields[c] ?? '');
    data[r - 1] = row;
  }
  return { header, rows: data };
}

const NEEDS_QUOTES_RE = /[",\r\n]|^\s|\s$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** How much of the time of day a column's Dates need: none, minutes, or seconds too. */
type TimePart = 0 | 1 | 2;

/** A Date's wall-clock fields are its UTC fields (core's convention, see normalize/date.ts). */
function timePartOf(cell: Cell): TimePart {
  if (!(cell instanceof Date) || Number.isNaN(cell.getTime())) return 0;
  if (cell.getUTCSeconds() !== 0 || cell.getUTCMilliseconds() !== 0) return 2;
  return cell.getUTCHours() !== 0 || cell.getUTCMinutes() !== 0 ? 1 : 0;
}

/** A cell as the CSV writer spells it (before quoting and formula neutralising). */
export function cellText(cell: Cell, time: TimePart = timePartOf(cell)): string {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    const day = `${pad(cell.getUTCFullYear(), 4)}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
    // A date-time keeps its time (12/1/10 8:26 → 2010-12-01 08:26), and so does every other
    // Date of its column, midnight included, so the column reads one way.
    if (time === 0) return day;
    const hm = `${day} ${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}`;
    return time === 1 ? hm : `${hm}:${pad(cell.getUTCSeconds())}`;
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell === null || cell === undefined) return '';
  return String(cell);
}

export interface CsvWriteOptions {
  /**
   * What to do with text that would run as a formula when the file is opened in Excel, Sheets
   * or LibreOffice (see looksLikeFormula). 'neutralise' (default) puts a ' before it, which
   * those programs read as "this is text"; 'keep' writes it as it is. A function decides per
   * text: true keeps it (the CLI keeps exactly the formulas the user's own file held).
   */
  formulas?: 'neutralise' | 'keep' | ((text: string) => boolean);
}

function field(cell: Cell, keep: (text: string) => boolean, time?: TimePart): string {
  if (typeof cell === 'string' && isPlainText(cell)) return cell;
  let s = cellText(cell, time);
  if (typeof cell === 'string' && looksLikeFormula(s) && !keep(s)) s = `'${s}`;
  return NEEDS_QUOTES_RE.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Text that is written as it is: printable ASCII at both ends (so no surrounding whitespace and
 * no formula start), and no quote, comma or line break inside. Most cells of a customer list
 * are such text; one pass over their characters replaces a regular expression and a formula
 * check per cell, which a million-row file notices.
 */
function isPlainText(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  if (first <= 32 || first >= 127 || last <= 32 || last >= 127) return false;
  if (first === 61 || first === 43 || first === 45 || first === 64) return false; // = + - @
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) return false; // " , LF CR
  }
  return true;
}

/**
 * RFC 4180 text (CRLF line ends, quotes doubled), Dates as yyyy-mm-dd (with hh:mm[:ss] in a column
 * of date-times), numbers plain, and
 * formula-looking text neutralised unless `options.formulas` says otherwise.
 */
export function toCsv(table: Table, options: CsvWriteOptions = {}): string {
  return Array.from(csvChunks(table, options)).join('');
}

/**
 * toCsv's text in pieces of about `size` characters, made as they are asked for: a million
 * rows are written to a file without ever being one string.
 */
export function* csvChunks(table: Table, options: CsvWriteOptions = {}, size = 1 << 20): Generator<string> {
  const f = options.formulas ?? 'neutralise';
  const keep = f === 'keep' ? () => true : f === 'neutralise' ? () => false : f;
  const width = table.header.length;
  // A column holding date-times writes every Date with its time (one pass over the Dates first).
  const time: TimePart[] = table.header.map(() => 0);
  const rows = table.rows;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      if (cell instanceof Date && time[c] < 2) time[c] = Math.max(time[c], timePartOf(cell)) as TimePart;
    }
  }
  // Appended piece by piece (V8 links the pieces and copies them once, when the chunk is
  // written out) rather than gathered into arrays and joined twice.
  let chunk = table.header.map((h) => field(h, keep)).join(',') + '\r\n';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let line = width > 0 ? field(row[0] ?? '', keep, time[0]) : '';
    for (let c = 1; c < width; c++) line += ',' + field(row[c] ?? '', keep, time[c]);
    chunk += line + '\r\n';
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** UTF-16 text (with or without its byte-order mark) decoded by hand. */
export function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  let i = bytes.length >= 2 && ((littleEndian && bytes[0] === 0xff && bytes[1] === 0xfe) || (!littleEndian && bytes[0] === 0xfe && bytes[1] === 0xff)) ? 2 : 0;
  if ((bytes.length - i) % 2 !== 0) throw new CsvError(NOT_UTF16);
  const chunks: string[] = [];
  const units: number[] = [];
  for (; i + 1 < bytes.length; i += 2) {
    units.push(littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
    if (units.length >= 8192) { chunks.push(String.fromCharCode.apply(null, units)); units.length = 0; }
  }
  if (units.length) chunks.push(String.fromCharCode.apply(null, units));
  const text = chunks.join('');
  // A lone surrogate means these bytes were not UTF-16 after all.
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?:[^\ud800-\udbff]|^)[\udc00-\udfff]/.test(text)) throw new CsvError(NOT_UTF16);
  return text;
}

/**
 * The UTF-16 byte order of text saved without a byte-order mark, read from where its zero
 * bytes fall (Latin-script UTF-16 has a zero in every other byte); null when it is not UTF-16.
 */
function utf16WithoutBom(bytes: Uint8Array): boolean | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return true;
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return false;
  return null;
}

/** Strict UTF-8 decoding by hand; throws CsvError on any invalid sequence. */
export function decodeUtf8(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const units: number[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    let cp: number;
    let need: number;
    let min: number;
    if (b < 0x80) { cp = b; need = 0; min = 0; }
    else if (b >= 0xc2 && b <= 0xdf) { cp = b & 0x1f; need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { cp = b & 0x0f; need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { cp = b & 0x07; need = 3; min = 0x10000; }
    else throw new CsvError(NOT_UTF8);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) throw new CsvError(NOT_UTF8);
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new CsvError(NOT_UTF8);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      units.push(cp);
    }
    i += need + 1;
    if (units.length >= 8192) {
      chunks.push(String.fromCharCode.apply(null, units));
      units.length = 0;
    }
  }
  if (units.length) chunks.push(String.fromCharCode.apply(null, units));
  return chunks.join('');
}

/**
 * A CSV file's bytes as a table: UTF-8 (with or without its mark) or UTF-16 (Excel's "Unicode
 * text", with or without its mark); anything else is refused with advice rather than guessed.
 */
export function readCsvBytes(bytes: Uint8Array): Table {
  if (bytes.length === 0) throw new CsvError('The file is empty: there is no header row and no customers.');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return parseCsv(decodeUtf16(bytes, true));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return parseCsv(decodeUtf16(bytes, false));
  // Binary is checked first: a spreadsheet or image file is not "the wrong encoding".
  const probe = bytes.length > 65536 ? bytes.subarray(0, 65536) : bytes;
  if (probe.indexOf(0) >= 0) {
    const le = utf16WithoutBom(probe);
    if (le === null) throw new CsvError(BINARY);
    return parseCsv(decodeUtf16(bytes, le));
  }
  return parseCsv(decodeUtf8(bytes));
}
