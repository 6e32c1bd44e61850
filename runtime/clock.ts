/** The simulated wall clock every execution reads (`Date.now()` and `new Date()` in the vm). */
export class SimClock {
  private t: number;
  constructor(start: number) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`cannot move the clock by ${ms} ms`);
    this.t += ms;
  }
  set(t: number): void {
    if (t < this.t) throw new RangeError('the simulated clock never goes backwards');
    this.t = t;
  }
}
