/**
 * Steps the playground browser tests share: the emulated Extensions menu, the sidebar frame,
 * a run taken through its preview, the grid and its selection.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { toCsv } from '../../src/core/csv';
import { startPlayground, type Playground, type PlaygroundOptions } from '../../tools/playground/server';
import { launch, type Browser } from './browser';
import { plantedReviewTable } from '../hostile/addon-sidebar-setup';

export const RUN_TIMEOUT = 240_000;

type Doc = { document: { querySelectorAll(s: string): ArrayLike<unknown>; getElementById(id: string): { src: string } | null } };

/** Extensions → CDM → item; the sidebar's frame once it has loaded. */
export async function menu(page: Page, item: string): Promise<Frame> {
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.getByRole('menuitem', { name: 'CDM ▸' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  return sidebarFrame(page);
}

/** The sidebar's frame once it has loaded the sidebar. */
export async function sidebarFrame(page: Page): Promise<Frame> {
  const frameEl = page.locator('#sidebar-frame');
  await frameEl.waitFor();
  await page.waitForFunction(() => /\/sidebar\?v=/.test((globalThis as unknown as Doc).document.getElementById('sidebar-frame')?.src ?? ''));
  const handle = await frameEl.elementHandle();
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error('sidebar frame did not load');
  await frame.waitForLoadState();
  return frame;
}

/**
 * Presses a run button and takes the run to its results: when the run stops for the preview,
 * `atPreview` may look and choose, then Write is pressed.
 */
export async function runToResults(sidebar: Frame | FrameLocator, button: string, atPreview?: () => Promise<void>): Promise<'previewed' | 'direct'> {
  await sidebar.getByRole('button', { name: button, exact: true }).click();
  const shown = await Promise.race([
    sidebar.getByTestId('preview').waitFor({ timeout: RUN_TIMEOUT }).then(() => 'previewed' as const),
    sidebar.getByTestId('results').waitFor({ timeout: RUN_TIMEOUT }).then(() => 'direct' as const),
  ]);
  if (shown === 'previewed') {
    if (atPreview) await atPreview();
    await sidebar.getByTestId('preview-write').click();
    await sidebar.getByTestId('results').waitFor({ timeout: RUN_TIMEOUT });
  }
  return shown;
}

export async function gridText(page: Page): Promise<string[][]> {
  return page.locator('#grid tbody tr').evaluateAll((rows) =>
    rows.map((r) => Array.from((r as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('td'), (td) => td.textContent ?? '')),
  );
}

/** Sheet rows (1-based) and columns (1-based) of the cells the grid shows selected. */
export async function selectedCells(page: Page): Promise<Array<[number, number]>> {
  return page.locator('#grid tbody tr').evaluateAll((rows) => {
    const out: Array<[number, number]> = [];
    rows.forEach((r, i) => {
      const tds = (r as unknown as { querySelectorAll(s: string): ArrayLike<{ className: string }> }).querySelectorAll('td');
      Array.from(tds).forEach((td, j) => {
        if (/\bselected\b/.test(td.className)) out.push([i + 1, j + 1]);
      });
    });
    return out;
  });
}

export async function openSheet(page: Page, name: string): Promise<void> {
  await page.locator(`nav.tabs button[data-sheet="${name}"]`).click();
  await page.locator(`#grid[data-sheet="${name}"]`).waitFor();
}

/** Waits until the page shows a tab for `name` (a sheet the add-on just made). */
export async function sheetTab(page: Page, name: string): Promise<void> {
  await page.waitForFunction((n) => (globalThis as unknown as Doc).document.querySelectorAll(`nav.tabs button[data-sheet="${n}"]`).length > 0, name);
}

/**
 * The sample sheet with one re-entered customer whose pair lands in the review band, as a CSV
 * (test/hostile/addon-sidebar-setup.ts plants it).
 */
export function plantedReviewCsv(dir: string, opts: { markup?: string; rows?: number; seed?: number; file?: string } = {}): string {
  const table = plantedReviewTable(opts);
  const file = path.join(dir, opts.file ?? 'customers.csv');
  // The sheet is CDM's input: its formula-looking notes stay as the user typed them.
  writeFileSync(file, toCsv(table, { formulas: 'keep' }));
  return file;
}

/**
 * For a describe block: Chromium at `viewport` and a playground started with `options` before
 * its tests (beforeAll), both closed after them (afterAll).
 */
export function playgroundSuite(viewport: { width: number; height: number }, options: PlaygroundOptions): { browser(): Browser; pg(): Playground } {
  let browser: Browser | undefined;
  let pg: Playground | undefined;
  beforeAll(async () => {
    browser = await launch(viewport);
    pg = await startPlayground(options);
  });
  afterAll(async () => {
    await pg?.close();
    await browser?.close();
  });
  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('playgroundSuite: used before the suite started');
    return x;
  };
  return { browser: () => started(browser), pg: () => started(pg) };
}
