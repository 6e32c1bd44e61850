/**
 * Reading a big CSV file a chunk at a time (a million rows within 4 GB).
 *
 * The whole-file reader (core/csv.ts) holds the file's bytes, then its text (two bytes a
 * character as soon as one name is Chinese), then every cell as a slice that keeps that whole
 * text alive. This one reads 1 MB at a time and makes each cell a string of its own (one byte a
 * character when it is plain ASCII), with repeated values of a column (cities, countries,
 * products, amounts) shared, so a 150 MB file costs its cells and nothing more.
 *
 * It gives exactly the table parseCsv gives (test/cli/read-csv.test.ts compares them on
 * thousands of generated files): the same newline and delimiter guesses (papaparse's own, on the
 * same first characters), papaparse's quoting rules, the same trimming. Anything out of the
 * ordinary — a quote that does not close, a NUL byte, a byte that is not UTF-8, a U+FFFD, a
 * control-character-laden start, a header that is blank, repeated or ends in blank names, a
 * line with the wrong number of values, a file without data rows — makes it give up (null),
 * and the caller reads the file the old way, which then says exactly what it always said.
 */
import { readSync } from 'node:fs';
import { detectDelimiter, trimCell } from '../core/csv';
import type { Cell, Table } from '../core/table';

/** Node's Buffer decodes a slice without the argument checks of toString (both are public on Buffer). */
declare module 'node:buffer' {
  interface Buffer {
    latin1Slice(start: number, end: number): string;
    utf8Slice(start: number, end: number): string;
  }
}

/** Bytes read at a time; a record longer than this makes the next read as long as it. */
const CHUNK = 1 << 20;
/** Characters papaparse looks at to guess the newline, and parseCsv to guess the delimiter. */
const NEWLINE_SAMPLE = 1024 * 1024;
/** parseCsv counts control characters in the first 200,000 characters. */
const CONTROL_SAMPLE = 200000;
/** Values looked at per column before deciding whether sharing its repeated values pays. */
const INTERN_TRIAL = 4096;
const INTERN_MIN_HITS = 0.25;
/** Longer values are rarely repeated: not worth a lookup. */
const INTERN_MAX_LENGTH = 48;
/** Distinct values remembered per column at most (a column of 100k distinct names is not a code list). */
const INTERN_MAX_ENTRIES = 65536;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Thrown inside the reader when the file is out of the ordinary: the caller reads it the old way. */
class GiveUp extends Error {}

/** papaparse's guess (ParserHandle.guessLineEndings), on the same text. */
function guessNewline(text: string): '\n' | '\r\n' | '\r' {
  const input = text.substring(0, NEWLINE_SAMPLE).replace(/"[^]*?"/gm, '');
  const r = input.split('\r');
  const n = input.split('\n');
  const nAppearsFirst = n.length > 1 && n[0].length < r[0].length;
  if (r.length === 1 || nAppearsFirst) return '\n';
  let numWithN = 0;
  for (let i = 0; i < r.length; i++) if (r[i][0] === '\n') numWithN++;
  return numWithN >= r.length / 2 ? '\r\n' : '\r';
}

/** Whitespace String.prototype.trim removes, among ASCII bytes. */
const isAsciiSpace = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d);

/**
 * One column's repeated values as one string each, found by the field's bytes before any string
 * is made: a hash of the bytes (FNV-1a, computed while the field is scanned) into an
 * open-addressed table of cells. A repeated city, date or amount costs no new string at all.
 * After a trial, a column whose values hardly repeat (e-mails, phones) stops being looked up.
 */
class ColumnCells {
  private hashes = new Int32Array(1024);
  private raw: string[] = new Array(1024);
  private cells: string[] = new Array(1024);
  private used = new Uint8Array(1024);
  private size = 0;
  private misses = 0;
  private hits = 0;
  /** Still worth looking up. */
  on = true;

  /** The cell for the ASCII bytes buf[from, to) (hash h), or undefined when not seen before. */
  find(buf: Buffer, from: number, to: number, h: number): string | undefined {
    const mask = this.hashes.length - 1;
    const n = to - from;
    for (let i = h & mask; this.used[i]; i = (i + 1) & mask) {
      if (this.hashes[i] !== h) continue;
      const r = this.raw[i];
      if (r.length !== n) continue;
      let k = 0;
      while (k < n && r.charCodeAt(k) === buf[from + k]) k++;
      if (k === n) { this.hits++; return this.cells[i]; }
    }
    return undefined;
  }

  remember(raw: string, h: number, cell: string): void {
    if (++this.misses === INTERN_TRIAL && this.hits < INTERN_TRIAL * INTERN_MIN_HITS) { this.on = false; return; }
    if (this.size >= INTERN_MAX_ENTRIES) return;
    if ((this.size + 1) * 2 > this.hashes.length) this.grow();
    const mask = this.hashes.length - 1;
    let i = h & mask;
    while (this.used[i]) i = (i + 1) & mask;
    this.used[i] = 1;
    this.hashes[i] = h;
    this.raw[i] = raw;
    this.cells[i] = cell;
    this.size++;
  }

  private grow(): void {
    const { hashes, raw, cells, used } = this;
    const length = hashes.length * 2;
    this.hashes = new Int32Array(length);
    this.raw = new Array(length);
    this.cells = new Array(length);
    this.used = new Uint8Array(length);
    const mask = length - 1;
    for (let k = 0; k < hashes.length; k++) {
      if (!used[k]) continue;
      let i = hashes[k] & mask;
      while (this.used[i]) i = (i + 1) & mask;
      this.used[i] = 1;
      this.hashes[i] = hashes[k];
      this.raw[i] = raw[k];
      this.cells[i] = cells[k];
    }
  }
}

interface Parsed { header: string[]; rows: Cell[][] }

/**
 * The record parser over bytes. `feed` takes the buffer holding the unparsed rest plus new
 * bytes and returns how many bytes it consumed (complete records only, unless `last`). Before
 * the header is read, fields are kept as typed; after it, each field is the table's cell
 * (trimmed as parseCsv trims, repeated values shared).
 */
class RecordParser {
  readonly header: string[] = [];
  readonly rows: Cell[][] = [];
  private width = -1;
  private columns: ColumnCells[] = [];
  private fields: string[] = [];
  /** The record's first field as typed was empty (papaparse skips such a line when it is the only field). */
  private firstEmpty = false;

  constructor(private readonly delim: number, private readonly newline: '\n' | '\r\n' | '\r') {}

  private isNewlineAt(buf: Buffer, i: number, end: number): number {
    const nl = this.newline;
    if (nl === '\n') return buf[i] === LF ? 1 : 0;
    if (nl === '\r') return buf[i] === CR ? 1 : 0;
    if (buf[i] === CR) {
      if (i + 1 < end) return buf[i + 1] === LF ? 2 : 0;
      return -1; // cannot tell yet
    }
    return 0;
  }

  /** A field's text, strictly UTF-8 (a U+FFFD means the bytes were not, or the file holds one: give up either way). */
  private text(buf: Buffer, from: number, to: number, high: boolean): string {
    if (from === to) return '';
    if (!high) return buf.latin1Slice(from, to);
    const s = buf.utf8Slice(from, to);
    if (s.indexOf('\ufffd') >= 0) throw new GiveUp();
    return s;
  }

  /** Adds a field as typed: the header's as it is, a data field as its cell. */
  private push(raw: string): void {
    const fields = this.fields;
    if (fields.length === 0) this.firstEmpty = raw.length === 0;
    fields.push(this.width < 0 ? raw : trimCell(raw));
  }

  /** Parses records from buf[start, end); returns where the first incomplete record starts. */
  feed(buf: Buffer, start: number, end: number, last: boolean): number {
    const delim = this.delim;
    let i = start;
    while (i < end) {
      // One record.
      const recordStart = i;
      const fields = this.fields;
      fields.length = 0;
      let complete = false;
      for (;;) {
        if (i < end && buf[i] === QUOTE) {
          // Quoted field: to the closing quote ("" is a quote), then optional spaces, then a delimiter, a newline or the end.
          let j = i + 1;
          let high = false;
          let escaped = false;
          let close = -1;
          while (j < end) {
            const b = buf[j];
            if (b === QUOTE) {
              if (j + 1 < end && buf[j + 1] === QUOTE) { escaped = true; j += 2; continue; }
              if (j + 1 >= end && !last) break; // need more bytes to know
              close = j;
              break;
            }
            if (b === 0) throw new GiveUp();
            if (b >= 0x80) high = true;
            j++;
          }
          if (close < 0) {
            if (last) throw new GiveUp(); // never closed
            return recordStart;
          }
          let value = this.text(buf, i + 1, close, high);
          if (escaped) value = value.replace(/""/g, '"');
          // After the closing quote.
          let k = close + 1;
          while (k < end && buf[k] !== delim && isAsciiSpace(buf[k]) && this.isNewlineAt(buf, k, end) === 0) k++;
          if (k >= end) {
            if (!last) return recordStart;
            if (k === close + 1) { this.push(value); complete = true; i = k; break; }
            throw new GiveUp(); // spaces then the end: papaparse calls that a bad quote
          }
          if (buf[k] === delim) { this.push(value); i = k + 1; continue; }
          const nl = this.isNewlineAt(buf, k, end);
          if (nl === -1) { if (!last) return recordStart; throw new GiveUp(); }
          if (nl > 0) { this.push(value); i = k + nl; complete = true; break; }
          throw new GiveUp(); // text after the closing quote
        }
        // Unquoted field: to the next delimiter or newline (quotes inside are plain text).
        const col = fields.length;
        const cells = this.width >= 0 && col < this.width && this.columns[col].on ? this.columns[col] : null;
        let h = 0x811c9dc5 | 0;
        let j = i;
        let high = false;
        let nl = 0;
        while (j < end) {
          const b = buf[j];
          if (b === delim) break;
          if (b === LF || b === CR) {
            nl = this.isNewlineAt(buf, j, end);
            if (nl !== 0) break;
          } else if (b === 0) {
            throw new GiveUp();
          } else if (b >= 0x80) {
            high = true;
          }
          h = Math.imul(h ^ b, 0x01000193);
          j++;
        }
        if (nl === -1) { if (!last) return recordStart; nl = 0; j = end; }
        if (j >= end && !last) return recordStart;
        if (cells !== null && !high && j - i <= INTERN_MAX_LENGTH && j > i) {
          // A repeated value: its cell without a new string.
          const known = cells.find(buf, i, j, h);
          if (known !== undefined) {
            if (col === 0) this.firstEmpty = false;
            fields.push(known);
          } else {
            const raw = buf.latin1Slice(i, j);
            this.push(raw);
            cells.remember(raw, h, fields[col]);
          }
        } else {
          this.push(this.text(buf, i, j, high));
        }
        if (j >= end) { i = end; complete = true; break; }
        if (buf[j] === delim) { i = j + 1; if (i >= end && !last) return recordStart; if (i >= end) { this.push(''); complete = true; break; } continue; }
        i = j + nl;
        complete = true;
        break;
      }
      if (complete) this.record(fields);
    }
    return i;
  }

  private record(fields: string[]): void {
    // papaparse skips a line that is exactly empty (one empty value).
    if (fields.length === 1 && this.firstEmpty) return;
    if (this.width < 0) {
      this.startHeader(fields);
      return;
    }
    const width = this.width;
    if (fields.length !== width) {
      // Extra values that are all blank are trailing delimiters (the cells are trimmed already).
      if (fields.length < width) throw new GiveUp();
      for (let c = width; c < fields.length; c++) if (fields[c] !== '') throw new GiveUp();
    }
    const row: Cell[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = fields[c];
    this.rows.push(row);
  }

  private startHeader(fields: string[]): void {
    const header = fields.map((h) => h.trim());
    // Blank, repeated (parseCsv compares names case- and space-blind) or trailing blank names: parseCsv says what to do.
    if (header.length === 0 || header.some((h) => h === '')) throw new GiveUp();
    const seen = new Set(header.map((h) => h.toLowerCase().replace(/\s+/g, ' ')));
    if (seen.size !== header.length) throw new GiveUp();
    this.header.push(...header);
    this.width = header.length;
    this.columns = header.map(() => new ColumnCells());
  }

  result(): Parsed {
    if (this.width < 0 || this.rows.length === 0) throw new GiveUp();
    return { header: this.header, rows: this.rows };
  }
}

/** Control characters parseCsv counts (CONTROL_RE in core/csv.ts). */
function controlCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 1 && c <= 8) || c === 0x0b || c === 0x0c || (c >= 0x0e && c <= 0x1f) || c === 0x7f) n++;
  }
  return n;
}

/**
 * Reads an open regular file chunk by chunk into a table, or returns null when the file is not
 * plain UTF-8 CSV of the ordinary kind (the caller then reads it whole, with parseCsv's
 * messages). The file must already have passed the CLI's checks (openInput).
 */
export function readCsvStreaming(fd: number, size: number, options: { chunk?: number } = {}): Table | null {
  try {
    return readFd(fd, size, Math.max(1, options.chunk ?? CHUNK));
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}

function readFd(fd: number, size: number, chunk: number): Table | null {
  // The first bytes decide everything that parseCsv decides from the start of the text.
  const headLength = Math.min(size, 4 * NEWLINE_SAMPLE + 4);
  const headBuf = Buffer.allocUnsafe(headLength);
  const got = readFully(fd, headBuf, 0, headLength, 0);
  if (got < 4) return null;
  // UTF-16 (a byte-order mark, or zero bytes) and binary files: the whole-file reader.
  if ((headBuf[0] === 0xff && headBuf[1] === 0xfe) || (headBuf[0] === 0xfe && headBuf[1] === 0xff)) return null;
  if (headBuf.subarray(0, Math.min(got, 65536)).indexOf(0) >= 0) return null;
  const start = headBuf[0] === 0xef && headBuf[1] === 0xbb && headBuf[2] === 0xbf ? 3 : 0;
  // A second byte-order mark: papaparse strips one more, parseCsv's offsets then differ.
  if (headBuf[start] === 0xef && headBuf[start + 1] === 0xbb && headBuf[start + 2] === 0xbf) return null;

  // The text parseCsv's body begins with (a multi-byte character cut at the end is left out).
  const whole = got === size;
  let headEnd = got;
  if (!whole) {
    while (headEnd > start && (headBuf[headEnd - 1] & 0xc0) === 0x80) headEnd--;
    if (headEnd > start && headBuf[headEnd - 1] >= 0xc0) headEnd--;
  }
  const head = headBuf.utf8Slice(start, headEnd);
  if (head.indexOf('\ufffd') >= 0) return null;
  // parseCsv's guesses look at the first 1M characters (the newline), 200k (control characters)
  // and 64k (the delimiter), or the whole text: the head holds them.
  if (!whole && head.length < NEWLINE_SAMPLE) return null;
  if (head.trim() === '') return null;
  const sample = head.length > CONTROL_SAMPLE ? head.slice(0, CONTROL_SAMPLE) : head;
  const controls = controlCount(sample);
  if (controls > 0 && controls / sample.length > 0.01) return null;
  const delimiter = detectDelimiter(head);
  const newline = guessNewline(head);
  const parser = new RecordParser(delimiter.charCodeAt(0), newline);

  // The records, a chunk at a time from the first byte after the mark.
  let position = start;
  let buf = Buffer.allocUnsafe(chunk);
  let from = 0;
  let end = 0;
  for (;;) {
    // Keep the incomplete record at the front; read more behind it (more room for a longer record).
    const rest = end - from;
    const room = Math.max(chunk, rest * 2);
    const next = rest + room <= buf.length ? buf : Buffer.allocUnsafe(rest + room);
    buf.copy(next, 0, from, end);
    buf = next;
    const n = readFully(fd, buf, rest, buf.length - rest, position);
    position += n;
    end = rest + n;
    const last = n === 0 || position >= size;
    from = parser.feed(buf, 0, end, last);
    if (last) {
      if (from < end) throw new GiveUp();
      break;
    }
  }
  return parser.result();
}

/** Reads up to `length` bytes at `offset` into buf; fewer only at the end of the file. */
function readFully(fd: number, buf: Buffer, offset: number, length: number, position: number): number {
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, offset + got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}
