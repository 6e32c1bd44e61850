/**
 * The add-on menu, in the spreadsheet's language. onOpen may run in AuthMode.NONE (the add-on
 * is installed but not yet used in this document), where only building the menu is allowed:
 * the locale cannot be read there, so that menu is in English; once the add-on is enabled in
 * the document (LIMITED or FULL) it follows the spreadsheet's locale.
 */
import { MESSAGES, type MessageKey } from '../i18n/messages';
import type { Lang } from '../i18n/index';
import { sheetLang } from './lang';

export const MENU_ITEMS: ReadonlyArray<readonly [caption: MessageKey, functionName: string]> = [
  ['menuOpen', 'showSidebar'],
  ['menuRun', 'menuCleanAndAnalyze'],
  ['menuForm', 'menuCreateIntakeForm'],
  ['menuUndo', 'menuUndoLastRun'],
  ['menuHelp', 'menuHelp'],
];

/** `authMode` from onOpen's event; unknown or NONE gives the English menu without touching any service. */
export function buildMenu(authMode?: unknown): void {
  const lang: Lang = authMode === undefined || authMode === null || String(authMode) === 'NONE' ? 'en' : sheetLang();
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const [caption, fn] of MENU_ITEMS) menu.addItem(MESSAGES[lang][caption], fn);
  menu.addToUi();
}
