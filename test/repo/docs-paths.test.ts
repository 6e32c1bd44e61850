/**
 * docs/architecture.md is a map, so every file and folder it names must exist: a path written
 * in backticks (`src/gas/run.ts`, `core/settings.ts` for src/core/settings.ts, `sidebar/views/`)
 * is checked against the checkout. A moved or renamed file fails here until the map follows.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const DOC = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
const PATH_RE = /^(?:src|sidebar|runtime|tools|test|data|docs|core)\/[\w./-]*$/;

const named = [...new Set([...DOC.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]).filter((p) => PATH_RE.test(p)))];

test('docs/architecture.md names the files of each layer and each "where to change"', () => {
  // The sections this page promises, each naming real files.
  for (const heading of ['## The layers', '## One run, from menu click to written cells', '## Where to change']) expect(DOC).toContain(heading);
  for (const topic of ['**The phone normaliser.**', '**A comparison level.**', '**A `CDM_*` formula.**', '**A sidebar panel.**', "**An exporter's header map**"]) {
    expect(DOC).toContain(topic);
  }
  expect(named.length).toBeGreaterThan(30);
});

test('every path docs/architecture.md names exists', () => {
  const missing = named.filter((p) => !existsSync(path.join(ROOT, p.startsWith('core/') ? `src/${p}` : p)));
  expect(missing).toEqual([]);
});
