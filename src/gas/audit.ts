/**
 * `CDM Audit`, compact: one line per customer row a run (or a form response) changed — run,
 * time, sheet, row, and every change of that row in one cell ("Phone: (415) 555-0132 →
 * +14155550132 (written in international format)"). One line per changed cell cost 8 cells per
 * change, 2 million cells for one run on a 50,000-row sheet; this costs 5 cells per changed row.
 * The exact old values (for Undo) live in the undo data, so long values are shortened here.
 */
import type { Cell } from '../core/table';
import type { Lang } from '../i18n/index';
import { undoText } from '../i18n/undo';
import { appendBlock } from './cdm-sheets';
import { spreadsheetDates, type SheetDates } from './dates';

export interface AuditChange {
  column: string;
  old: Cell;
  new: Cell;
  reason: string;
}

/** The most a line's text may hold: a cell takes 50,000 characters. */
const LINE_CHARS = 45000;
const VALUE_CHARS = 300;

export const auditHeader = (lang: Lang): string[] => {
  const t = undoText(lang);
  return [t('auditRun'), t('auditTime'), t('auditSheet'), t('auditRow'), t('auditChanges')];
};

/**
 * A value as the audit line shows it. Dates come as the instants Sheets means (what the run
 * writes); the line is text, so a date is shown as its day (and time) in the spreadsheet's
 * zone — the day the user sees in the cell, whatever the zone.
 */
function shown(v: Cell, lang: Lang, dates: SheetDates): string {
  if (v === '' || v === null || v === undefined) return undoText(lang)('auditEmpty');
  if (v instanceof Date) {
    const iso = (dates.toCalendar(v) as Date).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  const s = String(v);
  return s.length > VALUE_CHARS ? s.slice(0, VALUE_CHARS - 1) + '…' : s;
}

/** The text of one row's changes, within one cell's limit. */
export function changesText(changes: AuditChange[], lang: Lang, dates: SheetDates = spreadsheetDates()): string {
  const t = undoText(lang);
  let out = '';
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    const line = t('auditChange', { column: c.column, old: shown(c.old, lang, dates), new: shown(c.new, lang, dates), reason: c.reason });
    if (out.length + line.length + 1 > LINE_CHARS) return out + '\n' + t('auditMore', { count: changes.length - i });
    out += (out ? '\n' : '') + line;
  }
  return out;
}

/** One audit line per row, in row order. */
export function auditLines(run: string, time: Date, sheet: string, byRow: Map<number, AuditChange[]>, lang: Lang): Cell[][] {
  const dates = spreadsheetDates();
  return [...byRow.keys()]
    .sort((a, b) => a - b)
    .map((row) => [run, time, sheet, row, changesText(byRow.get(row) as AuditChange[], lang, dates)]);
}

/** A line that says something about a row (or the whole run when `row` is ''). */
export const auditNote = (run: string, time: Date, sheet: string, row: number | '', text: string): Cell[] => [run, time, sheet, row, text];

export function appendAudit(lines: Cell[][], lang: Lang): { first: number; count: number } {
  const a = appendBlock('audit', auditHeader(lang), lines);
  return { first: a.first, count: a.count };
}
