/**
 * The layers hold (docs/architecture.md): core imports nothing above it (only core and the
 * i18n dictionaries), and only src/gas/ (and the entry points) name Apps Script's services.
 * Read from the source files themselves, so a new import the wrong way fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (/\.ts$/.test(name) && !/\.d\.ts$/.test(name)) out.push(full);
  }
  return out;
}

const IMPORT_RE = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm;

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) if (m[1].startsWith('.')) out.push(path.resolve(path.dirname(file), m[1]));
  return out;
}

test('core imports only core and the i18n dictionaries', () => {
  const core = path.join(ROOT, 'src/core');
  const allowed = [core, path.join(ROOT, 'src/i18n')];
  const wrong = files(core).flatMap((f) => relativeImports(f)
    .filter((target) => !allowed.some((dir) => target === dir || target.startsWith(dir + path.sep)))
    .map((target) => `${path.relative(ROOT, f)} -> ${path.relative(ROOT, target)}`));
  expect(files(core).length).toBeGreaterThan(40); // the scan found the code
  expect(wrong).toEqual([]);
});

test('only src/gas and the entry points name Apps Script services', () => {
  const SERVICES_RE = /\b(SpreadsheetApp|FormApp|HtmlService|PropertiesService|CacheService|LockService|ScriptApp|UrlFetchApp)\s*\./;
  const outside = ['src/core', 'src/i18n', 'src/cli', 'sidebar'].flatMap((d) => files(path.join(ROOT, d)))
    .concat([path.join(ROOT, 'src/cli.ts'), path.join(ROOT, 'src/rpc.ts')])
    // Comments may name a service; code may not.
    .filter((f) => readFileSync(f, 'utf8').split('\n').some((line) => !/^\s*(\/\/|\*|\/\*)/.test(line) && SERVICES_RE.test(line)));
  expect(outside.map((f) => path.relative(ROOT, f))).toEqual([]);
});
