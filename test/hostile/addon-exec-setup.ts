/**
 * Shared set-up of the exec hostile catalogue (test/hostile/addon-exec-*.test.ts): the BUILT
 * dist/Code.js in the local Apps Script runtime on the generated sample, a run one step per
 * execution (the time budget property), and the reference every interrupted run must end as:
 * the same run left alone. Comparisons are cell by cell over the whole workbook
 * (test/hostile/sheet-diff.ts), allowing only what differs between two runs of the same data —
 * the run's id and time in the audit, and the names of its hidden backup sheets.
 */
import { CUSTOMERS, FLAG, sampleRuntime, type Runtime } from '../gas/helpers';
import { captureWorkbook, diffWorkbooks, formatDifferences, type Allowed, type WorkbookSnapshot } from './sheet-diff';

export { CUSTOMERS, FLAG, captureWorkbook, diffWorkbooks, formatDifferences, type Runtime, type WorkbookSnapshot };

export const ROWS = 80;
export const HOUR = 60 * 60 * 1000 + 1000;

export interface Progress {
  runId: string;
  done: boolean;
  phase?: string;
  stepKey?: string;
  existing?: boolean;
  background?: boolean;
  error?: string;
  note?: string;
  preview?: { kinds: Array<{ kind: string; count: number; sample: unknown[] }> };
}

/** Two runs of the same data differ only in when they ran and what they called their backups. */
export const SAME_RUN: Allowed[] = [
  { sheet: 'CDM Audit', a1: 'A:B', why: 'run id and time of the run' },
  { sheet: /^CDM (Backup|Undo)/, why: 'hidden backup / undo sheets are named after the run id' },
];

export function fresh(opts: Parameters<typeof sampleRuntime>[2] = {}): Runtime {
  const rt = sampleRuntime(ROWS, 7, opts);
  rt.properties.script.data.set('CDM_TIME_BUDGET_MS', '1'); // one pipeline step per execution
  return rt;
}

export function call<T = Progress>(rt: Runtime, fn: string, ...args: unknown[]): T {
  const ex = rt.run(fn, args);
  if (ex.error) throw new Error(`${fn}: ${ex.error.message}`);
  return ex.result as T;
}

/** The sidebar's loop: continueRun until the run is done. */
export function drive(rt: Runtime, p: Progress, limit = 20): Progress {
  let q = p;
  for (let i = 0; i < limit && !q.done; i++) q = call(rt, 'continueRun', q.runId);
  return q;
}

let referenceCache: Record<string, WorkbookSnapshot> = {};
/** The workbook after the same run left alone (one step per execution, the sidebar driving). */
export function reference(options: object = FLAG): WorkbookSnapshot {
  const key = JSON.stringify(options);
  if (!referenceCache[key]) {
    const rt = fresh();
    const done = drive(rt, call(rt, 'startRun', options));
    if (!done.done || done.error) throw new Error(`reference run did not finish: ${done.error}`);
    referenceCache[key] = captureWorkbook(rt);
  }
  return referenceCache[key];
}

export function resetReferences(): void {
  referenceCache = {};
}

/** Fails with the readable list of cells that differ beyond `allow`. */
export function expectSame(before: WorkbookSnapshot, after: WorkbookSnapshot, allow: Allowed[] = []): void {
  const diffs = diffWorkbooks(before, after, allow);
  if (diffs.length) throw new Error(`${diffs.length} difference(s):\n${formatDifferences(diffs)}`);
}

/** The active sheet is never one of CDM's hidden sheets. */
export function activeIsVisible(rt: Runtime): boolean {
  return !rt.spreadsheet.getActiveSheet()._hidden;
}

/**
 * Kills the next execution of `fn` the way Apps Script does at 6 minutes: once the hook sees
 * `when` (a service call of that execution), the clock jumps past the limit, so the execution
 * dies at its next service call.
 */
export function killAt(rt: Runtime, fn: string, when: (name: string, count: number) => boolean): () => boolean {
  let killed = false;
  let n = 0;
  const off = rt.onServiceCall(({ execution, name }) => {
    if (killed || execution.functionName !== fn) return;
    if (when(name, ++n)) {
      killed = true;
      rt.advanceClock(7 * 60 * 1000);
    }
  });
  return () => {
    off();
    return killed;
  };
}
