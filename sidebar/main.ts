/**
 * Sidebar entry: reads the view the server asked for (body data-initial-view), loads the
 * sidebar state, picks the language from the spreadsheet locale, and renders.
 */
import { app, loadState, parseView, render, setRenderer, showView, type ViewName } from './app';
import { clear, h } from './dom';
import { langFor, setLang, t, type MessageKey } from './i18n';
import { openRun } from './run';
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
  const enabled = (view: ViewName) => !app.running || view === current;
  const buttons = TABS.map(([view, key]) => {
    const count = view === 'review' && app.state?.reviewCount ? ` (${app.state.reviewCount})` : '';
    return h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${view}`,
        'aria-selected': String(view === current),
        'aria-controls': 'panel',
        // Roving tabindex: Tab reaches the tab strip once, arrows move inside it.
        tabindex: view === current ? 0 : -1,
        'data-view': view,
        disabled: !enabled(view),
        onclick: () => void showView(view),
      },
      t(key) + count,
    );
  });
  const nav = h('nav', { class: 'tabs', role: 'tablist', 'aria-label': t('appTitle') }, ...buttons);
  nav.addEventListener('keydown', (ev: KeyboardEvent) => {
    const order = TABS.map(([v]) => v).filter(enabled);
    const at = order.indexOf(current);
    let next: ViewName | undefined;
    if (ev.key === 'ArrowRight') next = order[(at + 1) % order.length];
    else if (ev.key === 'ArrowLeft') next = order[(at - 1 + order.length) % order.length];
    else if (ev.key === 'Home') next = order[0];
    else if (ev.key === 'End') next = order[order.length - 1];
    if (!next) return;
    ev.preventDefault();
    void showView(next).then(() => document.getElementById(`tab-${next}`)?.focus());
    document.getElementById(`tab-${next}`)?.focus();
  });
  return nav;
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
  if (app.busy && !app.running) root.appendChild(h('div', { class: 'working', role: 'status' }, t('working')));
  const tab = app.view === 'run' ? 'main' : app.view;
  root.appendChild(
    h(
      'main',
      { id: 'panel', role: 'tabpanel', 'aria-labelledby': `tab-${tab}`, 'aria-busy': String(app.busy || app.running) },
      app.state || app.view === 'help' ? currentView() : h('p', {}, t('loading')),
    ),
  );
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
  // A run starts only for the menu click that opened this sidebar (a one-time token), never on
  // a reload; an unfinished run shows its card (Resume / Cancel) in any sidebar that opens.
  await openRun(document.body.getAttribute('data-start-token'), initial === 'run' || initial === 'main');
  if (initial === 'form' || initial === 'review') await showView(initial);
}

void boot();
