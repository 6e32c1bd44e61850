/**
 * The review queue, like HubSpot's duplicate review and better: two records side by side, why
 * CDM thinks they match, Same / Different, and "merge and review next". Skip and Back move
 * through the queue without deciding; the keyboard does it all (Y, N, →, ←); a differing field
 * can be given the value it keeps when the pair is merged; every pair above a score can be
 * accepted at once. The counter counts the queue as it was loaded, so it never jumps.
 */
import type { FieldChoices, ReviewPair } from '../../src/rpc';
import { app, guarded, render, selectRange } from '../app';
import { h } from '../dom';
import { t } from '../i18n';
import { registerView } from '../registry';
import { call } from '../server';

interface Item {
  pair: ReviewPair;
  decision: 'accept' | 'reject' | null;
  skipped: boolean;
  fields: FieldChoices;
}

const review = {
  items: null as Item[] | null,
  at: 0,
  bulkScore: 0.9,
};

const BULK_SCORES = [0.99, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5];

/** Loads the queue; pairs already on screen keep their place and any choice made. */
export async function loadReview(): Promise<void> {
  await guarded(
    () => call('getReviewQueue'),
    (pairs) => {
      const before = new Map((review.items ?? []).map((i) => [i.pair.id, i]));
      const kept = (review.items ?? []).filter((i) => i.decision !== null);
      const fresh = pairs.filter((p) => !kept.some((k) => k.pair.id === p.id)).map((p) => before.get(p.id) ?? { pair: p, decision: null, skipped: false, fields: {} });
      const current = review.items?.[review.at]?.pair.id;
      review.items = [...kept, ...fresh];
      const at = review.items.findIndex((i) => i.pair.id === current);
      review.at = at >= 0 ? at : review.items.findIndex((i) => i.decision === null);
      if (review.at < 0) review.at = 0;
    },
  );
}

const undecided = (): Item[] => (review.items ?? []).filter((i) => i.decision === null);

/** The next pair still waiting after the current one (wrapping round), or -1. */
function nextWaiting(from: number): number {
  const items = review.items ?? [];
  for (let k = 1; k <= items.length; k++) {
    const i = (from + k) % items.length;
    if (items[i].decision === null) return i;
  }
  return -1;
}

async function decide(item: Item, decision: 'accept' | 'reject'): Promise<void> {
  const fields = decision === 'accept' && Object.keys(item.fields).length ? item.fields : undefined;
  const res = await guarded(
    () => (fields ? call('decideReview', item.pair.id, decision, fields) : call('decideReview', item.pair.id, decision)),
    (r) => {
      item.decision = decision;
      item.skipped = false;
      if (app.state) app.state = { ...app.state, reviewCount: r.remaining };
    },
  );
  if (!res) return;
  const next = nextWaiting(review.at);
  if (next >= 0) review.at = next;
  render();
  focusCard();
}

function move(step: number, skip: boolean): void {
  const items = review.items ?? [];
  if (!items.length) return;
  if (skip && items[review.at].decision === null) items[review.at].skipped = true;
  review.at = Math.max(0, Math.min(items.length - 1, review.at + step));
  render();
  focusCard();
}

async function bulkAccept(): Promise<void> {
  const chosen = undecided().filter((i) => i.pair.score >= review.bulkScore);
  if (!chosen.length) return;
  const res = await guarded(
    () => call('decideReviews', chosen.map((i) => ({ id: i.pair.id, decision: 'accept' as const, ...(Object.keys(i.fields).length ? { fields: i.fields } : {}) }))),
    (r) => {
      for (const i of chosen) i.decision = 'accept';
      if (app.state) app.state = { ...app.state, reviewCount: r.remaining };
      app.notice = t('reviewBulkDone', { count: r.decided });
    },
  );
  if (res) {
    const next = review.items![review.at].decision === null ? review.at : nextWaiting(review.at);
    if (next >= 0) review.at = next;
    render();
  }
}

function focusCard(): void {
  document.getElementById('review-card')?.focus();
}

export function reviewView(): HTMLElement {
  const items = review.items;
  const body: Array<HTMLElement | null> = [];
  if (!items) body.push(h('p', {}, t('loading')));
  else if (items.length === 0) body.push(h('p', { 'data-testid': 'review-empty' }, t('reviewEmpty')));
  else {
    const waiting = undecided().length;
    if (waiting === 0) body.push(h('p', { class: 'banner notice', 'data-testid': 'review-done' }, t('reviewAllDone', { count: items.length })));
    body.push(pairView(items[review.at], review.at + 1, items.length));
    if (waiting > 1) body.push(bulkPanel());
  }
  return h(
    'section',
    { class: 'view view-review', 'aria-labelledby': 'review-title' },
    h('h2', { id: 'review-title' }, t('reviewTitle')),
    h('p', { class: 'hint' }, t('reviewHint')),
    ...body,
  );
}

function fieldsOf(pair: ReviewPair): string[] {
  const fields: string[] = [];
  for (const k of [...Object.keys(pair.a.values), ...Object.keys(pair.b.values)]) if (!fields.includes(k)) fields.push(k);
  return fields;
}

function keepCell(item: Item, field: string, side: 'a' | 'b', value: string): HTMLElement {
  const id = `keep-${side}-${fieldsOf(item.pair).indexOf(field)}`;
  const decided = item.decision !== null;
  return h(
    'td',
    { class: item.fields[field] === side ? 'kept' : '' },
    h('input', {
      type: 'radio',
      id,
      name: `keep-${fieldsOf(item.pair).indexOf(field)}`,
      class: 'keep',
      'data-testid': `keep-${side}-${field}`,
      'aria-label': `${t('reviewKeep')}: ${value || '—'}`,
      checked: item.fields[field] === side,
      disabled: decided,
      onchange: () => {
        item.fields = { ...item.fields, [field]: side };
        render();
      },
    }),
    h('label', { for: id }, value),
  );
}

function pairView(item: Item, index: number, count: number): HTMLElement {
  const pair = item.pair;
  const fields = fieldsOf(pair);
  const differing = fields.filter((f) => (pair.a.values[f] ?? '') !== (pair.b.values[f] ?? ''));
  const maxWeight = Math.max(1e-9, ...pair.explanation.map((e) => Math.abs(e.weight)));
  const sheet = app.state?.sheetName ?? '';
  const rows = [pair.a.row, pair.b.row].filter((r) => r >= 2);
  const status = item.decision === 'accept' ? t('reviewDecidedSame') : item.decision === 'reject' ? t('reviewDecidedDifferent') : item.skipped ? t('reviewSkipped') : '';
  const disabled = app.busy;
  return h(
    'div',
    {
      class: 'pair',
      id: 'review-card',
      tabindex: -1,
      'data-testid': 'review-pair',
      'data-pair-id': pair.id,
      'aria-describedby': 'review-keys',
    },
    h(
      'p',
      { class: 'muted' },
      h('span', { 'data-testid': 'review-counter' }, t('reviewCount', { index, count })),
      ' · ',
      t('reviewScore', { score: formatScore(pair.score) }),
      ' ',
      sheet && rows.length ? h('button', { type: 'button', class: 'link', 'data-testid': 'review-show', onclick: () => selectRange(sheet, rows.map((r) => `${r}:${r}`).join(',')) }, t('reviewShowPair')) : null,
    ),
    status ? h('p', { class: 'decided', 'data-testid': 'review-status', role: 'status' }, status) : null,
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
          if (a === b) return h('tr', { class: 'same' }, h('th', { scope: 'row' }, f), h('td', {}, a), h('td', {}, b));
          return h('tr', { class: 'differs' }, h('th', { scope: 'row' }, f), keepCell(item, f, 'a', a), keepCell(item, f, 'b', b));
        }),
      ),
    ),
    differing.length ? h('p', { class: 'hint' }, t('reviewKeepHint')) : null,
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
      h('button', { type: 'button', class: 'primary', 'data-testid': 'review-accept', 'aria-keyshortcuts': 'Y', disabled, onclick: () => void decide(item, 'accept') }, t('accept')),
      h('button', { type: 'button', 'data-testid': 'review-reject', 'aria-keyshortcuts': 'N', disabled, onclick: () => void decide(item, 'reject') }, t('reject')),
    ),
    h(
      'div',
      { class: 'nav' },
      h('button', { type: 'button', 'data-testid': 'review-back', 'aria-keyshortcuts': 'ArrowLeft', disabled: disabled || index <= 1, onclick: () => move(-1, false) }, t('reviewBack')),
      h('button', { type: 'button', 'data-testid': 'review-skip', 'aria-keyshortcuts': 'ArrowRight', disabled: disabled || index >= count, onclick: () => move(1, true) }, t('reviewSkip')),
    ),
    h('p', { class: 'hint', id: 'review-keys' }, t('reviewKeys')),
  );
}

function bulkPanel(): HTMLElement {
  const matching = undecided().filter((i) => i.pair.score >= review.bulkScore).length;
  return h(
    'fieldset',
    { class: 'bulk', 'data-testid': 'review-bulk' },
    h('legend', {}, t('reviewBulkTitle')),
    h('label', { for: 'bulk-score', class: 'label' }, t('reviewBulkLabel')),
    ' ',
    h(
      'select',
      {
        id: 'bulk-score',
        'data-testid': 'bulk-score',
        onchange: (ev: Event) => {
          review.bulkScore = Number((ev.target as HTMLSelectElement).value);
          render();
        },
      },
      ...BULK_SCORES.map((s) => h('option', { value: s, selected: s === review.bulkScore }, formatScore(s))),
    ),
    h('p', { class: 'hint', 'data-testid': 'bulk-count' }, t('reviewBulkCount', { count: matching, score: formatScore(review.bulkScore) })),
    h('button', { type: 'button', 'data-testid': 'bulk-accept', disabled: app.busy || matching === 0, onclick: () => void bulkAccept() }, t('reviewBulkGo', { count: matching })),
  );
}

function formatScore(score: number): string {
  return Number.isFinite(score) ? (Math.abs(score) <= 1 ? score.toFixed(2) : score.toFixed(1)) : '?';
}

function onKey(ev: KeyboardEvent): boolean {
  const items = review.items;
  if (!items || !items.length || app.busy) return false;
  const item = items[review.at];
  const key = ev.key.toLowerCase();
  if (key === 'y') void decide(item, 'accept');
  else if (key === 'n') void decide(item, 'reject');
  else if (ev.key === 'ArrowRight' || key === 's') move(1, true);
  else if (ev.key === 'ArrowLeft' || key === 'b') move(-1, false);
  else return false;
  return true;
}

registerView({
  name: 'review',
  tab: 'tabReview',
  order: 20,
  badge: () => app.state?.reviewCount ?? 0,
  render: reviewView,
  enter: loadReview,
  onKey,
});
