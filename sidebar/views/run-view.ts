/**
 * The run card: which run, its step and progress bar, and what the user can do with it —
 * Resume an unfinished run, Cancel it (the sheet stays exactly as before the run), confirm a
 * preview — and, once done, its results. Any sidebar that opens shows it for an unfinished
 * run (sidebar/run.ts openRun).
 */
import type { RunProgress } from '../../src/rpc';
import { runText, type RunTextKey } from '../../src/i18n/run';
import { app, showView } from '../app';
import { h } from '../dom';
import { getLang, t } from '../i18n';
import { cancelRun, confirmRun, resumeRun, runUi } from '../run';
import { resultsPanel } from './results';

const rt = (key: RunTextKey, params?: Record<string, string | number>) => runText(getLang())(key, params);

/** The step in the user's language (the server sends its key). */
function stepName(p: RunProgress): string {
  const key = `step_${p.stepKey ?? ''}` as RunTextKey;
  return p.stepKey && rt(key) !== key ? rt(key) : p.step;
}

function when(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  try {
    return d.toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    return d.toISOString().slice(0, 16).replace('T', ' ');
  }
}

function statusLine(p: RunProgress | null): string {
  if (!p) return app.running ? t('runStarting') : '';
  if (p.error) return t('runFailed', { error: p.error });
  if (p.phase === 'cancelled') return rt('cardCancelled');
  if (p.done) return t('runDone');
  if (p.phase === 'preview') return stepName(p);
  return t('runStep', { index: Math.min(p.stepIndex + 1, p.stepCount), count: p.stepCount, step: stepName(p) });
}

function previewBlock(p: RunProgress): HTMLElement | null {
  const preview = p.preview;
  if (!preview || p.phase !== 'preview') return null;
  const shown = preview.kinds.filter((k) => k.count > 0);
  return h(
    'section',
    { class: 'block', 'data-testid': 'run-preview', 'aria-labelledby': 'preview-title' },
    h('h3', { id: 'preview-title' }, rt('previewTitle')),
    shown.length
      ? h('ul', {}, ...shown.map((k) => h('li', { 'data-kind': k.kind }, `${rt(`kind_${k.kind}` as RunTextKey)}: ${k.count}`)))
      : h('p', {}, rt('previewNothing')),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'primary', 'data-testid': 'run-confirm', disabled: app.running || runUi.cancelling, onclick: () => void confirmRun({ duplicates: 'flag', cleaned: true, filled: true }) },
        rt('confirmWrite'),
      ),
    ),
  );
}

export function runView(): HTMLElement {
  const p = app.progress;
  const pct = Math.round(100 * app.shownFraction);
  const status = statusLine(p);
  const unfinished = !!p && !p.done && !p.error;
  const canResume = unfinished && !app.running && p.phase !== 'preview' && !runUi.cancelling;
  const notes: string[] = [];
  if (p?.note) notes.push(p.note);
  if (unfinished && runUi.elsewhere) notes.push(rt('cardWorking'));
  else if (canResume) notes.push(rt('cardUnfinished'));
  if (unfinished && app.running) notes.push(p.background === false ? rt('cardKeepOpen') : rt('cardBackground'));
  return h(
    'section',
    { class: 'view view-run', 'aria-labelledby': 'run-title', 'data-testid': 'run-card', 'data-phase': p?.phase ?? '' },
    h('h2', { id: 'run-title' }, t('runTitle')),
    p?.startedAt ? h('p', { class: 'muted', 'data-testid': 'run-started' }, rt('cardStarted', { time: when(p.startedAt), sheet: p.sheetName ?? '' })) : null,
    h(
      'div',
      {
        class: 'progress',
        role: 'progressbar',
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': pct,
        'aria-valuetext': `${pct}% ${status}`,
        'aria-labelledby': 'run-status',
        'data-testid': 'progress',
      },
      h('div', { class: 'progress-fill', style: `width:${pct}%` }),
    ),
    h('p', { id: 'run-status', class: 'status', 'aria-live': 'polite', 'data-testid': 'run-status' }, status),
    ...notes.map((n) => h('p', { class: 'hint', 'data-testid': 'run-note' }, n)),
    p ? previewBlock(p) : null,
    unfinished
      ? h(
          'div',
          { class: 'actions' },
          canResume ? h('button', { type: 'button', class: 'primary', 'data-testid': 'run-resume', onclick: () => void resumeRun() }, rt('resume')) : null,
          h(
            'button',
            { type: 'button', 'data-testid': 'run-cancel', disabled: runUi.cancelling, onclick: () => void cancelRun() },
            runUi.cancelling ? rt('cancelling') : rt('cancel'),
          ),
        )
      : null,
    app.summary && p?.done && p.phase !== 'cancelled' && !p.error ? resultsPanel(app.summary) : null,
    !app.running && !unfinished ? h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => void showView('main') }, t('backToOptions'))) : null,
  );
}
