/**
 * Sidebar entry: reads the view the server asked for (body data-initial-view), loads the
 * sidebar state, picks the language from the spreadsheet locale, and draws the registered
 * panels (views/index.ts). Opening or reloading the sidebar never starts a run by itself:
 * the menu's "Clean & analyze" hands over a one-time launch token, which the server honours
 * once (claimLaunch); a reload of the same page finds it spent.
 */
import { app, loadState, parseView, render, setRenderer, showView } from './app';
import { clear, h } from './dom';
import { langFor, setLang, t } from './i18n';
import { getView, tabFor, tabViews } from './registry';
import { openRun } from './run';
import './views/index';

function tabBar(): HTMLElement {
  const current = tabFor(app.view);
  const tabs = tabViews();
  const enabled = (name: string) => !app.running || name === current;
  const buttons = tabs.map((view) => {
    const count = app.state ? view.badge?.() ?? 0 : 0;
    const label = t(view.tab!);
    return h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${view.name}`,
        'aria-selected': String(view.name === current),
        'aria-controls': 'panel',
        // Roving tabindex: Tab reaches the tab strip once, arrows move inside it.
        tabindex: view.name === current ? 0 : -1,
        'data-view': view.name,
        disabled: !enabled(view.name),
        onclick: () => void showView(view.name),
      },
      count ? t('tabCount', { label, count }) : label,
    );
  });
  const nav = h('nav', { class: 'tabs', role: 'tablist', 'aria-label': t('appTitle') }, ...buttons);
  nav.addEventListener('keydown', (ev: KeyboardEvent) => {
    const order = tabs.map((v) => v.name).filter(enabled);
    const at = order.indexOf(current);
    let next: string | undefined;
    if (ev.key === 'ArrowRight') next = order[(at + 1) % order.length];
    else if (ev.key === 'ArrowLeft') next = order[(at - 1 + order.length) % order.length];
    else if (ev.key === 'Home') next = order[0];
    else if (ev.key === 'End') next = order[order.length - 1];
    if (!next) return;
    ev.preventDefault();
    ev.stopPropagation();
    const target = next;
    void showView(target).then(() => document.getElementById(`tab-${target}`)?.focus());
    document.getElementById(`tab-${target}`)?.focus();
  });
  return nav;
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
  const view = getView(app.view) ?? getView('main');
  root.appendChild(
    h(
      'main',
      { id: 'panel', role: 'tabpanel', 'aria-labelledby': `tab-${tabFor(app.view)}`, 'aria-busy': String(app.busy || app.running) },
      view && (app.state || view.standalone) ? view.render() : h('p', {}, t('loading')),
    ),
  );
  // Re-rendering replaces the elements; keep keyboard users where they were.
  if (focusedId) document.getElementById(focusedId)?.focus();
}

/** Keys go to the current panel unless the user is typing in a field or moving in the tabs. */
function onKey(ev: KeyboardEvent): void {
  const target = ev.target as HTMLElement | null;
  if (target && (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) || target.isContentEditable || target.getAttribute('role') === 'tab')) return;
  if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
  if (getView(app.view)?.onKey?.(ev)) ev.preventDefault();
}

async function boot(): Promise<void> {
  setLang(langFor(navigator.language));
  setRenderer(renderApp);
  document.addEventListener('keydown', onKey);
  const initial = parseView(document.body.getAttribute('data-initial-view'));
  const launch = document.body.getAttribute('data-launch') ?? '';
  app.view = initial === 'run' ? 'main' : initial;
  render();
  await loadState();
  if (app.state) setLang(langFor(app.state.locale));
  render();
  if (!app.state) return;
  // Only the menu click that made this page may start a run, and only once (never on a reload);
  // an unfinished run shows its card (Resume / Cancel) in any sidebar that opens.
  await openRun(initial === 'run' ? launch : null, initial === 'run' || initial === 'main', app.previewFirst ? { preview: true } : {});
  if (initial === 'run' || app.view === 'run' || app.view === 'preview') return;
  await showView(app.view);
}

void boot();
