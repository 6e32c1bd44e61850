/**
 * CSV in and out for the command line (papaparse does the quoting rules).
 *
 * Decoding: core may not use Node's Buffer or TextDecoder (the same bundle runs in Apps
 * Script), so readCsvBytes decodes UTF-8 by hand and strictly: a file saved in another
 * encoding is refused with a message instead of being read as garbled names.
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

const DELIMITERS = [',', ';', '\t'] as const;
const CONTROL_RE = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const NOT_UTF8 = "This file isn't UTF-8 text, so names and addresses would come out garbled. In your spreadsheet program, save it as \"CSV UTF-8\" and try again.";
const BINARY = "This file doesn't look like a CSV text file (it contains binary data). Export your customer sheet as CSV and try again.";

/** The delimiter used most often in the header line, outside quotes. */
function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  let best: string = ',';
  for (const d of DELIMITERS) if (counts[d] > counts[best]) best = d;
  return best;
}

function checkText(text: string): void {
  if (text.includes('\u0000')) throw new CsvError(BINARY);
  const sample = text.length > 200000 ? text.slice(0, 200000) : text;
  const controls = sample.match(CONTROL_RE)?.length ?? 0;
  if (controls > 0 && controls / sample.length > 0.01) throw new CsvError(BINARY);
  if (text.includes('\ufffd')) throw new CsvError(NOT_UTF8);
}

/** 1-based line in `text` where the character at `offset` is. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function parseCsv(text: string): Table {
  let body = String(text);
  if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
  if (body.trim() === '') throw new CsvError('The file is empty: there is no header row and no customers.');
  checkText(body);
  const delimiter = detectDelimiter(body);
  const rows: string[][] = [];
  const rowStarts: number[] = [];
  let cursor = 0;
  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: true,
    step: (result) => {
      rowStarts.push(cursor);
      cursor = result.meta.cursor;
      rows.push(result.data);
    },
  });
  if (rows.length === 0) throw new CsvError('The file is empty: there is no header row and no customers.');
  const header = rows[0].map((h, i) => h.trim() || `Column ${i + 1}`);
  while (header.length > 1 && header[header.length - 1].startsWith('Column ') && rows[0][header.length - 1].trim() === '') {
    // A trailing delimiter on the header line ("a,b,c,") is a common export quirk, not a column.
    const last = header.length - 1;
    if (rows.slice(1).some((r) => (r[last] ?? '').trim() !== '')) break;
    header.pop();
  }
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    const before = seen.get(h.toLowerCase());
    if (before !== undefined) {
      throw new CsvError(`The header row has two columns called "${h}" (columns ${before + 1} and ${i + 1}). Rename one of them so every column has its own name.`);
    }
    seen.set(h.toLowerCase(), i);
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
        const line = lineAt(body, rowStarts[r]) + (body[rowStarts[r]] === '\n' || body[rowStarts[r]] === '\r' ? 1 : 0);
        throw new CsvError(
          `Line ${line} has ${fields.length} value${fields.length === 1 ? '' : 's'} but the header has ${width} columns. ` +
            'Check that line for a missing or extra separator, or a value with a comma that needs quotes.',
        );
      }
    }
    const row: Cell[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = (fields[c] ?? '').trim();
    data[r - 1] = row;
  }
  return { header, rows: data };
}

const NEEDS_QUOTES_RE = /[",\r\n]|^\s|\s$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function cellText(cell: Cell): string {
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? '' : `${pad(cell.getUTCFullYear(), 4)}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell === null || cell === undefined) return '';
  return String(cell);
}

function field(cell: Cell): string {
  const s = cellText(cell);
  return NEEDS_QUOTES_RE.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 text (CRLF line ends, quotes doubled), Dates as yyyy-mm-dd, numbers plain. */
export function toCsv(table: Table): string {
  const lines = [table.header.map(field).join(',')];
  for (const row of table.rows) {
    const out: string[] = new Array(table.header.length);
    for (let c = 0; c < table.header.length; c++) out[c] = field(row[c] ?? '');
    lines.push(out.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Strict UTF-8 decoding by hand; throws CsvError on any invalid sequence. */
export function decodeUtf8(bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new CsvError('This file is saved as UTF-16 ("Unicode text"). In your spreadsheet program, save it as "CSV UTF-8" and try again.');
  }
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

export function readCsvBytes(bytes: Uint8Array): Table {
  if (bytes.length === 0) throw new CsvError('The file is empty: there is no header row and no customers.');
  // Binary is checked first: a spreadsheet or image file is not "the wrong encoding".
  const probe = bytes.length > 65536 ? bytes.subarray(0, 65536) : bytes;
  if (probe.indexOf(0) >= 0 && !(probe[0] === 0xff && probe[1] === 0xfe) && !(probe[0] === 0xfe && probe[1] === 0xff)) throw new CsvError(BINARY);
  return parseCsv(decodeUtf8(bytes));
}
