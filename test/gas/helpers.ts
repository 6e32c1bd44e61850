/**
 * Shared set-up for the add-on server tests: the BUILT dist/Code.js in the local Apps Script
 * runtime (run `npm run build` first), on the generated sample sheet.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRuntime } from '../../runtime';
import { generateSample } from '../../src/core/sample';
import type { Cell } from '../../src/core/table';

export const ROOT = path.resolve(__dirname, '../..');
export const CUSTOMERS = 'Customers';

let code: string | null = null;
export function bundle(): string {
  if (code === null) code = readFileSync(path.join(ROOT, 'dist/Code.js'), 'utf8');
  return code;
}

export type Runtime = ReturnType<typeof createRuntime>;

export function newRuntime(opts: Partial<Parameters<typeof createRuntime>[0]> = {}): Runtime {
  return createRuntime({ code: bundle(), locale: 'en_US', timeZone: 'Etc/UTC', user: 'owner@example.com', now: Date.UTC(2025, 5, 30, 9), ...opts });
}

export function sampleRows(rows: number, seed = 7): Cell[][] {
  const s = generateSample({ rows, seed });
  return [s.table.header, ...s.table.rows];
}

/** A runtime with the sample sheet filled in as a user's import would (strings parsed as typed). */
export function sampleRuntime(rows: number, seed = 7, opts: Partial<Parameters<typeof createRuntime>[0]> = {}): Runtime {
  const rt = newRuntime(opts);
  rt.fillSheet(CUSTOMERS, sampleRows(rows, seed));
  return rt;
}

/** Every sheet's full snapshot, by name, for exact before/after comparisons. */
export function snapshotAll(rt: Runtime, except: (name: string) => boolean = () => false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of rt.spreadsheet.getSheets()) {
    const name = s.getName();
    if (!except(name)) out[name] = rt.snapshot(name);
  }
  return out;
}

export const FLAG = { mode: 'flag', region: 'US', inPlace: true, k: 'auto' } as const;
export const MERGE = { mode: 'merge', region: 'US', inPlace: true, k: 'auto' } as const;
