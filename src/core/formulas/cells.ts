/**
 * Naming the cell a formula error is about, as the user sees it. A custom function receives
 * values, not addresses; but the formula's own text (=CDM_PREDICT(B2:B50, A2:A50, A51)) says
 * where each argument came from. Given that text and a position inside one argument, this
 * gives the cell's A1 name ("B7", or "'Last year'!B7"), or null when the argument is not a
 * plain reference (a calculation, a named range, an array literal) or the text is unclear.
 */
import { columnLetters, columnNumber } from '../a1';
import type { ArgCell } from './args';

/** The arguments of the one call to `name` in `formula`, as written; null if absent or repeated. */
export function callArguments(formula: string, name: string): string[] | null {
  const upper = formula.toUpperCase();
  const target = `${name.toUpperCase()}(`;
  const at = upper.indexOf(target);
  if (at < 0 || upper.indexOf(target, at + 1) >= 0) return null;
  // The name must not be the end of a longer one (MY_CDM_PREDICT).
  if (at > 0 && /[A-Z0-9_.]/i.test(formula[at - 1])) return null;
  const args: string[] = [];
  let depth = 0;
  let start = at + target.length;
  let quote: string | null = null;
  const separators = new Set<string>();
  const cuts: number[] = [];
  for (let i = start; i < formula.length; i++) {
    const ch = formula[i];
    if (quote) { if (ch === quote) quote = null; continue; }
    if (ch === '"' || ch === "'") { quote = ch; continue; }
    if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') {
      if (depth === 0) {
        // Locales that write decimals with a comma separate arguments with ';'.
        const sep = separators.has(';') ? ';' : ',';
        for (const cut of cuts) {
          if (formula[cut] !== sep) continue;
          args.push(formula.slice(start, cut).trim());
          start = cut + 1;
        }
        args.push(formula.slice(start, i).trim());
        return args.length === 1 && args[0] === '' ? [] : args;
      }
      depth--;
    } else if ((ch === ',' || ch === ';') && depth === 0) {
      separators.add(ch);
      cuts.push(i);
    }
  }
  return null;
}

const REFERENCE_RE = /^(?:('(?:[^']|'')+'|[A-Za-z0-9_.]+)!)?\$?([A-Za-z]{1,3})\$?(\d{1,7})?(?::\$?([A-Za-z]{1,3})\$?(\d{1,7})?)?$/;

/** The A1 name of the cell `at` points into, from the formula text; null when it cannot be told. */
export function argumentCell(formula: string, functionName: string, at: ArgCell): string | null {
  const args = callArguments(formula, functionName);
  const text = args?.[at.arg];
  if (!text) return null;
  const m = REFERENCE_RE.exec(text);
  if (!m) return null;
  const [, sheet, col, row, endCol] = m;
  // A lone word ("known") is a named range or a mistake, not a cell; a whole column has a start row of 1.
  if (row === undefined && endCol === undefined) return null;
  const top = row === undefined ? 1 : Number(row);
  const cell = `${columnLetters(columnNumber(col) + at.column)}${top + at.row}`;
  return sheet ? `${sheet}!${cell}` : cell;
}
