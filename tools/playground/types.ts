/** What the playground needs from the local Apps Script runtime (adapter.ts implements it). */
import type { ChartData } from './chart-data';

export interface MenuView {
  caption: string;
  items: Array<{ caption: string; functionName: string }>;
}

export interface SheetView {
  name: string;
  hidden: boolean;
  /** Display text of the first rows (header included). */
  values: string[][];
  notes: string[][] | null;
  backgrounds: Array<Array<string | null>> | null;
  charts: ChartData[];
  /** Rows left out of `values`. */
  truncated: number;
}

export interface ActiveRange {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface PlaygroundRuntime {
  /** Runs a top-level function of dist/Code.js in a new simulated execution. */
  run(fn: string, args: unknown[]): unknown;
  hasFunction(fn: string): boolean;
  menus(): MenuView[];
  /** The sidebar most recently shown, and how many have been shown. */
  sidebar(): { title: string; content: string; count: number } | null;
  /** Alerts and toasts since the last call, for the status line. */
  takeMessages(): string[];
  sheets(maxRows: number): SheetView[];
  /** The active sheet, its active range, and every range of a multi-range selection. */
  active(): { sheet: string; range: ActiveRange | null; ranges: ActiveRange[] } | null;
}
