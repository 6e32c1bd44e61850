/**
 * Checks on the built dist/Code.js that Apps Script cares about: it parses as ES2020 script
 * (so no class fields `#x`), entry points are top-level function declarations, and custom
 * functions carry JSDoc with @customfunction.
 */
import * as acorn from 'acorn';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../..');
export const FOOTER_MARK = '// Apps Script entry points (generated from src/entrypoints.ts)';

export interface EntryPoint {
  name: string;
  params: string[];
  jsdoc: string;
}

export interface ParsedBundle {
  functions: Map<string, { start: number; end: number }>;
  comments: Array<{ block: boolean; text: string; start: number; end: number }>;
  code: string;
}

/** Parses like Apps Script's V8 would accept it; throws on syntax beyond ES2020. */
export function parseBundle(code: string): ParsedBundle {
  const comments: ParsedBundle['comments'] = [];
  const program = acorn.parse(code, {
    ecmaVersion: 2020,
    sourceType: 'script',
    onComment: (block, text, start, end) => comments.push({ block, text, start, end }),
  });
  const functions = new Map<string, { start: number; end: number }>();
  for (const node of program.body) {
    if (node.type === 'FunctionDeclaration' && node.id) functions.set(node.id.name, { start: node.start, end: node.end });
  }
  return { functions, comments, code };
}

export function missingFunctions(bundle: ParsedBundle, names: Iterable<string>): string[] {
  return [...names].filter((n) => !bundle.functions.has(n));
}

/** The JSDoc block right before a top-level function (only whitespace between), or null. */
export function jsdocOf(bundle: ParsedBundle, name: string): string | null {
  const fn = bundle.functions.get(name);
  if (!fn) return null;
  const c = bundle.comments.filter((x) => x.block && x.end <= fn.start).pop();
  if (!c || !c.text.startsWith('*') || bundle.code.slice(c.end, fn.start).trim() !== '') return null;
  return `/*${c.text}*/`;
}

/** Custom functions (CDM_*) declared at top level without a JSDoc block holding @customfunction. */
export function customFunctionsWithoutTag(bundle: ParsedBundle): string[] {
  return [...bundle.functions.keys()].filter((n) => n.startsWith('CDM_') && !(jsdocOf(bundle, n) ?? '').includes('@customfunction'));
}

/** readEntryPoints / wrappers of esbuild.config.mjs, run in a child node (the config is ESM). */
export function fromBuildConfig<T>(expr: string, input: unknown = null): T {
  const script = `import(${JSON.stringify(path.join(ROOT, 'esbuild.config.mjs'))}).then((m) => {
    const input = JSON.parse(process.argv[1]);
    process.stdout.write(JSON.stringify(${expr}));
  });`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(input)], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as T;
}

export function readEntryPoints(file = path.join(ROOT, 'src/entrypoints.ts')): EntryPoint[] {
  return fromBuildConfig<EntryPoint[]>('m.readEntryPoints(input)', file);
}

/** esbuild.config.mjs's wrapper generator, for several entry lists in one child process. */
export function generateWrappers(lists: EntryPoint[][]): string[] {
  return fromBuildConfig<string[]>('input.map((list) => m.wrappers(list))', lists);
}

/** readEntryPoints of the real source and of other files, in one child process. */
export function readEntryPointsOf(files: string[]): EntryPoint[][] {
  return fromBuildConfig<EntryPoint[][]>('input.map((f) => m.readEntryPoints(f))', files);
}

/**
 * The server functions the sidebar calls: the first argument of every `call('name', …)` in
 * sidebar/ (sidebar/server.ts's typed google.script.run). The compiler checks each name against
 * src/entrypoints.ts; this list lets the bundle test check them against the built dist/Code.js.
 */
export function sidebarCalls(dir = path.join(ROOT, 'sidebar')): string[] {
  const names = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'call') {
      const first = node.arguments[0];
      if (first && ts.isStringLiteralLike(first)) names.add(first.text);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of ts.sys.readDirectory(dir, ['.ts'])) {
    visit(ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.ES2020, true));
  }
  return [...names].sort();
}
