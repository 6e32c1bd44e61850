/**
 * The attacker's command-line harness: the BUILT CLI (dist/cli.cjs; run `npm run build` first)
 * as a process, each case in a folder of its own, every file on disk compared byte for byte
 * before and after, outputs read back with papaparse (an independent CSV reader).
 *
 * Independent of src/: CDM's output columns and the "neutralised formula" rule are written out
 * here from README (Columns CDM writes; What CDM changes), not imported, so a change in src cannot move the
 * goalposts of the tests that check it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';

export const CLI = path.resolve(__dirname, '../../dist/cli.cjs');

const roots: string[] = [];

/** Call from afterAll: removes every folder this file's cases made. */
export function removeSandboxes(): void {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
}

export function requireCli(): void {
  if (!existsSync(CLI)) throw new Error('dist/cli.cjs is missing: run `npm run build` before these tests');
}

export function sandbox(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cdm-attack-cli-'));
  roots.push(dir);
  return dir;
}

export interface CliRun { code: number | null; out: string; err: string; signal: NodeJS.Signals | null }

/**
 * Runs the CLI in `dir`. A hang shows as a killed process (signal SIGTERM) after `timeoutMs`,
 * not a stuck suite: the guard is generous (a linear pass takes well under a second of it).
 */
export function cdm(dir: string, args: string[], opts: { stdin?: string | Buffer; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const env = { ...process.env, ...(opts.env ?? {}) };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env, input: opts.stdin ?? '', timeout: opts.timeoutMs ?? 60000, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8'), signal: r.signal };
}

/** Every entry under dir: file bytes, link targets, kinds. */
export function folder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const rel = path.relative(dir, p);
      const s = lstatSync(p);
      if (s.isSymbolicLink()) out[rel] = `link:${readlinkSync(p)}`;
      else if (s.isDirectory()) { out[rel] = 'dir'; walk(p); }
      else if (s.isFile()) out[rel] = `file:${readFileSync(p).toString('base64')}`;
      else out[rel] = 'special';
    }
  };
  walk(dir);
  return out;
}

/** A CSV text from rows (RFC 4180 quoting, CRLF), so inputs are written exactly as intended. */
export function csvText(rows: string[][]): string {
  const q = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
}

export function withInput(name: string, content: string | Buffer): { dir: string; before: Record<string, string> } {
  const dir = sandbox();
  writeFileSync(path.join(dir, name), content);
  return { dir, before: folder(dir) };
}

export function readCsv(file: string): string[][] {
  const parsed = Papa.parse<string[]>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** The columns CDM appends (README: Columns CDM writes; the analysis adds `CDM Predicted <target>`, `CDM <target> Probability`, Age/Total Spend/Orders/Last Purchase). */
const CDM_FIXED = new Set(['CDM Duplicate Group', 'CDM Duplicate Of', 'CDM Match Score', 'CDM Match Reason', 'CDM Cluster', 'CDM Segment',
  'CDM Predicted Spend', 'CDM RFM', 'CDM Churn Risk', 'CDM Recommended', 'CDM Flags', 'CDM Age', 'CDM Total Spend', 'CDM Orders', 'CDM Last Purchase']);
export const isCdmOutputColumn = (h: string): boolean => CDM_FIXED.has(h) || /^CDM Predicted .+$/.test(h) || /^CDM .+ Probability$/.test(h);

/**
 * Stated independently (README: The command line and your files): a cell a spreadsheet would run as a formula (starts with
 * = + - @, tab or CR and is not a number) is written with a leading '.
 */
export const asWritten = (c: string): string =>
  (/^ *[=+\-@\t\r]/.test(c) && !/^ *[+-]?(\d+([.,]\d+)*|[.,]\d+)([eE][+-]?\d+)?%?$|^ *-+$/.test(c) ? `'${c}` : c);

/**
 * Every cell of the user's columns in `out` against `input` (rows of typed text, header first):
 * equal as written, except the documented changes `{ 'row,col': value }` (row 1 = first customer,
 * col 0 = first column). Returns the differences as readable lines ([] = as expected). The output
 * may only add CDM's own columns, after the user's.
 */
export function userCellDiffs(input: string[][], out: string[][], documented: Record<string, string> = {}): string[] {
  const diffs: string[] = [];
  const [inHeader, ...inRows] = input;
  const [outHeader, ...outRows] = out;
  const width = inHeader.length;
  inHeader.forEach((h, c) => { if (outHeader[c] !== asWritten(h)) diffs.push(`header ${c}: expected ${JSON.stringify(asWritten(h))}, has ${JSON.stringify(outHeader[c])}`); });
  for (const extra of outHeader.slice(width)) if (!isCdmOutputColumn(extra)) diffs.push(`column ${JSON.stringify(extra)} is not one of CDM's`);
  if (outRows.length !== inRows.length) diffs.push(`${inRows.length} rows in, ${outRows.length} out`);
  inRows.forEach((row, r) => {
    for (let c = 0; c < width; c++) {
      const key = `${r + 1},${c}`;
      const want = key in documented ? documented[key] : asWritten(row[c] ?? '');
      const got = outRows[r]?.[c] ?? '';
      if (got !== want) diffs.push(`row ${r + 1} ${inHeader[c]}: expected ${JSON.stringify(want)}, has ${JSON.stringify(got)}`);
    }
  });
  return diffs;
}

/** The CDM Flags cell of each output row ('' when the column is absent). */
export function flagsOf(out: string[][]): string[] {
  const at = out[0].indexOf('CDM Flags');
  return out.slice(1).map((r) => (at < 0 ? '' : r[at] ?? ''));
}

export function column(out: string[][], name: string): string[] {
  const at = out[0].indexOf(name);
  if (at < 0) throw new Error(`no column ${name} in ${JSON.stringify(out[0])}`);
  return out.slice(1).map((r) => r[at] ?? '');
}
