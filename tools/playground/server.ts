/**
 * The local playground (`npm start`): dist/Code.js running in the local Apps Script runtime,
 * behind a page that looks like a spreadsheet, with the real dist/Sidebar.html bridged to it.
 * A dev tool, so Node APIs are fine here; the add-on itself never sees this file.
 *
 *   npm start [-- --port 8787] [-- --csv my.csv] [-- --rows 200] [-- --locale zh_CN]
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PAGE } from './page';
import { injectShim } from './shim';
import { createPlaygroundRuntime, loadTable } from './adapter';
import { SAMPLE_AS_OF } from '../../src/core/sample';

export interface PlaygroundOptions {
  /** 0 picks a free port. Default 8787, or a free one if 8787 is taken. */
  port?: number;
  host?: string;
  /** A CSV file to load instead of the generated sample sheet. */
  csv?: string;
  /** Rows of the generated sample sheet (default 200). */
  rows?: number;
  seed?: number;
  /** Spreadsheet locale, e.g. en_US or zh_CN. */
  locale?: string;
  /** Rows of each sheet sent to the page. */
  maxRows?: number;
  /** Time budget of one execution (ms); default 1, so each run step is its own execution. 0 = the add-on's own. */
  stepBudgetMs?: number;
  /** Where dist/Code.js and dist/Sidebar.html are. */
  dist?: string;
}

export interface Playground {
  url: string;
  runtime: ReturnType<typeof createPlaygroundRuntime>;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
const MAX_BODY = 5 * 1024 * 1024;

export function findDist(explicit?: string): string {
  const candidates = explicit ? [explicit] : [__dirname, path.resolve(__dirname, '../../dist'), path.resolve(process.cwd(), 'dist')];
  const found = candidates.find((d) => existsSync(path.join(d, 'Code.js')) && existsSync(path.join(d, 'Sidebar.html')));
  if (!found) throw new Error('dist/Code.js or dist/Sidebar.html is missing: run `npm run build` first (npm start does it for you).');
  return found;
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch {
        reject(new Error('request body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

const json = (res: http.ServerResponse, value: unknown, status = 200) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** google.script.run can call any top-level function except private ones (trailing _). */
function callableName(fn: unknown): fn is string {
  return typeof fn === 'string' && /^[A-Za-z$][\w$]*$/.test(fn) && !fn.endsWith('_');
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const dist = findDist(options.dist);
  const { table, fromCsv } = loadTable({ csv: options.csv, rows: options.rows ?? 200, seed: options.seed ?? 1 });
  const runtime = createPlaygroundRuntime({
    typed: fromCsv,
    code: readFileSync(path.join(dist, 'Code.js'), 'utf8'),
    sidebarHtml: readFileSync(path.join(dist, 'Sidebar.html'), 'utf8'),
    table,
    sheetName: options.csv ? path.basename(options.csv).replace(/\.[^.]*$/, '') || 'Sheet1' : 'Customers',
    locale: options.locale ?? 'en_US',
    stepBudgetMs: options.stepBudgetMs === 0 ? undefined : options.stepBudgetMs ?? 1,
    now: fromCsv ? undefined : SAMPLE_AS_OF.getTime() + 9 * 3600 * 1000,
  });
  const title = options.csv ? path.basename(options.csv) : 'CDM sample sheet';
  let version = 0;
  const startupErrors: string[] = [];
  try {
    runtime.open();
  } catch (e) {
    startupErrors.push(`onOpen failed: ${errorText(e)}`);
  }

  const rpc = (fn: unknown, args: unknown): { ok: true; value: unknown } | { ok: false; error: string } => {
    if (!callableName(fn)) return { ok: false, error: 'Not a server function name.' };
    if (!runtime.hasFunction(fn)) {
      return { ok: false, error: `The server function “${fn}” is not in dist/Code.js yet (src/entrypoints.ts does not export it).` };
    }
    // Like google.script.run: arguments and results travel as JSON.
    const argList = Array.isArray(args) ? (JSON.parse(JSON.stringify(args)) as unknown[]) : [];
    try {
      const value = runtime.run(fn, argList);
      version++;
      return { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
    } catch (e) {
      version++;
      return { ok: false, error: errorText(e) };
    }
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    void (async () => {
      try {
        if (route === 'GET /') return send(res, 200, 'text/html; charset=utf-8', PAGE);
        if (route === 'GET /sidebar') {
          const sb = runtime.sidebar();
          if (!sb) return send(res, 404, 'text/plain; charset=utf-8', 'No sidebar has been opened.');
          return send(res, 200, 'text/html; charset=utf-8', injectShim(sb.content));
        }
        if (route === 'GET /api/state') {
          const sb = runtime.sidebar();
          const active = runtime.active();
          return json(res, {
            title,
            version,
            menus: runtime.menus(),
            sheets: runtime.sheets(options.maxRows ?? 500),
            activeSheet: active?.sheet ?? null,
            activeRange: active?.range ?? null,
            activeRanges: active?.ranges ?? [],
            sidebar: sb ? { title: sb.title, version: sb.count } : null,
            messages: [...startupErrors.splice(0), ...runtime.takeMessages()],
          });
        }
        if (route === 'POST /api/menu') {
          const body = (await readBody(req)) as { functionName?: unknown };
          const out = rpc(body.functionName, []);
          return json(res, out.ok ? { ok: true } : out);
        }
        if (route === 'POST /rpc') {
          const body = (await readBody(req)) as { fn?: unknown; args?: unknown };
          return json(res, rpc(body.fn, body.args));
        }
        send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      } catch (e) {
        json(res, { ok: false, error: errorText(e) }, 500);
      }
    })();
  });

  const host = options.host ?? '127.0.0.1';
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      const onError = (e: Error) => {
        server.off('listening', onListening);
        reject(e);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, host);
    });
  try {
    await listen(options.port ?? DEFAULT_PORT);
  } catch (e) {
    // The default port may be taken by another playground; an explicit --port must be honoured.
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    if (options.port !== undefined) throw new Error(`port ${options.port} is already in use: choose another with --port, or --port 0 for any free one.`);
    await listen(0);
  }
  const { port } = server.address() as AddressInfo;
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `http://localhost:${port}/`,
    runtime,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

export function parseArgs(argv: string[]): PlaygroundOptions {
  const opts: PlaygroundOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') {
      const p = Number(value());
      if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error('--port must be a number from 0 to 65535');
      opts.port = p;
    } else if (flag === '--csv') opts.csv = path.resolve(value());
    else if (flag === '--rows') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error('--rows must be a whole number above 0');
      opts.rows = n;
    } else if (flag === '--seed') opts.seed = Number(value());
    else if (flag === '--locale') opts.locale = value();
    else if (flag === '--host') opts.host = value();
    else if (flag === '--step-budget') opts.stepBudgetMs = Number(value());
    else if (flag === '--help' || flag === '-h') {
      console.log('npm start -- [--port 8787] [--csv my.csv] [--rows 200] [--seed 1] [--locale en_US|zh_CN] [--step-budget MS, 0 = the add-on\'s own]');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  return opts;
}

async function main(): Promise<void> {
  let playground: Playground;
  try {
    playground = await startPlayground(parseArgs(process.argv.slice(2)));
  } catch (e) {
    console.error(`The playground could not start: ${errorText(e)}`);
    process.exit(1);
  }
  console.log(`CDM playground: ${playground.url}  (Ctrl-C to stop)`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    playground.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) void main();
