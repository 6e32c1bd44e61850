/**
 * Undo from a list: the runs CDM can still take back — the last 3 — each with its
 * time, sheet and what it changed. The newest can be undone (runs go back newest first); after
 * an undo, the cells the user had changed since the run and that were kept are listed.
 * Strings: src/i18n/undo.ts (English and Chinese), as the server's undo messages.
 */
import { UNDO_TEXT } from '../../src/i18n/undo';
import { translator } from '../../src/i18n/index';
import type { UndoResult, UndoableRun } from '../../src/rpc';
import { app, guarded, refreshState, showView, undo } from '../app';
import { h } from '../dom';
import { getLang, t } from '../i18n';
import { call } from '../server';

/** What the last undo in this sidebar did (its kept cells are listed under the notice). */
let lastResult: UndoResult | null = null;

const u = () => translator(UNDO_TEXT, getLang());

async function undoRun(run: UndoableRun): Promise<void> {
  await guarded(
    () => call('undoRun', run.runId),
    (r) => {
      app.notice = r.message;
      lastResult = r;
      if (r.restored) app.summary = null;
    },
  );
  await refreshState();
}

function counts(run: UndoableRun): string {
  const tx = u();
  const parts: string[] = [];
  if (run.counts.cleaned) parts.push(tx('viewCleaned', { count: run.counts.cleaned }));
  if (run.counts.filled) parts.push(tx('viewFilled', { count: run.counts.filled }));
  if (run.counts.merged) parts.push(tx('viewMerged', { count: run.counts.merged }));
  if (run.counts.columnsAdded) parts.push(tx('viewColumns', { count: run.counts.columnsAdded }));
  if (!parts.length) parts.push(tx('viewCells', { count: run.counts.cells }));
  if (!run.complete) parts.push(tx('viewIncomplete'));
  return parts.join(' · ');
}

async function clearColours(): Promise<void> {
  await guarded(
    () => call('clearGroupColours'),
    (r) => {
      app.notice = r.message;
      lastResult = null;
    },
  );
}

function runItem(run: UndoableRun): HTMLElement {
  const tx = u();
  const busy = app.busy || app.running;
  return h(
    'li',
    { class: 'undo-run', 'data-testid': 'undo-run' },
    h('div', { class: 'undo-run-title' }, tx('viewLine', { time: run.time, sheet: run.sheetName })),
    h('div', { class: 'hint' }, counts(run)),
    run.canUndo
      ? h('button', { type: 'button', class: 'primary', 'data-testid': 'undo-confirm', disabled: busy, onclick: () => void undoRun(run) }, tx('viewUndo'))
      : h('div', { class: 'hint' }, tx('viewNewerFirst')),
    // Group colours can go on their own, the run's other changes staying.
    run.canUndo && run.counts.coloured
      ? h('button', { type: 'button', 'data-testid': 'clear-colours', disabled: busy, onclick: () => void clearColours() }, tx('clearColours'))
      : null,
  );
}

function keptList(): HTMLElement | null {
  if (!app.notice || !lastResult || lastResult.kept.length === 0) return null;
  const tx = u();
  return h(
    'div',
    { class: 'undo-kept', 'data-testid': 'undo-kept' },
    h('h3', {}, tx('viewKeptTitle')),
    h('ul', {}, ...lastResult.kept.map((k) => h('li', {}, tx('viewKeptLine', { cell: `${k.sheet}!${k.a1}`, column: k.column, cdm: k.cdm, now: k.now })))),
  );
}

export function undoView(): HTMLElement {
  const tx = u();
  const runs = app.state?.undoRuns;
  const canUndo = app.state?.canUndo ?? false;
  let body: HTMLElement | null;
  if (runs && runs.length) body = h('ul', { class: 'undo-runs', 'aria-label': tx('viewTitle') }, ...runs.map(runItem));
  else if (runs || !canUndo) body = app.notice ? null : h('p', { 'data-testid': 'undo-nothing' }, tx('viewNone'));
  else {
    // A server without the list (older version): the plain "undo last run".
    body = app.notice
      ? null
      : h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'primary', 'data-testid': 'undo-confirm', disabled: app.busy || app.running, onclick: () => void undo() }, t('undoConfirm')),
          h('button', { type: 'button', onclick: () => void showView('main') }, t('cancel')),
        );
  }
  return h(
    'section',
    { class: 'view view-undo', 'aria-labelledby': 'undo-title' },
    h('h2', { id: 'undo-title' }, tx('viewTitle')),
    h('p', {}, tx('viewIntro')),
    keptList(),
    body,
  );
}
