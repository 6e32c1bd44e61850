/** The review queue: two records side by side, why CDM thinks they match, Accept / Reject. */
import type { ReviewPair } from '../../src/rpc';
import { app, decide } from '../app';
import { h } from '../dom';
import { t } from '../i18n';

export function reviewView(): HTMLElement {
  const pairs = app.review;
  const body: Array<HTMLElement | null> = [];
  if (!pairs) body.push(h('p', {}, t('loading')));
  else if (pairs.length === 0) body.push(h('p', { 'data-testid': 'review-empty' }, t('reviewEmpty')));
  else body.push(pairView(pairs[0], 1, Math.max(pairs.length, app.state?.reviewCount ?? 0)));
  return h(
    'section',
    { class: 'view view-review', 'aria-labelledby': 'review-title' },
    h('h2', { id: 'review-title' }, t('reviewTitle')),
    h('p', { class: 'hint' }, t('reviewHint')),
    ...body,
  );
}

function pairView(pair: ReviewPair, index: number, count: number): HTMLElement {
  const fields: string[] = [];
  for (const k of [...Object.keys(pair.a.values), ...Object.keys(pair.b.values)]) if (!fields.includes(k)) fields.push(k);
  const maxWeight = Math.max(1e-9, ...pair.explanation.map((e) => Math.abs(e.weight)));
  return h(
    'div',
    { class: 'pair', 'data-testid': 'review-pair', 'data-pair-id': pair.id },
    h('p', { class: 'muted' }, t('reviewCount', { index, count }), ' · ', t('reviewScore', { score: formatScore(pair.score) })),
    h(
      'table',
      { class: 'grid compare' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('colColumn')),
          h('th', { scope: 'col' }, t('reviewRecordA', { row: pair.a.row })),
          h('th', { scope: 'col' }, t('reviewRecordA', { row: pair.b.row })),
        ),
      ),
      h(
        'tbody',
        {},
        ...fields.map((f) => {
          const a = pair.a.values[f] ?? '';
          const b = pair.b.values[f] ?? '';
          return h('tr', { class: a === b ? 'same' : 'differs' }, h('th', { scope: 'row' }, f), h('td', {}, a), h('td', {}, b));
        }),
      ),
    ),
    h('h3', {}, t('reviewWhy')),
    h(
      'ul',
      { class: 'explain' },
      ...pair.explanation.map((e) => {
        const pct = Math.round((100 * Math.abs(e.weight)) / maxWeight);
        return h(
          'li',
          { class: e.weight >= 0 ? 'for' : 'against' },
          h('span', { class: 'explain-text' }, t('reviewLevel', { field: e.field, level: e.level })),
          h('span', { class: 'weight' }, (e.weight >= 0 ? '+' : '') + e.weight.toFixed(1)),
          h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', style: `width:${pct}%` })),
        );
      }),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'review-accept', disabled: app.busy, onclick: () => void decide(pair.id, 'accept') }, t('accept')),
      h('button', { type: 'button', 'data-testid': 'review-reject', disabled: app.busy, onclick: () => void decide(pair.id, 'reject') }, t('reject')),
    ),
  );
}

function formatScore(score: number): string {
  return Number.isFinite(score) ? (Math.abs(score) <= 1 ? score.toFixed(2) : score.toFixed(1)) : '?';
}
