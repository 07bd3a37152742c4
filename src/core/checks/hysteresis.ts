/**
 * One rule for how a judged quantity turns amber or red and back, shared by every check that
 * judges a noisy estimate against thresholds (the primary metric vs expected, a slice vs the
 * whole population, a selection-rate ratio): a level is entered only when the estimate is beyond
 * its threshold by more than the noise (the one-sided lower confidence bound is past it), and
 * left once the estimate has been back within the threshold for `EXIT_DAYS` days in a row, or
 * clearly back (the upper bound within it) for `CLEAR_EXIT_DAYS`. In between the verdict holds: a
 * value that wavers around a threshold does not flap, a degradation that lasts stays raised, and
 * a rare false entry on a very noisy series does not stick for want of proof that all is well.
 */
import { SEVERITY } from '../health.ts';
import type { Health } from '../types.ts';

/** Consecutive days the estimate must be back within a threshold before the level is lowered. */
export const EXIT_DAYS = 7;
/** Consecutive days that suffice when it is back beyond the noise. */
export const CLEAR_EXIT_DAYS = 3;

/** Rounding noise: a badness this close to a threshold is at it (0.8 − 0.72 is not exactly 0.08). */
const EPS = 1e-9;

export interface Bounds {
  /** The badness (positive = worse) and its one-sided confidence bounds, in threshold units. */
  lower: number;
  estimate: number;
  upper: number;
}

export class Hysteresis {
  level: Health = 'unknown';
  /** Day (ms) the current level was entered. */
  since = NaN;
  private within = 0;
  private clearly = 0;
  private readonly amber: number;
  private readonly red: number;
  constructor(amber: number, red: number) {
    this.amber = amber;
    this.red = red;
  }

  /** The level after a day whose estimate has these bounds. */
  step(b: Bounds, dayMs: number): Health {
    const entered: Health = b.lower >= this.red - EPS ? 'red' : b.lower >= this.amber - EPS ? 'amber' : 'green';
    const current = this.level;
    if (current === 'unknown' || SEVERITY[entered] >= SEVERITY[current]) {
      this.set(entered, dayMs);
      return this.level;
    }
    const threshold = current === 'red' ? this.red : this.amber;
    this.within = b.estimate < threshold - EPS ? this.within + 1 : 0;
    this.clearly = b.upper < threshold - EPS ? this.clearly + 1 : 0;
    if (this.within >= EXIT_DAYS || this.clearly >= CLEAR_EXIT_DAYS) {
      const supported = current === 'red' && b.estimate >= this.amber - EPS ? 'amber' : 'green';
      this.set(SEVERITY[entered] > SEVERITY[supported] ? entered : supported, dayMs);
    }
    return this.level;
  }

  /** Consecutive days the estimate has been back within the current level's threshold. */
  daysBack(): number {
    return this.within;
  }

  /** No estimate today (too little data): the level is unknown until there is one. */
  clear(dayMs: number): void {
    this.set('unknown', dayMs);
  }

  private set(level: Health, dayMs: number): void {
    this.within = 0;
    this.clearly = 0;
    if (level !== this.level) {
      this.level = level;
      this.since = dayMs;
    }
  }
}
