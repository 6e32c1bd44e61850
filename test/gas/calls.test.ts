/**
 * Batched I/O: the Spreadsheet reads + writes of a plain run (startRun, every step, one
 * execution), counted by the runtime, do not grow with the number of rows, and a plain
 * flag-mode run stays within PLAIN_RUN_BAR (25). Sizes here keep the suite fast (1k and 4k rows); the bench
 * section tools/bench/service-calls.ts measures 1k and 50k (set CDM_BIG=1 to run 50k here).
 */
import { PLAIN_RUN_BAR, plainRunCalls } from '../../tools/bench/service-calls';
import { bundle } from './helpers';

const SIZES = process.env.CDM_BIG ? [1000, 50000] : [1000, 4000];

describe.each(['flag', 'merge'] as const)('%s mode', (mode) => {
  test(`reads + writes are the same at ${SIZES.join(' and ')} rows`, () => {
    const runs = SIZES.map((n) => plainRunCalls(bundle(), n, mode)[0]);
    for (const r of runs) expect(r.done).toBe(true);
    expect(runs.map((r) => r.readsPlusWrites)).toEqual(runs.map(() => runs[0].readsPlusWrites));
    expect(runs.map((r) => r.reads)).toEqual(runs.map(() => runs[0].reads));
    // A plain flag run, the first on a spreadsheet included (it also creates and sizes CDM
    // Audit and the undo sheet), stays within PLAIN_RUN_BAR: imputed cells are marked through one
    // RangeList. It was 12 before the final write re-read the sheet just before writing (no lost
    // edits), read once the formats Undo must give back, read back what it wrote (so Undo finds
    // rows by content), and saved its undo data instead of copying the whole sheet; +1 since the
    // analysis sheet carries number formats. Merge mode
    // also moves every format layer with its rows (5 reads + 5 writes), deletes the rows read and
    // fills CDM Removed.
    if (mode === 'flag') expect(runs[0].readsPlusWrites).toBeLessThanOrEqual(PLAIN_RUN_BAR);
    else expect(runs[0].readsPlusWrites).toBeLessThanOrEqual(PLAIN_RUN_BAR + 11);
  }, 1_200_000);
});
