/** Hand-checkable data: every expected value below is worked out in the comment beside it. */
import { churnRisk, churnLabel } from '../../../src/core/analysis/churn';
import { quintileScores, rfmScores, rfmSegment, rfmLabel } from '../../../src/core/analysis/rfm';
import { coOccurrence, recommendFor, segmentFavourites, splitProducts, withFavourites } from '../../../src/core/analysis/recommend';
import { findOutliers } from '../../../src/core/analysis/outliers';

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe('RFM', () => {
  test('quintiles of 10 distinct values are 1,1,2,2,…,5,5 (pandas.qcut bins)', () => {
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'higher')).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // Recency: fewer days is better, so the order flips.
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'lower')).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });
  test('ties share a score; missing values score 0', () => {
    // Six 1-order customers are ranked below nobody → 1; 2 has 6 below → 1+floor(30/10)=4; 5 has 9 below → 5.
    expect(quintileScores([1, 1, 1, 1, 1, 1, 2, 2, 2, 5, NaN], 'higher')).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 4, 5, 0]);
  });
  test('segment grid', () => {
    expect(rfmSegment(5, 5)).toBe('Champions');
    expect(rfmSegment(4, 4)).toBe('Loyal');
    expect(rfmSegment(5, 2)).toBe('Potential loyalist');
    expect(rfmSegment(5, 1)).toBe('New');
    expect(rfmSegment(4, 1)).toBe('Promising');
    expect(rfmSegment(3, 3)).toBe('Need attention');
    expect(rfmSegment(3, 1)).toBe('About to sleep');
    expect(rfmSegment(2, 3)).toBe('At risk');
    expect(rfmSegment(1, 5)).toBe("Can't lose them");
    expect(rfmSegment(2, 2)).toBe('Hibernating');
    expect(rfmSegment(1, 1)).toBe('Lost');
  });
  test('scores and labels per customer', () => {
    const recency = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const freq = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const money = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10];
    const s = rfmScores(recency, freq, money);
    expect(s[0]).toEqual({ r: 5, f: 5, m: 5, segment: 'Champions' });
    expect(rfmLabel(s[0])).toBe('555 Champions');
    expect(rfmLabel(s[9])).toBe('111 Lost');
    expect(s[4]).toEqual({ r: 3, f: 3, m: 3, segment: 'Need attention' });
  });
});

describe('churn risk', () => {
  const asOf = day('2024-07-01');
  test('own gap: 4 orders over 90 days → every 30 days; 120 days since → high', () => {
    // last 2024-03-03 → 120 days before 2024-07-01; first 90 days earlier (2023-12-04).
    const c = churnRisk({ firstPurchase: day('2023-12-04'), lastPurchase: day('2024-03-03'), orders: 4 }, asOf);
    expect(c.risk).toBe('high');
    expect(churnLabel(c)).toBe('high: 120 days since last purchase, usually buys every 30 days');
  });
  test('between one and two gaps → medium; within a gap → low', () => {
    expect(churnRisk({ firstPurchase: day('2024-01-01'), lastPurchase: day('2024-05-15'), orders: 4 }, asOf).risk).toBe('medium'); // gap 45, since 47
    expect(churnRisk({ firstPurchase: day('2024-01-01'), lastPurchase: day('2024-06-01'), orders: 4 }, asOf).risk).toBe('low'); // gap ≈ 50.7, since 30
  });
  test('one order: compared with the population gap', () => {
    const c = churnRisk({ firstPurchase: null, lastPurchase: day('2024-05-02'), orders: 1 }, asOf, { typicalGapDays: 40 });
    expect(c).toEqual({ risk: 'medium', reason: '60 days since last purchase, customers usually buy every 40 days' });
  });
  test('no date → no risk, said plainly', () => {
    expect(churnRisk({ firstPurchase: null, lastPurchase: null, orders: 3 }, asOf)).toEqual({ risk: '', reason: 'no last purchase date' });
  });
});

describe('recommendations', () => {
  test('splitting product cells', () => {
    expect(splitProducts('Tea, Cups; Milk | Tea')).toEqual(['Tea', 'Cups', 'Milk']);
  });
  test('support, confidence and lift on five baskets', () => {
    const baskets = [['Tea', 'Cups'], ['Tea', 'Cups', 'Milk'], ['Tea', 'Milk'], ['Coffee', 'Milk'], ['Coffee', 'Cups']];
    const m = coOccurrence(baskets);
    const teaCups = m.rules.find((r) => r.from === 'Tea' && r.to === 'Cups')!;
    // Tea in 3 baskets, Cups in 3, together in 2 of 5: support 0.4, confidence 2/3, lift (2/3)/(3/5) = 10/9.
    expect(teaCups.support).toBeCloseTo(0.4, 12);
    expect(teaCups.confidence).toBeCloseTo(2 / 3, 12);
    expect(teaCups.lift).toBeCloseTo(10 / 9, 12);
    // Coffee+Milk is seen once only: too little evidence for a rule.
    expect(m.rules.find((r) => r.from === 'Coffee' && r.to === 'Milk')).toBeUndefined();
    // A tea buyer without cups gets cups (lift 10/9 > 1); milk too (Tea→Milk: 2/3, lift 10/9).
    expect(recommendFor(['Tea'], m)).toEqual(['Cups', 'Milk']);
    expect(recommendFor(['Tea', 'Cups', 'Milk'], m)).toEqual([]);
  });
});

describe('segment favourites (one product per customer)', () => {
  test('what a segment buys more than everyone else, offered to its members who lack it', () => {
    // Segment 1: Tea ×3, Cups ×1; segment 2: Coffee ×3, Tea ×1. Overall Tea 4/8, Coffee 3/8.
    const baskets = [['Tea'], ['Tea'], ['Tea'], ['Cups'], ['Coffee'], ['Coffee'], ['Coffee'], ['Tea']];
    const clusters = [1, 1, 1, 1, 2, 2, 2, 2];
    const fav = segmentFavourites(baskets, clusters);
    // Tea in segment 1: share 3/4, lift (3/4)/(4/8) = 1.5. Cups is seen once only: not enough.
    expect(fav.get(1)).toEqual([{ product: 'Tea', share: 0.75, lift: 1.5 }]);
    expect(fav.get(2)).toEqual([{ product: 'Coffee', share: 0.75, lift: 2 }]);
    expect(withFavourites([], ['Cups'], fav.get(1), 3)).toEqual(['Tea']);
    expect(withFavourites([], ['Tea'], fav.get(2), 3)).toEqual(['Coffee']);
    expect(withFavourites(['Milk'], ['Tea'], fav.get(1), 3)).toEqual(['Milk']);
  });
});

describe('outliers', () => {
  test('an income of 666666 among incomes near 50k is flagged, a big but real one is not', () => {
    // Log-scale quartiles ≈ 38k and 70k → upper fence 70k · (70k/38k)^3 ≈ 440k.
    const incomes = [28000, 35000, 41000, 47000, 52000, 58000, 63000, 71000, 84000, 95000, 150000, 666666, 39000, 66000];
    const f = findOutliers(incomes);
    expect(f.indices).toEqual([11]);
    expect(f.high).toBeGreaterThan(150000);
  });
  test('small but plausible values on a 1-100 scale are not flagged (log fence alone would)', () => {
    expect(findOutliers([1, 3, 5, 35, 40, 42, 48, 50, 55, 60, 66, 73, 77, 81, 99]).indices).toEqual([]);
  });
  test('a long tail of big spenders is kept; a value 100× the rest is not', () => {
    const spend = [20, 25, 30, 35, 40, 45, 50, 60, 70, 90, 120, 180, 260, 400, 650, 90000];
    expect(findOutliers(spend).indices).toEqual([15]);
  });
  test('too few values or no spread: nothing flagged', () => {
    expect(findOutliers([1, 2, 1000]).indices).toEqual([]);
    expect(findOutliers([5, 5, 5, 5, 5, 5, 5, 5, 5, 900]).indices).toEqual([]);
  });
});
