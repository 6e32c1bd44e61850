/** What CDM does, in three paragraphs, and RFM against churn risk. */
import { h } from '../dom';
import { t } from '../i18n';
import { registerView } from '../registry';
import { explainRfmAndChurn } from './results';

export function helpView(): HTMLElement {
  return h(
    'section',
    { class: 'view view-help', 'aria-labelledby': 'help-title' },
    h('h2', { id: 'help-title' }, t('helpTitle')),
    h('p', {}, t('helpBody1')),
    h('p', {}, t('helpBody2')),
    h('p', {}, t('helpBody3')),
    explainRfmAndChurn(),
  );
}

registerView({ name: 'help', tab: 'tabHelp', order: 50, render: helpView, standalone: true });
