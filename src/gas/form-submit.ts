/**
 * One intake-form response -> one clean customer row (or a duplicate mark, a merge, a review
 * pair), under the document lock so it never interleaves with a CDM run.
 *
 * Never lose what a customer typed: the response sheet keeps every answer as submitted, and a
 * `CDM Status` column beside the answers says what happened to it ("added as row 57",
 * "duplicate of row 12", "waiting: …", "not added: …"). A response that could not be handled
 * (lock busy, an error) stays marked there and is picked up by the next submission or by the
 * retry trigger.
 *
 * Reads are batched so the number of Spreadsheet calls does not grow with the number of
 * customers: the customer header, then only the key columns (name, e-mail, phone, address …)
 * in one getValues, then one setValues for the new row.
 */
import type { Cell, Roles, Table } from '../core/table';
import { isCdmColumn, isEmpty } from '../core/table';
import { roleFromHeader } from '../core/roles';
import { loadRoleFixes } from './role-fixes';
import { flagsByRow, normaliseTable } from '../core/normalize/index';
import { resolveSetting } from '../core/settings';
import { langFor } from '../i18n/index';
import { matchColumns, matchIncoming, mergeIncoming, recordKey, type IncomingMatch } from '../core/dedupe/index';
import { scoreRow } from '../core/analysis/index';
import { loadChosenSheetId, loadModel, loadSettings } from './run-state';
import { findCustomerSheet, asSheetTextIn } from './sheet-io';
import { AUDIT_SHEET, REVIEW_SHEET, cdmSheet } from './cdm-sheets';
import { appendAudit, auditLines, auditNote } from './audit';
import { TIMESTAMP_TITLE, isTimestampColumn, loadFormRecord, mapResponseColumns } from './forms';
import { ensureTimer } from './scheduler';
import { spreadsheetDates, type SheetDates } from './dates';
import { consentCell, consentColumnValues, consentGiven, markConsentCell, type ConsentCell } from './consent';
import { appendReviewPair as appendReviewRows } from './review';
import { sheetText } from './lang';
import { FORM_TEXT } from '../i18n/forms';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const STATUS_HEADER = 'CDM Status';
/** A run holds the lock for one step (well under Apps Script's 6 minutes); wait that long. */
export const FORM_LOCK_WAIT_MS = 5 * 60 * 1000;
const WAITING = 'waiting';
/** The statuses and audit lines of form answers, in the spreadsheet's language. */
const say = sheetText(FORM_TEXT);
const runLabel = (): string => say('auditRun');
/** A response still waiting to be added, whatever language its status was written in. */
const isWaiting = (status: string): boolean => status.startsWith(WAITING) || status.startsWith(FORM_TEXT.zh.statusWaiting.slice(0, 3));


export interface SubmitOutcome {
  status: string;
  /** The customer row the response became (or merged into), if any. */
  row: number | null;
  /** The response's own row in the response sheet. */
  sheetRow?: number;
}

// ---------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------

/** The installable form-submit trigger's handler. */
export function handleFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit | undefined): SubmitOutcome | null {
  const range = e?.range;
  if (!range) return null; // run by hand from the script editor: there is no response
  const responses = range.getSheet();
  const row = range.getRow();
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(FORM_LOCK_WAIT_MS)) {
    markStatus(responses, row, say('statusWaiting'));
    noteWaiting(true);
    ensureTimer(); // guarded: without it the next sidebar open, run or submission adds it
    return { status: WAITING, row: null };
  }
  try {
    // Responses left waiting by an earlier submission go first, in their order.
    const outcome = processResponses(responses, [row]);
    noteWaiting(false);
    SpreadsheetApp.flush();
    return outcome.find((o) => o.sheetRow === row) ?? null;
  } finally {
    lock.releaseLock();
  }
}

/**
 * Adds every response still waiting (marked so after a lock timeout, or never handled because
 * no trigger ran: test deployments). Returns the outcomes, or null when the lock was not free
 * within `waitMs` (they keep waiting). Called by the hourly trigger and, with a short wait, by
 * the sidebar opening and a run starting (processPendingWork).
 */
export function processWaitingResponses(waitMs = FORM_LOCK_WAIT_MS): SubmitOutcome[] | null {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(waitMs)) return null;
  try {
    const out = processWaitingResponsesLocked();
    SpreadsheetApp.flush();
    return out;
  } finally {
    lock.releaseLock();
  }
}

/** processWaitingResponses for a caller that already holds the document lock. */
export function processWaitingResponsesLocked(): SubmitOutcome[] {
  const record = loadFormRecord();
  if (!record || record.responseSheetId === null) return [];
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const responses = ss.getSheets().find((s) => s.getSheetId() === record.responseSheetId);
  const out = responses ? processResponses(responses, []) : [];
  noteWaiting(false);
  return out;
}

const WAITING_KEY = 'cdm.formWaiting';

/** Remembers that responses wait, so the hourly trigger keeps itself until they are added. */
function noteWaiting(on: boolean): void {
  try {
    const props = PropertiesService.getDocumentProperties();
    if (on) props.setProperty(WAITING_KEY, '1');
    else if (props.getProperty(WAITING_KEY) !== null) props.deleteProperty(WAITING_KEY);
  } catch {
    // Only an optimisation: the response row itself says "waiting".
  }
}

export function responsesWaiting(): boolean {
  return PropertiesService.getDocumentProperties().getProperty(WAITING_KEY) !== null;
}

// ---------------------------------------------------------------------------------------
// The response sheet
// ---------------------------------------------------------------------------------------

interface ResponseSheet {
  sheet: Sheet;
  header: string[];
  width: number;
  /** Status text per sheet row (index 0 = row 1). */
  statuses: string[];
  statusColumn: number;
}

/**
 * The response sheet's header and status column only (two reads however many responses it
 * holds); the answers of a response are read when it is handled.
 */
function readResponses(sheet: Sheet): ResponseSheet {
  const lastRow = Math.max(1, sheet.getLastRow());
  const width = Math.max(1, sheet.getLastColumn());
  const header = sheet.getRange(1, 1, 1, width).getValues()[0].map((h) => String(h).trim());
  let statusColumn = header.indexOf(STATUS_HEADER) + 1;
  if (statusColumn === 0) {
    statusColumn = header.length + 1;
    sheet.getRange(1, statusColumn).setValue(STATUS_HEADER);
    header.push(STATUS_HEADER);
  }
  const statuses = lastRow < 2 ? [STATUS_HEADER] : [STATUS_HEADER, ...sheet.getRange(2, statusColumn, lastRow - 1, 1).getValues().map((r) => String(r[0]).trim())];
  return { sheet, header, width: Math.max(width, statusColumn), statuses, statusColumn };
}

/** One response's answers; an answer starting with "=" may have landed as a formula, and the customer typed its text. */
function readAnswers(r: ResponseSheet, row: number): Cell[] {
  const range = r.sheet.getRange(row, 1, 1, r.width);
  const values = range.getValues()[0] as Cell[];
  const formulas = range.getFormulas()[0];
  return values.map((v, j) => (formulas[j] ? formulas[j] : inCalendar(v)));
}

/**
 * Dates in the spreadsheet's zone (src/gas/dates.ts): read into calendar dates for core, written
 * back as the instants Sheets means. Worked out once per execution.
 */
let zoneDates: SheetDates | null = null;
const zone = (): SheetDates => (zoneDates ??= spreadsheetDates());
const inCalendar = (v: Cell): Cell => zone().toCalendar(v);
const forSheet = (v: Cell): Cell => zone().toSheet(v);

function markStatus(sheet: Sheet, row: number, status: string, known?: number): void {
  try {
    let col = known ?? 0;
    if (!col) {
      const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0].map((h) => String(h).trim());
      col = header.indexOf(STATUS_HEADER) + 1;
      if (col === 0) {
        col = header.length + 1;
        sheet.getRange(1, col).setValue(STATUS_HEADER);
      }
    }
    sheet.getRange(row, col).setValue(status);
  } catch (err) {
    console.error(`CDM could not mark response row ${row}: ${String(err)}`);
  }
}

const statusOf = (r: ResponseSheet, row: number): string => r.statuses[row - 1] ?? '';

/**
 * Rows to handle: the given ones unless already handled, every row still waiting, and the
 * responses after the last handled one that no handler ever saw (an execution killed before
 * it marked its row, or no trigger at all in a test deployment).
 */
function pendingRows(r: ResponseSheet, requested: number[], unseen: boolean): number[] {
  const rows = new Set<number>();
  for (const row of requested) if (row >= 2 && statusOf(r, row) === '') rows.add(row);
  let lastHandled = 1;
  for (let row = 2; row <= r.statuses.length; row++) {
    const status = statusOf(r, row);
    if (isWaiting(status)) rows.add(row);
    else if (status !== '') lastHandled = row;
  }
  if (unseen) for (let row = lastHandled + 1; row <= r.statuses.length; row++) if (statusOf(r, row) === '') rows.add(row);
  return [...rows].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------
// Processing
// ---------------------------------------------------------------------------------------

interface CustomerSheet {
  sheet: Sheet;
  header: string[];
  lastRow: number;
  roles: Roles;
}

function customerSheet(): Sheet {
  const record = loadFormRecord();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const byRecord = record ? ss.getSheets().find((s) => s.getSheetId() === record.customerSheetId) : undefined;
  return byRecord ?? findCustomerSheet(undefined, loadChosenSheetId());
}

function readCustomerHeader(sheet: Sheet): CustomerSheet {
  const lastRow = sheet.getLastRow();
  const width = Math.max(1, sheet.getLastColumn());
  const header = sheet.getRange(1, 1, 1, width).getValues()[0].map((h) => String(h).trim());
  const roles: Roles = {};
  for (const h of header) if (h && !isCdmColumn(h)) roles[h] = roleFromHeader(h) ?? 'unknown';
  // The roles the user fixed in the sidebar win over the header's reading (role-fixes.ts).
  for (const [h, role] of Object.entries(loadRoleFixes(sheet.getSheetId()))) if (h in roles) roles[h] = role;
  return { sheet, header, lastRow, roles };
}

/** Existing customers' match columns (core/dedupe/keys.ts), in one getValues over the span that holds them. */
function readKeyColumns(c: CustomerSheet): Table {
  const keyCols = matchColumns(c.header, c.roles);
  const header = keyCols.map((i) => c.header[i]);
  if (keyCols.length === 0 || c.lastRow < 2) return { header, rows: [] };
  const first = keyCols[0];
  const span = keyCols[keyCols.length - 1] - first + 1;
  const block = c.sheet.getRange(2, first + 1, c.lastRow - 1, span).getValues() as Cell[][];
  return { header, rows: block.map((r) => keyCols.map((i) => inCalendar(r[i - first]))) };
}

function processResponses(responseSheet: Sheet, requested: number[]): SubmitOutcome[] {
  const responses = readResponses(responseSheet);
  // Rows no handler saw are picked up only on a sheet that holds responses alone (not one the
  // owner also types customers into), so nobody's own rows are ever taken for responses.
  const record = loadFormRecord();
  const unseen = !!record && record.responseSheetId === responseSheet.getSheetId() && record.customerSheetId !== record.responseSheetId;
  const rows = pendingRows(responses, requested, unseen);
  if (rows.length === 0) return [];
  const outcomes: SubmitOutcome[] = [];
  for (const row of rows) {
    let outcome: SubmitOutcome;
    try {
      outcome = addResponse(responses, row);
    } catch (err) {
      outcome = { status: say('statusNotAdded', { error: plain(err) }), row: null };
      recordFailure(responses, row, plain(err));
    }
    markStatus(responses.sheet, row, outcome.status, responses.statusColumn);
    outcomes.push({ ...outcome, sheetRow: row });
  }
  return outcomes;
}

const plain = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0];

function recordFailure(r: ResponseSheet, row: number, message: string): void {
  try {
    appendAudit([auditNote(runLabel(), new Date(), r.sheet.getName(), row, say('auditNotAdded', { error: message }))], lang());
  } catch (err) {
    console.error(`CDM could not write to ${AUDIT_SHEET}: ${String(err)}`);
  }
}

const lang = () => langFor(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());

function region(): string {
  return resolveSetting('region', { saved: loadSettings(), locale: SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale() });
}

function addResponse(r: ResponseSheet, row: number): SubmitOutcome {
  const answers = readAnswers(r, row);
  const customers = readCustomerHeader(customerSheet());
  const sameSheet = customers.sheet.getSheetId() === r.sheet.getSheetId();
  const userHeader = customers.header.filter((h) => h && !isCdmColumn(h));

  // Consent goes to its own column with the time, never as the answer's sentence (consent.ts).
  const record = loadFormRecord();
  const consentAt = !sameSheet && record?.consentTitle ? r.header.indexOf(record.consentTitle) : -1;
  const consent = consentAt >= 0 && consentGiven(answers[consentAt]) && record?.consentColumn
    ? consentFor(customers, record.consentColumn, record.consentOwn === true, answers[0] instanceof Date ? (forSheet(answers[0]) as Date) : new Date())
    : null;

  // The response as a customer row (user columns only), normalised like a CDM run would.
  const raw: Cell[] = userHeader.map(() => '');
  let answered = 0;
  const blank = (c: Cell | undefined): boolean => c === undefined || isEmpty(c) || String(c).trim() === '';
  if (sameSheet) {
    userHeader.forEach((h, i) => {
      raw[i] = answers[customers.header.indexOf(h)] ?? '';
      if (!blank(raw[i]) && h !== TIMESTAMP_TITLE) answered++;
    });
  } else {
    const mapping = mapResponseColumns(r.header.slice(0, r.statusColumn - 1), customers.header);
    mapping.forEach((m, j) => {
      if (m.customer === null || j === consentAt) return;
      const at = userHeader.indexOf(m.customer);
      if (at < 0) return;
      raw[at] = answers[j] ?? '';
      if (!blank(raw[at]) && !isTimestampColumn(j, m.response)) answered++;
    });
  }
  // The timestamp alone is not a customer.
  if (answered === 0) {
    throw new Error(say('noAnswers'));
  }
  const normalised = normaliseTable({ header: userHeader, rows: [raw] }, customers.roles, { region: region(), locale: SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale(), lang: lang() });
  const clean = normalised.table.rows[0];
  const flags = flagsByRow(normalised.changes, 1)[0];

  // Existing customers (key columns only) — exclude the response's own row when it is already in the sheet.
  const keys = readKeyColumns(customers);
  const keyRoles: Roles = {};
  for (const h of keys.header) keyRoles[h] = customers.roles[h];
  const ownIndex = sameSheet ? row - 2 : -1;
  const newKeys = keys.header.map((h) => clean[userHeader.indexOf(h)] ?? '');
  const match = matchIncoming(keys, keyRoles, newKeys, { skip: ownIndex, lang: langFor(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale()) });

  const mode = resolveSetting('mode', { saved: loadSettings() });
  const model = loadModel();
  const score = model ? scoreRow(model, userHeader, clean) : { cluster: null, segment: null, predictions: {} };

  const cdm: Record<string, Cell> = {
    'CDM Cluster': score.cluster ?? '',
    'CDM Segment': score.segment ?? '',
    // Each saved prediction goes in its own column (CDM Predicted Spend, CDM Response Probability…).
    ...score.predictions,
    'CDM Flags': flags,
  };
  let status: string;
  const matchRow = match ? match.row + 2 : null;
  // The same words a run writes for the same pair (core/dedupe/explain.ts).
  const reason = match ? match.reason : '';
  if (match && match.band === 'auto' && mode === 'merge' && !sameSheet) {
    return mergeInto(customers, match.row + 2, userHeader, clean, r, row, consent);
  }
  if (match && match.band === 'auto') {
    cdm['CDM Duplicate Of'] = matchRow as number;
    cdm['CDM Match Score'] = Math.round(match.probability * 100) / 100;
    cdm['CDM Match Reason'] = reason;
    status = say('statusDuplicate', { row: matchRow as number });
  } else if (match && match.band === 'review') {
    status = say('statusPossible', { row: matchRow as number, sheet: cdmSheet('review')?.getName() ?? REVIEW_SHEET });
  } else {
    status = say('statusNew');
  }

  const target = sameSheet ? row : customers.lastRow + 1;
  const header = withCdmColumns(customers, [...Object.keys(cdm).filter((k) => cdm[k] !== ''), ...(consent ? [consent.column] : [])]);
  const out: Cell[] = header.map((h) => {
    // writeRow writes through forSheet; the consent time is a real instant.
    if (consent && h === consent.column) return inCalendar(consent.cell.value);
    const u = userHeader.indexOf(h);
    if (u >= 0) return clean[u];
    return h in cdm ? cdm[h] : '';
  });
  writeRow(customers.sheet, target, out);
  if (consent) markConsentCell(customers.sheet, target, header.indexOf(consent.column) + 1, consent.cell);
  const done = sameSheet ? status : say('statusAdded', { status, row: target });

  // The customer row is written: a failure from here on must not say "not added" (nor retry and add it twice).
  try {
    if (match && match.band === 'review') appendReviewPair(customers, userHeader, match, matchRow as number, clean, target);
    const when = new Date();
    const name = customers.sheet.getName();
    // The audit takes the instants Sheets means (core's calendar dates go back through forSheet).
    const rowChanges = normalised.changes.map((ch) => ({ column: ch.column, old: forSheet(ch.old), new: forSheet(ch.new), reason: ch.reason }));
    if (consent) rowChanges.push({ column: consent.column, old: '', new: consent.cell.value, reason: say('auditConsent') });
    const audit = rowChanges.length ? auditLines(runLabel(), when, name, new Map([[target, rowChanges]]), lang()) : [];
    audit.push(auditNote(runLabel(), when, name, target, say('auditResponse', { row, sheet: r.sheet.getName(), status })));
    appendAudit(audit, lang());
  } catch (err) {
    return { status: say('statusNotLogged', { status: done, error: plain(err) }), row: target };
  }
  return { status: done, row: target };
}

/**
 * A review pair in the layout a CDM run writes to `CDM Review` (src/gas/review.ts): A (the
 * existing customer) above B (the new one), keyed by their record keys, so the sidebar's
 * review queue shows it and the decision is honoured by every later run.
 */
function appendReviewPair(c: CustomerSheet, userHeader: string[], match: IncomingMatch, matchRow: number, clean: Cell[], target: number): void {
  const existingRow = c.sheet.getRange(matchRow, 1, 1, c.header.length).getValues()[0] as Cell[];
  const existing = userHeader.map((h) => inCalendar(existingRow[c.header.indexOf(h)] ?? ''));
  const pairTable: Table = { header: userHeader, rows: [existing, clean] };
  const id = `${recordKey(pairTable, c.roles, 0)}|${recordKey(pairTable, c.roles, 1)}`;
  appendReviewRows(userHeader, { id, score: match.probability, explanation: match.explanation, rowA: matchRow, rowB: target, a: existing, b: clean });
}

/** The customer header with the CDM columns we write appended when the sheet has never had them. */
function withCdmColumns(c: CustomerSheet, needed: string[]): string[] {
  const missing = needed.filter((h) => !c.header.includes(h));
  if (missing.length === 0) return c.header;
  const header = [...c.header, ...missing];
  const width = header.length;
  if (width > c.sheet.getMaxColumns()) c.sheet.insertColumnsAfter(c.sheet.getMaxColumns(), width - c.sheet.getMaxColumns());
  c.sheet.getRange(1, c.header.length + 1, 1, missing.length).setValues([missing]);
  c.header = header;
  return header;
}

function writeRow(sheet: Sheet, row: number, values: Cell[]): void {
  if (row > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), row - sheet.getMaxRows());
  const range = sheet.getRange(row, 1, 1, values.length);
  // Plain-text cells (a postcode or phone column CDM formatted) take text without the apostrophe.
  const formats = range.getNumberFormats()[0];
  range.setValues([values.map((v, j) => asSheetTextIn(forSheet(v), formats[j]))]);
}

interface Consent {
  column: string;
  cell: ConsentCell;
}

/** The consent column's value for this response, in the column's own vocabulary. */
function consentFor(c: CustomerSheet, column: string, own: boolean, when: Date): Consent {
  const at = c.header.indexOf(column) + 1;
  // Only the user's own column has a vocabulary to learn; the one CDM added holds times.
  const existing = own && at > 0 ? consentColumnValues(c.sheet, at, c.lastRow) : [];
  return { column, cell: consentCell(existing, when, SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone()) };
}

/**
 * Merge mode: the customer exists; fill their empty cells from the response (never overwrite),
 * and keep a new e-mail or phone beside the old one. A cell holding a formula is never written
 * (writing the row back as values would turn the formula into its value).
 */
function mergeInto(c: CustomerSheet, target: number, userHeader: string[], clean: Cell[], r: ResponseSheet, row: number, consent: Consent | null): SubmitOutcome {
  if (consent) withCdmColumns(c, [consent.column]);
  const range = c.sheet.getRange(target, 1, 1, c.header.length);
  const current = (range.getValues()[0] as Cell[]).map(inCalendar);
  const formulas = range.getFormulas()[0];
  const when = new Date();
  // A formula cell is never offered a value: it stays the formula.
  const merged = mergeIncoming(current, c.header, c.roles, (i) => {
    if (formulas[i]) return undefined;
    const u = userHeader.indexOf(c.header[i]);
    return u < 0 ? undefined : clean[u];
  });
  const changes = merged.changes.map((ch) => {
    const column = c.header[ch.column];
    const why = ch.why === 'filled' ? say('auditFilled') : c.roles[column] === 'email' ? say('auditOtherEmail') : say('auditOtherPhone');
    return { column, old: forSheet(ch.old), new: forSheet(ch.new), reason: why };
  });
  const values = merged.values.slice();
  const consentAt = consent ? c.header.indexOf(consent.column) : -1;
  if (consent && consentAt >= 0 && !formulas[consentAt]) {
    // The customer's newest answer is their consent now.
    changes.push({ column: consent.column, old: forSheet(current[consentAt]), new: consent.cell.value, reason: say('auditConsent') });
    // Written through forSheet with the rest of the row: the consent time is a real instant.
    values[consentAt] = inCalendar(consent.cell.value);
  }
  if (changes.length) {
    const formats = range.getNumberFormats()[0];
    range.setValues([values.map((v, i) => (formulas[i] ? formulas[i] : asSheetTextIn(forSheet(v), formats[i])))]);
  }
  if (consent && consentAt >= 0 && !formulas[consentAt]) markConsentCell(c.sheet, target, consentAt + 1, consent.cell);
  const name = c.sheet.getName();
  const audit = changes.length ? auditLines(runLabel(), when, name, new Map([[target, changes]]), lang()) : [];
  audit.push(auditNote(runLabel(), when, name, target, say('auditMerged', { row, sheet: r.sheet.getName(), target })));
  appendAudit(audit, lang());
  return { status: say('statusMerged', { row: target }), row: target };
}
