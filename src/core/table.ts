/**
 * The table every core step reads and returns. It mirrors what Range.getValues() gives:
 * numbers, booleans, Dates, strings, and '' for an empty cell, so the add-on, the CLI and
 * the custom functions hand core the same shape.
 */
export type Cell = string | number | boolean | Date;

export interface Table {
  header: string[];
  /** Data rows only (no header). Row index 0 is the sheet's row 2. */
  rows: Cell[][];
}

/** What a column holds, detected from header and content and overridable by the user. */
export type ColumnRole =
  | 'id'
  | 'name'
  | 'first_name'
  | 'last_name'
  | 'email'
  | 'phone'
  | 'street'
  | 'city'
  | 'postcode'
  | 'state'
  | 'country'
  | 'date'
  | 'money'
  | 'count'
  | 'number'
  | 'category'
  | 'text'
  | 'unknown'
  // Roles the exports people really have (Shopify, WooCommerce, Stripe, Mailchimp, orders):
  /** An organisation's name: kept as typed (acronyms), never imputed. */
  | 'company'
  /** ISO 3166 country codes (US, GB, CN): never re-cased but to upper case. */
  | 'country_code'
  /** State or province codes (CA, NSW, ON). */
  | 'state_code'
  /** Gender as the customer gave it; every value (X, non-binary…) is real, never imputed. */
  | 'gender'
  /** Opt-in / consent flags (yes/no, TRUE/FALSE, a consent date): never imputed. */
  | 'consent'
  /** Multi-value cells ("vip, wholesale"): never imputed. */
  | 'tags'
  /** A date of birth: two-digit years resolve into the past. */
  | 'birth_date'
  /** A year of birth (1984). */
  | 'birth_year'
  /** A product bought or wanted (name or code). */
  | 'product'
  /** An order or invoice number (a transactions table). */
  | 'order_id'
  /** Yes/no or 0/1 facts other than consent (a campaign response, a churn flag). */
  | 'boolean';

export type Roles = Record<string, ColumnRole>;

export type ChangeKind = 'normalise' | 'flag' | 'impute' | 'dedupe' | 'merge' | 'analysis';

/** One change to one cell: the audit log entry and the undo record. */
export interface Change {
  /** 0-based data-row index in the step's input table. */
  row: number;
  column: string;
  old: Cell;
  new: Cell;
  kind: ChangeKind;
  /** Plain-words reason, shown to the user ("phone written in international format"). */
  reason: string;
  /** For imputation: "median" / "regression on Age, Income" / "mode". */
  method?: string;
}

export interface StepResult<R = unknown> {
  table: Table;
  changes: Change[];
  report: R;
}

export const isEmpty = (c: Cell | null | undefined): boolean =>
  c === '' || c === null || c === undefined || (typeof c === 'number' && Number.isNaN(c));

/** The headers CDM owns; they are appended at the right and replaced on every run. */
export const CDM_COLUMNS = [
  'CDM Duplicate Group',
  'CDM Duplicate Of',
  'CDM Match Score',
  'CDM Match Reason',
  'CDM Cluster',
  'CDM Segment',
  'CDM Predicted Spend',
  'CDM RFM',
  'CDM Churn Risk',
  'CDM Recommended',
  'CDM Flags',
  // Worked out by the analysis from the user's columns (core/analysis/derive.ts).
  'CDM Age',
  'CDM Total Spend',
  'CDM Orders',
  'CDM Last Purchase',
] as const;

/**
 * Looks like a CDM column (`CDM ` prefix). The engines skip such columns when they read a
 * table, so they never clean or learn from one; it never decides what CDM may drop or replace:
 * see cdmOwnedByName (a file without marks) and PipelineOptions.cdmColumns (the add-on's marks).
 */
export const isCdmColumn = (header: string): boolean => header.startsWith('CDM ');

/**
 * Which columns of a header without marks (a CSV file) CDM wrote, by exact name only:
 * CDM_COLUMNS, and the cleaned copies `CDM <h>` / `CDM <h> (cleaned)` of the file's own
 * headers — and only when the file holds at least one of CDM_COLUMNS, i.e. CDM wrote it. A
 * user's `CDM Notes` in a file CDM never wrote, or beside no `Notes`, is the user's.
 */
export function cdmOwnedByName(header: readonly string[]): boolean[] {
  const own = new Set<string>(CDM_COLUMNS);
  if (!header.some((h) => own.has(h))) return header.map(() => false);
  const names = new Set(header);
  return header.map((h) => {
    if (own.has(h)) return true;
    if (!h.startsWith('CDM ')) return false;
    const rest = h.slice(4);
    const base = rest.endsWith(' (cleaned)') ? rest.slice(0, -' (cleaned)'.length) : rest;
    return names.has(base);
  });
}

/**
 * Returns a table with `column` set to `values` (one per row): replaced where the header
 * exists, appended at the right otherwise. CDM columns are written this way so a re-run
 * replaces them instead of adding copies.
 */
export function withColumn(table: Table, column: string, values: Cell[]): Table {
  if (values.length !== table.rows.length) {
    throw new Error(`withColumn(${column}): ${values.length} values for ${table.rows.length} rows`);
  }
  const at = table.header.indexOf(column);
  if (at >= 0) {
    return { header: table.header, rows: table.rows.map((r, i) => { const c = r.slice(); c[at] = values[i]; return c; }) };
  }
  // concat makes each row at its final length; spreading into a literal leaves spare slots.
  return { header: [...table.header, column], rows: table.rows.map((r, i) => r.concat([values[i]])) };
}

/** Same cell content: Dates by time, NaN equal to NaN, missing equal to ''. */
export function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return true;
  return (a ?? '') === (b ?? '');
}

/** The cell of `row` under `column`, '' when the column is absent. */
export function cellOf(table: Table, row: number, column: string): Cell {
  const at = table.header.indexOf(column);
  return at < 0 ? '' : table.rows[row][at] ?? '';
}
