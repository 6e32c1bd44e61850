/**
 * Run status that survives, in Chromium on the playground (the built add-on in the
 * local Apps Script runtime; each run step is its own execution): menu → Clean & analyze, the
 * sidebar closed mid-run, the page reloaded. The reload starts no run (it used to start a new
 * one each time); the reopened sidebar shows the run's card with its step, Resume and Cancel.
 * Cancel leaves the sheet exactly as it was; Resume finishes the run. No hidden sheet is ever
 * shown. Screenshots: run-card-unfinished, run-card-cancelled, run-card-resumed (test-artifacts/).
 */
import type { Frame, Page } from 'playwright-core';
import { startPlayground, type Playground } from '../../tools/playground/server';
import { launch, screenshot, type Browser } from './browser';
import { sidebarFrame } from './helpers';

jest.setTimeout(600_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launch({ width: 1400, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

async function menu(page: Page, item: string): Promise<Frame> {
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.getByRole('menuitem', { name: 'CDM ▸' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  return sidebarFrame(page);
}

const startRuns = (pg: Playground) => pg.runtime.runtime.executions.filter((e) => e.functionName === 'startRun' && !(e.result as { existing?: boolean } | undefined)?.existing).length;
const customers = (pg: Playground) => pg.runtime.runtime.snapshot('Customers');
const hiddenShown = (pg: Playground) => pg.runtime.runtime.spreadsheet.getActiveSheet()._hidden;

/**
 * Menu → Clean & analyze; the sidebar is closed when it asks for the run's second continuation
 * (that request never reaches the server, as when the user closes the sidebar); the page reloaded.
 */
async function interruptedRun(pg: Playground, page: Page): Promise<Frame> {
  await page.goto(pg.url);
  let continuations = 0;
  let closed = false;
  await page.route('**/rpc', async (route) => {
    const body = route.request().postData() ?? '';
    if (!closed && /"fn":"continueRun"/.test(body) && ++continuations === 2) {
      closed = true;
      await route.abort();
      await page.evaluate(() => (globalThis as unknown as { document: { getElementById(id: string): { click(): void } } }).document.getElementById('sidebar-close').click());
      return;
    }
    await route.continue();
  });
  await menu(page, 'Clean & analyze');
  await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { hidden: boolean } } }).document.getElementById('sidebar').hidden === true, undefined, { timeout: 120_000 });
  await page.unroute('**/rpc');
  await page.reload();
  return sidebarFrame(page);
}

test('closed mid-run and reloaded: no new run starts; the card offers Resume and Cancel; Cancel leaves the sheet as it was', async () => {
  const pg = await startPlayground({ port: 0, rows: 60, seed: 5 });
  const page = await browser.context.newPage();
  try {
    const before = customers(pg);
    const frame = await interruptedRun(pg, page);
    await frame.getByTestId('run-resume').waitFor({ timeout: 60_000 });
    expect(startRuns(pg)).toBe(1); // the reload started nothing
    expect(await frame.getByTestId('run-card').getAttribute('data-phase')).toBe('steps');
    expect(await frame.getByTestId('run-status').textContent()).toMatch(/^Step [2-5] of 5: /);
    expect(await frame.getByTestId('run-note').first().textContent()).toMatch(/not finished/);
    await screenshot(page, 'run-card-unfinished');
    // Reloading again still starts nothing.
    await page.reload();
    const again = await sidebarFrame(page);
    await again.getByTestId('run-cancel').waitFor({ timeout: 60_000 });
    expect(startRuns(pg)).toBe(1);
    await again.getByTestId('run-cancel').click();
    await again.getByTestId('run-card').and(again.locator('[data-phase="cancelled"]')).waitFor({ timeout: 60_000 });
    expect(await again.getByTestId('run-status').textContent()).toMatch(/exactly as it was before the run/);
    await screenshot(page, 'run-card-cancelled');
    expect(customers(pg)).toEqual(before);
    expect(pg.runtime.runtime.spreadsheet.getSheetByName('CDM State')).toBeNull();
    expect(hiddenShown(pg)).toBe(false);
  } finally {
    await page.close();
    await pg.close();
  }
});

test('closed mid-run and reloaded: Resume carries the run on to its results', async () => {
  const pg = await startPlayground({ port: 0, rows: 60, seed: 5 });
  const page = await browser.context.newPage();
  try {
    const frame = await interruptedRun(pg, page);
    await frame.getByTestId('run-resume').click();
    // The menu's run stops before writing (the preview is on by default): Write, then results.
    await frame.getByTestId('results').or(frame.getByTestId('preview')).first().waitFor({ timeout: 240_000 });
    if (await frame.getByTestId('preview').count()) await frame.getByTestId('preview-write').click();
    await frame.getByTestId('results').waitFor({ timeout: 240_000 });
    expect(await frame.getByTestId('run-status').textContent()).toBe('Done.');
    expect(startRuns(pg)).toBe(1);
    await screenshot(page, 'run-card-resumed');
    expect(hiddenShown(pg)).toBe(false);
    // The sheet now has CDM's columns; a further reload shows no unfinished run and starts none.
    await page.reload();
    const after = await sidebarFrame(page);
    await after.locator('#app main').waitFor();
    await page.waitForTimeout(1000);
    expect(await after.getByTestId('run-resume').count()).toBe(0);
    expect(startRuns(pg)).toBe(1);
  } finally {
    await page.close();
    await pg.close();
  }
});
