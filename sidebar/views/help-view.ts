import { h } from '../dom';
import { t } from '../i18n';

export function helpView(): HTMLElement {
  return h(
    'section',
    { class: 'view view-help', 'aria-labelledby': 'help-title' },
    h('h2', { id: 'help-title' }, t('helpTitle')),
    h('p', {}, t('helpBody1')),
    h('p', {}, t('helpBody2')),
    h('p', {}, t('helpBody3')),
  );
}
