/**
 * The whole add-on in a browser: the playground (tools/playground/server.ts) runs the built
 * dist/Code.js in the local Apps Script runtime, and Chromium drives the real sidebar through
 * the emulated Extensions menu. Needs `npm run build` first (npm test does it).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { toCsv } from '../../src/core/csv';
import { runPipeline } from '../../src/core/pipeline';
import { generateSample } from '../../src/core/sample';
import type { Table } from '../../src/core/table';
import { startPlayground, type Playground } from '../../tools/playground/server';
import { launch, RECORD_PROGRESS, screenshot, type Browser } from './browser';

const XSS = '<img src=x onerror=alert(1)>';

const RUN_TIMEOUT = 240_000;
jest.setTimeout(600_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launch({ width: 1400, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

async function gridText(page: Page): Promise<string[][]> {
  return page.locator('#grid tbody tr').evaluateAll((rows) =>
    rows.map((r) => Array.from((r as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('td'), (td) => td.textContent ?? '')),
  );
}

async function openSheet(page: Page, name: string): Promise<void> {
  await page.locator(`nav.tabs button[data-sheet="${name}"]`).click();
  await page.locator(`#grid[data-sheet="${name}"]`).waitFor();
}

async function openSidebar(page: Page, item = 'Open CDM'): Promise<Frame> {
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.getByRole('menuitem', { name: 'CDM ▸' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  const frameEl = page.locator('#sidebar-frame');
  await frameEl.waitFor();
  await page.waitForFunction(() => /\/sidebar\?v=/.test((globalThis as unknown as { document: { getElementById(id: string): { src: string } } }).document.getElementById('sidebar-frame').src));
  const handle = await frameEl.elementHandle();
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error('sidebar frame did not load');
  await frame.waitForLoadState();
  return frame;
}

type Row = Table['rows'][number];

/**
 * Re-entries of a customer that a matcher may well be unsure about: someone who moved (same
 * name and e-mail or phone, everything else new), or whose e-mail got a typo. Each copies the
 * named columns of customer `src` onto the row of another customer.
 */
const CANDIDATES: Array<{ keep: string[]; src: number; typo?: boolean }> = [
  { keep: ['Name', 'Email'], src: 5 },
  { keep: ['Name', 'Email'], src: 10 },
  { keep: ['Name', 'Phone'], src: 40 },
  { keep: ['Name', 'Email', 'City', 'Country'], src: 10 },
  { keep: ['Name', 'Phone', 'City', 'Country'], src: 5 },
  { keep: ['Email'], src: 30, typo: true },
  { keep: ['Name', 'Street', 'City', 'Postcode', 'Country'], src: 40 },
  { keep: ['Name', 'Email'], src: 20 },
  { keep: ['Name', 'Phone'], src: 50 },
];

/**
 * The generated sample sheet, plus a customer named like an HTML tag (first, so the sidebar
 * shows it as a column sample) and one re-entered customer whose pair lands in the review
 * band. The matcher is tuned by others as it improves, so the test does not hard-code which
 * re-entry is uncertain: it asks the same core pipeline the server runs (clean + dedupe) and
 * plants the first candidate that lands in review.
 */
function testCsv(dir: string): string {
  const { table } = generateSample({ rows: 200, seed: 1 });
  const col = (name: string) => table.header.indexOf(name);
  const xss = table.rows[0].slice();
  xss[col('Name')] = XSS;
  xss[col('Email')] = 'markup@example.com';
  let chosen: Row[] | null = null;
  for (const c of CANDIDATES) {
    const twin = table.rows[150 + (c.src % 50)].slice();
    for (const k of c.keep) twin[col(k)] = table.rows[c.src][col(k)];
    if (c.typo) twin[col('Name')] = String(table.rows[c.src][col('Name')]).slice(0, -1) + 'y';
    const rows = [xss, ...table.rows, twin];
    // seed 1: the options the server's run uses (src/gas/run.ts), so the band here is the band there.
    const state = runPipeline({ header: table.header, rows }, { steps: ['clean', 'dedupe'], region: 'US', seed: 1 });
    const twinIndex = rows.length - 1;
    const pairs = state.reports.dedupe?.pairs ?? [];
    if (pairs.some((p) => p.band === 'review' && (p.a === twinIndex || p.b === twinIndex))) {
      chosen = rows;
      break;
    }
  }
  if (!chosen) throw new Error('none of the planted re-entries lands in the review band with the current matcher: add a candidate');
  const file = path.join(dir, 'customers.csv');
  writeFileSync(file, toCsv({ header: table.header, rows: chosen }, { formulas: 'keep' }));
  return file;
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

    // A result link selects its range: the grid jumps to the CDM columns of the customer sheet.
    await sidebar.getByTestId('res-dup-found').getByRole('button').click();
    await page.locator('#grid[data-sheet="customers"] td.selected').first().waitFor();
    const selectedHeader = await page.locator('#grid tbody tr:first-child td.selected').allTextContents();
    expect(selectedHeader).toContain('CDM Duplicate Group');

    // Review queue: the planted pair is there, side by side; accept it and the queue moves on.
    expect(Number(await sidebar.getByTestId('res-review').locator('.value').textContent())).toBeGreaterThan(0);
    await sidebar.getByRole('tab', { name: /Review/ }).click();
    const pair = sidebar.getByTestId('review-pair');
    await pair.waitFor();
    const firstId = await pair.getAttribute('data-pair-id');
    expect(await sidebar.locator('ul.explain li').count()).toBeGreaterThan(0);
    await screenshot(page, 'playground-review');
    await sidebar.getByTestId('review-accept').click();
    await sidebar.locator(`[data-testid="review-pair"]:not([data-pair-id="${firstId}"]), [data-testid="review-empty"]`).waitFor();
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
