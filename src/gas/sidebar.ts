/**
 * Opens dist/Sidebar.html on a given panel. The menu's "Clean & analyze" also hands the page
 * a one-time launch token: the sidebar starts a run only if claimLaunch accepts the token,
 * which it does once, so reloading the page (or reopening it from history) never starts
 * another run by itself.
 */
import { MESSAGES } from '../i18n/messages';
import { sheetLang } from './lang';

const LAUNCH_KEY = 'cdm.launch';
/** A launch token older than this is refused (the user clicked the menu long ago). */
const LAUNCH_TTL_MS = 10 * 60 * 1000;

export function showSidebar(view = 'main'): void {
  const template = HtmlService.createHtmlOutputFromFile('Sidebar');
  const safeView = view.replace(/[^a-z]/g, '');
  let attrs = `data-initial-view="${safeView}"`;
  if (safeView === 'run') {
    const token = Utilities.getUuid().replace(/[^0-9a-f-]/gi, '');
    PropertiesService.getUserProperties().setProperty(LAUNCH_KEY, JSON.stringify({ token, at: Date.now() }));
    attrs += ` data-launch="${token}"`;
  }
  const html = template.getContent().replace('data-initial-view="main"', attrs);
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput(html).setTitle(MESSAGES[sheetLang()].sidebarTitle));
}

/** True the first time the sidebar presents the token its menu item made; false ever after. */
export function claimLaunch(token: unknown): boolean {
  if (typeof token !== 'string' || token === '' || token.length > 64) return false;
  const props = PropertiesService.getUserProperties();
  const raw = props.getProperty(LAUNCH_KEY);
  if (!raw) return false;
  let saved: { token?: unknown; at?: unknown } = {};
  try {
    saved = JSON.parse(raw);
  } catch {
    saved = {};
  }
  if (saved.token !== token) return false;
  props.deleteProperty(LAUNCH_KEY);
  return typeof saved.at === 'number' && Date.now() - saved.at <= LAUNCH_TTL_MS;
}
