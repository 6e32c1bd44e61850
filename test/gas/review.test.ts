/**
 * The review queue: pairs in the uncertain band, side by side; Accept / Reject are stored and
 * honoured by the next run (an accepted pair is grouped, a rejected pair never is), and a
 * decided pair is never asked again.
 */
import { CUSTOMERS, FLAG, sampleRuntime, type Runtime } from './helpers';

interface Pair {
  id: string;
  a: { row: number; values: Record<string, string> };
  b: { row: number; values: Record<string, string> };
  score: number;
  explanation: Array<{ field: string; level: string; weight: number }>;
}

function call<T>(rt: Runtime, fn: string, ...args: unknown[]): T {
  const ex = rt.run(fn, args);
  if (ex.error) throw new Error(ex.error.message);
  return ex.result as T;
}

test('decisions are stored, shown, and honoured by the next run', () => {
  // 1000 rows of the seed-7 sample give a handful of review-band pairs.
  const rt = sampleRuntime(1000, 7);
  call(rt, 'startRun', FLAG);
  const queue = call<Pair[]>(rt, 'getReviewQueue');
  expect(queue.length).toBeGreaterThanOrEqual(2);
  const [rejected, accepted] = queue;
  for (const p of queue) {
    expect(p.a.row).toBeGreaterThanOrEqual(2);
    expect(Object.keys(p.a.values)).toEqual(Object.keys(p.b.values));
    expect(Object.keys(p.a.values).some((k) => k.startsWith('CDM '))).toBe(false);
    expect(p.explanation.length).toBeGreaterThan(0);
    expect(p.score).toBeGreaterThan(0);
    expect(p.score).toBeLessThanOrEqual(1);
  }
  // The sheet shows each record of the pair side by side with the customer's own values.
  const values = rt.sheetValues(CUSTOMERS);
  const header = values[0] as string[];
  expect(String(values[accepted.a.row - 1][header.indexOf('Name')])).toBe(accepted.a.values.Name);

  expect(call<{ remaining: number }>(rt, 'decideReview', rejected.id, 'reject')).toEqual({ remaining: queue.length - 1 });
  expect(call<{ remaining: number }>(rt, 'decideReview', accepted.id, 'accept')).toEqual({ remaining: queue.length - 2 });
  // The pair's key is the sheet's last column; the decision is written in words.
  const review = rt.sheetValues('CDM Review');
  const key = (review[0] as string[]).indexOf('Pair key (used by CDM)');
  expect(review.find((r) => r[key] === accepted.id)?.[1]).toBe('Same customer');
  expect(review.find((r) => r[key] === rejected.id)?.[1]).toBe('Different customers');

  call(rt, 'startRun', FLAG);
  const ids = call<Pair[]>(rt, 'getReviewQueue').map((p) => p.id);
  expect(ids).not.toContain(accepted.id);
  expect(ids).not.toContain(rejected.id);
  const after = rt.sheetValues(CUSTOMERS);
  const group = header.indexOf('CDM Duplicate Group');
  const groupOf = (row: number) => after[row - 1][group];
  expect(groupOf(accepted.a.row)).not.toBe('');
  expect(groupOf(accepted.a.row)).toBe(groupOf(accepted.b.row));
  const ra = groupOf(rejected.a.row);
  expect(ra === '' || ra !== groupOf(rejected.b.row)).toBe(true);
  // Only the sidebar's decisions count; an unknown id is refused in plain words.
  expect(rt.run('decideReview', ['nope|nope', 'accept']).error?.message).toMatch(/no longer in the review queue/);
});
