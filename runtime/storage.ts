/** PropertiesService and CacheService, with Apps Script's size limits. */
import type { SimClock } from './clock';
import { MESSAGES, fail } from './errors';
import { Host, ServiceObject } from './host';

export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;
export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_MAX_SECONDS = 21600;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** One property store (document, script or user); host code reads `data` directly. */
export class PropertyStore {
  data = new Map<string, string>();
  size(): number {
    let n = 0;
    for (const [k, v] of this.data) n += bytes(k) + bytes(v);
    return n;
  }
}

export class Properties extends ServiceObject {
  static override serviceName = 'Properties';
  constructor(readonly _store: PropertyStore) {
    super();
  }
  private put(entries: Array<[string, string]>, deleteAllOthers: boolean): void {
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this._store.data);
    for (const [k, v] of entries) {
      if (bytes(v) > PROPERTY_VALUE_MAX_BYTES) fail(MESSAGES.argumentTooLarge('value'));
      next.set(k, v);
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > PROPERTY_STORE_MAX_BYTES) fail(MESSAGES.propertyQuota);
    this._store.data = next;
  }
  getProperty(key: string): string | null {
    return this._store.data.get(String(key)) ?? null;
  }
  setProperty(key: string, value: string): Properties {
    this.put([[String(key), String(value)]], false);
    return this;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this._store.data);
  }
  setProperties(props: Record<string, string>, deleteAllOthers = false): Properties {
    this.put(Object.entries(props).map(([k, v]) => [k, String(v)]), !!deleteAllOthers);
    return this;
  }
  getKeys(): string[] {
    return [...this._store.data.keys()];
  }
  deleteProperty(key: string): Properties {
    this._store.data.delete(String(key));
    return this;
  }
  deleteAllProperties(): Properties {
    this._store.data.clear();
    return this;
  }
}

export class PropertiesServiceImpl extends ServiceObject {
  static override serviceName = 'PropertiesService';
  constructor(private stores: { document: PropertyStore; script: PropertyStore; user: () => PropertyStore }) {
    super();
  }
  getDocumentProperties(): Properties {
    return new Properties(this.stores.document);
  }
  getScriptProperties(): Properties {
    return new Properties(this.stores.script);
  }
  getUserProperties(): Properties {
    return new Properties(this.stores.user());
  }
}

export class CacheStore {
  data = new Map<string, { value: string; expiresAt: number }>();
  constructor(private clock: SimClock) {}
  live(key: string): string | null {
    const e = this.data.get(key);
    if (!e) return null;
    if (e.expiresAt <= this.clock.now()) {
      this.data.delete(key);
      return null;
    }
    return e.value;
  }
  /** Test hook: Google may evict cached values at any time. */
  evictAll(): void {
    this.data.clear();
  }
}

export class Cache extends ServiceObject {
  static override serviceName = 'Cache';
  constructor(readonly _store: CacheStore, private clock: SimClock) {
    super();
  }
  private check(key: string, value: string): void {
    if (key.length > CACHE_KEY_MAX_CHARS) fail(MESSAGES.argumentTooLarge('key'));
    if (bytes(value) > CACHE_VALUE_MAX_BYTES) fail(MESSAGES.argumentTooLarge('value'));
  }
  private expiry(seconds: number | undefined): number {
    const s = seconds === undefined ? 600 : Math.min(Math.max(Number(seconds), 1), CACHE_MAX_SECONDS);
    return this.clock.now() + s * 1000;
  }
  get(key: string): string | null {
    return this._store.live(String(key));
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this._store.live(String(k));
      if (v !== null) out[String(k)] = v;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    const k = String(key);
    const v = String(value);
    this.check(k, v);
    this._store.data.set(k, { value: v, expiresAt: this.expiry(expirationInSeconds) });
  }
  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    const entries = Object.entries(values).map(([k, v]) => [k, String(v)] as const);
    for (const [k, v] of entries) this.check(k, v);
    for (const [k, v] of entries) this._store.data.set(k, { value: v, expiresAt: this.expiry(expirationInSeconds) });
  }
  remove(key: string): void {
    this._store.data.delete(String(key));
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this._store.data.delete(String(k));
  }
}

export class CacheServiceImpl extends ServiceObject {
  static override serviceName = 'CacheService';
  constructor(private clock: SimClock, private stores: { document: CacheStore; script: CacheStore; user: () => CacheStore }) {
    super();
  }
  getDocumentCache(): Cache {
    return new Cache(this.stores.document, this.clock);
  }
  getScriptCache(): Cache {
    return new Cache(this.stores.script, this.clock);
  }
  getUserCache(): Cache {
    return new Cache(this.stores.user(), this.clock);
  }
}

export type { Host };
