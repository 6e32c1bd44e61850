/**
 * The membrane between the vm and the host services. Every method call on a service
 * object goes through `gate` (counting, auth mode, time limit) and is followed by the
 * runtime's hooks; values are converted so the vm only ever sees objects of its own realm
 * (arrays, Dates and Errors that pass `instanceof` inside the vm, as in Apps Script).
 */
import * as vm from 'node:vm';
import { ScriptException, TimeLimitExceeded } from './errors';
import { ServiceObject, serviceNameOf } from './host';
import { isDate } from './values';

export interface Gate {
  before(service: string, method: string, target: object): void;
  after(service: string, method: string): void;
}

interface Intrinsics {
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Date: DateConstructor;
  Error: ErrorConstructor;
  TypeError: TypeErrorConstructor;
  RangeError: RangeErrorConstructor;
}

export class Boundary {
  private proxies = new WeakMap<object, object>();
  private targets = new WeakMap<object, object>();
  readonly intr: Intrinsics;

  constructor(readonly context: vm.Context, private gate: Gate) {
    this.intr = vm.runInContext('({ Array, Object, Date, Error, TypeError, RangeError })', context) as Intrinsics;
  }

  isVmObject(v: object): boolean {
    return v instanceof this.intr.Object;
  }

  wrap(obj: ServiceObject): object {
    const cached = this.proxies.get(obj);
    if (cached) return cached;
    const service = serviceNameOf(obj);
    const methods = new Map<PropertyKey, (...args: unknown[]) => unknown>();
    const self = this;
    const hidden = (p: PropertyKey) => typeof p === 'symbol' || p === 'constructor' || String(p).startsWith('_');
    const proxy = new Proxy(obj, {
      get(target, prop) {
        if (hidden(prop) || prop === 'valueOf') return undefined;
        if (prop === 'toString') return () => service; // Apps Script objects print as their class name
        const v = (target as unknown as Record<PropertyKey, unknown>)[prop];
        if (typeof v !== 'function') return self.toVm(v);
        let m = methods.get(prop);
        if (!m) {
          const method = String(prop);
          m = function (this: unknown, ...args: unknown[]) {
            let result: unknown;
            try {
              self.gate.before(service, method, target);
              result = (v as (...a: unknown[]) => unknown).apply(target, args.map((a) => self.fromVm(a)));
            } catch (e) {
              throw self.toVmError(e);
            }
            self.gate.after(service, method);
            return self.toVm(result);
          };
          methods.set(prop, m);
        }
        return m;
      },
      set(target, prop, value) {
        if (hidden(prop) || typeof (target as unknown as Record<PropertyKey, unknown>)[prop] === 'function') return false;
        (target as unknown as Record<PropertyKey, unknown>)[prop] = self.fromVm(value);
        return true;
      },
      has(target, prop) {
        return !hidden(prop) && prop in target;
      },
      ownKeys(target) {
        return Reflect.ownKeys(target).filter((k) => !hidden(k));
      },
    });
    this.proxies.set(obj, proxy);
    this.targets.set(proxy, obj);
    return proxy;
  }

  /** Host value -> vm value. */
  toVm(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    if (v instanceof ServiceObject) return this.wrap(v);
    if (this.targets.has(v) || this.isVmObject(v)) return v;
    if (isDate(v)) return new this.intr.Date(v.getTime());
    if (Array.isArray(v)) {
      const out = new this.intr.Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = this.toVm(v[i]);
      return out;
    }
    const out = new this.intr.Object() as Record<string, unknown>;
    for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'function' ? x : this.toVm(x);
    return out;
  }

  /** vm argument -> what host services expect (proxies unwrapped; arrays shared, not copied). */
  fromVm(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    const t = this.targets.get(v);
    if (t) return t;
    if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object' && this.targets.has(x))) return v.map((x) => this.fromVm(x));
    return v;
  }

  /** vm value -> plain host value (deep), for results handed back to tests. */
  toHost(v: unknown, seen = new Map<object, unknown>()): unknown {
    if (v === null || typeof v !== 'object') return v;
    const t = this.targets.get(v);
    if (t) return t;
    if (seen.has(v)) return seen.get(v);
    if (isDate(v)) return new Date((v as Date).getTime());
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const x of v) out.push(this.toHost(x, seen));
      return out;
    }
    if (!this.isVmObject(v)) return v;
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const [k, x] of Object.entries(v)) out[k] = this.toHost(x, seen);
    return out;
  }

  toVmError(e: unknown): unknown {
    if (e !== null && typeof e === 'object' && this.isVmObject(e)) return e;
    const err = e as Error;
    if (e instanceof ScriptException) {
      const out = new this.intr.Error(err.message);
      out.name = 'Exception';
      return out;
    }
    if (e instanceof TimeLimitExceeded) return new this.intr.Error(err.message);
    const Ctor = e instanceof TypeError ? this.intr.TypeError : e instanceof RangeError ? this.intr.RangeError : this.intr.Error;
    const out = new Ctor(err?.message ?? String(e));
    if (err?.stack) out.stack = `${out.name}: ${out.message}\n    [runtime] ${err.stack}`;
    return out;
  }
}
