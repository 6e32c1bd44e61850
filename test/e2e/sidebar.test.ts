/**
 * The built dist/Sidebar.html in Chromium against a fake google.script.run (fake-server.ts):
 * every view, the options sent to startRun, the progress bar, text-only rendering of sheet
 * values, Chinese, and the 300 px width. Needs `npm run build` first (npm test does it).
 */
import type { ReviewPair, RunSummary, SidebarState } from '../../src/rpc';
import { RECORD_PROGRESS, screenshot } from './browser';
import type { FakeConfig } from './fake-server';
import { sidebarSuite } from './sidebar-page';

const XSS = '<img src=x onerror=alert(1)>';

const state: SidebarState = {
  locale: 'en_US',
  sheetName: 'Customers',
  rows: 200,
  roles: [
    { column: 'Name', role: 'name', detected: 'name', sample: [XSS, 'Ann Lee'] },
    { column: 'Email', role: 'email', detected: 'email', sample: ['ann@example.com'] },
    { column: 'Phone', role: 'phone', detected: 'phone', sample: ['(555) 010-2000'] },
    { column: 'Total Spend', role: 'money', detected: 'money', sample: ['$120.50'] },
  ],
  defaults: { mode: 'flag', region: 'GB', inPlace: true, k: 'auto' },
  lastRun: null,
  form: null,
  reviewCount: 2,
  canUndo: true,
};

const summary: RunSummary = {
  runId: 'run-1',
  finishedAt: '2026-01-01T00:00:00.000Z',
  rows: 200,
  duplicatesFound: 17,
  duplicatesMerged: 0,
  reviewPairs: 2,
  valuesNormalised: 321,
  cellsImputed: 12,
  segments: [
    { id: 0, name: 'Big spenders', size: 40 },
    { id: 1, name: 'Occasional', size: 160 },
  ],
  r2cv: 0.734,
  mae: 12.5,
  topChurn: [{ row: 7, name: XSS, risk: 'high', reason: 'no purchase for 400 days' }],
  links: [
    { label: 'Duplicate rows', sheet: 'Customers', a1: 'A3:D3,A9:D10', kind: 'duplicates' },
    { label: 'Filled cells in CDM Audit', sheet: 'CDM Audit', a1: '40:51', kind: 'filled' },
  ],
  messages: ['Phone numbers without a country code were read as GB numbers.'],
};

const review: ReviewPair[] = [
  {
    id: 'p1',
    a: { row: 3, values: { Name: XSS, Email: 'x@example.com' } },
    b: { row: 9, values: { Name: 'img', Email: 'x@example.com' } },
    score: 0.81,
    explanation: [
      { field: 'Email', level: 'exact', weight: 9.2 },
      { field: 'Name', level: 'different', weight: -3.1 },
    ],
  },
  {
    id: 'p2',
    a: { row: 4, values: { Name: 'Bob Stone' } },
    b: { row: 5, values: { Name: 'Rob Stone' } },
    score: 0.6,
    explanation: [{ field: 'Name', level: 'similar', weight: 4 }],
  },
];

const baseConfig: FakeConfig = { state, summary, review, form: null, steps: 4, delay: 60 };

const { open, html } = sidebarSuite({ width: 300, height: 700 }, baseConfig);

test('the sidebar is self-contained: no external URL, no innerHTML', () => {
  expect(html()).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?https?:/i);
  expect(html()).not.toMatch(/\binnerHTML\b|insertAdjacentHTML|document\.write/);
});

test('main view: roles, defaults from the server, and Clean & analyze with the chosen options', async () => {
  const { page, calls } = await open('main');
  await page.getByRole('button', { name: 'Clean & analyze' }).waitFor();
  expect(await page.getByTestId('sheet-info').textContent()).toBe('Sheet “Customers”: 200 rows');
  expect(await page.locator('select[data-column="Email"]').inputValue()).toBe('email');
  expect(await page.getByLabel('Phone country').inputValue()).toBe('GB');
  await screenshot(page, 'sidebar-main');

  await page.locator('select[data-column="Phone"]').selectOption('text');
  await page.getByLabel('Merge them (one row per customer)').check();
  await page.getByLabel('Write to new columns').check();
  await page.getByLabel('Number of segments').selectOption('5');
  await page.getByLabel('Predict this column').selectOption('Total Spend');
  await page.getByLabel('Phone country').fill('us');

  const seen: number[] = [];
  await page.exposeFunction('__progress', (v: number) => seen.push(v));
  await page.evaluate(RECORD_PROGRESS);
  await page.getByRole('button', { name: 'Clean & analyze' }).click();
  // Nothing is written before the user has seen the preview and pressed Write.
  await page.getByTestId('preview').waitFor();
  expect((await calls()).map((c) => c.fn)).not.toContain('confirmRun');
  await page.getByTestId('preview-write').click();
  await page.getByTestId('results').waitFor();
  expect(await page.getByTestId('run-status').textContent()).toBe('Done.');
  await screenshot(page, 'sidebar-results');

  const log = await calls();
  const start = log.find((c) => c.fn === 'startRun');
  expect(start?.args[0]).toEqual({
    sheet: 'Customers',
    mode: 'merge',
    region: 'US',
    inPlace: false,
    k: 5,
    target: 'Total Spend',
    // Only what differs from detection is an override.
    roles: { Phone: 'text' },
    preview: true,
  });
  expect(log.filter((c) => c.fn === 'continueRun').map((c) => c.args)).toEqual([['run-1'], ['run-1'], ['run-1'], ['run-1']]);
  // The bar moved through intermediate values, never backwards, and ended full.
  const distinct = seen.filter((v, i) => i === 0 || v !== seen[i - 1]);
  expect(distinct).toEqual([...distinct].sort((a, b) => a - b));
  expect(distinct.filter((v) => v > 0 && v < 100).length).toBeGreaterThanOrEqual(2);
  expect(distinct[distinct.length - 1]).toBe(100);

  expect(await page.getByTestId('res-dup-found').textContent()).toContain('17');
  expect(await page.getByTestId('res-normalised').textContent()).toContain('321');
  expect(await page.getByTestId('res-imputed').textContent()).toContain('12');
  expect(await page.getByTestId('res-r2').textContent()).toContain('0.73');
  expect(await page.getByTestId('res-segments').textContent()).toContain('Big spenders: 40 customers');

  // Figures link to exactly what they count: the server's link of that kind.
  await page.getByTestId('res-dup-found').getByRole('button').click();
  await page.getByTestId('res-imputed').getByRole('button').click();
  await page.waitForTimeout(200);
  const selects = (await calls()).filter((c) => c.fn === 'selectRange').map((c) => c.args);
  expect(selects).toEqual([
    ['Customers', 'A3:D3,A9:D10'],
    ['CDM Audit', '40:51'],
  ]);
  // A figure without a link of its kind gets no Show button (never the top of a sheet).
  expect(await page.getByTestId('res-normalised').getByRole('button').count()).toBe(0);
  await page.close();
});

test('while a long continueRun works, the bar follows getProgress', async () => {
  const { page, calls } = await open('main', { steps: 2, delay: 2500, delays: { getProgress: 100, getSidebarState: 50 }, midway: true });
  const seen: number[] = [];
  await page.exposeFunction('__progress', (v: number) => seen.push(v));
  await page.evaluate(RECORD_PROGRESS);
  await page.getByTestId('opt-preview').uncheck();
  await page.getByRole('button', { name: 'Clean & analyze' }).click();
  await page.getByTestId('results').waitFor();
  const distinct = seen.filter((v, i) => i === 0 || v !== seen[i - 1]);
  // 25 and 75 exist only in getProgress answers (half of each of the two steps).
  expect(distinct).toEqual([0, 25, 50, 75, 100]);
  expect((await calls()).filter((c) => c.fn === 'getProgress').length).toBeGreaterThanOrEqual(2);
  await page.close();
});

test('one step alone sends only that step', async () => {
  const { page, calls } = await open('main');
  await page.getByRole('button', { name: 'Find duplicates' }).click();
  await page.getByTestId('preview-write').click();
  await page.getByTestId('results').waitFor();
  const start = (await calls()).find((c) => c.fn === 'startRun');
  expect(start?.args[0]).toEqual({ sheet: 'Customers', mode: 'flag', region: 'GB', inPlace: true, k: 'auto', steps: ['dedupe'], preview: true });
  await page.close();
});

test('sheet values are shown as text: a customer named like an HTML tag stays literal', async () => {
  const { page, dialogs, calls } = await open('main', { state: { ...state, lastRun: summary } });
  await page.getByTestId('res-churn').waitFor();
  expect(await page.getByTestId('res-churn').textContent()).toContain(`${XSS} (row 7): high`);
  // Show selects that customer's whole row (the row number as the user sees it).
  await page.getByTestId('res-churn').getByRole('button').click();
  await page.waitForTimeout(200);
  expect((await calls()).filter((c) => c.fn === 'selectRange').map((c) => c.args)).toEqual([['Customers', '7:7']]);
  await page.getByRole('tab', { name: /Review/ }).click();
  await page.getByTestId('review-pair').waitFor();
  expect(await page.getByTestId('review-pair').textContent()).toContain(XSS);
  await page.getByRole('tab', { name: /Clean/ }).click();
  expect(await page.locator('.sample').first().textContent()).toContain(XSS);
  expect(await page.locator('img').count()).toBe(0);
  await page.waitForTimeout(200);
  expect(dialogs).toEqual([]);
  await screenshot(page, 'sidebar-xss');
  await page.close();
});

test('review queue: side by side with the explanation, accept then reject', async () => {
  const { page, calls } = await open('review');
  await page.getByTestId('review-pair').waitFor();
  await expect(page.getByRole('tab', { name: 'Review (2)' }).count()).resolves.toBe(1);
  const rows = await page.locator('table.compare tbody tr').allTextContents();
  expect(rows).toEqual([`Name${XSS}img`, 'Emailx@example.comx@example.com']);
  expect(await page.locator('ul.explain li').allTextContents()).toEqual(['Email: exact+9.2', 'Name: different-3.1']);
  // The strongest evidence fills its bar; the others are scaled to it.
  expect(await page.locator('ul.explain li .bar-fill').evaluateAll((els) => els.map((e) => (e as unknown as { style: { width: string } }).style.width))).toEqual(['100%', '34%']);
  await screenshot(page, 'sidebar-review');
  await page.getByTestId('review-accept').click();
  await page.locator('[data-pair-id="p2"]').waitFor();
  await page.getByTestId('review-reject').click();
  // Every pair decided: said so, and the counter still counts the queue as loaded.
  await page.getByTestId('review-done').waitFor();
  expect(await page.getByTestId('review-counter').textContent()).toBe('Pair 2 of 2');
  const decisions = (await calls()).filter((c) => c.fn === 'decideReview').map((c) => c.args);
  expect(decisions).toEqual([
    ['p1', 'accept'],
    ['p2', 'reject'],
  ]);
  await page.close();
});

test('form view: create the form, see its link, trigger and mapping, remove the trigger', async () => {
  const { page, calls } = await open('form');
  await page.getByTestId('form-preview-open').click();
  await page.getByTestId('form-create').click();
  await page.getByTestId('form-link').waitFor();
  expect(await page.getByTestId('form-link').getAttribute('href')).toBe('https://docs.google.com/forms/d/e/fake/viewform');
  expect(await page.getByTestId('form-mapping').textContent()).toContain('Comments→(not copied)');
  await screenshot(page, 'sidebar-form');
  await page.getByTestId('form-remove-trigger').click();
  await page.getByTestId('form-install-trigger').waitFor();
  expect((await calls()).map((c) => c.fn)).toEqual(['getSidebarState', 'getFormInfo', 'previewIntakeForm', 'createIntakeForm', 'removeFormTrigger']);
  await page.close();
});

test('a form URL that is not http(s) never becomes a link', async () => {
  const form = { formUrl: 'javascript:alert(1)', editUrl: 'https://docs.google.com/x', triggerInstalled: false, responseSheet: 'R', mapping: [] };
  const { page } = await open('form', { form });
  await page.getByTestId('form-trigger').waitFor();
  expect(await page.getByTestId('form-link').count()).toBe(0);
  expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
  await page.close();
});

test('undo asks first, then reports what the server did', async () => {
  const { page, calls } = await open('undo');
  await page.getByTestId('undo-confirm').waitFor();
  expect((await calls()).map((c) => c.fn)).toEqual(['getSidebarState']);
  await page.getByTestId('undo-confirm').click();
  await page.getByTestId('notice').waitFor();
  expect(await page.getByTestId('notice').textContent()).toBe('The sheet is back as it was before the last run.');
  expect((await calls()).map((c) => c.fn)).toContain('undoLastRun');
  await page.close();
});

test('a server error is shown in plain words', async () => {
  // Apps Script puts "Exception: " before a thrown message; the user sees only the message.
  const { page } = await open('main', { failures: { startRun: 'Exception: Another run is still working on this sheet.' } });
  await page.getByRole('button', { name: 'Clean & analyze' }).click();
  await page.getByTestId('error').waitFor();
  expect(await page.getByTestId('error').textContent()).toBe('Something went wrong: Another run is still working on this sheet.');
  await page.close();
});

test('keyboard: the tabs are one tab stop, arrows move between them', async () => {
  const { page } = await open('main');
  await page.getByRole('button', { name: 'Clean & analyze' }).waitFor();
  expect(await page.locator('[role=tab][tabindex="0"]').count()).toBe(1);
  await page.getByRole('tab', { name: 'Clean' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.getByTestId('review-pair').waitFor();
  expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('Review (2)');
  expect(await page.evaluate('document.activeElement.id')).toBe('tab-review');
  await page.keyboard.press('End');
  await page.locator('#help-title').waitFor();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('button', { name: 'Clean & analyze' }).waitFor();
  expect(await page.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('tab-main');
  await page.close();
});

test('Chinese locale: the whole interface is in Simplified Chinese', async () => {
  const { page } = await open('main', { state: { ...state, locale: 'zh_CN' } });
  await page.getByRole('button', { name: '清理并分析' }).waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  expect(await page.getByRole('tab').allTextContents()).toEqual(['清理', '审核（2）', '表单', '撤销', '帮助']);
  expect(await page.getByTestId('sheet-info').textContent()).toBe('工作表“Customers”：200 行');
  await page.getByRole('button', { name: '清理并分析' }).click();
  await page.getByRole('button', { name: '写入这些修改' }).click();
  await page.getByTestId('results').waitFor();
  expect(await page.getByTestId('run-status').textContent()).toBe('完成。');
  await screenshot(page, 'sidebar-zh');
  await page.close();
});

test('help view, and every view fits a 300 px sidebar without sideways scrolling', async () => {
  const ready: Record<string, string> = {
    main: '[data-testid=run-all]',
    review: '[data-testid=review-pair]',
    form: '[data-testid=form-preview-open]',
    undo: '[data-testid=undo-confirm]',
    help: '#help-title',
  };
  for (const [view, selector] of Object.entries(ready)) {
    const { page } = await open(view, { form: null, state: { ...state, lastRun: summary } });
    await page.locator(selector).waitFor();
    if (view === 'help') expect(await page.locator('h2').textContent()).toBe('Help');
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect({ view, width }).toEqual({ view, width: 300 });
    await page.close();
  }
});
