/**
 * Sidebar entry: reads the view the server asked for (body data-initial-view), loads the
 * sidebar state, picks the language from the spreadsheet locale, and renders.
 */
import { app, loadState, parseView, render, setRenderer, showView, type ViewName } from './app';
import { clear, h } from './dom';
import { langFor, setLang, t, type MessageKey } from './i18n';
import { startRun } from './run';
import { formView } from './views/form-view';
import { helpView } from './views/help-view';
import { mainView } from './views/main-view';
import { reviewView } from './views/review-view';
import { runView } from './views/run-view';
import { undoView } from './views/undo-view';

const TABS: Array<[ViewName, MessageKey]> = [
  ['main', 'tabClean'],
  ['review', 'tabReview'],
  ['form', 'tabForm'],
  ['undo', 'tabUndo'],
  ['help', 'tabHelp'],
];

function tabBar(): HTMLElement {
  const current = app.view === 'run' ? 'main' : app.view;
  return h(
    'nav',
    { class: 'tabs', role: 'tablist', 'aria-label': t('appTitle') },
    ...TABS.map(([view, key]) => {
      const count = view === 'review' && app.state?.reviewCount ? ` (${app.state.reviewCount})` : '';
      return h(
        'button',
        {
          type: 'button',
          role: 'tab',
          'aria-selected': String(view === current),
          'data-view': view,
          disabled: app.running && view !== current,
          onclick: () => void showView(view),
        },
        t(key) + count,
      );
    }),
  );
}

function currentView(): HTMLElement {
  switch (app.view) {
    case 'run':
      return runView();
    case 'review':
      return reviewView();
    case 'form':
      return formView();
    case 'undo':
      return undoView();
    case 'help':
      return helpView();
    default:
      return mainView();
  }
}

function renderApp(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  clear(root);
  root.appendChild(tabBar());
  if (app.error) root.appendChild(h('div', { class: 'banner error', role: 'alert', 'data-testid': 'error' }, t('errorPrefix', { error: app.error })));
  if (app.notice) root.appendChild(h('div', { class: 'banner notice', role: 'status', 'data-testid': 'notice' }, app.notice));
  root.appendChild(h('main', { 'aria-busy': String(app.busy || app.running) }, app.state || app.view === 'help' ? currentView() : h('p', {}, t('loading'))));
  // Re-rendering replaces the elements; keep keyboard users where they were.
  if (focusedId) document.getElementById(focusedId)?.focus();
}

async function boot(): Promise<void> {
  setLang(langFor(navigator.language));
  setRenderer(renderApp);
  const initial = parseView(document.body.getAttribute('data-initial-view'));
  app.view = initial === 'run' ? 'main' : initial;
  render();
  await loadState();
  if (app.state) setLang(langFor(app.state.locale));
  render();
  if (!app.state) return;
  if (initial === 'run') await startRun();
  else if (initial === 'form' || initial === 'review') await showView(initial);
}

void boot();
