/**
 * The transactions sheet of a run (RunOptions.transactionsSheet): order lines the analysis
 * rolls up per customer (core/analysis/orders.ts). Read with one getValues, once per execution.
 */
import type { Table } from '../core/table';
import { analysisText } from '../i18n/analysis';
import { langFor } from '../i18n/index';
import { UserError } from './messages';
import { readSheet, toTable } from './sheet-io';

let memo: { name: string; table: Table } | null = null;

export function readTransactions(name: string | undefined, locale?: string): Table | undefined {
  if (!name) return undefined;
  if (memo && memo.name === name) return memo.table;
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  if (!sheet) throw new UserError(analysisText(langFor(locale)) ('txNoSheet', { sheet: name }));
  memo = { name, table: toTable(readSheet(sheet)) };
  return memo.table;
}
