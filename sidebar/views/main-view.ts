/** The start page: detected column roles (editable), run options, and the run buttons. */
import type { ColumnRole } from '../../src/core/table';
import type { StepName } from '../../src/rpc';
import { app, render, showView } from '../app';
import { call, errorMessage } from '../server';
import { h } from '../dom';
import { ROLES, roleLabel, t } from '../i18n';
import { registerView } from '../registry';
import { startRun } from '../run';
import { resultsPanel } from './results';

const STEPS: StepName[] = ['clean', 'dedupe', 'impute', 'analyze'];

/** Roles whose columns can be predicted when the server does not say (older servers). */
const PREDICTABLE: ColumnRole[] = ['money', 'count', 'number', 'boolean'];

export function mainView(): HTMLElement {
  const state = app.state;
  if (!state) return h('p', {}, t('loading'));
  const disabled = app.running || app.busy;
  return h(
    'section',
    { 'aria-labelledby': 'main-title', class: 'view view-main' },
    h('h2', { id: 'main-title', class: 'visually-hidden' }, t('tabClean')),
    h('p', { class: 'muted', 'data-testid': 'sheet-info' }, t('sheetInfo', { sheet: state.sheetName, rows: state.rows })),
    waitingPreview(),
    rolesTable(),
    optionsForm(),
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', id: 'opt-preview', 'data-testid': 'opt-preview', checked: app.previewFirst, onchange: (ev: Event) => (app.previewFirst = (ev.target as HTMLInputElement).checked) }),
      ' ',
      t('previewFirst'),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'run-all', disabled, onclick: () => void startRun(undefined, previewExtra()) }, t('primaryRun')),
    ),
    h(
      'fieldset',
      { class: 'steps' },
      h('legend', {}, t('stepsTitle')),
      ...STEPS.map((step) =>
        h('button', { type: 'button', 'data-testid': `run-${step}`, disabled, onclick: () => void startRun([step], previewExtra()) }, t(`step_${step}`)),
      ),
    ),
    app.summary ? resultsPanel(app.summary) : null,
  );
}

/** Stop before writing and show the preview, unless the user turned it off. */
const previewExtra = () => (app.previewFirst ? { preview: true } : {});

/** A run stopped for the user's look before writing: back to its preview. */
function waitingPreview(): HTMLElement | null {
  const p = app.progress;
  if (!p?.preview || p.done || app.running) return null;
  return h(
    'div',
    { class: 'banner notice', 'data-testid': 'preview-waiting' },
    t('previewTitle'),
    ' ',
    h('button', { type: 'button', class: 'link', onclick: () => void showView('preview') }, t('show')),
  );
}

/**
 * The role chosen for a column is remembered for this sheet (setColumnRole; null = automatic
 * again); the answer is the refreshed mapping with each role's reason.
 */
async function rememberRole(column: string, role: ColumnRole | null): Promise<void> {
  try {
    const roles = await call('setColumnRole', column, role);
    if (app.state) app.state = { ...app.state, roles };
  } catch (e) {
    app.error = errorMessage(e);
  }
  render();
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
          const chosen = roles[info.column] ?? info.role;
          const choices = ROLES.includes(chosen) ? ROLES : [...ROLES, chosen];
          const select = h(
            'select',
            {
              id,
              'data-column': info.column,
              title: t('detectedAs', { role: roleLabel(info.detected) }),
              'aria-describedby': info.reason ? `${id}-why` : undefined,
              onchange: (ev: Event) => {
                const role = (ev.target as HTMLSelectElement).value as ColumnRole;
                app.options.roles = { ...(app.options.roles ?? {}), [info.column]: role };
                void rememberRole(info.column, role === info.detected ? null : role);
              },
            },
            ...choices.map((role) => h('option', { value: role, selected: chosen === role }, roleLabel(role))),
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
            h('td', {}, select, info.reason ? h('div', { id: `${id}-why`, class: 'hint why' }, info.reason) : null),
          );
        }),
      ),
    ),
  );
}

/** Columns the user may ask CDM to predict: the server's list (numbers or yes/no answers). */
export function predictionTargets(): string[] {
  const state = app.state!;
  if (state.targets) return state.targets;
  return state.roles.filter((r) => PREDICTABLE.includes(r.role)).map((r) => r.column);
}

function optionsForm(): HTMLElement {
  const o = app.options;
  const radio = (name: string, value: string, checked: boolean, label: string, onchange: () => void, hintId?: string) =>
    h('label', { class: 'radio' }, h('input', { type: 'radio', name, value, checked, onchange, 'aria-describedby': hintId }), ' ', label);
  const targets = predictionTargets();
  const inPlaceHint = () => (app.options.inPlace ? t('inPlaceYesHint') : t('inPlaceNoHint'));
  const hint = h('p', { id: 'opt-inplace-hint', class: 'hint', 'data-testid': 'inplace-hint', 'aria-live': 'polite' }, inPlaceHint());
  const setInPlace = (v: boolean) => {
    app.options.inPlace = v;
    hint.textContent = inPlaceHint();
  };
  return h(
    'fieldset',
    { class: 'options' },
    h('legend', {}, t('optionsTitle')),
    h(
      'div',
      { role: 'radiogroup', 'aria-label': t('modeLabel'), class: 'field' },
      h('div', { class: 'label' }, t('modeLabel')),
      radio('mode', 'flag', o.mode === 'flag', t('modeFlag'), () => (app.options.mode = 'flag')),
      radio('mode', 'merge', o.mode === 'merge', t('modeMerge'), () => ((app.options.mode = 'merge'), render()), 'opt-mode-hint'),
      h('p', { id: 'opt-mode-hint', class: 'hint' }, t('modeHint')),
      // Duplicate groups in colour (flag mode only: merged groups are one row; undo engineer's server work).
      h(
        'label',
        { class: 'check' },
        h('input', {
          type: 'checkbox',
          id: 'opt-colour',
          'data-testid': 'opt-colour-groups',
          checked: o.colourGroups === true && o.mode !== 'merge',
          disabled: o.mode === 'merge',
          'aria-describedby': 'opt-colour-hint',
          onchange: (ev: Event) => {
            if ((ev.target as HTMLInputElement).checked) app.options.colourGroups = true;
            else delete app.options.colourGroups;
          },
        }),
        ' ',
        t('colourGroups'),
      ),
      h('p', { id: 'opt-colour-hint', class: 'hint' }, t('colourGroupsHint')),
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
      radio('inplace', 'yes', o.inPlace, t('inPlaceYes'), () => setInPlace(true), 'opt-inplace-hint'),
      radio('inplace', 'no', !o.inPlace, t('inPlaceNo'), () => setInPlace(false), 'opt-inplace-hint'),
      hint,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'opt-target', class: 'label' }, t('targetLabel')),
      h(
        'select',
        {
          id: 'opt-target',
          'aria-describedby': 'opt-target-hint',
          onchange: (ev: Event) => {
            const v = (ev.target as HTMLSelectElement).value;
            if (v) app.options.target = v;
            else delete app.options.target;
          },
        },
        h('option', { value: '', selected: !o.target }, t('targetNone')),
        ...targets.map((column) => h('option', { value: column, selected: o.target === column }, column)),
      ),
      h('p', { id: 'opt-target-hint', class: 'hint' }, targets.length ? t('targetHint') : t('targetNoneAvailable')),
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

registerView({ name: 'main', tab: 'tabClean', order: 10, render: mainView });
