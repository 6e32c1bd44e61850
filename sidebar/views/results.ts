/**
 * What the last run did, each figure linking to the sheet or range it describes. The server
 * sends its own links (RunSummary.links); a figure uses the first link whose label names it,
 * else the CDM sheet where design.md says that figure lives.
 */
import type { LinkTarget, RunSummary } from '../../src/rpc';
import { app, selectRange } from '../app';
import { h } from '../dom';
import { t } from '../i18n';

interface Figure {
  testid: string;
  label: string;
  value: string | number;
  keywords: RegExp;
  fallback: LinkTarget | null;
}

const AUDIT: LinkTarget = { label: 'CDM Audit', sheet: 'CDM Audit', a1: 'A1' };
const ANALYSIS: LinkTarget = { label: 'CDM Analysis', sheet: 'CDM Analysis', a1: 'A1' };
const REVIEW: LinkTarget = { label: 'CDM Review', sheet: 'CDM Review', a1: 'A1' };
const REMOVED: LinkTarget = { label: 'CDM Removed', sheet: 'CDM Removed', a1: 'A1' };

export function findLink(links: LinkTarget[], keywords: RegExp): LinkTarget | null {
  return links.find((l) => keywords.test(l.label)) ?? null;
}

function linkButton(target: LinkTarget | null, what: string): HTMLElement | null {
  if (!target) return null;
  return h(
    'button',
    {
      type: 'button',
      class: 'link',
      'aria-label': `${t('show')}: ${what}`,
      'data-sheet': target.sheet,
      'data-a1': target.a1,
      onclick: () => selectRange(target.sheet, target.a1),
    },
    t('show'),
  );
}

export function resultsPanel(summary: RunSummary): HTMLElement {
  const links = summary.links ?? [];
  const sheet = app.state?.sheetName ?? '';
  const figures: Figure[] = [
    { testid: 'res-rows', label: t('resRows'), value: summary.rows, keywords: /^(rows?|customers)\b/i, fallback: sheet ? { label: sheet, sheet, a1: 'A1' } : null },
    { testid: 'res-dup-found', label: t('resDuplicatesFound'), value: summary.duplicatesFound, keywords: /duplicate|cdm columns/i, fallback: AUDIT },
    { testid: 'res-dup-merged', label: t('resDuplicatesMerged'), value: summary.duplicatesMerged, keywords: /merge|removed/i, fallback: REMOVED },
    { testid: 'res-review', label: t('resReviewPairs'), value: summary.reviewPairs, keywords: /review/i, fallback: REVIEW },
    { testid: 'res-normalised', label: t('resNormalised'), value: summary.valuesNormalised, keywords: /normali[sz]|clean/i, fallback: AUDIT },
    { testid: 'res-imputed', label: t('resImputed'), value: summary.cellsImputed, keywords: /imput|fill|blank/i, fallback: AUDIT },
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
            h('dd', {}, h('span', { class: 'value' }, String(f.value)), ' ', linkButton(findLink(links, f.keywords) ?? f.fallback, f.label)),
          ),
        ),
      h(
        'div',
        { class: 'figure', 'data-testid': 'res-r2' },
        h('dt', {}, t('resR2')),
        h('dd', {}, h('span', { class: 'value' }, r2), ' ', linkButton(findLink(links, /r²|r2|regress|predict|analysis/i) ?? ANALYSIS, t('resR2'))),
      ),
    ),
    summary.segments.length
      ? h(
          'div',
          { class: 'block', 'data-testid': 'res-segments' },
          h('h4', {}, t('resSegments'), ' ', linkButton(findLink(links, /segment|cluster|analysis/i) ?? ANALYSIS, t('resSegments'))),
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
                sheet ? linkButton({ label: c.name, sheet, a1: `A${c.row}:${c.row}` }, c.name) : null,
              ),
            ),
          ),
        )
      : null,
    links.length
      ? h(
          'div',
          { class: 'block' },
          h('h4', {}, t('resLinks')),
          h('ul', { class: 'links' }, ...links.map((l) => h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => selectRange(l.sheet, l.a1) }, l.label)))),
        )
      : null,
    summary.messages.length
      ? h('div', { class: 'block' }, h('h4', {}, t('resMessages')), h('ul', { class: 'messages' }, ...summary.messages.map((m) => h('li', {}, m))))
      : null,
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
