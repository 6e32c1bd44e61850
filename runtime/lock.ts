/**
 * LockService with real mutual exclusion between simulated executions.
 *
 * The model (single-threaded, deterministic):
 * - A lock belongs to one execution id until it calls releaseLock() or its execution ends.
 * - Another execution can only run while the holder is suspended: either it was started
 *   from a hook inside the holder's service call (rt.onServiceCall), or the holder is a
 *   simulated external process (rt.holdLock(kind, forMs)).
 * - A suspended execution cannot release the lock while another one waits, so
 *   waitLock(t)/tryLock(t) then moves the simulated clock by t and times out.
 * - An external holder releases at a known time: a wait that reaches it advances the
 *   clock to that moment and gets the lock; a shorter wait times out after t ms.
 * - A deferred execution (rt.defer / submitForm {defer: true}) arrived while the holder ran
 *   and starts when the holder's execution ends; its first lock call counts the time since
 *   arrival as already waited, so it fails if that exceeds its timeout.
 */
import type { SimClock } from './clock';
import { MESSAGES, fail } from './errors';
import { ServiceObject } from './host';

export const EXTERNAL = 'external';

interface Holder {
  owner: string;
  /** For external holders: when they let go. */
  releaseAt?: number;
}

export class LockRegistry {
  private held = new Map<string, Holder>();
  constructor(private clock: SimClock) {}
  holder(key: string): Holder | null {
    const h = this.held.get(key);
    if (h && h.releaseAt !== undefined && h.releaseAt <= this.clock.now()) {
      this.held.delete(key);
      return null;
    }
    return h ?? null;
  }
  /**
   * Returns true if `owner` got the lock within `timeoutMs` of simulated time. `waitedMs` is
   * time the caller already spent waiting before it could run (a deferred execution).
   */
  acquire(key: string, owner: string, timeoutMs: number, waitedMs = 0): boolean {
    if (waitedMs > timeoutMs) return false;
    const h = this.holder(key);
    if (!h || h.owner === owner) {
      this.held.set(key, { owner });
      return true;
    }
    if (h.releaseAt !== undefined && h.releaseAt - this.clock.now() <= timeoutMs) {
      this.clock.set(h.releaseAt);
      this.held.set(key, { owner });
      return true;
    }
    this.clock.advance(Math.max(0, timeoutMs));
    return false;
  }
  release(key: string, owner: string): void {
    if (this.held.get(key)?.owner === owner) this.held.delete(key);
  }
  releaseAll(owner: string): void {
    for (const [k, h] of this.held) if (h.owner === owner) this.held.delete(k);
  }
  holdExternally(key: string, forMs: number): void {
    this.held.set(key, { owner: EXTERNAL, releaseAt: this.clock.now() + forMs });
  }
  isHeld(key: string): boolean {
    return this.holder(key) !== null;
  }
}

export class Lock extends ServiceObject {
  static override serviceName = 'Lock';
  constructor(private registry: LockRegistry, readonly _key: string, private owner: () => string, private waited: () => number) {
    super();
  }
  tryLock(timeoutInMillis: number): boolean {
    return this.registry.acquire(this._key, this.owner(), Number(timeoutInMillis) || 0, this.waited());
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.registry.acquire(this._key, this.owner(), Number(timeoutInMillis) || 0, this.waited())) fail(MESSAGES.lockTimeout);
  }
  releaseLock(): void {
    this.registry.release(this._key, this.owner());
  }
  hasLock(): boolean {
    return this.registry.holder(this._key)?.owner === this.owner();
  }
}

export class LockServiceImpl extends ServiceObject {
  static override serviceName = 'LockService';
  /** `waited`: ms a deferred execution already waited before it ran (counted once, by its first lock call). */
  constructor(private registry: LockRegistry, private owner: () => string, private user: () => string, private waited: () => number = () => 0) {
    super();
  }
  getDocumentLock(): Lock {
    return new Lock(this.registry, 'document', this.owner, this.waited);
  }
  getScriptLock(): Lock {
    return new Lock(this.registry, 'script', this.owner, this.waited);
  }
  getUserLock(): Lock {
    return new Lock(this.registry, `user:${this.user()}`, this.owner, this.waited);
  }
}
