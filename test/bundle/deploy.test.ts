/**
 * The deploy path works as README.md writes it ("Deploying"), checked with the real clasp
 * (the devDependency) offline, in a scratch folder with no Google credentials:
 * - `clasp create` is not refused because of the repo's .clasp.json (clasp refuses while it
 *   names a script id; the repo's copy must not), so it goes on to ask for credentials;
 * - `npm run deploy` is a build and `clasp push --force` (a push without --force skips a changed
 *   manifest), with no test prerequisites (Chromium, data beside the clone);
 * - clasp pushes exactly Code.js, Sidebar.html and appsscript.json from dist/ (not the local
 *   CLI, playground and bench bundles built beside them).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './bundle-checks';

const CLASP = path.join(ROOT, 'node_modules/.bin/clasp');

function scratch(claspJson: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdm-clasp-'));
  fs.writeFileSync(path.join(dir, '.clasp.json'), claspJson);
  fs.copyFileSync(path.join(ROOT, '.claspignore'), path.join(dir, '.claspignore'));
  fs.mkdirSync(path.join(dir, 'dist'));
  for (const f of ['Code.js', 'Sidebar.html', 'appsscript.json', 'cli.cjs', 'playground.cjs', 'bench.cjs']) fs.writeFileSync(path.join(dir, 'dist', f), f.endsWith('.json') ? '{}' : '//');
  fs.writeFileSync(path.join(dir, 'dist', 'stray.js'), '// a file that is no part of the add-on');
  return dir;
}

function clasp(dir: string, args: string[]): string {
  // HOME in the scratch folder: no credentials of whoever runs the tests are used or touched.
  const r = spawnSync(CLASP, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: dir, USERPROFILE: dir, clasp_config_project: '' }, timeout: 60000 });
  return `${r.stdout}\n${r.stderr}`;
}

test("npm run deploy is a build and clasp push --force, nothing else", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.scripts.deploy).toBe('npm run build && clasp push --force');
  expect(pkg.devDependencies['@google/clasp']).toBeDefined();
});

test("the repo's .clasp.json points clasp at dist/ and names no script, so clasp create is not refused", () => {
  const text = fs.readFileSync(path.join(ROOT, '.clasp.json'), 'utf8');
  expect(JSON.parse(text)).toEqual({ rootDir: 'dist' });
  const mine = scratch(text);
  const out = clasp(mine, ['create', '--type', 'standalone', '--title', 'CDM', '--rootDir', 'dist']);
  expect(out).not.toMatch(/Project file already exists/);
  expect(out).toMatch(/credentials/i); // it got as far as signing in
  // The check can fail: a .clasp.json naming a script is refused, as clasp does.
  const named = scratch(JSON.stringify({ scriptId: 'REPLACE_WITH_YOUR_SCRIPT_ID', rootDir: 'dist' }));
  expect(clasp(named, ['create', '--type', 'standalone', '--title', 'CDM', '--rootDir', 'dist'])).toMatch(/Project file already exists/);
}, 120000);

test('clasp pushes exactly Code.js, Sidebar.html and appsscript.json', () => {
  const dir = scratch(JSON.stringify({ scriptId: 'a-script-id', rootDir: 'dist' }));
  const out = clasp(dir, ['show-file-status']);
  const tracked = out.split('Untracked files:')[0];
  const listed = (block: string) => [...block.matchAll(/dist\/([\w.-]+)/g)].map((m) => m[1]).sort();
  expect(listed(tracked)).toEqual(['Code.js', 'Sidebar.html', 'appsscript.json']);
  expect(listed(out.split('Untracked files:')[1] ?? '')).toEqual(['bench.cjs', 'cli.cjs', 'playground.cjs', 'stray.js']);
}, 120000);
