/**
 * A new user's add-on run on a real-world export, as they would do it: the export imported into a
 * sheet (Sheets types it: numbers, Dates, booleans, '-marked codes as text), their orders export
 * (if any) imported into a second tab, Clean & analyze with the sidebar's defaults (startRun, then
 * continueRun while the run is not done — the sidebar's flow), every sheet read back. The BUILT
 * add-on (dist/Code.js) in the local Apps Script runtime; run `npm run build` first.
 */
import { createRuntime } from '../../runtime';
import type { Cell } from '../../src/core/table';
import { bundle, type Runtime } from '../gas/helpers';
import { fixture } from './load';

export interface AddonRun {
  rt: Runtime;
  /** The customer sheet as typed before the run, and after it. */
  before: Cell[][];
  after: Cell[][];
  summary: { rows: number; duplicatesFound: number; reviewPairs: number; valuesNormalised: number; cellsImputed: number; r2cv: number | null; segments: Array<{ name: string; size: number }>; messages: string[] };
  /** Column index in `after` by header. */
  at: (header: string) => number;
  /** A column of `after` (data rows only). */
  column: (header: string) => Cell[];
  /** The first column of CDM Analysis, top to bottom. */
  analysis: string[];
  executions: number;
}

export const CUSTOMERS = 'Customers';
export const ORDERS = 'Orders';

export function runAddon(customerFile: string, ordersFile: string | null, opts: { now?: number; locale?: string } = {}): AddonRun {
  const rt = createRuntime({
    code: bundle(), locale: opts.locale ?? 'en_US', timeZone: 'Etc/UTC', user: 'owner@example.com', now: opts.now ?? Date.UTC(2025, 5, 30, 9),
  });
  const typed = (file: string): Cell[][] => { const t = fixture(file); return [t.header, ...t.rows]; };
  if (ordersFile) rt.fillSheet(ORDERS, typed(ordersFile), { activate: false });
  rt.fillSheet(CUSTOMERS, typed(customerFile));
  const before = rt.sheetValues(CUSTOMERS) as Cell[][];
  // The sidebar's defaults; no orders sheet named: the add-on finds it.
  let ex = rt.run('startRun', [{ mode: 'flag', region: 'US', inPlace: true, k: 'auto' }]);
  let executions = 1;
  if (ex.error) throw new Error(ex.error.text);
  let progress = ex.result as { done: boolean; runId: string; summary?: AddonRun['summary']; error?: string };
  while (!progress.done && executions < 20) {
    ex = rt.run('continueRun', [progress.runId]);
    executions++;
    if (ex.error) throw new Error(ex.error.text);
    progress = ex.result as typeof progress;
  }
  if (!progress.summary) throw new Error(`run not finished: ${JSON.stringify(progress).slice(0, 300)}`);
  const after = rt.sheetValues(CUSTOMERS) as Cell[][];
  const header = after[0].map(String);
  const at = (h: string): number => {
    const i = header.indexOf(h);
    if (i < 0) throw new Error(`no column ${h}: ${header.join(', ')}`);
    return i;
  };
  return {
    rt, before, after, summary: progress.summary, at,
    column: (h: string) => after.slice(1).map((r) => r[at(h)]),
    analysis: rt.sheetValues('CDM Analysis').map((r) => String(r[0]).replace(/^'/, '')),
    executions,
  };
}

/** The rows (0-based data rows) grouped as duplicates of each other by CDM Duplicate Group. */
export function duplicateGroups(run: AddonRun | { column: (h: string) => Cell[] }): number[][] {
  const groups = new Map<string, number[]>();
  run.column('CDM Duplicate Group').forEach((g, i) => { if (g !== '') groups.set(String(g), [...(groups.get(String(g)) ?? []), i]); });
  return [...groups.values()].sort((a, b) => a[0] - b[0]);
}

/** The "What the figures say" sentences at the top of CDM Analysis. */
export function sentences(analysis: string[]): string[] {
  const from = analysis.indexOf('What the figures say');
  const to = analysis.indexOf('Key figures');
  if (from < 0 || to < from) return [];
  return analysis.slice(from + 1, to).filter((s) => s !== '');
}
