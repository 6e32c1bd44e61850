/** The start page: detected column roles (editable), run options, and the run buttons. */
import { UNDO_TEXT } from '../../src/i18n/undo';
import { translator } from '../../src/i18n/index';
import type { ColumnRole } from '../../src/core/table';
import type { StepName } from '../../src/rpc';
import { app } from '../app';
import { h } from '../dom';
import { ROLES, getLang, roleLabel, t } from '../i18n';
import { startRun } from '../run';
import { resultsPanel } from './results';

const STEPS: StepName[] = ['clean', 'dedupe', 'impute', 'analyze'];

export function mainView(): HTMLElement {
  const state = app.state;
  if (!state) return h('p', {}, t('loading'));
  const disabled = app.running || app.busy;
  return h(
    'section',
    { 'aria-labelledby': 'main-title', class: 'view view-main' },
    h('h2', { id: 'main-title', class: 'visually-hidden' }, t('tabClean')),
    h('p', { class: 'muted', 'data-testid': 'sheet-info' }, t('sheetInfo', { sheet: state.sheetName, rows: state.rows })),
    rolesTable(),
    optionsForm(),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'run-all', disabled, onclick: () => void startRun() }, t('primaryRun')),
    ),
    h(
      'fieldset',
      { class: 'steps' },
      h('legend', {}, t('stepsTitle')),
      ...STEPS.map((step) =>
        h('button', { type: 'button', 'data-testid': `run-${step}`, disabled, onclick: () => void startRun([step]) }, t(`step_${step}`)),
      ),
    ),
    app.summary ? resultsPanel(app.summary) : null,
  );
}

function rolesTable(): HTMLElement {
  const state = app.state!;
  const roles = app.options.roles ?? {};
  return h(
    'fieldset',
    { class: 'roles' },
    h('legend', {}, t('rolesTitle')),
    h('p', { class: 'hint' }, t('rolesHint')),
    h(
      'table',
      { class: 'grid' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('colColumn')), h('th', { scope: 'col' }, t('colRole')))),
      h(
        'tbody',
        {},
        ...state.roles.map((info, i) => {
          const id = `role-${i}`;
          const select = h(
            'select',
            {
              id,
              'data-column': info.column,
              title: t('detectedAs', { role: roleLabel(info.detected) }),
              onchange: (ev: Event) => {
                app.options.roles = { ...(app.options.roles ?? {}), [info.column]: (ev.target as HTMLSelectElement).value as ColumnRole };
              },
            },
            ...ROLES.map((role) => h('option', { value: role, selected: (roles[info.column] ?? info.role) === role }, roleLabel(role))),
          );
          return h(
            'tr',
            {},
            h(
              'td',
              {},
              h('label', { for: id, class: 'column-name' }, info.column),
              info.sample.length ? h('div', { class: 'sample' }, info.sample.slice(0, 2).join(' · ')) : null,
            ),
            h('td', {}, select),
          );
        }),
      ),
    ),
  );
}

function optionsForm(): HTMLElement {
  const o = app.options;
  const state = app.state!;
  const radio = (name: string, value: string, checked: boolean, label: string, onchange: () => void) =>
    h('label', { class: 'radio' }, h('input', { type: 'radio', name, value, checked, onchange }), ' ', label);
  return h(
    'fieldset',
    { class: 'options' },
    h('legend', {}, t('optionsTitle')),
    h(
      'div',
      { role: 'radiogroup', 'aria-label': t('modeLabel'), class: 'field' },
      h('div', { class: 'label' }, t('modeLabel')),
      radio('mode', 'flag', o.mode === 'flag', t('modeFlag'), () => (app.options.mode = 'flag')),
      radio('mode', 'merge', o.mode === 'merge', t('modeMerge'), () => (app.options.mode = 'merge')),
      // Duplicate groups in colour (flag mode; undo engineer — label in src/i18n/undo.ts).
      h(
        'label',
        { class: 'checkbox' },
        h('input', {
          type: 'checkbox',
          'data-testid': 'opt-colour-groups',
          checked: o.colourGroups === true,
          disabled: o.mode === 'merge',
          onchange: (ev: Event) => (app.options.colourGroups = (ev.target as HTMLInputElement).checked),
        }),
        ' ',
        translator(UNDO_TEXT, getLang())('colourGroups'),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'opt-region', class: 'label' }, t('regionLabel')),
      h('input', {
        id: 'opt-region',
        type: 'text',
        maxlength: 2,
        size: 3,
        value: o.region,
        'aria-describedby': 'opt-region-hint',
        autocomplete: 'off',
        oninput: (ev: Event) => {
          const v = (ev.target as HTMLInputElement).value.trim().toUpperCase();
          if (/^[A-Z]{2}$/.test(v)) app.options.region = v;
        },
      }),
      h('span', { id: 'opt-region-hint', class: 'hint' }, ' ', t('regionHint')),
    ),
    h(
      'div',
      { role: 'radiogroup', 'aria-label': t('inPlaceLabel'), class: 'field' },
      h('div', { class: 'label' }, t('inPlaceLabel')),
      radio('inplace', 'yes', o.inPlace, t('inPlaceYes'), () => (app.options.inPlace = true)),
      radio('inplace', 'no', !o.inPlace, t('inPlaceNo'), () => (app.options.inPlace = false)),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'opt-target', class: 'label' }, t('targetLabel')),
      h(
        'select',
        {
          id: 'opt-target',
          onchange: (ev: Event) => {
            const v = (ev.target as HTMLSelectElement).value;
            if (v) app.options.target = v;
            else delete app.options.target;
          },
        },
        h('option', { value: '', selected: !o.target }, t('targetNone')),
        ...state.roles.map((r) => h('option', { value: r.column, selected: o.target === r.column }, r.column)),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'opt-k', class: 'label' }, t('kLabel')),
      h(
        'select',
        {
          id: 'opt-k',
          onchange: (ev: Event) => {
            const v = (ev.target as HTMLSelectElement).value;
            app.options.k = v === 'auto' ? 'auto' : Number(v);
          },
        },
        h('option', { value: 'auto', selected: o.k === 'auto' }, t('kAuto')),
        ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => h('option', { value: k, selected: o.k === k }, String(k))),
      ),
    ),
  );
}
