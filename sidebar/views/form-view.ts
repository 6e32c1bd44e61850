/**
 * The intake form: first a preview of every question it will ask (and the columns it leaves
 * off, with why), then Create; once made, its links, its trigger, and which answers go to
 * which customer column.
 */
import type { FormInfo, FormPreview } from '../../src/rpc';
import { app, guarded } from '../app';
import { h, safeUrl } from '../dom';
import { t, type MessageKey } from '../i18n';
import { registerView } from '../registry';
import { call } from '../server';

const form = {
  info: undefined as FormInfo | null | undefined,
  preview: null as FormPreview | null,
};

export async function loadForm(): Promise<void> {
  await guarded(
    () => call('getFormInfo'),
    (info) => (form.info = info),
  );
}

async function previewForm(): Promise<void> {
  await guarded(
    () => call('previewIntakeForm'),
    (p) => (form.preview = p),
  );
}

async function createForm(): Promise<void> {
  await guarded(
    () => call('createIntakeForm'),
    (info) => {
      form.info = info;
      form.preview = null;
    },
  );
}

async function removeTrigger(): Promise<void> {
  await guarded(
    () => call('removeFormTrigger'),
    (info) => (form.info = info),
  );
}

function previewPanel(p: FormPreview): HTMLElement {
  return h(
    'div',
    { class: 'form-preview', 'data-testid': 'form-preview' },
    h('h3', {}, t('formPreviewTitle')),
    h('p', { class: 'hint' }, t('formPreviewFrom', { sheet: p.sheet })),
    h(
      'ol',
      { class: 'questions', 'data-testid': 'form-questions' },
      ...p.questions.map((q) =>
        h(
          'li',
          { 'data-kind': q.kind },
          h('span', { class: 'q-title' }, q.title),
          ' ',
          h('span', { class: 'muted' }, `(${t(`formKind_${q.kind}` as MessageKey)}${q.required ? ` · ${t('formRequired')}` : ''})`),
          q.choices.length ? h('div', { class: 'sample' }, q.choices.join(' · ')) : null,
        ),
      ),
    ),
    h('p', { class: 'hint', 'data-testid': 'form-consent-note' }, t('formConsentNote', { column: p.consentColumn })),
    p.skipped.length
      ? h(
          'details',
          { 'data-testid': 'form-skipped' },
          h('summary', {}, `${t('formPreviewSkipped')} (${p.skipped.length})`),
          h('ul', { class: 'skipped' }, ...p.skipped.map((s) => h('li', {}, h('span', { class: 'column-name' }, s.column), ': ', s.reason))),
        )
      : null,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'form-create', disabled: app.busy, onclick: () => void createForm() }, t('formCreateThis')),
      h('button', { type: 'button', 'data-testid': 'form-preview-cancel', onclick: () => ((form.preview = null), void loadForm()) }, t('cancel')),
    ),
  );
}

export function formView(): HTMLElement {
  const info = form.info;
  const parts: Array<HTMLElement | null> = [];
  if (info === undefined) {
    parts.push(h('p', {}, t('loading')));
  } else if (info === null && form.preview) {
    parts.push(previewPanel(form.preview));
  } else if (info === null) {
    parts.push(
      h('p', {}, t('formNone')),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'primary', 'data-testid': 'form-preview-open', disabled: app.busy, onclick: () => void previewForm() }, t('formPreview')),
      ),
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

registerView({ name: 'form', tab: 'tabForm', order: 30, render: formView, enter: loadForm });
