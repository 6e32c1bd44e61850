import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import type { Table } from '../../../src/core/table';

export const DATA = path.resolve(__dirname, '../../../data');
export const FIXTURES = path.resolve(__dirname, '../../fixtures/analysis');

/** CSV as the CLI would hand it to core: every cell a string, '' when empty. */
export function readCsv(file: string): Table {
  const parsed = Papa.parse<string[]>(fs.readFileSync(file, 'utf8'), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  return { header: header.map((h) => h.trim()), rows: rows.map((r) => r.map((c) => c.trim())) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fixture = (name: string): any => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));

export function expectClose(actual: number | null, expected: number | null, rel: number, abs = 1e-12): void {
  if (expected === null) { expect(actual).toBeNull(); return; }
  expect(actual).not.toBeNull();
  const tol = Math.max(abs, rel * Math.abs(expected));
  if (Math.abs((actual as number) - expected) > tol) {
    throw new Error(`expected ${expected}, got ${actual} (diff ${Math.abs((actual as number) - expected)} > ${tol})`);
  }
}
