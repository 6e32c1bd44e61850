/**
 * The undo list in the built sidebar, in Chromium against the fake server: the
 * last runs with their time, sheet and counts, only the newest undoable (runs go back newest
 * first), and after an undo the cells the user had changed since the run, listed. English and
 * Chinese. Screenshots: test-artifacts/sidebar-undo-list.png, sidebar-undo-kept.png,
 * sidebar-undo-list-zh.png. Needs `npm run build` first (npm test does it).
 */
import type { SidebarState, UndoResult, UndoableRun } from '../../src/rpc';
import { screenshot } from './browser';
import type { FakeConfig } from './fake-server';
import { sidebarSuite } from './sidebar-page';

const runs: UndoableRun[] = [
  { runId: 'r3', sheetName: 'Customers', finishedAt: '2026-01-03T10:00:00Z', time: '2026-01-03 10:00', mode: 'flag', counts: { cleaned: 0, filled: 0, merged: 0, columnsAdded: 0, cells: 4 }, canUndo: true, complete: true },
  { runId: 'r2', sheetName: 'Customers', finishedAt: '2026-01-02T10:00:00Z', time: '2026-01-02 10:00', mode: 'merge', counts: { cleaned: 12, filled: 0, merged: 3, columnsAdded: 0, cells: 40 }, canUndo: false, complete: true },
  { runId: 'r1', sheetName: 'Customers', finishedAt: '2026-01-01T10:00:00Z', time: '2026-01-01 10:00', mode: 'flag', counts: { cleaned: 321, filled: 12, merged: 0, columnsAdded: 11, cells: 333 }, canUndo: false, complete: false },
];

const state: SidebarState = {
  locale: 'en_US',
  sheetName: 'Customers',
  rows: 200,
  roles: [{ column: 'Name', role: 'name', detected: 'name', sample: ['Ann Lee'] }],
  defaults: { mode: 'flag', region: 'US', inPlace: true, k: 'auto' },
  lastRun: null,
  form: null,
  reviewCount: 0,
  canUndo: true,
  undoRuns: runs,
};

const undone: UndoResult = {
  restored: true,
  message: 'The run of 2026-01-03 10:00 was undone on “Customers”: 2 cells put back. 2 cells you changed after the run were kept: D5, C9.',
  runId: 'r3',
  restoredCells: 2,
  keptCount: 2,
  kept: [
    { sheet: 'Customers', a1: 'D5', column: 'Phone', cdm: '+14155550132', now: 'call the office' },
    { sheet: 'Customers', a1: 'C9', column: 'Email', cdm: 'ann@example.com', now: '<b>ann</b>@new.org' },
  ],
  missingRows: 0,
};

const suite = sidebarSuite({ width: 300, height: 700 }, { state, summary: null as never, review: [], form: null, steps: 4, delay: 30 });
const open = (config: Partial<FakeConfig>) => suite.open('undo', config);

test('the last three runs are listed with their counts; only the newest can be undone', async () => {
  const { page, calls } = await open({});
  await page.getByTestId('undo-run').first().waitFor();
  const items = await page.getByTestId('undo-run').allTextContents();
  expect(items).toHaveLength(3);
  expect(items[0]).toContain('2026-01-03 10:00 · “Customers”');
  expect(items[1]).toContain('12 cleaned · 3 merged');
  expect(items[2]).toContain('321 cleaned · 12 filled · 11 columns added · stopped while writing');
  expect(await page.getByTestId('undo-confirm').count()).toBe(1);
  expect(items[1]).toContain('Undo the newer runs first.');
  // Nothing is undone by opening the list.
  expect((await calls()).map((c) => c.fn)).toEqual(['getSidebarState']);
  await screenshot(page, 'sidebar-undo-list');
  await page.close();
});

test('undo sends the run’s id, shows the message and lists the kept cells as text', async () => {
  const { page, calls } = await open({ undoResult: undone });
  await page.getByTestId('undo-confirm').click();
  await page.getByTestId('undo-kept').waitFor();
  expect(await page.getByTestId('notice').textContent()).toBe(undone.message);
  const kept = await page.getByTestId('undo-kept').locator('li').allTextContents();
  expect(kept).toEqual([
    'Customers!D5 (Phone): CDM wrote +14155550132, now call the office',
    'Customers!C9 (Email): CDM wrote ann@example.com, now <b>ann</b>@new.org',
  ]);
  const sent = (await calls()).find((c) => c.fn === 'undoRun');
  expect(sent?.args).toEqual(['r3']);
  await screenshot(page, 'sidebar-undo-kept');
  await page.close();
});

test('Chinese: the undo list speaks Simplified Chinese', async () => {
  const { page } = await open({ state: { ...state, locale: 'zh_CN' } });
  await page.getByTestId('undo-run').first().waitFor();
  const text = await page.locator('.view-undo').textContent();
  expect(text).toContain('撤销运行');
  expect(text).toContain('清理 12 处');
  expect(text).toContain('撤销这次运行');
  expect(text).not.toMatch(/cleaned|Undo this run|newer runs/);
  await screenshot(page, 'sidebar-undo-list-zh');
  await page.close();
});

test('nothing to undo says so', async () => {
  const { page } = await open({ state: { ...state, canUndo: false, undoRuns: [] } });
  await page.getByTestId('undo-nothing').waitFor();
  expect(await page.getByTestId('undo-nothing').textContent()).toBe('There is no run to undo.');
  await page.close();
});

test('a run that coloured duplicate groups offers to remove just the colours', async () => {
  const coloured = runs.map((r, i) => (i === 0 ? { ...r, counts: { ...r.counts, coloured: 12 } } : r));
  const { page, calls } = await open({ state: { ...state, undoRuns: coloured } });
  await page.getByTestId('clear-colours').click();
  await page.getByTestId('notice').waitFor();
  expect(await page.getByTestId('notice').textContent()).toBe('Duplicate-group colours were removed from 12 cells.');
  expect((await calls()).map((c) => c.fn)).toContain('clearGroupColours');
  await page.close();
});
