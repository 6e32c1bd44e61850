/** CSV in and out for the command line (papaparse). */
import type { Table } from './table';

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

export function parseCsv(text: string): Table {
  void text;
  throw new CsvError('CSV reading is not ready yet');
}

export function toCsv(table: Table): string {
  void table;
  return '';
}

export function readCsvBytes(bytes: Uint8Array): Table {
  void bytes;
  throw new CsvError('CSV reading is not ready yet');
}
