/** A1 notation: parsing and printing, 1-based like Apps Script. */
export interface A1Range {
  sheet?: string;
  row: number;
  col: number;
  /** undefined = open to the end of the sheet (e.g. "A:C", "A2:C"). */
  lastRow?: number;
  lastCol?: number;
}

export function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Splits "'Sheet 1'!A1:B2" into the sheet name ('' quotes unescaped) and the cell part. */
export function splitSheet(a1: string): { sheet?: string; ref: string } {
  const text = a1.trim();
  const bang = text.lastIndexOf('!');
  if (bang < 0) return { ref: text };
  let sheet = text.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, ref: text.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Returns null for text that is not A1 notation. */
export function parseA1(a1: string): A1Range | null {
  const { sheet, ref } = splitSheet(a1);
  const parts = ref.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) return null;
  const cells = parts.map((p) => CELL.exec(p));
  if (cells.some((m) => !m || (!m[1] && !m[2]))) return null;
  const [a, b] = cells as RegExpExecArray[];
  const aCol = a[1] ? columnNumber(a[1]) : undefined;
  const aRow = a[2] ? Number(a[2]) : undefined;
  if (aRow === 0) return null;
  if (!b) {
    if (aCol === undefined || aRow === undefined) return null;
    return { sheet, row: aRow, col: aCol, lastRow: aRow, lastCol: aCol };
  }
  const bCol = b[1] ? columnNumber(b[1]) : undefined;
  const bRow = b[2] ? Number(b[2]) : undefined;
  if (bRow === 0) return null;
  // "A:C" whole columns, "1:3" whole rows, "A2:C" open-ended rows.
  if ((aCol === undefined) !== (bCol === undefined)) return null;
  const row = Math.min(aRow ?? 1, bRow ?? aRow ?? 1);
  const col = Math.min(aCol ?? 1, bCol ?? aCol ?? 1);
  const lastRow = aRow !== undefined && bRow !== undefined ? Math.max(aRow, bRow) : undefined;
  const lastCol = aCol !== undefined && bCol !== undefined ? Math.max(aCol, bCol) : undefined;
  return { sheet, row, col, lastRow, lastCol };
}

export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function toA1(row: number, col: number, numRows = 1, numCols = 1): string {
  const start = `${columnLetters(col)}${row}`;
  if (numRows === 1 && numCols === 1) return start;
  return `${start}:${columnLetters(col + numCols - 1)}${row + numRows - 1}`;
}
