/**
 * Every-cell comparison for the core value catalogue: the output table's user columns hold,
 * cell by cell, exactly the input — except the cells a case names with their documented new
 * value. Flags (values kept as typed because CDM is not sure) are compared as an exact set.
 * Cells are keyed "row:Column" (0-based data row).
 */
import { runPipeline, type PipelineOptions, type PipelineState } from '../../src/core/pipeline';
import { type Cell, type Change, type Table, isCdmColumn } from '../../src/core/table';

export interface Expected {
  /** Cells that change, with their exact new value (type included: 2135 is not "02135"). */
  changed?: Record<string, Cell>;
  /** Cells kept as typed and flagged. */
  flagged?: string[];
  /** Cells filled by imputation (value checked separately when it matters). */
  imputed?: string[];
}

// Exact: 2135 is not "02135", 0 is not -0; Dates by time, NaN equals NaN.
const same = (a: Cell | undefined, b: Cell | undefined): boolean =>
  a instanceof Date || b instanceof Date ? a instanceof Date && b instanceof Date && a.getTime() === b.getTime() : Object.is(a ?? '', b ?? '');

const show = (v: Cell | undefined): string => (v instanceof Date ? `Date(${v.toISOString()})` : JSON.stringify(v));

/** Runs the real pipeline (clean, dedupe, fill; analysis is not about values). */
export function run(table: Table, options: PipelineOptions = {}): PipelineState {
  return runPipeline(table, { steps: ['clean', 'dedupe', 'impute'], region: 'US', seed: 1, ...options });
}

/** Differences between what every user cell holds and what it should hold; [] when all is as documented. */
export function cellDiffs(before: Table, after: Table, log: Iterable<Change>, expected: Expected): string[] {
  // A pipeline state's log (ChangeLog) or an engine's array of changes.
  const changes = Array.from(log);
  const out: string[] = [];
  const changed = expected.changed ?? {};
  const imputed = new Set(expected.imputed ?? []);
  for (const column of before.header) {
    if (isCdmColumn(column)) continue;
    const b = before.header.indexOf(column);
    const a = after.header.indexOf(column);
    if (a < 0) { out.push(`column ${column} is gone`); continue; }
    before.rows.forEach((row, r) => {
      const key = `${r}:${column}`;
      const actual = after.rows[r]?.[a];
      if (imputed.has(key)) {
        if (actual === '' || actual === row[b]) out.push(`${key}: expected a filled value, has ${show(actual)}`);
        return;
      }
      const want = key in changed ? changed[key] : row[b];
      if (!same(actual, want)) out.push(`${key}: expected ${show(want)}, has ${show(actual)}`);
    });
  }
  for (const key of Object.keys(changed)) {
    const column = key.slice(key.indexOf(':') + 1);
    if (!before.header.includes(column)) out.push(`expected change in unknown column ${key}`);
  }
  const flagged = new Set(changes.filter((c) => c.kind === 'flag').map((c) => `${c.row}:${c.column}`));
  const wantFlags = new Set(expected.flagged ?? []);
  for (const k of flagged) if (!wantFlags.has(k)) out.push(`${k}: flagged but should not be (${changes.find((c) => c.kind === 'flag' && `${c.row}:${c.column}` === k)?.reason})`);
  for (const k of wantFlags) if (!flagged.has(k)) out.push(`${k}: should be flagged`);
  const filled = new Set(changes.filter((c) => c.kind === 'impute').map((c) => `${c.row}:${c.column}`));
  for (const k of filled) if (!imputed.has(k) && !(k in changed)) out.push(`${k}: imputed but should not be`);
  return out;
}

/** Runs the pipeline on `table` and returns every difference from the documented outcome. */
export function pipelineDiffs(table: Table, expected: Expected, options: PipelineOptions = {}): { diffs: string[]; state: PipelineState } {
  const state = run(table, options);
  return { diffs: cellDiffs(table, state.table, state.changes, expected), state };
}

export const t = (header: string[], ...rows: Cell[][]): Table => ({ header, rows });
