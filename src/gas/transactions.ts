/**
 * The transactions sheet of a run: order lines the analysis rolls up per customer
 * (core/analysis/orders.ts). RunOptions.transactionsSheet names it; when the user named none
 * (undefined), another sheet of the spreadsheet that holds order lines is found by itself — a
 * new user who imported their customers and their orders into two tabs needs no setup. '' means
 * "no orders sheet". Read with one getValues (a 51-row sample first for a candidate found by
 * itself), once per execution. CDM's own sheets and hidden sheets are never read.
 */
import type { Table, Cell } from '../core/table';
import { isOrderLines } from '../core/analysis/orders';
import { detectRoles } from '../core/roles';
import { analysisText } from '../i18n/analysis';
import { langFor } from '../i18n/index';
import { UserError } from './messages';
import { readSheet, toTable } from './sheet-io';

export interface TransactionsRead { table: Table; name: string; auto: boolean }

/** Rows read from a candidate sheet before deciding it holds order lines. */
const SAMPLE_ROWS = 50;

let memo: { key: string; read: TransactionsRead | undefined } | null = null;

export function readTransactions(name: string | undefined, locale?: string, customerSheetId?: number): TransactionsRead | undefined {
  const key = name === undefined ? `auto:${customerSheetId ?? ''}` : `name:${name}`;
  if (memo && memo.key === key) return memo.read;
  const read = name === undefined ? findTransactions(customerSheetId) : name === '' ? undefined : named(name, locale);
  memo = { key, read };
  return read;
}

function named(name: string, locale?: string): TransactionsRead {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  if (!sheet) throw new UserError(analysisText(langFor(locale))('txNoSheet', { sheet: name }));
  return { table: toTable(readSheet(sheet)), name, auto: false };
}

/** The first visible sheet (not the customer sheet, not CDM's) whose rows are order lines. */
function findTransactions(customerSheetId: number | undefined): TransactionsRead | undefined {
  for (const sheet of SpreadsheetApp.getActiveSpreadsheet().getSheets()) {
    const name = sheet.getName();
    if (sheet.getSheetId() === customerSheetId || name.startsWith('CDM ') || sheet.isSheetHidden()) continue;
    const rows = sheet.getLastRow();
    const columns = sheet.getLastColumn();
    if (rows < 3 || columns < 3) continue;
    const values = sheet.getRange(1, 1, Math.min(rows, SAMPLE_ROWS + 1), columns).getValues() as Cell[][];
    const sample: Table = { header: values[0].map((h) => String(h).trim()), rows: values.slice(1) };
    if (!isOrderLines(sample, detectRoles(sample).roles)) continue;
    return { table: rows <= SAMPLE_ROWS + 1 ? sample : toTable(readSheet(sheet)), name, auto: true };
  }
  return undefined;
}
