/**
 * The playground's other promises: the menu's Clean & analyze opens the sidebar already
 * running, a Chinese spreadsheet gets a Chinese sidebar, and `node dist/playground.cjs`
 * prints its URL and exits 0 on Ctrl-C. Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startPlayground } from '../../tools/playground/server';
import { DIST, screenshot } from './browser';
import { menu, playgroundSuite, runToResults } from './helpers';

jest.setTimeout(300_000);

describe('Chinese spreadsheet', () => {
  const { browser, pg } = playgroundSuite({ width: 1200, height: 900 }, { port: 0, rows: 60, seed: 2, locale: 'zh_CN' });

  test('menu Clean & analyze opens the sidebar running, in Chinese, with the CN phone region', async () => {
    const page = await browser().context.newPage();
    await page.goto(pg().url);
    // The menu is in Chinese too.
    const sidebar = await menu(page, '清理并分析');
    const shown = await Promise.race([
      sidebar.getByTestId('preview').waitFor({ timeout: 240_000 }).then(() => 'preview'),
      sidebar.getByTestId('results').waitFor({ timeout: 240_000 }).then(() => 'results'),
    ]);
    if (shown === 'preview') await sidebar.getByTestId('preview-write').click();
    await sidebar.getByTestId('results').waitFor({ timeout: 240_000 });
    expect(await sidebar.getByTestId('run-status').textContent()).toBe('完成。');
    expect(await sidebar.getByRole('tab').allTextContents()).toEqual(expect.arrayContaining(['清理', '表单', '撤销', '帮助']));
    expect(await sidebar.locator('#results-title').textContent()).toBe('结果');
    expect(await sidebar.locator('html').getAttribute('lang')).toBe('zh-CN');
    await screenshot(page, 'playground-zh');
    await sidebar.getByRole('button', { name: '返回选项' }).click();
    expect(await sidebar.getByLabel('电话所属国家/地区').inputValue()).toBe('CN');
    await page.close();
  });
});

describe('merge mode', () => {
  const { browser, pg } = playgroundSuite({ width: 1200, height: 800 }, { port: 0, rows: 80, seed: 4 });

  test('merging moves rows to CDM Removed, and undo brings every cell back', async () => {
    const page = await browser().context.newPage();
    await page.goto(pg().url);
    await page.locator('#grid[data-sheet="Customers"]').waitFor();
    const before = pg().runtime.runtime.snapshot('Customers');
    const sidebar = await menu(page, 'Open CDM');
    await sidebar.getByLabel('Merge them (one row per customer)').check();
    await runToResults(sidebar, 'Clean & analyze');
    const merged = Number(await sidebar.getByTestId('res-dup-merged').locator('.value').textContent());
    expect(merged).toBeGreaterThan(0);
    await page.locator('nav.tabs button[data-sheet="CDM Removed"]').waitFor();
    expect(pg().runtime.runtime.sheetValues('Customers').length).toBe(before.values.length - merged);
    await screenshot(page, 'playground-merged');

    await sidebar.getByRole('tab', { name: 'Undo' }).click();
    await sidebar.getByTestId('undo-confirm').click();
    await sidebar.getByTestId('notice').waitFor({ timeout: 120_000 });
    const after = pg().runtime.runtime.snapshot('Customers');
    expect({ values: after.values, notes: after.notes, backgrounds: after.backgrounds }).toEqual({
      values: before.values,
      notes: before.notes,
      backgrounds: before.backgrounds,
    });
    await page.close();
  });
});

describe('intake form', () => {
  const { browser, pg } = playgroundSuite({ width: 1200, height: 800 }, { port: 0, rows: 20, seed: 3 });

  const rt = () => pg().runtime.runtime;
  test('menu Create intake form: create it, see the link, mapping and trigger, then remove the trigger', async () => {
    const page = await browser().context.newPage();
    await page.goto(pg().url);
    const sidebar = await menu(page, 'Create intake form');
    // The questions are shown before anything is created.
    await sidebar.getByTestId('form-preview-open').click();
    await sidebar.getByTestId('form-preview').waitFor();
    expect(rt().forms.size).toBe(0);
    await sidebar.getByTestId('form-create').click();
    await sidebar.getByTestId('form-link').waitFor({ timeout: 60_000 });
    expect(await sidebar.getByTestId('form-link').getAttribute('href')).toMatch(/^https:\/\//);
    expect(await sidebar.getByTestId('form-trigger').textContent()).toBe('New answers are cleaned and added automatically.');
    expect(await sidebar.getByTestId('form-mapping').locator('tr').count()).toBeGreaterThan(0);
    expect(pg().runtime.runtime.triggers.list.some((t) => t.eventType === 'ON_FORM_SUBMIT')).toBe(true);
    await screenshot(page, 'playground-form');
    await sidebar.getByTestId('form-remove-trigger').click();
    await sidebar.getByTestId('form-install-trigger').waitFor();
    expect(await sidebar.getByTestId('form-trigger').textContent()).toBe('New answers are not being added automatically.');
    await page.close();
  });
});

test('npm start: prints its URL, serves the page, and stops with exit code 0 on Ctrl-C', async () => {
  const child = spawn(process.execPath, [path.join(DIST, 'playground.cjs'), '--port', '0', '--rows', '20'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/localhost:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
  });
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('CDM playground');
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  expect(await exited).toBe(0);
});

test('a port that is taken is reported in plain words', async () => {
  const first = await startPlayground({ port: 0, rows: 5 });
  const port = Number(new URL(first.url).port);
  try {
    await expect(startPlayground({ port, rows: 5 })).rejects.toThrow(`port ${port} is already in use: choose another with --port, or --port 0 for any free one.`);
  } finally {
    await first.close();
  }
});
