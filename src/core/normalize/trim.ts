/**
 * Trimming without a regular expression. `/[…]+$/` looks linear but is not: an unanchored
 * search tries it from every position of a long run of matching characters, each try running
 * to the end of the run — quadratic time on a cell of 60k spaces (README: What CDM changes, and what it never changes).
 */

/** `s` without leading and trailing characters for which `junk(codeUnit)` holds. */
export function trimBy(s: string, junk: (code: number) => boolean): string {
  let a = 0;
  let b = s.length;
  while (a < b && junk(s.charCodeAt(a))) a++;
  while (b > a && junk(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** `s` without trailing code points that fail `keep` (a one-character test, astral-safe). */
export function trimEndUnless(s: string, keep: RegExp): string {
  let b = s.length;
  while (b > 0) {
    const low = s.charCodeAt(b - 1);
    const width = b >= 2 && low >= 0xdc00 && low <= 0xdfff && s.charCodeAt(b - 2) >= 0xd800 && s.charCodeAt(b - 2) <= 0xdbff ? 2 : 1;
    if (keep.test(s.slice(b - width, b))) break;
    b -= width;
  }
  return b === s.length ? s : s.slice(0, b);
}
