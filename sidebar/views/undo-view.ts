/** Undo asks first: it replaces the whole sheet with the backup taken before the last run. */
import { app, showView, undo } from '../app';
import { h } from '../dom';
import { t } from '../i18n';

export function undoView(): HTMLElement {
  const canUndo = app.state?.canUndo ?? false;
  return h(
    'section',
    { class: 'view view-undo', 'aria-labelledby': 'undo-title' },
    h('h2', { id: 'undo-title' }, t('undoTitle')),
    app.notice ? null : canUndo ? h('p', {}, t('undoExplain')) : h('p', { 'data-testid': 'undo-nothing' }, t('undoNothing')),
    canUndo && !app.notice
      ? h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'primary', 'data-testid': 'undo-confirm', disabled: app.busy || app.running, onclick: () => void undo() }, t('undoConfirm')),
          h('button', { type: 'button', onclick: () => void showView('main') }, t('cancel')),
        )
      : null,
  );
}
