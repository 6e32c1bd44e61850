/**
 * The public surface: every function Apps Script calls, and nothing else. Each is a thin
 * forward to the gas adapters. esbuild.config.mjs turns every `export function` here into a
 * top-level function of dist/Code.js, with its JSDoc, so this file is the only list.
 */
import './polyfills';
import { buildMenu } from './gas/menu';
import { showSidebar as openSidebar } from './gas/sidebar';

/** Builds the add-on menu (runs in AuthMode.NONE, so it does nothing else). */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(e?.authMode);
}

/** Called once when the add-on is installed: the menu must be there at once. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/** Menu: Open CDM. */
export function showSidebar(): void {
  openSidebar('main');
}

/** Menu: Clean & analyze (opens the sidebar, which drives the run and shows its progress). */
export function menuCleanAndAnalyze(): void {
  openSidebar('run');
}

/** Menu: Create intake form. */
export function menuCreateIntakeForm(): void {
  openSidebar('form');
}

/** Menu: Undo last run. */
export function menuUndoLastRun(): void {
  openSidebar('undo');
}

/** Menu: Help. */
export function menuHelp(): void {
  openSidebar('help');
}

// ---------------------------------------------------------------------------------------
// Sidebar RPC (google.script.run). The sidebar's ServerApi type (src/rpc.ts) is this module's.
// ---------------------------------------------------------------------------------------

import * as sidebarServer from './gas/server';
import * as runs from './gas/run';
import * as review from './gas/review';
import * as undo from './gas/backup';
import * as background from './gas/background';
import { claimLaunch as claimSidebarLaunch } from './gas/sidebar';
import type { FieldChoices, ReviewDecision, ReviewPair, RoleInfo, RunChoices, RunOptions, RunProgress, SidebarState, UndoResult, UndoableRun } from './rpc';
import type { ColumnRole } from './core/table';
import * as roleFixes from './gas/role-fixes';

/** Sidebar: remembers the role chosen for a column (null: automatic again); returns the mapping. */
export function setColumnRole(column: string, role: ColumnRole | null): RoleInfo[] {
  return roleFixes.setColumnRole(column, role);
}

/** Sidebar: the customer sheet, detected column roles, default options and the last run. */
export function getSidebarState(): SidebarState {
  return sidebarServer.getSidebarState();
}

/**
 * Sidebar: validates, reads the sheet and runs as many steps as fit; continueRun does the rest.
 * An unfinished run is offered back instead (RunProgress.existing): Resume or Cancel.
 */
export function startRun(options: RunOptions): RunProgress {
  return runs.startRun(options);
}

/** Sidebar: continues (resumes) a run from its checkpoint. */
export function continueRun(runId: string): RunProgress {
  return runs.continueRun(runId);
}

/** Sidebar: after a preview, writes the run with the user's choices. */
export function confirmRun(runId: string, choices: RunChoices): RunProgress {
  return runs.confirmRun(runId, choices);
}

/** Sidebar: drops a run at any phase; every sheet stays as it was before the run. */
export function cancelRun(runId: string): RunProgress {
  return runs.cancelRun(runId);
}

/** Sidebar: the progress of the current (or last) run. */
export function getProgress(): RunProgress | null {
  return runs.getProgress();
}

/** Sidebar: pairs waiting for a decision. */
export function getReviewQueue(): ReviewPair[] {
  return review.getReviewQueue();
}

/** Sidebar: stores Accept / Reject for a pair (with the value each field keeps if merged); every later run honours it. */
export function decideReview(id: string, decision: 'accept' | 'reject', fields?: FieldChoices): { remaining: number } {
  return review.decideReview(id, decision, fields);
}

/** Sidebar: several decisions at once (bulk accept above a score), in one execution. */
export function decideReviews(decisions: ReviewDecision[]): { remaining: number; decided: number } {
  return review.decideReviews(decisions);
}

/** Sidebar: true once for the launch token the menu's Clean & analyze gave the page (a reload never starts a run). */
export function claimLaunch(token: string): boolean {
  return claimSidebarLaunch(token);
}

/** Sidebar: undoes the newest run (cells changed since are kept and listed). */
export function undoLastRun(): UndoResult {
  return undo.undoLastRun();
}

/** Sidebar: the runs that can be undone (the last 3), newest first, with their change counts. */
export function listUndoableRuns(): UndoableRun[] {
  return undo.listUndoableRuns();
}

/** Sidebar: undoes one run (only the newest can be: runs are undone newest first). */
export function undoRun(runId: string): UndoResult {
  return undo.undoRun(runId);
}

/** Sidebar: removes the duplicate-group colours of the last run. */
export function clearGroupColours(): { cleared: number; message: string } {
  return undo.clearGroupColours();
}

/** Sidebar: jumps to a sheet and range from the results panel. */
export function selectRange(sheet: string, a1: string): void {
  sidebarServer.selectRange(sheet, a1);
}

/** CDM's one time-based trigger (hourly): carries on a run whose sidebar was closed, adds waiting form responses. */
export function onCdmTimer(): void {
  background.onTimer();
}

/** Time-based trigger of earlier versions: does the same work (and the new trigger replaces it). */
export function continueRunFromTrigger(): void {
  background.onTimer();
}


// ---------------------------------------------------------------------------------------
// Intake form: installable form-submit trigger handler.
// ---------------------------------------------------------------------------------------
import * as intake from './gas/forms';
import * as formSubmit from './gas/form-submit';
import type { FormInfo, FormPreview } from './rpc';

/** Installable trigger: a response to the intake form arrived (adds it as a clean customer row). */
export function onFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  formSubmit.handleFormSubmit(e);
}

/** Time-based trigger of earlier versions (form retry): does the same work as onCdmTimer. */
export function processWaitingResponses(): void {
  background.onTimer();
}

/** Sidebar: the questions the intake form would ask, before it is created. */
export function previewIntakeForm(): FormPreview {
  return intake.previewIntakeForm();
}

/** Sidebar: creates the intake form (or returns the existing one) and its single trigger. */
export function createIntakeForm(): FormInfo {
  return intake.createIntakeForm();
}

/** Sidebar: the intake form's links, trigger state and column mapping, or null without a form. */
export function getFormInfo(): FormInfo | null {
  return intake.getFormInfo();
}

/** Sidebar: stops adding responses to the customer sheet (the form keeps collecting them). */
export function removeFormTrigger(): FormInfo | null {
  return intake.removeFormTrigger();
}

// ---------------------------------------------------------------------------------------
// Custom functions (=CDM_*). Each needs JSDoc with @customfunction.
// ---------------------------------------------------------------------------------------
import * as formulas from './gas/functions';
import type { FormulaArg, FormulaResult } from './gas/functions';

/**
 * Segment number (1, 2, …) for each row of numbers: k-means on scaled columns with a fixed
 * seed, so the same data always gets the same numbers. A first row of column names is allowed;
 * rows with a blank or text get a blank.
 * @param {number[][]} range Rows of numbers, e.g. income and spend (A2:B500).
 * @param {number} k Optional: how many segments, 2 to 10. Left out, CDM picks the best number.
 * @return {number[][]} One segment number per row.
 * @customfunction
 */
export function CDM_CLUSTER(range: FormulaArg, k?: FormulaArg): FormulaResult {
  return formulas.formula(() => formulas.cdmCluster(range, k), 'CDM_CLUSTER');
}

/**
 * Segment name for each row of numbers, such as "High income · low spending". Same segments
 * as CDM_CLUSTER; put column names in the first row of the range for better names.
 * @param {number[][]} range Rows of numbers with a header row, e.g. A1:B500.
 * @param {number} k Optional: how many segments, 2 to 10. Left out, CDM picks the best number.
 * @return {string[][]} One segment name per row.
 * @customfunction
 */
export function CDM_SEGMENT(range: FormulaArg, k?: FormulaArg): FormulaResult {
  return formulas.formula(() => formulas.cdmSegment(range, k), 'CDM_SEGMENT');
}

/**
 * A phone number in international format (E.164), such as +14155550132.
 * @param {string} value A phone number, or a range of them.
 * @param {string} region Optional: two-letter country for numbers written without +country
 *     code, e.g. "GB". Left out, the phone country you chose in CDM's sidebar (saved by your
 *     last run), else the spreadsheet's country (its locale). Give it to pin the result.
 * @return {string} The number as +countrycode…, or "not a valid phone number".
 * @customfunction
 */
export function CDM_PHONE(value: FormulaArg, region?: FormulaArg): FormulaResult {
  return formulas.formula(() => formulas.cdmPhone(value, region, formulas.spreadsheetRegion), 'CDM_PHONE');
}

/**
 * An e-mail address trimmed and in lower case, or "not an e-mail address".
 * @param {string} value An e-mail address, or a range of them.
 * @return {string} The cleaned address.
 * @customfunction
 */
export function CDM_EMAIL(value: FormulaArg): FormulaResult {
  return formulas.formula(() => formulas.cdmEmail(value), 'CDM_EMAIL');
}

/**
 * How likely two records are the same customer, from 0 (different) to 1 (same). Compare two
 * names, or two rows (name, e-mail, phone, …); ranges of several rows give one score per row.
 * @param {string[][]} a A name, or a row of a customer's details.
 * @param {string[][]} b The other name or row, same size as a.
 * @param {string[][]} headers Optional: the header row for a and b (e.g. A1:E1), so CDM knows
 *     which column is which. Left out, CDM reads it from the values.
 * @return {number} The match score between 0 and 1.
 * @customfunction
 */
export function CDM_MATCH(a: FormulaArg, b: FormulaArg, headers?: FormulaArg): FormulaResult {
  return formulas.formula(() => formulas.cdmMatch(formulas.inZone(a), formulas.inZone(b), headers, roleFixes.formulaRoleFixes(headers)), 'CDM_MATCH');
}

/**
 * A duplicate key for each row: rows that get the same key are very likely the same customer
 * (same e-mail or phone, or the same name written differently).
 * @param {string[][]} range Rows of customer details (name, e-mail, phone, …).
 * @return {string[][]} One key per row.
 * @customfunction
 */
export function CDM_DEDUPE_KEY(range: FormulaArg): FormulaResult {
  return formulas.formula(() => formulas.cdmDedupeKey(formulas.inZone(range)), 'CDM_DEDUPE_KEY');
}

/**
 * A summary table of each column: count, missing, mean, median, standard deviation, minimum,
 * quartiles, maximum, and the most common value. A first row of column names is used as titles.
 * @param {number[][]} range The columns to summarise, e.g. A1:D500.
 * @return {Object[][]} A table with one column per input column.
 * @customfunction
 */
export function CDM_STATS(range: FormulaArg): FormulaResult {
  return formulas.formula(() => formulas.cdmStats(formulas.inZone(range)), 'CDM_STATS');
}

/**
 * Predicts values with a straight-line fit (least squares), in the argument order of TREND:
 * the known results first, then the inputs. Note: earlier versions of CDM took known_x first;
 * put known_y first now. Rows with a blank are left out of the fit.
 * @param {number[][]} known_y Known results to learn from (e.g. total spend), one column or one row.
 * @param {number[][]} known_x Optional: known inputs, one column per factor and one row per value
 *     of known_y. Left out, 1, 2, 3 … as in TREND.
 * @param {number[][]} new_x Optional: inputs to predict for, with the same columns as known_x.
 *     Left out, the fitted values of known_x.
 * @return {number[][]} One prediction per row of new_x.
 * @customfunction
 */
export function CDM_PREDICT(known_y: FormulaArg, known_x?: FormulaArg, new_x?: FormulaArg): FormulaResult {
  return formulas.formula(() => formulas.cdmPredict(known_y, known_x, new_x), 'CDM_PREDICT');
}

/**
 * RFM score and segment for each customer, such as "545 Champions": recency, frequency and
 * monetary value each scored 1 to 5 by quintile.
 * @param {number[][]} recency Days since the last purchase, or the last purchase dates.
 * @param {number[][]} frequency Number of orders.
 * @param {number[][]} monetary Total spend.
 * @return {string[][]} One score and segment name per customer.
 * @customfunction
 */
export function CDM_RFM(recency: FormulaArg, frequency: FormulaArg, monetary: FormulaArg): FormulaResult {
  return formulas.formula(() => formulas.cdmRfm(formulas.inZone(recency), frequency, monetary), 'CDM_RFM');
}

/**
 * Churn risk (low, medium or high) with the reason: the time since the last purchase compared
 * with the customer's usual time between purchases.
 * @param {Date[][]} last_purchase Date of the last purchase.
 * @param {number[][]} orders Number of orders.
 * @param {Date[][]} first_purchase Date of the first purchase (or signup).
 * @param {Date} as_of Optional: the day to measure from, e.g. TODAY(). Left out, the day the
 *     formula is calculated; Sheets recalculates it only when the inputs change.
 * @return {string[][]} One risk per customer.
 * @customfunction
 */
export function CDM_CHURN(last_purchase: FormulaArg, orders: FormulaArg, first_purchase: FormulaArg, as_of?: FormulaArg): FormulaResult {
  return formulas.formula(
    () => formulas.cdmChurn(formulas.inZone(last_purchase), orders, formulas.inZone(first_purchase), formulas.inZone(as_of), formulas.sheetToday),
    'CDM_CHURN',
  );
}
