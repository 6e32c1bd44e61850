/**
 * Hostile cases for files big enough to be read a chunk at a time (over 1 MB: src/cli/read-csv.ts).
 * The trouble sits past the first chunk, where the whole-file reader used to see it at once:
 * each case runs the built CLI in a folder of its own and checks that a bad file is refused with
 * the same plain sentence (and line) as a small one, leaving the folder byte for byte as it was,
 * and that a good one comes out with every cell as typed (read back with papaparse).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';

const CLI = path.resolve(__dirname, '../../dist/cli.cjs');
const roots: string[] = [];
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli.cjs is missing: run `npm run build` before these tests');
});
afterAll(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }); });

function withInput(content: Buffer): { dir: string; before: Record<string, string> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cdm-hostile-big-'));
  roots.push(dir);
  writeFileSync(path.join(dir, 'in.csv'), content);
  return { dir, before: snapshot(dir) };
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    out[name] = lstatSync(p).isFile() ? `file:${readFileSync(p).toString('base64')}` : 'other';
  }
  return out;
}

function cdm(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, timeout: 120000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}

function expectRefused(dir: string, before: Record<string, string>, message: RegExp): void {
  const r = cdm(dir, ['clean', 'in.csv', '--out', 'out.csv', '--report', 'r.json']);
  expect(r.code).not.toBe(0);
  expect(r.err.trim()).toMatch(message);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(snapshot(dir)).toEqual(before);
}

/** `n` plain customer lines (about 140 bytes each): Name, Email, Notes. */
function lines(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => `Customer ${from + i},c${from + i}@example.com,${'likes tea and biscuits '.repeat(4)}${from + i}`);
}
const HEADER = 'Name,Email,Notes';
/** Over 1 MB, so the CLI reads it a chunk at a time. */
const MANY = 9000;

describe('hostile: big file', () => {
  test('hostile: big file: a quote never closed on line 8002 is refused with its line', () => {
    const rows = lines(MANY);
    rows[8000] = 'Bo Chen,bo@example.com,"says hi';
    const { dir, before } = withInput(Buffer.from([HEADER, ...rows].join('\n') + '\n'));
    expectRefused(dir, before, /^in\.csv: Line 8002 has a quote \("\) that is not closed/);
  });

  test('hostile: big file: text after a closing quote on line 8502 is refused with its line', () => {
    const rows = lines(MANY);
    rows[8500] = '"Bo" Chen,bo@example.com,x';
    const { dir, before } = withInput(Buffer.from([HEADER, ...rows].join('\r\n') + '\r\n'));
    expectRefused(dir, before, /^in\.csv: Line 8502 has a quote/);
  });

  test('hostile: big file: a byte that is not UTF-8 past the first megabyte is refused with advice', () => {
    const text = Buffer.from([HEADER, ...lines(MANY)].join('\n') + '\n');
    const at = text.length - 200;
    const bytes = Buffer.concat([text.subarray(0, at), Buffer.from([0xe9]), text.subarray(at)]);
    const { dir, before } = withInput(bytes);
    expectRefused(dir, before, /isn't UTF-8.*--encoding windows-1252/);
  });

  test('hostile: big file: a NUL byte far from the start is refused as binary', () => {
    const text = Buffer.from([HEADER, ...lines(MANY)].join('\n') + '\n');
    const bytes = Buffer.concat([text.subarray(0, text.length - 500), Buffer.from([0]), text.subarray(text.length - 500)]);
    const { dir, before } = withInput(bytes);
    expectRefused(dir, before, /doesn't look like a CSV text file \(it contains binary data\)/);
  });

  test('hostile: big file: a line with an extra value near the end is refused with its line', () => {
    const rows = lines(MANY);
    rows[8990] += ',surprise';
    const { dir, before } = withInput(Buffer.from([HEADER, ...rows].join('\n') + '\n'));
    expectRefused(dir, before, /^in\.csv: Line 8992 has 4 values but the header has 3 columns/);
  });

  test('hostile: big file: a byte-order mark, CRLF, and quoted notes over several lines across chunk boundaries come out whole', () => {
    const rows = lines(MANY);
    // Quoted notes with commas, doubled quotes, line breaks and Chinese, spread over the whole file.
    const notes: Record<number, string> = {};
    for (let i = 0; i < MANY; i += 97) {
      notes[i] = `line one, "quoted"\r\nline two 北京 ${i}\nthree`;
      rows[i] = `Customer ${i},c${i}@example.com,"${notes[i].replace(/"/g, '""')}"`;
    }
    const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([HEADER, ...rows].join('\r\n') + '\r\n')]);
    expect(input.length).toBeGreaterThan(1 << 20);
    const { dir, before } = withInput(input);
    const r = cdm(dir, ['clean', 'in.csv', '--out', 'out.csv']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(snapshot(dir)['in.csv']).toBe(before['in.csv']);
    const parsed = Papa.parse<string[]>(readFileSync(path.join(dir, 'out.csv'), 'utf8'), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...out] = parsed.data;
    expect(header.slice(0, 3)).toEqual(['Name', 'Email', 'Notes']);
    expect(out).toHaveLength(MANY);
    out.forEach((row, i) => {
      expect(row[0]).toBe(`Customer ${i}`);
      expect(row[1]).toBe(`c${i}@example.com`);
      expect(row[2]).toBe(notes[i] ?? `${'likes tea and biscuits '.repeat(4)}${i}`);
    });
  });
});
