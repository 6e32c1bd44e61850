export const SIDEBAR_TITLE = 'CDM';

/** Opens dist/Sidebar.html; `view` lets a menu item open it on a given panel. */
export function showSidebar(view = 'main'): void {
  const template = HtmlService.createHtmlOutputFromFile('Sidebar');
  const html = template.getContent().replace('data-initial-view="main"', `data-initial-view="${view.replace(/[^a-z]/g, '')}"`);
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput(html).setTitle(SIDEBAR_TITLE));
}
