/**
 * Quality on FEBRL (data/ in this repository), the benchmark Splink reports on. The truth is FEBRL's
 * own rec_id (rec-N-org / rec-N-dup-K: same N = same person), which the engine never sees:
 * rec_id is a row key and is left out of matching (checked below).
 */
import { dedupeTable } from '../../../src/core/dedupe';
import { candidatePairs } from '../../../src/core/dedupe/blocking';
import { extractRecords, planFields } from '../../../src/core/dedupe/features';
import { blockingRecall, pairwiseQuality } from '../../../src/core/dedupe/quality';
import { FEBRL_ROLES, loadFebrl } from '../../../tools/bench/dedupe';
import path from 'node:path';

const DATA = path.resolve(__dirname, '../../../data');

function groupsOf(table: { header: string[]; rows: unknown[][] }): Array<number | ''> {
  const col = table.header.indexOf('CDM Duplicate Group');
  return table.rows.map((r) => r[col] as number | '');
}

describe('FEBRL', () => {
  const febrl1 = loadFebrl('febrl1', DATA);

  it('has the expected shape (1000 rows, 500 true pairs)', () => {
    expect(febrl1.table.rows).toHaveLength(1000);
    expect(pairwiseQuality(febrl1.truth, febrl1.truth).tp).toBe(500);
  });

  it('never uses rec_id, which would give the answer away', () => {
    const plan = planFields(febrl1.table, FEBRL_ROLES);
    expect(plan.skipped.map((s) => s.column)).toContain('rec_id');
    expect(plan.idColumns.map((c) => febrl1.table.header[c])).toEqual(['soc_sec_id']);
  });

  it('blocking keeps at least 99.5% of the true pairs of FEBRL1, far from all pairs', () => {
    const plan = planFields(febrl1.table, FEBRL_ROLES);
    const cand = candidatePairs(extractRecords(febrl1.table, plan));
    const recall = blockingRecall(cand, febrl1.truth);
    expect(recall.recall).toBeGreaterThanOrEqual(0.995);
    expect(cand.count).toBeLessThan((1000 * 999) / 2 / 50);
  });

  it('FEBRL1: pairwise F1 and precision at least 0.99', () => {
    const { table, report } = dedupeTable(febrl1.table, FEBRL_ROLES);
    const q = pairwiseQuality(groupsOf(table), febrl1.truth);
    expect(q.precision).toBeGreaterThanOrEqual(0.99);
    expect(q.f1).toBeGreaterThanOrEqual(0.99);
    expect(report.reductionRatio).toBeGreaterThan(0.99);
    // Every pair comes with an explanation of every field.
    for (const p of report.pairs) expect(p.explanation.map((e) => e.field)).toContain('soc_sec_id');
  });

  it('FEBRL2: pairwise F1 and precision at least 0.99', () => {
    const febrl2 = loadFebrl('febrl2', DATA);
    const { table } = dedupeTable(febrl2.table, FEBRL_ROLES);
    const q = pairwiseQuality(groupsOf(table), febrl2.truth);
    expect(q.precision).toBeGreaterThanOrEqual(0.99);
    expect(q.f1).toBeGreaterThanOrEqual(0.99);
  });

  it('a scrambled truth scores badly (the measure can fail)', () => {
    const { table } = dedupeTable(febrl1.table, FEBRL_ROLES);
    const shifted = febrl1.truth.map((_, i) => febrl1.truth[(i + 1) % febrl1.truth.length]);
    expect(pairwiseQuality(groupsOf(table), shifted).f1).toBeLessThan(0.1);
  });
});
