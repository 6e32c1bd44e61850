// Checks on the shipped bundle (run `npm run build` first; `npm test` does). The entry-point
// list comes from the one source of truth (src/entrypoints.ts via esbuild.config.mjs's
// readEntryPoints), plus an explicit REQUIRED list so that deleting a function from the source
// cannot silently pass.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  FOOTER_MARK,
  ROOT,
  customFunctionsWithoutTag,
  generateWrappers,
  jsdocOf,
  missingFunctions,
  newerBuiltins,
  parseBundle,
  readEntryPointsOf,
  sidebarCalls,
} from './bundle-checks';
import { createRuntime } from '../../runtime';

const DIST = path.join(ROOT, 'dist');
const read = (f: string) => {
  const file = path.join(DIST, f);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  return fs.readFileSync(file, 'utf8');
};

const MENU = [
  ['Open CDM', 'showSidebar'],
  ['Clean & analyze', 'menuCleanAndAnalyze'],
  ['Create intake form', 'menuCreateIntakeForm'],
  ['Undo last run', 'menuUndoLastRun'],
  ['Help', 'menuHelp'],
];
const REQUIRED = ['onOpen', 'onInstall', 'showSidebar', ...MENU.map(([, fn]) => fn)];
// The form-submit handler and every custom formula: Apps Script calls them by name.
const FORM_AND_FORMULA_ENTRY_POINTS = [
  'onFormSubmit',
  'CDM_CLUSTER',
  'CDM_SEGMENT',
  'CDM_PHONE',
  'CDM_EMAIL',
  'CDM_MATCH',
  'CDM_DEDUPE_KEY',
  'CDM_STATS',
  'CDM_PREDICT',
  'CDM_RFM',
  'CDM_CHURN',
];
const SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.scriptapp',
  'https://www.googleapis.com/auth/forms',
];
// Calls that only build the menu: all AuthMode.NONE allows.
const MENU_CALLS = /^(SpreadsheetApp\.getUi|Ui\.createAddonMenu|Menu\.(addItem|addSeparator|addSubMenu|addToUi))$/;

const code = read('Code.js');
const SOURCE = path.join(ROOT, 'src/entrypoints.ts');
// A copy of the source of truth with onOpen's export removed, read by the same readEntryPoints.
const source = fs.readFileSync(SOURCE, 'utf8');
const withoutOnOpen = source.replace(/\/\*\*[^]*?\*\/\s*export function onOpen\(/, 'function onOpenRemoved(');
const reducedFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdm-entry-')), 'entrypoints.ts');
fs.writeFileSync(reducedFile, withoutOnOpen);
const [entries, reduced] = readEntryPointsOf([SOURCE, reducedFile]);
const SIDEBAR_CALLS = sidebarCalls();
const required = [...REQUIRED, ...SIDEBAR_CALLS, ...FORM_AND_FORMULA_ENTRY_POINTS];

describe('dist/Code.js', () => {
  const bundle = parseBundle(code);

  test('parses as an ES2020 script (no class fields, no modules)', () => {
    expect(bundle.functions.size).toBeGreaterThan(0);
    expect(() => parseBundle('class A { #x = 1 }')).toThrow(); // the check itself rejects class fields
  });

  test('every export of src/entrypoints.ts is a top-level function declaration', () => {
    expect(entries.length).toBeGreaterThanOrEqual(REQUIRED.length);
    expect(missingFunctions(bundle, entries.map((e) => e.name))).toEqual([]);
  });

  test('the required entry points are there: menu, every function the sidebar calls, form submit, custom functions', () => {
    // The sidebar's calls were found (the scan can fail too): at least the ones it opens and runs with.
    expect(SIDEBAR_CALLS).toEqual(expect.arrayContaining(['getSidebarState', 'startRun', 'continueRun', 'getReviewQueue', 'decideReview', 'undoLastRun']));
    expect(missingFunctions(bundle, required)).toEqual([]);
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(required));
  });

  test('every custom function keeps its JSDoc with @customfunction', () => {
    const custom = entries.filter((e) => e.name.startsWith('CDM_'));
    expect(custom.length).toBeGreaterThanOrEqual(10);
    expect(customFunctionsWithoutTag(bundle)).toEqual([]);
    for (const e of custom) expect(jsdocOf(bundle, e.name)).toBe(e.jsdoc);
  });

  test('uses no built-in newer than ES2020 that it does not polyfill (Array.prototype.at comes from ml-random)', () => {
    expect(newerBuiltins(code)).toEqual([]);
    // The polyfill is there: ml-random's cumSum.at(-1) is allowed because the bundle defines .at.
    expect(code).toMatch(/defineProperty\(\w+\.prototype, "at"/);
  });

  test('the built-ins check catches what it must, and lets polyfilled ones through', () => {
    const found = (src: string) => newerBuiltins(src).map((u) => u.name);
    expect(found('var xs = [1, 2]; xs.at(-1); xs.findLast(f); xs.findLastIndex(f); xs.toSorted();')).toEqual(['at', 'findLast', 'findLastIndex', 'toSorted']);
    expect(found('"a-b".replaceAll("-", ""); Object.hasOwn(o, "k"); structuredClone(o); new WeakRef(o); Promise.any([]);')).toEqual(['replaceAll', 'hasOwn', 'structuredClone', 'WeakRef', 'any']);
    expect(found('cache.any(); map.hasOwn(k); point.at;')).toEqual([]); // someone's own .any(), a field called at
    expect(found('this.at = at; obj.at = 1; [1].at(0);')).toEqual(['at']); // a field called at is no polyfill
    expect(found('Object.defineProperty(Array.prototype, "at", { value: function (i) { return this[i]; } }); [1].at(0);')).toEqual([]);
    expect(found('String.prototype.replaceAll = function () {}; "x".replaceAll("a", "b");')).toEqual([]);
    expect(newerBuiltins('[1].at(0)')[0]).toEqual({ name: 'at', since: 'ES2022', line: 1 });
  });

  test('no UrlFetchApp: no data leaves the spreadsheet', () => {
    expect(code).not.toMatch(/UrlFetchApp/);
  });
});

describe('the checks catch a missing entry point (source of truth with one function removed)', () => {
  const body = code.slice(0, code.indexOf(FOOTER_MARK));
  const custom = entries.find((e) => e.name.startsWith('CDM_')) ?? { name: 'CDM_DEMO', params: ['x'], jsdoc: '/** @customfunction */' };
  const stripped = entries.filter((e) => e.name !== custom.name).concat([{ ...custom, jsdoc: '' }]);
  const [reducedFooter, strippedFooter] = generateWrappers([reduced, stripped]);

  test('removing onOpen from entrypoints.ts leaves it out of the bundle and the REQUIRED check fails', () => {
    expect(withoutOnOpen).not.toBe(source);
    expect(reduced.map((e) => e.name)).not.toContain('onOpen');
    expect(reduced).toHaveLength(entries.length - 1);
    const rebuilt = parseBundle(`${body}${FOOTER_MARK}\n${reducedFooter}\n`);
    expect(missingFunctions(rebuilt, required)).toEqual(['onOpen']);
  });

  test('a custom function without its JSDoc is reported', () => {
    const rebuilt = parseBundle(`${body}${FOOTER_MARK}\n${strippedFooter}\n`);
    expect(customFunctionsWithoutTag(rebuilt)).toEqual([custom.name]);
  });
});

describe('dist/appsscript.json', () => {
  const manifest = JSON.parse(read('appsscript.json'));
  test('V8 runtime and exactly the four scopes, no external requests', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect([...manifest.oauthScopes].sort()).toEqual([...SCOPES].sort());
    expect(JSON.stringify(manifest)).not.toMatch(/external_request/);
    expect(manifest).toEqual(JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')));
  });
});

describe('dist/Sidebar.html', () => {
  const html = read('Sidebar.html');
  test('is self-contained: no external scripts, styles or links', () => {
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<link[^>]*rel\s*=\s*["']?stylesheet/i);
    expect(html).not.toMatch(/@import\s+(url\()?["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).toMatch(/<script>/);
  });
});

describe('the bundle in the local Apps Script runtime', () => {
  const sidebar = read('Sidebar.html');
  const runtime = () => createRuntime({ code, files: { Sidebar: sidebar } });

  test.each(['onOpen', 'onInstall'])('%s in AuthMode.NONE builds exactly the CDM menu and calls nothing else', (fn) => {
    const rt = runtime();
    const ex = rt.run(fn, [rt.openEvent('NONE')], { authMode: 'NONE' });
    expect(ex.error).toBeUndefined();
    expect(rt.ui.menus).toEqual([{ kind: 'addon', caption: 'Add-on', items: MENU.map(([caption, functionName]) => ({ caption, functionName })) }]);
    expect(Object.keys(ex.calls).filter((n) => !MENU_CALLS.test(n))).toEqual([]);
    expect(ex.calls['Menu.addToUi']).toBe(1);
    expect(rt.ui.sidebars).toEqual([]);
  });

  test.each(MENU)('menu item "%s" runs %s without throwing and opens the sidebar', (_caption, fn) => {
    const rt = runtime();
    rt.fillSheet('Customers', [['Name', 'Email'], ['Ann', 'ann@example.com']]);
    const ex = rt.run(fn);
    expect(ex.error).toBeUndefined();
    expect(rt.ui.sidebars).toHaveLength(1);
    expect(rt.ui.sidebars[0].content.length).toBeGreaterThan(100);
  });
});
