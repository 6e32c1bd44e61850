/**
 * Imputation's regression is solved from X'X and X'y (fromSums) instead of through
 * MultivariateLinearRegression's copies of x. The reference is the library itself: on the same
 * rows, every weight and prediction must be the same double.
 */
import { MultivariateLinearRegression } from 'ml-regression';
import { fromSums } from '../../src/core/impute';
import { seededRandom } from '../../src/core/random';

describe('fromSums', () => {
  test('gives MultivariateLinearRegression\'s weights and predictions bit for bit', () => {
    const rnd = seededRandom(11);
    for (let t = 0; t < 60; t++) {
      const n = 5 + Math.floor(rnd() * 2000);
      const p = 1 + Math.floor(rnd() * 4);
      // Money-like and count-like values, some with cents: sums that round differently if added in another order.
      const x = Array.from({ length: n }, () => Array.from({ length: p }, () => Math.round(rnd() * 1e6) / (rnd() < 0.5 ? 100 : 1)));
      const y = x.map((r) => r.reduce((a, v, i) => a + v * (i + 1), 0) + rnd() * 1000);
      const lib = new MultivariateLinearRegression(x, y.map((v) => [v]), { statistics: false });
      const ours = fromSums(x, y);
      expect(ours.weights.length).toBe(p + 1);
      ours.weights.forEach((w, i) => w.forEach((v, j) => expect(Object.is(v, lib.weights[i][j])).toBe(true)));
      expect(Object.is(ours.predict(x[0])[0], lib.predict(x[0])[0])).toBe(true);
    }
  });
});
