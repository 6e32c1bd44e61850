/**
 * The built dist/Sidebar.html in a Chromium page against the fake google.script.run
 * (fake-server.ts): what every sidebar view test opens.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DIST, launch, type Browser } from './browser';
import { installFakeServer, type FakeConfig } from './fake-server';

export interface ServerCall { fn: string; args: unknown[] }

export interface SidebarPage {
  page: Page;
  /** The message of every alert or confirm the page raised (each dismissed). */
  dialogs: string[];
  /** The server calls the page has made so far, in order. */
  calls(): Promise<ServerCall[]>;
}

/** dist/Sidebar.html as `npm run build` wrote it. */
export function builtSidebar(): string {
  const file = path.join(DIST, 'Sidebar.html');
  if (!existsSync(file)) throw new Error('dist/Sidebar.html is missing: run npm run build first');
  return readFileSync(file, 'utf8');
}

/** A new page of `browser` showing the sidebar `html` at `view`, its server the fake one with `config`. */
async function openSidebar(browser: Browser, html: string, view: string, config: FakeConfig): Promise<SidebarPage> {
  const page = await browser.context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(installFakeServer, config);
  const body = html.replace('data-initial-view="main"', `data-initial-view="${view}"`);
  await page.route('http://sidebar.test/**', (route) => route.fulfill({ body, contentType: 'text/html; charset=utf-8' }));
  await page.goto('http://sidebar.test/');
  return { page, dialogs, calls: () => page.evaluate('window.__calls') as Promise<ServerCall[]> };
}

export interface SidebarSuite {
  /** A new page at `view`, its server the fake one with the suite's config and `config` over it. */
  open(view: string, config?: Partial<FakeConfig>): Promise<SidebarPage>;
  /** The built sidebar page's HTML. */
  html(): string;
}

/**
 * For a test file: reads the built sidebar and starts Chromium at `viewport` before its tests
 * (beforeAll), closes it after them (afterAll).
 */
export function sidebarSuite(viewport: { width: number; height: number }, base: FakeConfig): SidebarSuite {
  let browser: Browser | undefined;
  let html = '';
  beforeAll(async () => {
    html = builtSidebar();
    browser = await launch(viewport);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    open: (view, config = {}) => {
      if (!browser) throw new Error('sidebarSuite: open() before the suite started');
      return openSidebar(browser, html, view, { ...base, ...config });
    },
    html: () => html,
  };
}
