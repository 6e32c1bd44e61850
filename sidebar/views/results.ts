/**
 * What the last run did, each figure linking to exactly the cells it describes. The server
 * sends its links with a kind (RunSummary.links); a figure uses the link of its kind, so the
 * match does not depend on the language of the labels. Below: RFM and churn risk explained
 * side by side, because they answer different questions and can seem to disagree.
 */
import type { LinkKind, LinkTarget, RunSummary } from '../../src/rpc';
import { app, selectRange } from '../app';
import { h } from '../dom';
import { t, type MessageKey } from '../i18n';

interface Figure {
  testid: string;
  label: string;
  value: string | number;
  kinds: LinkKind[];
}

export function findLink(links: LinkTarget[], kinds: LinkKind[]): LinkTarget | null {
  for (const kind of kinds) {
    const hit = links.find((l) => l.kind === kind);
    if (hit) return hit;
  }
  return null;
}

function linkButton(target: LinkTarget | null, what: string, testid?: string): HTMLElement | null {
  if (!target) return null;
  return h(
    'button',
    {
      type: 'button',
      class: 'link',
      'aria-label': t('showWhat', { what }),
      'data-sheet': target.sheet,
      'data-a1': target.a1,
      'data-testid': testid,
      onclick: () => selectRange(target.sheet, target.a1),
    },
    t('show'),
  );
}

export function resultsPanel(summary: RunSummary): HTMLElement {
  const links = summary.links ?? [];
  const sheet = findLink(links, ['rows'])?.sheet ?? app.state?.sheetName ?? '';
  const figures: Figure[] = [
    { testid: 'res-rows', label: t('resRows'), value: summary.rows, kinds: ['rows'] },
    { testid: 'res-dup-found', label: t('resDuplicatesFound'), value: summary.duplicatesFound, kinds: ['duplicates'] },
    { testid: 'res-dup-merged', label: t('resDuplicatesMerged'), value: summary.duplicatesMerged, kinds: ['merged'] },
    { testid: 'res-review', label: t('resReviewPairs'), value: summary.reviewPairs, kinds: ['review'] },
    { testid: 'res-normalised', label: t('resNormalised'), value: summary.valuesNormalised, kinds: ['cleaned'] },
    { testid: 'res-imputed', label: t('resImputed'), value: summary.cellsImputed, kinds: ['filled'] },
  ];
  const r2 = summary.r2cv === null || summary.r2cv === undefined ? t('resR2None') : summary.r2cv.toFixed(2);
  return h(
    'section',
    { class: 'results', 'aria-labelledby': 'results-title', 'data-testid': 'results' },
    h('h3', { id: 'results-title' }, t('resultsTitle')),
    h(
      'dl',
      { class: 'figures' },
      ...figures
        .filter((f) => f.testid !== 'res-dup-merged' || summary.duplicatesMerged > 0)
        .map((f) =>
          h(
            'div',
            { class: 'figure', 'data-testid': f.testid },
            h('dt', {}, f.label),
            // A zero has nothing to show.
            h('dd', {}, h('span', { class: 'value' }, String(f.value)), ' ', f.value ? linkButton(findLink(links, f.kinds), f.label) : null),
          ),
        ),
      h(
        'div',
        { class: 'figure', 'data-testid': 'res-r2' },
        h('dt', {}, t('resR2')),
        h('dd', {}, h('span', { class: 'value' }, r2), ' ', linkButton(findLink(links, ['prediction', 'analysis']), t('resR2'))),
      ),
    ),
    summary.segments.length
      ? h(
          'div',
          { class: 'block', 'data-testid': 'res-segments' },
          h('h4', {}, t('resSegments'), ' ', linkButton(findLink(links, ['segments', 'analysis']), t('resSegments'))),
          h('ul', { class: 'segments' }, ...summary.segments.map((s) => segmentItem(s, summary))),
        )
      : null,
    summary.topChurn.length
      ? h(
          'div',
          { class: 'block', 'data-testid': 'res-churn' },
          h('h4', {}, t('resChurn')),
          h(
            'ol',
            { class: 'churn' },
            ...summary.topChurn.map((c) =>
              h(
                'li',
                { title: c.reason },
                t('resChurnItem', { name: c.name, row: c.row, risk: c.risk }),
                ' ',
                // The whole row of that customer, as the user numbers rows (the header is row 1).
                sheet && c.row >= 2 ? linkButton({ label: c.name, sheet, a1: `${c.row}:${c.row}` }, c.name) : null,
              ),
            ),
          ),
        )
      : null,
    summary.segments.length || summary.topChurn.length ? explainRfmAndChurn() : null,
    links.length
      ? h(
          'div',
          { class: 'block' },
          h('h4', {}, t('resLinks')),
          h('ul', { class: 'links' }, ...links.map((l) => h('li', {}, h('button', { type: 'button', class: 'link', 'data-kind': l.kind ?? '', onclick: () => selectRange(l.sheet, l.a1) }, l.label)))),
        )
      : null,
    summary.messages.length
      ? h('div', { class: 'block' }, h('h4', {}, t('resMessages')), h('ul', { class: 'messages' }, ...summary.messages.map((m) => h('li', {}, m))))
      : null,
  );
}

/** RFM (value so far) and churn risk (silence now), side by side. */
export function explainRfmAndChurn(): HTMLElement {
  const card = (title: MessageKey, body: MessageKey, testid: string) =>
    h('div', { class: 'explain-card', 'data-testid': testid }, h('h5', {}, t(title)), h('p', {}, t(body)));
  return h(
    'details',
    { class: 'block explain-both', 'data-testid': 'explain-rfm-churn', open: true },
    h('summary', {}, t('explainTitle')),
    h('div', { class: 'side-by-side' }, card('explainRfmTitle', 'explainRfm', 'explain-rfm'), card('explainChurnTitle', 'explainChurn', 'explain-churn')),
    h('p', { class: 'hint' }, t('explainBoth')),
  );
}

function segmentItem(s: RunSummary['segments'][number], summary: RunSummary): HTMLElement {
  const total = summary.segments.reduce((n, x) => n + x.size, 0) || 1;
  const pct = Math.round((100 * s.size) / total);
  return h(
    'li',
    {},
    h('span', {}, t('resSegmentSize', { name: s.name, size: s.size })),
    h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', style: `width:${pct}%` })),
  );
}
