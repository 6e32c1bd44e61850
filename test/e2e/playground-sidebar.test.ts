/**
 * The sidebar's panels in the whole add-on: the playground runs the BUILT dist/Code.js in the
 * local Apps Script runtime and Chromium drives the real sidebar. Show links select exactly the
 * rows they name; a review decision keeps the value the user chose and CDM Review reads like a
 * sheet for people; "Predict this column" comes from the server's list; the intake form is
 * previewed, then consent arrives with its time; a reload never starts a run. Screenshots in test-artifacts/. Needs `npm run build` first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { startPlayground, type Playground } from '../../tools/playground/server';
import { launch, screenshot, type Browser } from './browser';
import { gridText, menu, openSheet, plantedReviewCsv, runToResults, selectedCells, sheetTab } from './helpers';

jest.setTimeout(600_000);

let browser: Browser;
let pg: Playground;
let dir: string;
const SHEET = 'customers';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cdm-e2e-sidebar-'));
  browser = await launch({ width: 1400, height: 900 });
  pg = await startPlayground({ port: 0, csv: plantedReviewCsv(dir) });
});
afterAll(async () => {
  await pg?.close();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const selectedRows = async (page: Page): Promise<number[]> => [...new Set((await selectedCells(page)).map(([r]) => r))].sort((a, b) => a - b);

async function waitSelection(page: Page, sheet: string): Promise<void> {
  await page.locator(`#grid[data-sheet="${sheet}"] td.selected`).first().waitFor();
}

describe('the sidebar against the real add-on', () => {
  let page: Page;
  let sidebar: Frame;

  test('"Predict this column" offers only numbers or yes/no columns, from the server', async () => {
    page = await browser.context.newPage();
    await page.goto(pg.url);
    sidebar = await menu(page, 'Open CDM');
    await sidebar.getByTestId('run-all').waitFor();
    const options = await sidebar.locator('#opt-target option').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value).filter(Boolean));
    expect(options).toEqual(expect.arrayContaining(['Total Spend', 'Orders', 'Age', 'Income']));
    for (const never of ['Name', 'Email', 'Phone', 'Street', 'City', 'Country', 'Product', 'Notes']) expect(options).not.toContain(never);
  });

  test('after a run, each Show selects exactly what it names', async () => {
    const original = pg.runtime.runtime.snapshot(SHEET);
    await runToResults(sidebar, 'Clean & analyze');
    await screenshot(page, 'show-results');
    const rt = pg.runtime.runtime;

    // A customer at risk: their own row, whose name is the one the list shows.
    const churn = sidebar.getByTestId('res-churn').locator('li').first();
    const text = (await churn.textContent()) ?? '';
    const row = Number(/\(row (\d+)\)/.exec(text)?.[1]);
    await churn.getByRole('button').click();
    await waitSelection(page, SHEET);
    expect(await selectedRows(page)).toEqual([row]);
    const grid = await gridText(page);
    const name = grid[0].indexOf('Name');
    expect(text.startsWith(`${grid[row - 1][name]} (row ${row})`)).toBe(true);
    await screenshot(page, 'show-churn-row');

    // Values cleaned and blanks filled: the very cells the run changed in the customer sheet —
    // together exactly the user cells whose value changed, the filled ones being those CDM marked.
    const after = rt.snapshot(SHEET);
    const width = original.values[0].length;
    const changed: string[] = [];
    after.values.forEach((row, r) => row.slice(0, width).forEach((v, c) => {
      const was = original.values[r]?.[c];
      if (r > 0 && String(v instanceof Date ? v.getTime() : v) !== String(was instanceof Date ? was.getTime() : was)) changed.push(`${r + 1}:${c + 1}`);
    }));
    const pick = async (testid: string): Promise<string[]> => {
      await sidebar.getByTestId(testid).getByRole('button').click();
      await waitSelection(page, SHEET);
      await page.waitForTimeout(400);
      return (await selectedCells(page)).map(([r, c]) => `${r}:${c}`);
    };
    const cleaned = await pick('res-normalised');
    await screenshot(page, 'show-cleaned');
    const filled = await pick('res-imputed');
    await screenshot(page, 'show-filled');
    expect(cleaned.length).toBeGreaterThan(0);
    expect(filled.length).toBeGreaterThan(0);
    // A cell can be both: "N/A" cleaned to empty, then filled.
    expect([...new Set([...cleaned, ...filled])].sort()).toEqual(changed.sort());
    for (const x of filled) {
      const [r, c] = x.split(':').map(Number);
      expect(after.notes[r - 1][c - 1]).not.toBe('');
    }
  });

  test('a review decision with a per-field choice: stored with it, and CDM Review says so in words', async () => {
    const rt = pg.runtime.runtime;
    await sidebar.getByRole('tab', { name: /Review/ }).click();
    const card = sidebar.getByTestId('review-pair');
    await card.waitFor();
    const id = (await card.getAttribute('data-pair-id')) ?? '';
    // Choose record B's value of the first field that differs, then say "same customer".
    const keep = sidebar.locator('input.keep[data-testid^="keep-b-"]').first();
    const field = ((await keep.getAttribute('data-testid')) ?? '').replace('keep-b-', '');
    await keep.check();
    await sidebar.getByTestId('review-accept').click();
    await sidebar.getByTestId('review-status').or(sidebar.locator(`[data-testid="review-pair"]:not([data-pair-id="${id}"])`)).first().waitFor();
    const decisions = JSON.parse(rt.properties.document.data.get('cdm.decisions') ?? '[]') as Array<{ a: string; b: string; decision: string; fields?: Record<string, string> }>;
    const [a, b] = id.split('|');
    expect(decisions.find((d) => d.a === a && d.b === b)).toEqual({ a, b, decision: 'accept', fields: { [field]: 'b' } });

    await sheetTab(page, 'CDM Review');
    await openSheet(page, 'CDM Review');
    const review = await gridText(page);
    expect(review[0].slice(0, 5)).toEqual(['Pair', 'Decision', 'Match', 'Record', 'Row']);
    const at = review.findIndex((r) => r.includes(id));
    expect(review[at][1]).toMatch(new RegExp(`^Same customer; keep ${field} from row \\d+$`));
    expect(review[at][2]).toMatch(/^\d{1,3}%$/);
    // No raw JSON anywhere in the sheet.
    expect(review.flat().filter((c) => /^\s*[[{]/.test(c))).toEqual([]);
    await screenshot(page, 'review-sheet');
  });

  test('the intake form: preview, create, and a customer’s consent lands with its time', async () => {
    const rt = pg.runtime.runtime;
    await sidebar.getByRole('tab', { name: 'Form' }).click();
    await sidebar.getByTestId('form-preview-open').click();
    await sidebar.getByTestId('form-preview').waitFor();
    const questions = await sidebar.getByTestId('form-questions').locator('.q-title').allTextContents();
    expect(questions).toEqual(['Name', 'Email', 'Phone', 'Street', 'City', 'Postcode', 'Country', 'Product', 'Consent']);
    expect(rt.forms.size).toBe(0);
    await screenshot(page, 'form-preview-real');
    await sidebar.getByTestId('form-create').click();
    await sidebar.getByTestId('form-link').waitFor();
    const form = [...rt.forms.values()][0];
    rt.submitForm(form.getId(), { Name: 'Zoe Quinn', Email: 'zoe.quinn@example.com', Consent: ['I agree that my details are stored and used to contact me.'] });
    const values = rt.sheetValues(SHEET);
    const header = values[0] as string[];
    const zoe = values.find((r) => r[header.indexOf('Name')] === 'Zoe Quinn');
    expect(zoe?.[header.indexOf('Consent given')]).toBeInstanceOf(Date);
    // The page redraws on its next look at the spreadsheet.
    await page.reload();
    await openSheet(page, SHEET);
    await screenshot(page, 'form-consent');
    await page.close();
  });

  test('a reload of the sidebar opened by Clean & analyze never starts another run', async () => {
    const rt = pg.runtime.runtime;
    const starts = () => rt.executions.filter((e) => e.functionName === 'startRun').length;
    const p2 = await browser.context.newPage();
    await p2.goto(pg.url);
    const before = starts();
    const frame = await menu(p2, 'Clean & analyze');
    await frame.getByTestId('results').or(frame.getByTestId('preview')).first().waitFor({ timeout: 240_000 });
    if (await frame.getByTestId('preview').count()) await frame.getByTestId('preview-write').click();
    await frame.getByTestId('results').waitFor({ timeout: 240_000 });
    expect(starts()).toBe(before + 1);
    // Reload the page (the same sidebar HTML, with the same launch token): no new run.
    await p2.reload();
    const again = p2.frameLocator('#sidebar-frame');
    await again.getByTestId('run-all').waitFor();
    await p2.waitForTimeout(1500);
    expect(starts()).toBe(before + 1);
    await screenshot(p2, 'reload-no-run');
    await p2.close();
  });
});
