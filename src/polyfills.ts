/**
 * Built-ins newer than ES2020 that a bundled library uses, defined here when Apps Script's V8
 * lacks them (Google guarantees nothing past ES2020-era features). test/bundle fails on any
 * other newer built-in in dist/Code.js. Imported first by src/entrypoints.ts.
 *
 * - Array.prototype.at (ES2022): ml-random, behind every k-means++ start (ml-kmeans).
 */
if (typeof (Array.prototype as unknown as Record<string, unknown>).at !== 'function') {
  Object.defineProperty(Array.prototype, 'at', {
    value: function at<T>(this: T[], index: number): T | undefined {
      const n = Math.trunc(Number(index)) || 0;
      const i = n < 0 ? this.length + n : n;
      return i < 0 || i >= this.length ? undefined : this[i];
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

export {};
