import { issueStartToken } from './run-state';

export const SIDEBAR_TITLE = 'CDM';

/**
 * Opens dist/Sidebar.html; `view` lets a menu item open it on a given panel. The "run" view
 * carries a one-time start token, so the run starts for this click and not on a reload.
 */
export function showSidebar(view = 'main'): void {
  const template = HtmlService.createHtmlOutputFromFile('Sidebar');
  const name = view.replace(/[^a-z]/g, '');
  const token = name === 'run' ? ` data-start-token="${issueStartToken().replace(/[^0-9a-f-]/g, '')}"` : '';
  const html = template.getContent().replace('data-initial-view="main"', `data-initial-view="${name}"${token}`);
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput(html).setTitle(SIDEBAR_TITLE));
}
