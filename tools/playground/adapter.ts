/**
 * Connects the playground to the local Apps Script runtime (runtime/): loads the sheet,
 * runs functions of dist/Code.js, and reads back what the page draws. Reads here go around
 * the runtime's counters (host side), so they never show up in the add-on's call counts.
 */
import { readFileSync } from 'node:fs';
import { readCsvBytes } from '../../src/core/csv';
import { generateSample } from '../../src/core/sample';
import type { Table } from '../../src/core/table';
import { BUDGET_PROPERTY } from '../../src/gas/run';
import { createRuntime, type Runtime } from '../../runtime';
import { chartData, type Value } from './chart-data';
import type { MenuView, PlaygroundRuntime, SheetView } from './types';

export interface AdapterOptions {
  code: string;
  sidebarHtml: string;
  table: Table;
  /** true when the table came from a CSV file: its cells are text, parsed as Sheets' import does. */
  typed?: boolean;
  sheetName: string;
  locale: string;
  /**
   * Time budget of one execution in ms (the add-on's CDM_TIME_BUDGET_MS script property).
   * Tiny by default so that every step is its own execution and the progress bar visibly moves;
   * undefined keeps the add-on's own budget.
   */
  stepBudgetMs?: number;
  /** Start of the simulated clock (ms since epoch); the real time when absent. */
  now?: number;
}

export function loadTable(opts: { csv?: string; rows: number; seed: number }): { table: Table; fromCsv: boolean } {
  if (opts.csv) return { table: readCsvBytes(new Uint8Array(readFileSync(opts.csv))), fromCsv: true };
  return { table: generateSample({ rows: opts.rows, seed: opts.seed }).table, fromCsv: false };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function hostValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  return String(v);
}

export function createPlaygroundRuntime(opts: AdapterOptions): PlaygroundRuntime & { runtime: Runtime; open(): void } {
  const runtime = createRuntime({
    code: opts.code,
    files: { Sidebar: opts.sidebarHtml },
    locale: opts.locale,
    spreadsheetName: opts.sheetName,
    // The playground is for people: the simulated clock follows the real one, except on the
    // built-in sample, whose purchases end on its own "today" (else every customer looks lost).
    now: opts.now ?? Date.now(),
  });
  const rows = [opts.table.header, ...opts.table.rows];
  // A CSV holds text: fill it as typed so numbers and dates become numbers and dates, as
  // File > Import does. The generated sample is already typed and goes in as is.
  runtime.fillSheet(opts.sheetName, rows, { raw: !opts.typed });
  // The blank Sheet1 a new spreadsheet starts with is not part of the user's file.
  const blank = runtime.spreadsheet.getSheetByName('Sheet1');
  if (blank && opts.sheetName !== 'Sheet1' && runtime.spreadsheet.getSheets().length > 1) runtime.spreadsheet.deleteSheet(blank);
  runtime.spreadsheet._activate(runtime.sheet(opts.sheetName));
  if (opts.stepBudgetMs !== undefined) runtime.properties.script.data.set(BUDGET_PROPERTY, String(opts.stepBudgetMs));

  let messagesSeen = { alerts: 0, toasts: 0 };

  const run = (fn: string, args: unknown[]): unknown => {
    const ex = runtime.run(fn, args, { authMode: 'FULL' });
    if (ex.error) throw new Error(ex.error.message);
    return ex.result;
  };

  return {
    runtime,
    run,
    open() {
      const ex = runtime.run('onOpen', [runtime.openEvent('LIMITED')], { authMode: 'LIMITED' });
      if (ex.error) throw new Error(ex.error.message);
    },
    hasFunction(fn: string) {
      return new RegExp(`^function ${escapeRegExp(fn)}\\s*\\(`, 'm').test(opts.code);
    },
    menus(): MenuView[] {
      return runtime.ui.menus.map((m) => ({
        // Sheets lists an add-on's menu under Extensions by the add-on's name.
        caption: m.kind === 'addon' ? 'CDM' : m.caption,
        items: m.items.filter((i) => i.caption && i.functionName).map((i) => ({ caption: i.caption as string, functionName: i.functionName as string })),
      }));
    },
    sidebar() {
      const list = runtime.ui.sidebars;
      if (!list.length) return null;
      const last = list[list.length - 1];
      return { title: last.title, content: last.content, count: list.length };
    },
    takeMessages() {
      const out: string[] = [];
      for (const a of runtime.ui.alerts.slice(messagesSeen.alerts)) out.push([a.title, a.prompt].filter(Boolean).join(': '));
      for (const t of runtime.ui.toasts.slice(messagesSeen.toasts)) out.push([t.title, t.message].filter(Boolean).join(': '));
      messagesSeen = { alerts: runtime.ui.alerts.length, toasts: runtime.ui.toasts.length };
      return out;
    },
    sheets(maxRows: number): SheetView[] {
      return runtime.spreadsheet.getSheets().map((sheet) => {
        const name = sheet.getName();
        const snap = runtime.snapshot(name);
        const display = runtime.displayValues(name);
        const crop = <T>(grid: T[][]) => grid.slice(0, maxRows);
        const charts = sheet.getCharts().map((c) =>
          chartData({
            type: c._type,
            title: String(c._options.title ?? ''),
            ranges: c._ranges.map((r) => r.getValues().map((row) => row.map(hostValue))),
          }),
        );
        return {
          name,
          hidden: snap.hidden,
          values: crop(display),
          notes: snap.notes.some((r) => r.some((n) => n)) ? crop(snap.notes) : null,
          backgrounds: snap.backgrounds.some((r) => r.some((b) => b && b.toLowerCase() !== '#ffffff')) ? crop(snap.backgrounds) : null,
          charts,
          truncated: Math.max(0, display.length - maxRows),
        };
      });
    },
    active() {
      const ss = runtime.spreadsheet;
      const sheet = ss._active;
      if (!sheet) return null;
      const r = ss._activeRange;
      const box = (x: NonNullable<typeof r>) => ({ row: x.getRow(), col: x.getColumn(), rows: x.getNumRows(), cols: x.getNumColumns() });
      return {
        sheet: sheet.getName(),
        range: r ? box(r) : null,
        ranges: ss._activeRanges ? ss._activeRanges.map(box) : r ? [box(r)] : [],
      };
    },
  };
}
