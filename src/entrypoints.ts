/**
 * The public surface: every function Apps Script calls, and nothing else. Each is a thin
 * forward to the gas adapters. esbuild.config.mjs turns every `export function` here into a
 * top-level function of dist/Code.js, with its JSDoc, so this file is the only list.
 */
import { buildMenu } from './gas/menu';
import { showSidebar as openSidebar } from './gas/sidebar';

/** Builds the add-on menu (runs in AuthMode.NONE, so it does nothing else). */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  void e;
  buildMenu();
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
// Sidebar RPC (google.script.run). Signatures follow ServerApi in src/rpc.ts.
// ---------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------
// Intake form: installable form-submit trigger handler.
// ---------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------
// Custom functions (=CDM_*). Each needs JSDoc with @customfunction.
// ---------------------------------------------------------------------------------------
