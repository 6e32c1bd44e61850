/**
 * The add-on menu. onOpen may run in AuthMode.NONE, where only building the menu is allowed:
 * nothing here reads the sheet, properties or any other service.
 */
export const MENU_ITEMS: ReadonlyArray<readonly [caption: string, functionName: string]> = [
  ['Open CDM', 'showSidebar'],
  ['Clean & analyze', 'menuCleanAndAnalyze'],
  ['Create intake form', 'menuCreateIntakeForm'],
  ['Undo last run', 'menuUndoLastRun'],
  ['Help', 'menuHelp'],
];

export function buildMenu(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const [caption, fn] of MENU_ITEMS) menu.addItem(caption, fn);
  menu.addToUi();
}
