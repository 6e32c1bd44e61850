/**
 * Comments point inside the repository: none in src/, sidebar/, runtime/, tools/ or test/ cites
 * an issue by number, a numbered section sign or the design document: things a clone does not have. A comment
 * says the reason itself, or points at README.md, docs/architecture.md, data/README.md or
 * runtime/README.md. Comments are read with TypeScript's own parser (a string or a regular
 * expression that holds such words is not a comment); Python files are read whole (their
 * docstrings are their comments), CSS and HTML by their comment syntax.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const FOLDERS = ['src', 'sidebar', 'runtime', 'tools', 'test'];
const CITATION = /\bissues?[ -]?#?\d+|\bdesign(?:\.md)?\s*§|\bdesign\.md\b|§\s*\d/i;

/**
 * Files that still cite, each left to the branch now changing it (editing them here would only
 * make its merge conflict). Each has a test.failing below: when the file is fixed that test
 * fails, and the file comes off this list.
 */
const PENDING: Record<string, string> = {};

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (/\.(ts|tsx|js|cjs|mjs|py|css|html)$/.test(name)) out.push(full);
  }
  return out;
}

/** Every comment of a TypeScript or JavaScript text, each once: those before and after each token. */
function scriptComments(name: string, text: string): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, /\.tsx$/.test(name) ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const seen = new Map<number, string>();
  const take = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) seen.set(r.pos, text.slice(r.pos, r.end));
  };
  const visit = (node: ts.Node) => {
    take(ts.getLeadingCommentRanges(text, node.getFullStart()));
    take(ts.getTrailingCommentRanges(text, node.getEnd()));
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return [...seen.values()];
}

/** The comments of a file as text to search (a Python file whole). */
export function commentsOf(file: string, text: string): string[] {
  if (/\.py$/.test(file)) return [text];
  if (/\.css$/.test(file)) return text.match(/\/\*[\s\S]*?\*\//g) ?? [];
  if (/\.html$/.test(file)) return [...(text.match(/<!--[\s\S]*?-->/g) ?? []), ...(text.match(/\/\*[\s\S]*?\*\//g) ?? [])];
  return scriptComments(file, text);
}

/** "file:line: the comment line" for each comment line that CITATION finds. */
function citations(rel: string, text = readFileSync(path.join(ROOT, rel), 'utf8')): string[] {
  const out: string[] = [];
  for (const comment of commentsOf(rel, text)) {
    if (!CITATION.test(comment)) continue;
    const at = text.indexOf(comment);
    comment.split('\n').forEach((line, i) => {
      if (CITATION.test(line)) out.push(`${rel}:${text.slice(0, at).split('\n').length + i}: ${line.trim()}`);
    });
  }
  return out;
}

const ALL = FOLDERS.flatMap((f) => files(path.join(ROOT, f))).map((f) => path.relative(ROOT, f).split(path.sep).join('/'));

test('the reader finds citations in comments only, not in strings or regular expressions', () => {
  const text = [
    "const a = 'issue 9 §3'; // fine",
    'const re = /design\\.md/;',
    '/** Why: see issue 12 §3. */',
    'function f(/* design.md §4 */ x: number) { return x; }',
    'const b = `§2`; // README: Commands',
  ].join('\n');
  expect(citations('example.ts', text)).toEqual([
    'example.ts:3: /** Why: see issue 12 §3. */',
    'example.ts:4: /* design.md §4 */',
  ]);
});

test('no comment in src/, sidebar/, runtime/, tools/ or test/ cites an issue number or the design document', () => {
  expect(ALL.length).toBeGreaterThan(300); // the walk found the code
  for (const file of Object.keys(PENDING)) expect(ALL).toContain(file);
  expect(ALL.filter((f) => !(f in PENDING)).flatMap((f) => citations(f))).toEqual([]);
});

describe('still citing, left to the branch changing them', () => {
  for (const [file, why] of Object.entries(PENDING)) {
    test.failing(`${file} (${why})`, () => {
      expect(citations(file)).toEqual([]);
    });
  }
});
