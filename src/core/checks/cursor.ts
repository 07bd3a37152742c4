/** Counting a sorted series' points up to a moving time, for judging it day after day. */

/** The number of points with t <= x, for x that never decreases between calls: O(1) amortised. */
export class CountUpTo {
  private i = 0;
  private readonly t: readonly number[];
  private readonly end: number;
  constructor(t: readonly number[], end = t.length) {
    this.t = t;
    this.end = end;
  }
  at(x: number): number {
    while (this.i < this.end && this.t[this.i] <= x) this.i++;
    return this.i;
  }
}
