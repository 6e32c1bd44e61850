/**
 * Preview before writing (Ablebits' "count before acting", made finer): what the run will
 * change, by kind — duplicates, values cleaned, gaps filled, values flagged, columns added —
 * with a few examples each (a Show link selects the row), and a choice per kind. Nothing is
 * written until Write; Cancel drops the run and leaves the sheet as it is.
 */
import type { PreviewKind, RunChoices } from '../../src/rpc';
import { app, render, selectRange } from '../app';
import { h } from '../dom';
import { t, type MessageKey } from '../i18n';
import { registerView } from '../registry';
import { cancelRun, confirmRun, setPreviewHandler } from '../run';

interface Choices {
  runId: string;
  duplicates: RunChoices['duplicates'];
  cleaned: boolean;
  filled: boolean;
  /** CDM columns the user unticked. */
  dropped: Set<string>;
}

let choices: Choices | null = null;

function choicesFor(runId: string): Choices {
  if (!choices || choices.runId !== runId) {
    choices = { runId, duplicates: app.options.mode === 'merge' ? 'merge' : 'flag', cleaned: true, filled: true, dropped: new Set() };
  }
  return choices;
}

/** What the user chose, as confirmRun takes it. */
export function runChoices(c: Choices, kinds: PreviewKind[]): RunChoices {
  const out: RunChoices = { duplicates: c.duplicates, cleaned: c.cleaned, filled: c.filled };
  const columns = kinds.find((k) => k.kind === 'columns')?.sample.map((s) => s.column) ?? [];
  if (c.dropped.size) out.columns = columns.filter((col) => !c.dropped.has(col));
  return out;
}

async function write(): Promise<void> {
  const p = app.progress;
  if (!p?.preview) return;
  await confirmRun(runChoices(choicesFor(p.runId), p.preview.kinds));
}

async function cancel(): Promise<void> {
  await cancelRun();
  choices = null;
}

const COUNT_KEY: Record<PreviewKind['kind'], MessageKey> = {
  duplicates: 'kindCountRows',
  cleaned: 'kindCountCells',
  filled: 'kindCountCells',
  flagged: 'kindCountCells',
  columns: 'kindCountColumns',
};

function sampleTable(kind: PreviewKind): HTMLElement {
  const sheet = app.state?.sheetName ?? '';
  if (!kind.sample.length) return h('p', { class: 'hint' }, t('previewEmptySample'));
  return h(
    'table',
    { class: 'grid sample-table' },
    h(
      'tbody',
      {},
      ...kind.sample.map((s) =>
        h(
          'tr',
          {},
          h(
            'td',
            { class: 'where' },
            s.row >= 2 && sheet
              ? h('button', { type: 'button', class: 'link', 'aria-label': t('previewShowRow', { row: s.row }), 'data-row': s.row, onclick: () => selectRange(sheet, `${s.row}:${s.row}`) }, t('previewSampleRow', { row: s.row }))
              : null,
            h('div', { class: 'muted' }, s.column),
          ),
          h(
            'td',
            {},
            // A flagged value is kept as typed: shown once, unchanged.
            s.old === s.new ? h('span', { class: 'kept-value' }, s.old) : null,
            s.old !== s.new && s.old !== '' ? h('del', {}, s.old) : null,
            s.old !== s.new && s.old !== '' && s.new !== '' ? h('span', { 'aria-hidden': 'true' }, ' → ') : null,
            s.old !== s.new && s.new !== '' ? h('ins', {}, s.new) : null,
            s.reason ? h('div', { class: 'hint' }, s.reason) : null,
          ),
        ),
      ),
    ),
  );
}

function choiceFor(kind: PreviewKind, c: Choices): HTMLElement | null {
  const check = (testid: string, checked: boolean, label: string, set: (v: boolean) => void) =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', 'data-testid': testid, checked, onchange: (ev: Event) => set((ev.target as HTMLInputElement).checked) }), ' ', label);
  switch (kind.kind) {
    case 'duplicates': {
      const radio = (value: RunChoices['duplicates'], label: MessageKey) =>
        h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'dup-choice', value, 'data-testid': `dup-${value}`, checked: c.duplicates === value, onchange: () => (c.duplicates = value) }), ' ', t(label));
      return h('div', { role: 'radiogroup', 'aria-label': t('kind_duplicates') }, radio('flag', 'dupChoiceFlag'), radio('merge', 'dupChoiceMerge'), radio('skip', 'dupChoiceSkip'));
    }
    case 'cleaned':
      return check('choice-cleaned', c.cleaned, t('choiceCleaned'), (v) => (c.cleaned = v));
    case 'filled':
      return check('choice-filled', c.filled, t('choiceFilled'), (v) => (c.filled = v));
    case 'flagged':
      return h('p', { class: 'hint' }, t('choiceFlaggedInfo'));
    case 'columns':
      return h(
        'div',
        {},
        h('div', { class: 'label' }, t('choiceColumns')),
        ...kind.sample.map((s) =>
          check(`choice-column-${s.column}`, !c.dropped.has(s.column), s.column, (v) => {
            if (v) c.dropped.delete(s.column);
            else c.dropped.add(s.column);
          }),
        ),
      );
    default:
      return null;
  }
}

export function previewView(): HTMLElement {
  const p = app.progress;
  const preview = p?.preview;
  const sheet = app.state?.sheetName ?? '';
  if (!p || !preview) {
    return h('section', { class: 'view view-preview' }, h('p', {}, app.running ? t('previewWorking') : t('previewNothing')));
  }
  const c = choicesFor(p.runId);
  const kinds = preview.kinds.filter((k) => k.count > 0);
  return h(
    'section',
    { class: 'view view-preview', 'aria-labelledby': 'preview-title', 'data-testid': 'preview' },
    h('h2', { id: 'preview-title' }, t('previewTitle')),
    h('p', { class: 'hint' }, t('previewHint', { sheet })),
    kinds.length === 0 ? h('p', { 'data-testid': 'preview-nothing' }, t('previewNothing')) : null,
    ...kinds.map((kind) =>
      h(
        'fieldset',
        { class: 'kind', 'data-testid': `preview-${kind.kind}` },
        h('legend', {}, t(`kind_${kind.kind}` as MessageKey), ' · ', h('span', { class: 'count', 'data-testid': 'kind-count' }, t(COUNT_KEY[kind.kind], { count: kind.count }))),
        kind.kind === 'columns' ? null : sampleTable(kind),
        choiceFor(kind, c),
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'preview-write', disabled: app.busy || app.running, onclick: () => void write() }, t('previewWrite')),
      h('button', { type: 'button', 'data-testid': 'preview-cancel', disabled: app.busy || app.running, onclick: () => void cancel() }, t('previewCancel')),
    ),
  );
}

registerView({ name: 'preview', tabOf: 'main', render: previewView });

// A run that stops before writing opens this panel.
setPreviewHandler((p) => {
  app.progress = p;
  app.view = 'preview';
  render();
});
