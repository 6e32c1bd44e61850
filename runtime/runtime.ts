/**
 * The local Apps Script runtime: runs dist/Code.js in node:vm with only Apps Script's
 * globals and in-memory services. See README.md in this folder for the model and API.
 */
import * as vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { Boundary, Gate } from './boundary';
import { SimClock } from './clock';
import { MESSAGES, ScriptException, TimeLimitExceeded } from './errors';
import { Form, FormAppImpl } from './forms';
import { Host, UiRecord } from './host';
import { LockRegistry, LockServiceImpl } from './lock';
import { ChartsImpl, LoggerImpl, SessionImpl, UtilitiesImpl, makeConsole } from './misc';
import { AuthMode, AuthModeName, ScriptAppImpl, TriggerRecord, TriggerRegistry } from './script-app';
import { Range, RangeList, Sheet, Spreadsheet } from './spreadsheet';
import { CacheServiceImpl, CacheStore, PropertiesServiceImpl, PropertyStore } from './storage';
import { HtmlServiceImpl, SpreadsheetAppImpl } from './ui';
import { CellValue, displayValue, isDate } from './values';
import { formatDate, tzOffsetMs } from './dates';
import { isRead, isWrite, type CallCounts } from './counters';

export const TIME_LIMIT_MS = 360_000;
export const CUSTOM_FUNCTION_TIME_LIMIT_MS = 30_000;

export interface RuntimeOptions {
  /** dist/Code.js source. Without it the runtime only offers its services (run() finds no function). */
  code?: string;
  /** Project HTML files by name (no extension), e.g. { Sidebar: html }. */
  files?: Record<string, string>;
  locale?: string;
  timeZone?: string;
  /** The owner and default active user. */
  user?: string;
  /** Others the spreadsheet is shared with for editing (Spreadsheet.getEditors, new protections). */
  editors?: string[];
  /** Session.getActiveUserLocale(); default: language of `locale`. */
  userLocale?: string;
  /** Start of the simulated clock (default 2025-01-15T09:00:00Z). */
  now?: number | Date;
  spreadsheetName?: string;
  spreadsheetId?: string;
  /** Simulated ms every service call costs (default 1). */
  callCostMs?: number;
  /** Per-method cost overrides, e.g. { 'Range.setValues': 200 }. */
  methodCostMs?: Record<string, number>;
  /** Extra simulated ms per cell for Range reads and writes (default 0), so big batches cost more. */
  cellCostMs?: number;
  /** Add the real CPU time spent in script code, times this factor, to the clock (default 0 = off, deterministic). */
  cpuScale?: number;
  /** Seed of Math.random and Utilities.getUuid inside the vm. */
  seed?: number;
  /** What getValues returns for a formula cell (default ''; see README). */
  evaluateFormula?: (formula: string, sheet: string, row: number, col: number) => CellValue;
  /** Copy Logger/console lines to the host console. */
  echoLogs?: boolean;
  /**
   * The script's time zone (appsscript.json `timeZone`, Etc/UTC for CDM): the zone of local
   * Date methods inside the vm and of Session.getScriptTimeZone — an add-on's own zone, not the
   * spreadsheet's (`timeZone`), and never the test machine's.
   */
  scriptTimeZone?: string;
  /**
   * The script is an Editor add-on (default true: CDM is one): one installable trigger of each
   * event type per user per document, recurring time-based triggers at most hourly. false: a
   * plain script (bound or standalone), limited only by 20 triggers per user.
   */
  addOn?: boolean;
  /**
   * Run as a test deployment: installable triggers are not supported. true: create() throws;
   * 'inert': create() succeeds but the trigger never fires. Default false.
   */
  testDeployment?: boolean | 'inert';
}

export interface RunOptions {
  authMode?: AuthModeName;
  /** Run as a custom function (=NAME(...) in a cell): AuthMode CUSTOM_FUNCTION, 30 s limit, no UI. */
  customFunction?: boolean;
  /** Whether a user interface exists (false for triggers and custom functions). */
  ui?: boolean;
  user?: string;
  timeLimitMs?: number;
  /** Set for trigger executions. */
  trigger?: TriggerRecord;
}

export interface ExecutionError {
  name: string;
  message: string;
  stack?: string;
  /** As the Apps Script log prints it, e.g. "Exception: The number of rows ...". */
  text: string;
}

export interface Execution {
  id: string;
  functionName: string;
  authMode: AuthModeName;
  user: string;
  ui: boolean;
  trigger?: TriggerRecord;
  result?: unknown;
  error?: ExecutionError;
  /** Service calls by 'Service.method'. */
  calls: CallCounts;
  logs: string[];
  startedAt: number;
  /** Simulated ms from start to end. */
  elapsedMs: number;
  /** Real ms spent (for benchmarks). */
  wallMs: number;
  timedOut: boolean;
  limitMs: number;
  /** For deferred executions: when the event arrived (startedAt is when it could run). */
  arrivedAt?: number;
}

export interface ServiceCall {
  execution: Execution;
  service: string;
  method: string;
  name: string;
}

/**
 * Runs first in every execution's context: the simulated clock behind Date and Date.now, the
 * seeded Math.random, and local time in the *script's* time zone (appsscript.json), as Apps
 * Script's V8 has it — never the zone of the machine running the tests. `offset(ms)` is the
 * script zone's offset from UTC at an instant (0 for UTC).
 */
const PRELUDE = `(function (now, random, offset, zone) {
  var RealDate = Date;
  var P = RealDate.prototype;
  var getTime = P.getTime;
  var setTime = P.setTime;
  var FIELDS = ['FullYear', 'Month', 'Date', 'Hours', 'Minutes', 'Seconds', 'Milliseconds'];
  var host = {};
  FIELDS.concat(['Day']).forEach(function (k) { host[k] = P['get' + k]; });
  function define(o, name, fn) { Object.defineProperty(o, name, { value: fn, writable: true, configurable: true, enumerable: false }); }
  function fromWall(w) { return w - offset(w - offset(w)); }
  function wallDate(d) { var t = getTime.call(d); return new RealDate(t !== t ? NaN : t + offset(t)); }
  FIELDS.concat(['Day']).forEach(function (k) {
    var g = P['getUTC' + k];
    define(P, 'get' + k, function () { return g.call(wallDate(this)); });
  });
  FIELDS.forEach(function (k) {
    var s = P['setUTC' + k];
    define(P, 'set' + k, function () {
      var t = getTime.call(this);
      var w = new RealDate(t !== t ? (k === 'FullYear' ? 0 : NaN) : t + offset(t));
      s.apply(w, arguments);
      var nt = getTime.call(w);
      return setTime.call(this, nt !== nt ? NaN : fromWall(nt));
    });
  });
  define(P, 'getYear', function () { return this.getFullYear() - 1900; });
  define(P, 'getTimezoneOffset', function () { var t = getTime.call(this); if (t !== t) return NaN; var m = offset(t) / 60000; return m === 0 ? 0 : -m; });
  var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function gmt(d) { var m = -d.getTimezoneOffset(); var a = Math.abs(m); return 'GMT' + (m < 0 ? '-' : '+') + two(Math.floor(a / 60)) + two(a % 60); }
  function dateText(d) { return DAYS[d.getDay()] + ' ' + MONTHS[d.getMonth()] + ' ' + two(d.getDate()) + ' ' + String(d.getFullYear()).padStart(4, '0'); }
  function timeText(d) { return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds()) + ' ' + gmt(d) + ' (' + zone + ')'; }
  define(P, 'toString', function () { return getTime.call(this) !== getTime.call(this) ? 'Invalid Date' : dateText(this) + ' ' + timeText(this); });
  define(P, 'toDateString', function () { return getTime.call(this) !== getTime.call(this) ? 'Invalid Date' : dateText(this); });
  define(P, 'toTimeString', function () { return getTime.call(this) !== getTime.call(this) ? 'Invalid Date' : timeText(this); });
  ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].forEach(function (name) {
    var real = P[name];
    define(P, name, function (locales, options) { var o = Object.assign({}, options || {}); if (o.timeZone === undefined) o.timeZone = zone; return real.call(this, locales, o); });
  });
  if (typeof Intl !== 'undefined' && Intl.DateTimeFormat) {
    var RealDTF = Intl.DateTimeFormat;
    var DTF = function DateTimeFormat(locales, options) {
      var o = Object.assign({}, options || {});
      if (o.timeZone === undefined) o.timeZone = zone;
      return new RealDTF(locales, o);
    };
    DTF.prototype = RealDTF.prototype;
    DTF.supportedLocalesOf = RealDTF.supportedLocalesOf;
    define(Intl, 'DateTimeFormat', DTF);
  }
  // A date-time string without a zone is local time (the script's zone); date-only ISO is UTC.
  var ZONED = /(Z|[+-]\\d\\d:?\\d\\d|GMT|UTC)\\s*(\\(.*\\))?\\s*$/i;
  var DATE_ONLY_ISO = /^\\d{4}(-\\d\\d(-\\d\\d)?)?$/;
  function parse(text) {
    var d = new RealDate(text);
    var t = getTime.call(d);
    if (t !== t || ZONED.test(text) || DATE_ONLY_ISO.test(text.trim())) return t;
    return fromWall(RealDate.UTC(host.FullYear.call(d), host.Month.call(d), host.Date.call(d), host.Hours.call(d), host.Minutes.call(d), host.Seconds.call(d), host.Milliseconds.call(d)));
  }
  var SimDate = function Date() {
    if (!new.target) return new RealDate(now()).toString();
    if (arguments.length === 0) return new RealDate(now());
    if (arguments.length === 1) {
      var a = arguments[0];
      if (typeof a === 'string') return new RealDate(parse(a));
      return new RealDate(a);
    }
    var args = Array.prototype.slice.call(arguments);
    var y = Number(args[0]);
    if (y >= 0 && y <= 99) args[0] = 1900 + y;
    return new RealDate(fromWall(RealDate.UTC.apply(null, args)));
  };
  Object.defineProperty(SimDate, 'prototype', { value: P });
  SimDate.now = function now_() { return Math.floor(now()); };
  SimDate.UTC = RealDate.UTC;
  SimDate.parse = function parse_(s) { return parse(String(s)); };
  Object.defineProperty(P, 'constructor', { value: SimDate, writable: true, configurable: true });
  Object.defineProperty(globalThis, 'Date', { value: SimDate, writable: true, configurable: true, enumerable: false });
  Math.random = function random_() { return random(); };
})`;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOP_LEVEL = new Set(['SpreadsheetApp', 'HtmlService', 'PropertiesService', 'CacheService', 'LockService', 'ScriptApp', 'FormApp', 'Session', 'Utilities', 'Logger', 'Charts']);
const NONE_ALLOWED = /^(SpreadsheetApp\.getUi|Ui\.create(Addon)?Menu|Menu\.\w+|Logger\.log)$/;
const LIMITED_FORBIDDEN = /^(FormApp|Form|Item)\.|^ScriptApp\.(newTrigger|getProjectTriggers|getUserTriggers|deleteTrigger)$/;
const CUSTOM_ALLOWED =
  /^(SpreadsheetApp\.(getActive|getActiveSpreadsheet|getActiveSheet|getActiveRange|flush)|(Spreadsheet|Sheet|Range|RangeList)\.(get|is)\w*|(CacheService|Cache|LockService|Lock|Utilities|Logger|HtmlService|HtmlOutput|HtmlTemplate|Session|User|Blob|Charts|PropertiesService)\.\w+|Properties\.get\w*)$/;

export class Runtime {
  readonly clock: SimClock;
  readonly spreadsheet: Spreadsheet;
  readonly ui: UiRecord = { menus: [], sidebars: [], dialogs: [], alerts: [], prompts: [], toasts: [], responses: [] };
  readonly properties = { document: new PropertyStore(), script: new PropertyStore(), user: new Map<string, PropertyStore>() };
  readonly caches: { document: CacheStore; script: CacheStore; user: Map<string, CacheStore> };
  readonly locks: LockRegistry;
  readonly triggers = new TriggerRegistry();
  readonly forms = new Map<string, Form>();
  readonly executions: Execution[] = [];
  readonly files: Record<string, string>;
  /** Enums as the vm sees them, for building event objects in tests. */
  readonly ScriptApp = { AuthMode };
  /** The script project's time zone (appsscript.json): local time inside the vm, Session.getScriptTimeZone. */
  readonly scriptTimeZone: string;

  private readonly opts: RuntimeOptions;
  private readonly script: vm.Script | null;
  private readonly stack: Execution[] = [];
  private readonly host: Host;
  private readonly services: Record<string, object>;
  private readonly hooks = new Set<(call: ServiceCall) => void>();
  private readonly random: () => number;
  private counter = 0;
  private cpuMark = 0;
  private readonly deferred: Array<{ at: number; fn: () => void }> = [];
  private arrival: number | undefined;
  private hookError: unknown = null;
  private readonly waitCounted = new WeakSet<Execution>();

  constructor(opts: RuntimeOptions = {}) {
    this.opts = opts;
    this.scriptTimeZone = opts.scriptTimeZone ?? 'Etc/UTC';
    const start = opts.now instanceof Date ? opts.now.getTime() : opts.now ?? Date.UTC(2025, 0, 15, 9, 0, 0);
    this.clock = new SimClock(start);
    this.files = { ...(opts.files ?? {}) };
    this.random = mulberry32(opts.seed ?? 1);
    this.caches = { document: new CacheStore(this.clock), script: new CacheStore(this.clock), user: new Map() };
    this.locks = new LockRegistry(this.clock);
    this.script = opts.code === undefined ? null : new vm.Script(opts.code, { filename: 'Code.js' });
    const owner = opts.user ?? 'owner@example.com';
    const self = this;
    this.host = {
      clock: this.clock,
      ui: this.ui,
      locale: () => self.spreadsheet.getSpreadsheetLocale(),
      timeZone: () => self.spreadsheet.getSpreadsheetTimeZone(),
      activeUser: () => self.current()?.user ?? owner,
      effectiveUser: () => self.current()?.user ?? owner,
      owner: () => owner,
      editors: () => [...(opts.editors ?? [])],
      evaluateFormula: opts.evaluateFormula ?? (() => ''),
      nextId: (prefix) => `${prefix}-${(++self.counter).toString(36).padStart(6, '0')}`,
      nextNumber: () => ++self.counter,
      uiAvailable: () => self.current()?.ui ?? true,
      file: (name) => self.files[name],
      formUrlForSpreadsheet: (id) => [...self.forms.values()].find((f) => f.getDestinationId() === id)?.getEditUrl() ?? null,
    };
    this.spreadsheet = new Spreadsheet(this.host, opts.spreadsheetId ?? '1CDMlocalSpreadsheet0000000000000000000000', opts.spreadsheetName ?? 'Customers', opts.locale ?? 'en_US', opts.timeZone ?? 'Etc/UTC');
    this.spreadsheet._addSheet('Sheet1', 0);
    const userStore = <T>(map: Map<string, T>, make: () => T) => () => {
      const u = this.host.effectiveUser();
      if (!map.has(u)) map.set(u, make());
      return map.get(u) as T;
    };
    const execId = () => this.current()?.id ?? 'host';
    this.services = {
      SpreadsheetApp: new SpreadsheetAppImpl(this.host, this.spreadsheet),
      HtmlService: new HtmlServiceImpl(this.host),
      PropertiesService: new PropertiesServiceImpl({ document: this.properties.document, script: this.properties.script, user: userStore(this.properties.user, () => new PropertyStore()) }),
      CacheService: new CacheServiceImpl(this.clock, { document: this.caches.document, script: this.caches.script, user: userStore(this.caches.user, () => new CacheStore(this.clock)) }),
      LockService: new LockServiceImpl(this.locks, execId, () => this.host.effectiveUser(), () => this.takeWaited()),
      ScriptApp: new ScriptAppImpl(this.host, this.triggers, 'local-script-id', {
        addOn: opts.addOn !== false,
        testDeployment: opts.testDeployment ?? false,
        documentId: () => this.spreadsheet.getId(),
      }),
      FormApp: new FormAppImpl(this.host, this.forms, (id) => (id === this.spreadsheet.getId() ? this.spreadsheet : null)),
      Session: new SessionImpl(this.host, () => opts.userLocale ?? (opts.locale ?? 'en_US').split('_')[0], () => `tmp-${this.host.effectiveUser()}`, () => this.scriptTimeZone),
      Utilities: new UtilitiesImpl(this.host, () => this.uuid()),
      Charts: new ChartsImpl(),
    };
  }

  private uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.random() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((parseInt(hex[16], 16) & 3) | 8).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  private takeWaited(): number {
    const ex = this.current();
    if (!ex || ex.arrivedAt === undefined || this.waitCounted.has(ex)) return 0;
    this.waitCounted.add(ex);
    return ex.startedAt - ex.arrivedAt;
  }

  /**
   * Runs `fn` now if no execution is running; otherwise when the outermost execution ends
   * (clock then). Executions it starts remember when they arrived, so their first lock wait
   * counts the time they were held up (see lock.ts).
   */
  defer(fn: () => void): void {
    if (this.stack.length === 0) fn();
    else this.deferred.push({ at: this.clock.now(), fn });
  }

  private drainDeferred(): void {
    while (this.stack.length === 0 && this.deferred.length) {
      const item = this.deferred.shift() as { at: number; fn: () => void };
      const outer = this.arrival;
      this.arrival = item.at;
      try {
        item.fn();
      } finally {
        this.arrival = outer;
      }
    }
  }

  /** The execution now running (innermost when nested), or null between executions. */
  current(): Execution | null {
    return this.stack[this.stack.length - 1] ?? null;
  }

  now(): number {
    return this.clock.now();
  }

  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  /** Calls `fn` after every service call of every execution; returns an unsubscribe function. */
  onServiceCall(fn: (call: ServiceCall) => void): () => void {
    this.hooks.add(fn);
    return () => this.hooks.delete(fn);
  }

  /** Simulates another process holding a lock ('document', 'script' or 'user:<email>') for `forMs`. */
  holdLock(key: string, forMs: number): void {
    this.locks.holdExternally(key, forMs);
  }

  private gateFor(ex: Execution): Gate {
    const costs = this.opts.methodCostMs ?? {};
    const perCall = this.opts.callCostMs ?? 1;
    const cpuScale = this.opts.cpuScale ?? 0;
    const cellCost = this.opts.cellCostMs ?? 0;
    return {
      before: (service, method, target) => {
        if (cpuScale > 0) this.chargeCpu(cpuScale);
        const name = `${service}.${method}`;
        if (ex.timedOut) throw new TimeLimitExceeded();
        ex.calls[name] = (ex.calls[name] ?? 0) + 1;
        this.checkAuth(ex, service, method);
        // Sheets checks a range against the sheet's grid when it is used, not only when it is
        // made: a Range held across deleteRows/deleteColumns that now reaches past the grid fails.
        if (target instanceof Range && (isRead(name) || isWrite(name))) checkInGrid(target);
        if (target instanceof RangeList && isWrite(name)) for (const r of target._ranges) checkInGrid(r);
        this.clock.advance(costs[name] ?? perCall);
        if (cellCost > 0 && target instanceof Range && (isRead(name) || isWrite(name))) this.clock.advance(cellCost * target._numRows * target._numCols);
        if (cellCost > 0 && target instanceof RangeList && isWrite(name)) this.clock.advance(cellCost * target._cells);
        if (this.clock.now() - ex.startedAt > ex.limitMs) {
          ex.timedOut = true;
          throw new TimeLimitExceeded();
        }
      },
      after: (service, method) => {
        for (const hook of [...this.hooks]) {
          try {
            hook({ execution: ex, service, method, name: `${service}.${method}` });
          } catch (e) {
            // A failing test hook is the test's error, not the script's: rethrown by run().
            this.hookError ??= e;
          }
        }
        if (cpuScale > 0) this.cpuMark = performance.now();
      },
    };
  }

  private chargeCpu(scale: number): void {
    const t = performance.now();
    this.clock.advance(Math.max(0, (t - this.cpuMark) * scale));
    this.cpuMark = t;
  }

  private checkAuth(ex: Execution, service: string, method: string): void {
    const name = `${service}.${method}`;
    const what = TOP_LEVEL.has(service) ? name : method;
    if (name === 'SpreadsheetApp.getUi' && !ex.ui && ex.authMode !== 'NONE') throw new ScriptException(MESSAGES.noUi(name));
    switch (ex.authMode) {
      case 'NONE':
        if (!NONE_ALLOWED.test(name)) throw new ScriptException(MESSAGES.permission(what));
        break;
      case 'LIMITED':
        if (LIMITED_FORBIDDEN.test(name)) throw new ScriptException(MESSAGES.permission(what));
        break;
      case 'CUSTOM_FUNCTION':
        if (!CUSTOM_ALLOWED.test(name)) throw new ScriptException(MESSAGES.permission(what));
        break;
      default:
        break;
    }
  }

  private createContext(ex: Execution): { context: vm.Context; boundary: Boundary } {
    const context = vm.createContext({}, { name: `Apps Script execution ${ex.id}` });
    const zone = this.scriptTimeZone;
    (vm.runInContext(PRELUDE, context) as (now: () => number, random: () => number, offset: (ms: number) => number, zone: string) => void)(
      () => this.clock.now(),
      () => this.random(),
      (ms: number) => (Number.isFinite(ms) ? tzOffsetMs(ms, zone) : 0),
      zone,
    );
    const boundary = new Boundary(context, this.gateFor(ex));
    const sink = (line: string) => {
      ex.logs.push(line);
      if (this.opts.echoLogs) console.log(`[${ex.functionName}] ${line}`);
    };
    const globals: Record<string, unknown> = {};
    for (const [name, svc] of Object.entries(this.services)) globals[name] = boundary.wrap(svc as never);
    globals.Logger = boundary.wrap(new LoggerImpl(sink, () => ex.logs));
    globals.console = boundary.toVm(makeConsole(sink));
    for (const [k, v] of Object.entries(globals)) Object.defineProperty(context, k, { value: v, writable: true, configurable: true, enumerable: false });
    return { context, boundary };
  }

  /**
   * Runs one execution: a fresh global scope (Apps Script re-evaluates the project on every
   * execution), Code.js loaded, then `functionName(...args)`. Never throws for script errors:
   * they are in `execution.error`.
   */
  run(functionName: string, args: unknown[] = [], options: RunOptions = {}): Execution {
    const authMode: AuthModeName = options.customFunction ? 'CUSTOM_FUNCTION' : options.authMode ?? 'FULL';
    const ex: Execution = {
      id: `exec-${this.executions.length + 1}`,
      functionName,
      authMode,
      user: options.user ?? options.trigger?.owner ?? this.opts.user ?? 'owner@example.com',
      ui: options.ui ?? !(options.customFunction || options.trigger),
      trigger: options.trigger,
      calls: {},
      logs: [],
      startedAt: this.clock.now(),
      elapsedMs: 0,
      wallMs: 0,
      timedOut: false,
      limitMs: options.timeLimitMs ?? (options.customFunction ? CUSTOM_FUNCTION_TIME_LIMIT_MS : TIME_LIMIT_MS),
    };
    if (this.arrival !== undefined && this.stack.length === 0) ex.arrivedAt = this.arrival;
    this.executions.push(ex);
    this.stack.push(ex);
    const wall = performance.now();
    const outerMark = this.cpuMark;
    this.cpuMark = wall;
    let boundary: Boundary | null = null;
    try {
      const created = this.createContext(ex);
      boundary = created.boundary;
      this.script?.runInContext(created.context);
      const fn = (created.context as Record<string, unknown>)[functionName];
      if (typeof fn !== 'function') throw new ScriptException(MESSAGES.functionNotFound(functionName));
      const result = (fn as (...a: unknown[]) => unknown).apply(undefined, boundary.toVm(args) as unknown[]);
      if ((this.opts.cpuScale ?? 0) > 0) this.chargeCpu(this.opts.cpuScale as number);
      ex.result = boundary.toHost(result);
      if (this.clock.now() - ex.startedAt > ex.limitMs) ex.timedOut = true;
    } catch (e) {
      ex.error = describeError(e);
    } finally {
      this.locks.releaseAll(ex.id);
      this.stack.pop();
      this.cpuMark = outerMark;
      ex.elapsedMs = this.clock.now() - ex.startedAt;
      ex.wallMs = performance.now() - wall;
    }
    if (ex.timedOut) {
      delete ex.result;
      ex.error = { name: 'Error', message: 'Exceeded maximum execution time', text: 'Exceeded maximum execution time' };
    }
    if (this.stack.length === 0 && this.arrival === undefined) this.drainDeferred();
    if (this.stack.length === 0 && this.hookError !== null) {
      const e = this.hookError;
      this.hookError = null;
      throw e;
    }
    return ex;
  }

  /** Runs and returns the result, or throws a host Error carrying the script's error text. */
  call(functionName: string, ...args: unknown[]): unknown {
    const ex = this.run(functionName, args);
    if (ex.error) {
      const err = new Error(`${functionName} failed: ${ex.error.text}`);
      (err as Error & { execution: Execution }).execution = ex;
      throw err;
    }
    return ex.result;
  }

  /** Runs a custom function as a cell formula would: AuthMode CUSTOM_FUNCTION, no UI, 30 s. */
  customFunction(functionName: string, ...args: unknown[]): Execution {
    return this.run(functionName, args, { customFunction: true });
  }

  /** A range as Sheets passes it to a custom function: one cell -> its value, else a 2-D array. */
  rangeArg(a1: string): unknown {
    const values = this.spreadsheet.getRange(a1).getValues();
    return values.length === 1 && values[0].length === 1 ? values[0][0] : values;
  }

  /** The onOpen / onInstall event object Apps Script passes in `authMode`. */
  openEvent(authMode: AuthModeName = 'NONE'): Record<string, unknown> {
    const e: Record<string, unknown> = { authMode };
    if (authMode !== 'NONE') {
      e.source = this.spreadsheet;
      e.user = { email: this.opts.user ?? 'owner@example.com', nickname: '' };
    }
    return e;
  }

  // ---- sheets, from the host side (not counted)

  sheet(name: string): Sheet {
    const s = this.spreadsheet.getSheetByName(name);
    if (!s) throw new Error(`no sheet named "${name}"`);
    return s;
  }

  /**
   * Puts rows into a sheet (created if missing, activated) as if typed by the user: strings
   * are parsed like setValues does unless `raw`. The sheet grows to fit; old content goes.
   */
  fillSheet(name: string, rows: unknown[][], options: { raw?: boolean; activate?: boolean } = {}): Sheet {
    const sheet = this.spreadsheet.getSheetByName(name) ?? this.spreadsheet._addSheet(name, this.spreadsheet._sheets.length);
    const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
    const grow = Math.max(0, rows.length - sheet._maxRows) * sheet._maxCols + Math.max(0, width - sheet._maxCols) * Math.max(rows.length, sheet._maxRows);
    this.spreadsheet._checkGrowth(grow);
    sheet._maxRows = Math.max(sheet._maxRows, rows.length);
    sheet._maxCols = Math.max(sheet._maxCols, width);
    sheet._clear({ row: 1, col: 1, numRows: sheet._maxRows, numCols: sheet._maxCols }, ['value', 'formula']);
    if (rows.length && width) {
      const padded = rows.map((r) => [...r, ...new Array(width - r.length).fill('')]);
      if (options.raw) padded.forEach((r, i) => r.forEach((v, j) => sheet._set('value', i + 1, j + 1, v === null || v === undefined ? '' : v)));
      else sheet._writeInputs({ row: 1, col: 1, numRows: rows.length, numCols: width }, padded);
      sheet._dirty();
    }
    if (options.activate !== false) this.spreadsheet._activate(sheet);
    return sheet;
  }

  /** Values of a sheet's data range (host values: numbers, booleans, Dates, strings). */
  sheetValues(name: string): CellValue[][] {
    const s = this.sheet(name);
    if (s.getLastRow() === 0) return [];
    return s.getDataRange().getValues();
  }

  /** Everything undo must restore, for before/after comparisons. */
  snapshot(name: string): SheetSnapshot {
    const s = this.sheet(name);
    let rows = 0;
    let cols = 0;
    for (const layer of Object.values(s._layers)) {
      layer.forEach((r, i) => {
        if (!r) return;
        const last = r.reduceRight<number>((acc, v, j) => (acc < 0 && v !== undefined ? j : acc), -1);
        if (last >= 0) {
          rows = Math.max(rows, i + 1);
          cols = Math.max(cols, last + 1);
        }
      });
    }
    const box = { row: 1, col: 1, numRows: rows, numCols: cols };
    const read = <T>(f: (r: number, c: number) => T) => (rows && cols ? s._read(box, f) : []);
    return {
      name: s.getName(),
      index: s.getIndex(),
      hidden: s._hidden,
      maxRows: s._maxRows,
      maxColumns: s._maxCols,
      frozenRows: s._frozenRows,
      values: rows && cols ? s._readValues(box) : [],
      formulas: read((r, c) => String(s._get('formula', r, c))),
      notes: read((r, c) => String(s._get('note', r, c))),
      backgrounds: read((r, c) => String(s._get('background', r, c))),
      numberFormats: read((r, c) => String(s._get('numberFormat', r, c))),
      fontWeights: read((r, c) => String(s._get('fontWeight', r, c))),
      fontColors: read((r, c) => String(s._get('fontColor', r, c))),
      merges: s._merges.map((m) => ({ ...m })),
    };
  }

  /** Display text of a sheet's data range, as a user sees it. */
  displayValues(name: string): string[][] {
    const s = this.sheet(name);
    const tz = this.spreadsheet.getSpreadsheetTimeZone();
    return this.sheetValues(name).map((row, i) => row.map((v, j) => displayValue(v, String(s._get('numberFormat', i + 1, j + 1)), tz)));
  }

  // ---- triggers and forms

  /** Runs every time-based trigger that is due at the current simulated time, each as an execution. */
  fireDueTriggers(): Execution[] {
    const out: Execution[] = [];
    for (const t of this.triggers.due(this.clock.now())) {
      const at = t.nextAt as number;
      t.fired++;
      t.nextAt = t.everyMs !== undefined ? at + t.everyMs : at;
      const tz = this.spreadsheet.getSpreadsheetTimeZone();
      const parts = formatDate(this.clock.now(), tz, 'yyyy M d H m s u').split(' ').map(Number);
      const event = {
        authMode: 'FULL',
        triggerUid: t.id,
        year: parts[0],
        month: parts[1],
        'day-of-month': parts[2],
        hour: parts[3],
        minute: parts[4],
        second: parts[5],
        'day-of-week': parts[6],
        timezone: tz,
      };
      out.push(this.run(t.handler, [event], { authMode: 'FULL', trigger: t, ui: false }));
    }
    return out;
  }

  /** Moves the clock forward and fires triggers as they come due, in time order. */
  advanceClockAndFire(ms: number): Execution[] {
    const end = this.clock.now() + ms;
    const out: Execution[] = [];
    for (;;) {
      const next = this.triggers.list
        .filter((t) => !t.inert && t.nextAt !== undefined && (t.everyMs !== undefined || t.fired === 0))
        .reduce((m, t) => Math.min(m, t.nextAt as number), Infinity);
      if (next > end) break;
      if (next > this.clock.now()) this.clock.set(next);
      out.push(...this.fireDueTriggers());
    }
    if (end > this.clock.now()) this.clock.set(end);
    return out;
  }

  /**
   * Simulates someone submitting the form: checks required answers and validation like
   * Google Forms, appends the response row (Timestamp first) to the response sheet, and
   * fires every installed form-submit trigger of that spreadsheet (and of the form) as a
   * new execution with a real event object. Returns those executions.
   */
  submitForm(formId: string, answers: Record<string, string | string[] | number | Date>, options: { defer?: boolean } = {}): Execution[] {
    const form = this.forms.get(formId);
    if (!form) throw new Error(`no form with id ${formId}`);
    if (!form._published) throw new Error('this form is not published, so nobody can respond to it (Form.setPublished(true))');
    if (!form._accepting) throw new Error('this form is no longer accepting responses');
    const questions = form._items.filter((i) => i._type !== 'SECTION_HEADER');
    for (const q of questions) {
      const a = answers[q._title];
      const empty = a === undefined || a === '' || (Array.isArray(a) && a.length === 0);
      if (q._required && empty) throw new Error(`required question "${q._title}" has no answer`);
      if (!empty && q._validation && !q._validation._accepts(Array.isArray(a) ? a.join(', ') : String(a)))
        throw new Error(`answer to "${q._title}" fails its validation`);
    }
    for (const title of Object.keys(answers)) if (!questions.some((q) => q._title === title)) throw new Error(`the form has no question "${title}"`);
    const tz = this.spreadsheet.getSpreadsheetTimeZone();
    const timestamp = new Date(this.clock.now());
    const text = (a: unknown) => (a === undefined ? '' : Array.isArray(a) ? a.join(', ') : isDate(a) ? formatDate(a.getTime(), tz, 'M/d/yyyy') : String(a));
    const out: Execution[] = [];
    const dest = form._destination;
    let range: Range | null = null;
    const values: string[] = [formatDate(timestamp.getTime(), tz, 'M/d/yyyy H:mm:ss')];
    const namedValues: Record<string, string[]> = { Timestamp: [values[0]] };
    if (dest) {
      const sheet = dest.sheet;
      const width = Math.max(1, ...dest.columns.values());
      const row: unknown[] = new Array(width).fill('');
      row[0] = timestamp;
      const answerText: string[] = new Array(width).fill('');
      answerText[0] = values[0];
      for (const q of questions) {
        const col = dest.columns.get(q._id);
        if (col === undefined) continue;
        const t = text(answers[q._title]);
        answerText[col - 1] = t;
        // Assumption (see README): an answer that looks like a formula is stored as text.
        row[col - 1] = t.startsWith('=') ? `'${t}` : t;
        namedValues[q._title] = [t];
      }
      const r = sheet.getLastRow() + 1;
      if (r > sheet._maxRows) {
        this.spreadsheet._checkGrowth(sheet._maxCols);
        sheet._maxRows = r;
      }
      sheet._writeInputs({ row: r, col: 1, numRows: 1, numCols: width }, [row]);
      range = new Range(sheet, r, 1, 1, width);
      values.splice(0, values.length, ...answerText);
    } else {
      for (const q of questions) {
        values.push(text(answers[q._title]));
        namedValues[q._title] = [text(answers[q._title])];
      }
    }
    const fire = (t: TriggerRecord, event: Record<string, unknown>) => {
      const go = () => void out.push(this.run(t.handler, [event], { authMode: 'FULL', trigger: t, ui: false }));
      if (options.defer) this.defer(go);
      else go();
    };
    for (const t of this.triggers.list.filter((t) => t.eventType === 'ON_FORM_SUBMIT' && !t.inert)) {
      if (t.source === 'SPREADSHEETS' && dest && t.sourceId === dest.id) {
        fire(t, { authMode: 'FULL', namedValues, range, source: this.spreadsheet, triggerUid: t.id, values });
      } else if (t.source === 'FORMS' && t.sourceId === formId) {
        fire(t, { authMode: 'FULL', source: form, triggerUid: t.id, response: { timestamp, answers: { ...answers } } });
      }
    }
    return out;
  }
}

export interface SheetSnapshot {
  name: string;
  index: number;
  hidden: boolean;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  values: CellValue[][];
  formulas: string[][];
  notes: string[][];
  backgrounds: string[][];
  numberFormats: string[][];
  fontWeights: string[][];
  fontColors: string[][];
  merges: Array<{ row: number; col: number; numRows: number; numCols: number }>;
}

function checkInGrid(r: Range): void {
  if (r._row + r._numRows - 1 > r._sheet._maxRows || r._col + r._numCols - 1 > r._sheet._maxCols) throw new ScriptException(MESSAGES.outsideSheet);
}

function describeError(e: unknown): ExecutionError {
  if (e !== null && typeof e === 'object' && 'message' in e) {
    const err = e as Error;
    const name = String(err.name ?? 'Error');
    return { name, message: String(err.message), stack: err.stack, text: `${name}: ${err.message}` };
  }
  return { name: 'Error', message: String(e), text: String(e) };
}

export function createRuntime(options: RuntimeOptions = {}): Runtime {
  return new Runtime(options);
}
