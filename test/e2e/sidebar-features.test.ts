/**
 * The sidebar's panels in Chromium against the fake google.script.run (fake-server.ts): preview
 * before writing, links and the colour option, the review queue by keyboard with skip / back,
 * per-field choices and bulk accept, sensible choices and the intake form's preview. Each test saves a screenshot in test-artifacts/. `npm run build` first.
 */
import type { ReviewPair, RunSummary, SidebarState } from '../../src/rpc';
import { screenshot } from './browser';
import type { FakeConfig } from './fake-server';
import { sidebarSuite, type SidebarPage } from './sidebar-page';


const state: SidebarState = {
  locale: 'en_US',
  sheetName: 'Customers',
  rows: 200,
  roles: [
    { column: 'Name', role: 'name', detected: 'name', sample: ['Ann Lee'] },
    { column: 'Email', role: 'email', detected: 'email', sample: ['ann@example.com'] },
    { column: 'Total Spend', role: 'money', detected: 'money', sample: ['120.5'] },
    { column: 'Subscribed', role: 'boolean', detected: 'boolean', sample: ['yes'] },
    { column: 'Orders', role: 'count', detected: 'count', sample: ['3'] },
  ],
  targets: ['Total Spend', 'Orders', 'Subscribed'],
  defaults: { mode: 'flag', region: 'US', inPlace: true, k: 'auto' },
  lastRun: null,
  form: null,
  reviewCount: 3,
  canUndo: false,
};

const summary: RunSummary = {
  runId: 'run-1',
  finishedAt: '2026-01-01T00:00:00.000Z',
  rows: 200,
  duplicatesFound: 4,
  duplicatesMerged: 0,
  reviewPairs: 3,
  valuesNormalised: 12,
  cellsImputed: 2,
  segments: [{ id: 0, name: 'Loyal big spenders', size: 60 }],
  r2cv: 0.5,
  mae: 10,
  topChurn: [{ row: 42, name: 'Dora Diaz', risk: 'high', reason: '120 days since last purchase, usually buys every 30 days' }],
  links: [],
  messages: [],
};

const pair = (id: string, score: number, a: Record<string, string>, b: Record<string, string>, rows: [number, number]): ReviewPair => ({
  id,
  score,
  a: { row: rows[0], values: a },
  b: { row: rows[1], values: b },
  explanation: [{ field: 'e-mail', level: 'exact', weight: 8 }],
});

const review: ReviewPair[] = [
  pair('k1|k2', 0.93, { Name: 'Katherine Lee', Email: 'kl@example.com' }, { Name: 'Katherrine Lee', Email: 'kl@example.com' }, [5, 9]),
  pair('k3|k4', 0.71, { Name: 'Bob Stone', Email: 'bob@example.com' }, { Name: 'Rob Stone', Email: 'bob@example.com' }, [12, 30]),
  pair('k5|k6', 0.96, { Name: 'Ann Wu', Email: 'ann@example.com' }, { Name: 'Anne Wu', Email: 'ann@example.com' }, [40, 41]),
];

const base: FakeConfig = { state, summary, review, form: null, steps: 2, delay: 40 };

const { open } = sidebarSuite({ width: 300, height: 900 }, base);

const callsTo = async (calls: SidebarPage['calls'], fn: string) => (await calls()).filter((c) => c.fn === fn).map((c) => c.args);

describe('preview before writing', () => {
  test('counts, a sample and a choice per kind; Write sends the choices and nothing is written before', async () => {
    const { page, calls } = await open('main');
    await page.getByTestId('run-all').click();
    await page.getByTestId('preview').waitFor();
    expect(await page.getByTestId('preview-duplicates').getByTestId('kind-count').textContent()).toBe('4 rows');
    expect(await page.getByTestId('preview-cleaned').getByTestId('kind-count').textContent()).toBe('12 cells');
    expect(await page.getByTestId('preview-filled').getByTestId('kind-count').textContent()).toBe('2 cells');
    expect(await page.getByTestId('preview-columns').getByTestId('kind-count').textContent()).toBe('3 columns');
    // The sample shows old → new and why, with a link to the row.
    expect(await page.getByTestId('preview-cleaned').locator('table').textContent()).toContain('(415) 555-0132 → +14155550132');
    await screenshot(page, 'preview-panel');
    expect(await callsTo(calls, 'confirmRun')).toEqual([]);

    await page.getByTestId('dup-skip').check();
    await page.getByTestId('choice-filled').uncheck();
    await page.getByTestId('choice-column-CDM Churn Risk').uncheck();
    await page.getByTestId('preview-cleaned').getByRole('button', { name: 'Show row 3' }).click();
    await page.getByTestId('preview-write').click();
    await page.getByTestId('results').waitFor();
    expect(await callsTo(calls, 'confirmRun')).toEqual([
      ['run-1', { duplicates: 'skip', cleaned: true, filled: false, columns: ['CDM Duplicate Group', 'CDM Segment'] }],
    ]);
    expect(await callsTo(calls, 'selectRange')).toEqual([['Customers', '3:3']]);
    await page.close();
  });

  test('Cancel drops the run: cancelRun, back to the options, nothing written', async () => {
    const { page, calls } = await open('main');
    await page.getByTestId('run-all').click();
    await page.getByTestId('preview-cancel').click();
    await page.getByTestId('notice').waitFor();
    expect(await page.getByTestId('notice').textContent()).toBe('Cancelled: nothing was written.');
    expect(await callsTo(calls, 'cancelRun')).toEqual([['run-1']]);
    expect(await callsTo(calls, 'confirmRun')).toEqual([]);
    await page.getByTestId('run-all').waitFor();
    await page.close();
  });

  test('turning the preview off runs straight through', async () => {
    const { page, calls } = await open('main');
    await page.getByTestId('opt-preview').uncheck();
    await page.getByTestId('run-all').click();
    await page.getByTestId('results').waitFor();
    expect((await callsTo(calls, 'startRun'))[0][0]).not.toHaveProperty('preview');
    await page.close();
  });
});

describe('show means show', () => {
  test('the colour option is sent with the run; a churn customer links to their own row', async () => {
    const { page, calls } = await open('main', { state: { ...state, lastRun: summary } });
    await page.getByTestId('opt-colour-groups').check();
    await page.getByTestId('res-churn').getByRole('button').click();
    await page.getByTestId('opt-preview').uncheck();
    await page.getByTestId('run-all').click();
    await page.getByTestId('results').waitFor();
    expect((await callsTo(calls, 'startRun'))[0][0]).toMatchObject({ colourGroups: true });
    expect(await callsTo(calls, 'selectRange')).toEqual([['Customers', '42:42']]);
    await screenshot(page, 'show-colour-option');
    await page.close();
  });

  test('a link the server refuses shows its sentence, not an exception', async () => {
    const { page } = await open('main', { state: { ...state, lastRun: summary }, failures: { selectRange: 'Exception: The sheet “CDM State” is hidden: CDM keeps its own working copies there. Nothing to show.' } });
    await page.getByTestId('res-churn').getByRole('button').click();
    await page.getByTestId('error').waitFor();
    expect(await page.getByTestId('error').textContent()).toBe('Something went wrong: The sheet “CDM State” is hidden: CDM keeps its own working copies there. Nothing to show.');
    await page.close();
  });
});

describe('review like HubSpot and better', () => {
  test('keyboard: → skips, ← goes back, Y accepts and moves on; the counter never jumps', async () => {
    const { page, calls } = await open('review');
    const counter = page.getByTestId('review-counter');
    await page.getByTestId('review-pair').waitFor();
    expect(await counter.textContent()).toBe('Pair 1 of 3');
    await page.locator('#review-card').focus();
    await page.keyboard.press('ArrowRight');
    expect(await counter.textContent()).toBe('Pair 2 of 3');
    expect(await page.getByTestId('review-pair').getAttribute('data-pair-id')).toBe('k3|k4');
    await page.keyboard.press('ArrowLeft');
    expect(await counter.textContent()).toBe('Pair 1 of 3');
    expect(await page.getByTestId('review-status').textContent()).toBe('Skipped for now.');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('n');
    // Decided: on to the next pair still waiting (pair 3), counted against the same queue.
    await page.locator('[data-pair-id="k5|k6"]').waitFor();
    expect(await counter.textContent()).toBe('Pair 3 of 3');
    await page.keyboard.press('y');
    await page.locator('[data-pair-id="k1|k2"]').waitFor();
    expect(await counter.textContent()).toBe('Pair 1 of 3');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('review-status').textContent()).toBe('You said: different customers.');
    await screenshot(page, 'review-keyboard');
    expect(await callsTo(calls, 'decideReview')).toEqual([
      ['k3|k4', 'reject'],
      ['k5|k6', 'accept'],
    ]);
    await page.close();
  });

  test('per-field choice: keep the right spelling when merging; the choice travels with the decision', async () => {
    const { page, calls } = await open('review');
    await page.getByTestId('review-pair').waitFor();
    // Only differing fields offer a choice: Name differs, Email does not.
    expect(await page.locator('input.keep').count()).toBe(2);
    await page.getByTestId('keep-a-Name').check();
    expect(await page.locator('td.kept').textContent()).toBe('Katherine Lee');
    await screenshot(page, 'review-field-choice');
    await page.getByTestId('review-accept').click();
    await page.locator('[data-pair-id="k3|k4"]').waitFor();
    expect(await callsTo(calls, 'decideReview')).toEqual([['k1|k2', 'accept', { Name: 'a' }]]);
    await page.close();
  });

  test('bulk accept above a score: counts the pairs, sends them in one call', async () => {
    const { page, calls } = await open('review');
    await page.getByTestId('review-bulk').waitFor();
    expect(await page.getByTestId('bulk-count').textContent()).toBe('Pairs scoring at least 0.90: 2.');
    await page.getByTestId('bulk-score').selectOption('0.95');
    expect(await page.getByTestId('bulk-count').textContent()).toBe('Pairs scoring at least 0.95: 1.');
    await page.getByTestId('bulk-score').selectOption('0.9');
    await screenshot(page, 'review-bulk');
    await page.getByTestId('bulk-accept').click();
    await page.getByTestId('notice').waitFor();
    expect(await callsTo(calls, 'decideReviews')).toEqual([[[{ id: 'k1|k2', decision: 'accept' }, { id: 'k5|k6', decision: 'accept' }]]]);
    expect(await page.getByTestId('review-pair').getAttribute('data-pair-id')).toBe('k3|k4');
    expect(await page.getByTestId('review-counter').textContent()).toBe('Pair 2 of 3');
    await page.close();
  });

  test('Show both rows selects exactly the two rows of the pair', async () => {
    const { page, calls } = await open('review');
    await page.getByTestId('review-show').click();
    await page.waitForTimeout(150);
    expect(await callsTo(calls, 'selectRange')).toEqual([['Customers', '5:5,9:9']]);
    await page.close();
  });
});

describe('sensible choices', () => {
  test('only numeric or yes/no columns can be predicted; in place is explained where it is chosen; RFM and churn side by side', async () => {
    const { page } = await open('main', { state: { ...state, lastRun: summary } });
    // The state arrives asynchronously: read the options only once the form is drawn.
    await page.locator('#opt-target option').nth(1).waitFor({ state: 'attached' });
    const options = await page.locator('#opt-target option').allTextContents();
    expect(options).toEqual(['(choose automatically)', 'Total Spend', 'Orders', 'Subscribed']);
    expect(await page.getByTestId('inplace-hint').textContent()).toMatch(/overwritten by the cleaned ones.*Undo puts them back/);
    await page.getByLabel('Write to new columns').check();
    expect(await page.getByTestId('inplace-hint').textContent()).toMatch(/stay exactly as typed/);
    const rfm = await page.getByTestId('explain-rfm').boundingBox();
    const churn = await page.getByTestId('explain-churn').boundingBox();
    // Side by side: the same row, RFM on the left.
    expect(rfm && churn && Math.abs(rfm.y - churn.y) < 2 && rfm.x < churn.x).toBe(true);
    expect(await page.getByTestId('explain-rfm').textContent()).toMatch(/value so far/);
    expect(await page.getByTestId('explain-churn').textContent()).toMatch(/silence now.*own usual time between purchases/);
    await page.getByTestId('explain-rfm-churn').scrollIntoViewIfNeeded();
    await screenshot(page, 'sensible-choices');
    await page.close();
  });
});

describe('intake form preview', () => {
  test('the questions, what is left off and where consent goes, before anything is created', async () => {
    const { page, calls } = await open('form');
    await page.getByTestId('form-preview-open').click();
    await page.getByTestId('form-preview').waitFor();
    expect(await page.getByTestId('form-questions').locator('li').allTextContents()).toEqual([
      'Name (short answer · required)',
      'Email (e-mail address · required)',
      'Product (tick boxes)Tea · Soap',
      'Consent (consent tick box · required)I agree that my details are stored and used to contact me.',
    ]);
    expect(await page.getByTestId('form-consent-note').textContent()).toBe('Answers to the consent question are copied into the column “Consent given” with the time.');
    await page.locator('[data-testid=form-skipped] summary').click();
    expect(await page.getByTestId('form-skipped').textContent()).toContain('Total Spend: your own figure');
    await screenshot(page, 'form-preview');
    expect((await calls()).map((c) => c.fn)).toEqual(['getSidebarState', 'getFormInfo', 'previewIntakeForm']);
    await page.close();
  });
});
