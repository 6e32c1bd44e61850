/** The intake form: link to it, its trigger, and which answers go to which customer column. */
import { app, createForm, removeTrigger } from '../app';
import { h, safeUrl } from '../dom';
import { t } from '../i18n';

export function formView(): HTMLElement {
  const info = app.form;
  const parts: Array<HTMLElement | null> = [];
  if (info === undefined) {
    parts.push(h('p', {}, t('loading')));
  } else if (info === null) {
    parts.push(
      h('p', {}, t('formNone')),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', 'data-testid': 'form-create', disabled: app.busy, onclick: () => void createForm() }, t('formCreate'))),
    );
  } else {
    const formUrl = safeUrl(info.formUrl);
    const editUrl = safeUrl(info.editUrl);
    parts.push(
      h(
        'p',
        { class: 'links-row' },
        formUrl ? h('a', { href: formUrl, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'form-link' }, t('formOpen')) : null,
        formUrl && editUrl ? ' · ' : null,
        editUrl ? h('a', { href: editUrl, target: '_blank', rel: 'noopener noreferrer' }, t('formEdit')) : null,
      ),
      h('p', { 'data-testid': 'form-trigger' }, info.triggerInstalled ? t('formTriggerOn') : t('formTriggerOff')),
      h(
        'div',
        { class: 'actions' },
        info.triggerInstalled
          ? h('button', { type: 'button', 'data-testid': 'form-remove-trigger', disabled: app.busy, onclick: () => void removeTrigger() }, t('formTriggerRemove'))
          : h('button', { type: 'button', class: 'primary', 'data-testid': 'form-install-trigger', disabled: app.busy, onclick: () => void createForm() }, t('formTriggerInstall')),
      ),
      h('p', { class: 'muted' }, t('formResponses', { sheet: info.responseSheet })),
      info.mapping.length
        ? h(
            'table',
            { class: 'grid', 'data-testid': 'form-mapping' },
            h('caption', {}, t('formMapping')),
            h('tbody', {}, ...info.mapping.map((m) => h('tr', {}, h('td', {}, m.response), h('td', { 'aria-hidden': 'true', class: 'arrow' }, '→'), h('td', {}, m.customer ?? t('formUnmapped'))))),
          )
        : null,
    );
  }
  return h('section', { class: 'view view-form', 'aria-labelledby': 'form-title' }, h('h2', { id: 'form-title' }, t('formTitle')), ...parts);
}
