/** The progress of the current run (a real bar with the step) and, once done, its results. */
import { app, showView } from '../app';
import { h } from '../dom';
import { t } from '../i18n';
import { resultsPanel } from './results';

export function runView(): HTMLElement {
  const p = app.progress;
  const pct = Math.round(100 * app.shownFraction);
  let status: string;
  if (p?.error) status = t('runFailed', { error: p.error });
  else if (p?.done) status = t('runDone');
  else if (p) status = t('runStep', { index: Math.min(p.stepIndex + 1, p.stepCount), count: p.stepCount, step: p.step });
  else status = app.running ? t('runStarting') : '';
  return h(
    'section',
    { class: 'view view-run', 'aria-labelledby': 'run-title' },
    h('h2', { id: 'run-title' }, t('runTitle')),
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
    app.summary && p?.done ? resultsPanel(app.summary) : null,
    !app.running ? h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => void showView('main') }, t('backToOptions'))) : null,
  );
}
