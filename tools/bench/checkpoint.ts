/**
 * Bench section `checkpoint`: the size of the state a run carries between two
 * executions, after each step of a flag and a merge run on N generated rows — before (the whole
 * state as JSON, serialiseState: every change of the run, CDM's own columns included) and after
 * (src/core/checkpoint.ts relative to the rows read, of the changes the add-on keeps: cleaned,
 * filled, merged, flagged) — with the encode and decode times. Each size in a child process.
 */
import { encodeState, decodeState } from '../../src/core/checkpoint';
import { ChangeLog, asChangeLog } from '../../src/core/changes';
import { initialState, planSteps, serialiseState, type PipelineOptions, type PipelineState } from '../../src/core/pipeline';
import { generateSample } from '../../src/core/sample';
import type { Change } from '../../src/core/table';

export type Row = Record<string, string | number | boolean>;

const KEPT = new Set<Change['kind']>(['normalise', 'flag', 'impute', 'merge']);

function kept(state: PipelineState): PipelineState {
  const log = new ChangeLog();
  asChangeLog(state.changes).forEachRaw((row, column, old, next, kind, reason, method) => {
    if (KEPT.has(kind)) log.add(row, column, old, next, kind, reason, method);
  });
  return { ...state, changes: log };
}

export function checkpointSizes(rows: number): Row[] {
  const out: Row[] = [];
  for (const mode of ['flag', 'merge'] as const) {
    const sample = generateSample({ rows, seed: 7 });
    const base = { header: sample.table.header.slice(), rows: sample.table.rows.map((r) => r.slice()) };
    const options: PipelineOptions = { mode, asOf: new Date(Date.UTC(2025, 5, 30)), seed: 1, region: 'US' };
    let state = initialState(sample.table, options);
    for (const step of planSteps(options)) {
      state = step.run(state, options);
      const before = serialiseState(state).length;
      const slim = kept(state);
      const t0 = Date.now();
      const text = encodeState(slim, base);
      const t1 = Date.now();
      decodeState(text, base);
      const t2 = Date.now();
      out.push({ rows, mode, afterStep: step.name, beforeMB: +(before / 1e6).toFixed(1), afterMB: +(text.length / 1e6).toFixed(2), ratio: +(before / text.length).toFixed(1), cells: Math.ceil(text.length / 49000) + 1, encodeMs: t1 - t0, decodeMs: t2 - t1 });
    }
  }
  return out;
}
