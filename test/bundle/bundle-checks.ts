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

/**
 * Built-ins newer than ES2020 (Google guarantees Apps Script's V8 nothing past ES2020-era
 * features): methods called by name (`xs.at(-1)`, `Object.hasOwn(o, k)`), and globals made or
 * called (`structuredClone(x)`, `new WeakRef(x)`). With the year each came in, for the message.
 */
export const NEWER_METHODS: Record<string, string> = {
  replaceAll: 'ES2021', any: 'ES2021 (Promise.any)',
  at: 'ES2022', hasOwn: 'ES2022 (Object.hasOwn)',
  findLast: 'ES2023', findLastIndex: 'ES2023', toSorted: 'ES2023', toReversed: 'ES2023', toSpliced: 'ES2023', with: 'ES2023 (Array.prototype.with)',
  groupBy: 'ES2024', withResolvers: 'ES2024', isWellFormed: 'ES2024', toWellFormed: 'ES2024', transferToFixedLength: 'ES2024', fromAsync: 'ES2024',
  union: 'ES2025 (Set)', intersection: 'ES2025 (Set)', difference: 'ES2025 (Set)', symmetricDifference: 'ES2025 (Set)',
  isSubsetOf: 'ES2025 (Set)', isSupersetOf: 'ES2025 (Set)', isDisjointFrom: 'ES2025 (Set)', try: 'ES2025 (Promise.try)', escape: 'ES2025 (RegExp.escape)',
};
/** Methods that are only newer on these receivers (Promise.any, not anyone's .any()). */
const ON_RECEIVER: Record<string, string[]> = { any: ['Promise'], hasOwn: ['Object'], groupBy: ['Object', 'Map'], try: ['Promise'], escape: ['RegExp'], fromAsync: ['Array'], withResolvers: ['Promise'] };
export const NEWER_GLOBALS: Record<string, string> = {
  structuredClone: 'HTML (not in Apps Script)', WeakRef: 'ES2021', FinalizationRegistry: 'ES2021', AggregateError: 'ES2021', Float16Array: 'ES2025', Iterator: 'ES2025',
};

export interface NewerBuiltin {
  name: string;
  since: string;
  line: number;
}

/**
 * Uses of built-ins newer than ES2020 in `code`, unless the code defines them itself (a
 * polyfill: `Array.prototype.at = …`, `Object.defineProperty(Array.prototype, 'at', …)`,
 * `Object.hasOwn = …`, or a global `function structuredClone`). Syntax newer than ES2020
 * (class fields, `??=`) already fails parseBundle.
 */
export function newerBuiltins(code: string): NewerBuiltin[] {
  const program = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script', locations: true }) as unknown as AstNode;
  const defined = new Set<string>();
  const used: Array<{ name: string; line: number; pos: number }> = [];
  const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  const propName = (n: AstNode | undefined): string | null =>
    !n ? null : n.type === 'Identifier' ? (n.name as string) : n.type === 'Literal' && typeof n.value === 'string' ? (n.value as string) : null;
  // A polyfill puts the name on a built-in: Array.prototype.at = …, Object.hasOwn = …, or
  // Object.defineProperty(Array.prototype, 'at', …). Anyone's own `this.at = x` is not one.
  const BUILT_INS = new Set(['Object', 'Array', 'String', 'Promise', 'Map', 'Set', 'RegExp', 'Math', 'Number', 'Symbol', 'ArrayBuffer', 'globalThis']);
  const isBuiltIn = (n: AstNode | undefined): boolean =>
    !!n &&
    ((n.type === 'Identifier' && BUILT_INS.has(n.name as string)) ||
      (n.type === 'MemberExpression' && propName(n.property as AstNode) === 'prototype' && (n.object as AstNode).type === 'Identifier'));
  walk(program, (node) => {
    if (node.type === 'AssignmentExpression' && node.left && node.left.type === 'MemberExpression' && isBuiltIn(node.left.object)) {
      const name = propName(node.left.property);
      if (name) defined.add(name);
    }
    if (node.type === 'CallExpression' && node.callee?.type === 'MemberExpression' && propName(node.callee.property as AstNode) === 'defineProperty') {
      const args = (node.arguments as AstNode[] | undefined) ?? [];
      const name = isBuiltIn(args[0]) ? propName(args[1]) : null;
      if (name) defined.add(name);
    }
    if (node.type === 'FunctionDeclaration' && node.id) defined.add(node.id.name as string);
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      const callee = node.callee as AstNode;
      if (callee.type === 'Identifier' && own(NEWER_GLOBALS, callee.name as string)) used.push({ name: callee.name as string, line: node.loc.start.line, pos: node.start as number });
      if (callee.type === 'MemberExpression' && !callee.computed) {
        const name = propName(callee.property as AstNode);
        if (!name || !own(NEWER_METHODS, name)) return;
        const receivers = own(ON_RECEIVER, name) ? ON_RECEIVER[name] : undefined;
        const object = callee.object as AstNode;
        if (receivers && !(object.type === 'Identifier' && receivers.includes(object.name as string))) return;
        used.push({ name, line: node.loc.start.line, pos: node.start as number });
      }
    }
  });
  return used
    .sort((a, b) => a.pos - b.pos)
    .filter((u) => !defined.has(u.name))
    .map((u) => ({ name: u.name, since: NEWER_METHODS[u.name] ?? NEWER_GLOBALS[u.name], line: u.line }));
}

interface AstNode {
  type: string;
  loc: { start: { line: number } };
  [key: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function walk(node: AstNode, visit: (n: AstNode) => void): void {
  const stack: AstNode[] = [node];
  while (stack.length) {
    const n = stack.pop() as AstNode;
    visit(n);
    for (const key of Object.keys(n)) {
      if (key === 'loc') continue;
      const v = n[key];
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof c.type === 'string') stack.push(c);
      } else if (v && typeof v === 'object' && typeof v.type === 'string') stack.push(v);
    }
  }
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
