/**
 * The whole add-on in a browser: the playground (tools/playground/server.ts) runs the built
 * dist/Code.js in the local Apps Script runtime, and Chromium drives the real sidebar through
 * the emulated Extensions menu. Needs `npm run build` first (npm test does it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { startPlayground, type Playground } from '../../tools/playground/server';
import { launch, RECORD_PROGRESS, screenshot, type Browser } from './browser';
import { RUN_TIMEOUT, gridText, menu, openSheet, plantedReviewCsv, selectedCells } from './helpers';

const XSS = '<img src=x onerror=alert(1)>';

jest.setTimeout(600_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launch({ width: 1400, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

const openSidebar = (page: Page, item = 'Open CDM'): Promise<Frame> => menu(page, item);

function testCsv(dir: string): string {
  return plantedReviewCsv(dir, { markup: XSS });
}

describe('playground with a CSV of customers', () => {
  let pg: Playground;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cdm-e2e-'));
    pg = await startPlayground({ port: 0, csv: testCsv(dir) });
  });
  afterAll(async () => {
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('Clean & analyze, review, undo: the sheet comes back exactly', async () => {
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pg.url);
    await page.locator('#grid[data-sheet="customers"]').waitFor();
    const originalGrid = await gridText(page);
    const originalSnapshot = pg.runtime.runtime.snapshot('customers');
    expect(originalGrid.length).toBe(203);
    expect(originalGrid[0]).not.toContain('CDM Segment');
    // Sheet values are text on the page and in the sidebar: the markup name shows literally.
    expect(originalGrid[1][0]).toBe(XSS);
    await screenshot(page, 'playground-start');

    const sidebar = await openSidebar(page);
    await sidebar.getByRole('button', { name: 'Clean & analyze' }).waitFor();
    expect(await sidebar.locator('.sample').first().textContent()).toContain(XSS);
    await screenshot(page, 'playground-sidebar');

    const seen: number[] = [];
    await page.exposeFunction('__progress', (v: number) => seen.push(v));
    await sidebar.evaluate(RECORD_PROGRESS);
    await sidebar.getByRole('button', { name: 'Clean & analyze' }).click();
    const shown = await Promise.race([
      sidebar.getByTestId('preview').waitFor({ timeout: RUN_TIMEOUT }).then(() => 'preview'),
      sidebar.getByTestId('results').waitFor({ timeout: RUN_TIMEOUT }).then(() => 'results'),
    ]);
    if (shown === 'preview') await sidebar.getByTestId('preview-write').click();
    await sidebar.getByTestId('results').waitFor({ timeout: RUN_TIMEOUT });
    await screenshot(page, 'playground-results');

    // The bar advanced through the run, never backwards, and ended full.
    const distinct = seen.filter((v, i) => i === 0 || v !== seen[i - 1]);
    console.log(`progress values seen: ${distinct.join(', ')}`);
    expect(distinct).toEqual([...distinct].sort((a, b) => a - b));
    expect(distinct.some((v) => v > 0 && v < 100)).toBe(true);
    expect(distinct[distinct.length - 1]).toBe(100);
    expect(await sidebar.getByTestId('run-status').textContent()).toBe('Done.');
    const found = Number((await sidebar.getByTestId('res-dup-found').locator('.value').textContent()) ?? NaN);
    expect(found).toBeGreaterThan(0);
    expect(await sidebar.getByTestId('res-segments').locator('li').count()).toBeGreaterThanOrEqual(2);

    // The grid shows the CDM columns, and the CDM sheets exist, with charts.
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('nav.tabs button[data-sheet="CDM Analysis"]').length > 0);
    await openSheet(page, 'customers');
    const header = (await gridText(page))[0];
    for (const col of ['CDM Duplicate Group', 'CDM Segment', 'CDM Churn Risk']) expect(header).toContain(col);
    await screenshot(page, 'playground-cleaned');
    const tabs = await page.locator('nav.tabs button').evaluateAll((b) => b.map((x) => (x as unknown as { dataset: { sheet: string } }).dataset.sheet));
    expect(tabs).toEqual(expect.arrayContaining(['customers', 'CDM Analysis', 'CDM Audit', 'CDM Review']));
    await openSheet(page, 'CDM Analysis');
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'playground-analysis');

    // A result link selects exactly what it counts: "Duplicates found" selects the duplicate
    // rows themselves — every row with a duplicate group, and no other.
    await sidebar.getByTestId('res-dup-found').getByRole('button').click();
    await page.locator('#grid[data-sheet="customers"] td.selected').first().waitFor();
    const grid = await gridText(page);
    const group = grid[0].indexOf('CDM Duplicate Group');
    const selectedRows = [...new Set((await selectedCells(page)).map(([r]) => r))].sort((a, b) => a - b);
    const groupRows = grid.map((row, i) => (i > 0 && row[group] !== '' ? i + 1 : 0)).filter((r) => r > 0);
    expect(selectedRows).toEqual(groupRows);
    expect(groupRows.length).toBeGreaterThan(found);

    // Review queue: the planted pair is there, side by side; accept it and the queue moves on.
    expect(Number(await sidebar.getByTestId('res-review').locator('.value').textContent())).toBeGreaterThan(0);
    await sidebar.getByRole('tab', { name: /Review/ }).click();
    const pair = sidebar.getByTestId('review-pair');
    await pair.waitFor();
    const firstId = await pair.getAttribute('data-pair-id');
    expect(await sidebar.locator('ul.explain li').count()).toBeGreaterThan(0);
    await screenshot(page, 'playground-review');
    await sidebar.getByTestId('review-accept').click();
    await sidebar.locator(`[data-testid="review-pair"]:not([data-pair-id="${firstId}"]), [data-testid="review-done"]`).waitFor();
    // The decision is stored by the server: the pair is no longer in the queue.
    const queue = pg.runtime.run('getReviewQueue', []) as Array<{ id: string }>;
    expect(queue.map((p) => p.id)).not.toContain(firstId);

    // Undo: the customer sheet is back, cell for cell.
    await sidebar.getByRole('tab', { name: 'Undo' }).click();
    await sidebar.getByTestId('undo-confirm').click();
    await sidebar.getByTestId('notice').waitFor({ timeout: RUN_TIMEOUT });
    await page.waitForTimeout(500);
    await openSheet(page, 'customers');
    expect(await gridText(page)).toEqual(originalGrid);
    const after = pg.runtime.runtime.snapshot('customers');
    expect({ values: after.values, notes: after.notes, backgrounds: after.backgrounds }).toEqual({
      values: originalSnapshot.values,
      notes: originalSnapshot.notes,
      backgrounds: originalSnapshot.backgrounds,
    });
    await screenshot(page, 'playground-undone');
    expect(dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await sidebar.locator('img').count()).toBe(0);
    await page.close();
  });

  test('a missing server function gives a clear error', async () => {
    const res = await fetch(new URL('/rpc', pg.url), { method: 'POST', body: JSON.stringify({ fn: 'noSuchFunction', args: [] }) });
    expect(await res.json()).toEqual({ ok: false, error: 'The server function “noSuchFunction” is not in dist/Code.js yet (src/entrypoints.ts does not export it).' });
  });
});
