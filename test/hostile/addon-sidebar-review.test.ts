/**
 * Hostile catalogue, review decisions: decisions that cannot be
 * trusted are refused in plain words and change nothing — a decision on rows the user deleted,
 * sorted or edited since CDM showed them, a made-up decision or field choice, a replayed or
 * oversized bulk request — and a good one changes exactly one documented cell (the pair's
 * Decision cell in CDM Review), leaving even a formula the user typed into that column alone.
 * Every sheet is compared cell by cell (test/hostile/sheet-diff.ts). Runs the BUILT dist/Code.js.
 */
import { CUSTOMERS, type Runtime } from '../gas/helpers';
import { reviewRuntime, type ReviewPairView } from './addon-sidebar-setup';
import { captureWorkbook, diffWorkbooks, failure, formatDifferences, refusedUnchanged } from './sheet-diff';

/** The CDM Review rows (1-based) of a pair: record A and record B. */
function reviewRowsOf(rt: Runtime, id: string): number[] {
  const values = rt.sheetValues('CDM Review');
  const key = (values[0] as string[]).indexOf('Pair key (used by CDM)');
  return values.map((r, i) => (r[key] === id ? i + 1 : 0)).filter((r) => r > 0);
}

let rt: Runtime;
let pair: ReviewPairView;
beforeAll(() => {
  ({ rt, queue: [pair] } = reviewRuntime());
});

describe('hostile: review decisions', () => {
  test('hostile: review decision: an answer that is neither "same" nor "different"', () => {
    for (const bad of ['yes', 'ACCEPT', 1, null, { decision: 'accept' }]) {
      expect(refusedUnchanged(rt, 'decideReview', pair.id, bad)).toBe('CDM did not understand that answer. Choose “Same customer” or “Different customers”.');
    }
  });

  test('hostile: review decision: a pair id that was never shown (made up, a formula, huge, not text)', () => {
    for (const bad of ['nope|nope', '=HYPERLINK("http://evil","x")', 'x'.repeat(10_000), 42, null]) {
      expect(refusedUnchanged(rt, 'decideReview', bad, 'accept')).toBe('That pair is no longer in the review queue. Run CDM again to refresh it.');
    }
  });

  test('hostile: review decision: a field choice for a column the review does not have, or a third record', () => {
    expect(refusedUnchanged(rt, 'decideReview', pair.id, 'accept', { '=1+1': 'a' })).toBe('The review has no column called “=1+1”, so that choice was not stored.');
    expect(refusedUnchanged(rt, 'decideReview', pair.id, 'accept', { Name: 'c' })).toBe('The review has no column called “Name”, so that choice was not stored.');
    expect(refusedUnchanged(rt, 'decideReview', pair.id, 'accept', ['a'])).toBe('CDM received something it did not expect (fields). Close the sidebar and open it again.');
  });

  test('hostile: review decision: bulk requests that are not a list, repeat a pair, or are far too long', () => {
    const item = { id: pair.id, decision: 'accept' };
    expect(refusedUnchanged(rt, 'decideReviews', 'all')).toMatch(/did not expect \(decisions\)/);
    expect(refusedUnchanged(rt, 'decideReviews', [item, item])).toMatch(/did not expect \(decisions\)/);
    expect(refusedUnchanged(rt, 'decideReviews', Array.from({ length: 1001 }, () => item))).toMatch(/did not expect \(decisions\)/);
    expect(refusedUnchanged(rt, 'decideReviews', [item, { id: 'gone|gone', decision: 'accept' }])).toBe('That pair is no longer in the review queue. Run CDM again to refresh it.');
  });

  test('hostile: review decision: a good decision changes exactly its Decision cell, and a formula the user typed in that column survives', () => {
    const other = rt.run('getReviewQueue', []).result as ReviewPairView[];
    // The user typed a formula into the Decision cell of the pair's record B, beside the one CDM writes.
    const review = rt.sheet('CDM Review');
    const spare = reviewRowsOf(rt, pair.id)[1];
    review.getRange(spare, 2).setFormula('=1+1');
    const before = captureWorkbook(rt);
    expect(failure(rt, 'decideReview', pair.id, 'accept', { Email: 'b' })).toBeNull();
    const [rowA] = reviewRowsOf(rt, pair.id);
    const diffs = diffWorkbooks(before, captureWorkbook(rt));
    expect(formatDifferences(diffs)).toBe(`  CDM Review!B${rowA} value: (empty) → "Same customer; keep Email from row ${pair.b.row}"`);
    expect(review.getRange(spare, 2).getFormula()).toBe('=1+1');
    expect((rt.run('getReviewQueue', []).result as ReviewPairView[]).length).toBe(other.length - 1);
  });
});

describe('hostile: review decision on rows the user changed since', () => {
  test('hostile: review decision: on a row the user deleted — refused naming the sheet and rows, nothing changes', () => {
    const { rt: fresh, queue } = reviewRuntime();
    const p = queue[0];
    fresh.sheet(CUSTOMERS).deleteRow(Math.max(p.a.row, p.b.row));
    const message = refusedUnchanged(fresh, 'decideReview', p.id, 'accept');
    expect(message).toMatch(new RegExp(`^Rows? .*${Math.max(p.a.row, p.b.row)}.* of “Customers” are no longer the customers CDM showed you`));
    expect((fresh.run('getReviewQueue', []).result as ReviewPairView[]).map((x) => x.id)).toContain(p.id);
  });

  test('hostile: review decision: after the user sorted the sheet — refused, nothing changes', () => {
    const { rt: fresh, queue } = reviewRuntime();
    const p = queue[0];
    const sheet = fresh.sheet(CUSTOMERS);
    sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).sort({ column: 2, ascending: false });
    expect(refusedUnchanged(fresh, 'decideReview', p.id, 'reject')).toMatch(/of “Customers” are no longer the customers CDM showed you/);
  });

  test('hostile: review decision: after the user edited one of the two records — refused, their edit is kept', () => {
    const { rt: fresh, queue } = reviewRuntime();
    const p = queue[0];
    const sheet = fresh.sheet(CUSTOMERS);
    const header = fresh.sheetValues(CUSTOMERS)[0] as string[];
    sheet.getRange(p.a.row, header.indexOf('Email') + 1).setValue('changed-by-hand@example.com');
    expect(refusedUnchanged(fresh, 'decideReview', p.id, 'accept')).toBe(
      `Rows ${p.a.row} of “Customers” are no longer the customers CDM showed you (they were deleted, moved or changed), so this pair was not decided. Run CDM again to refresh the review queue.`,
    );
  });

  test('hostile: review decision: the customer sheet itself was deleted — refused, nothing changes', () => {
    const { rt: fresh, queue } = reviewRuntime();
    fresh.spreadsheet.insertSheet('Other');
    fresh.spreadsheet.deleteSheet(fresh.sheet(CUSTOMERS));
    expect(refusedUnchanged(fresh, 'decideReview', queue[0].id, 'accept')).toMatch(/are no longer the customers CDM showed you/);
  });
});
