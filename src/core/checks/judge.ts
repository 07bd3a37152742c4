/**
 * A check judged day after day. Every check that series alone decide (the primary metric, its
 * changes, freshness, operational limits, fairness by slice) is a Judge: the day walk
 * (history.ts) calls `day` for each day from the first data to the evaluation day, so the
 * current health and the replayed history come from the same rule, holding the same state
 * (hysteresis, a raised change), and are the same whatever day one evaluates on.
 */
import type { Check, CheckName, Health } from '../types.ts';

export interface Judge {
  check: CheckName;
  /** The status at the end of this day (days in order, one call each), or null when the check does not apply that day. */
  day(endMs: number): Health | null;
  /** The full verdict of the last day judged: value, threshold and reason (built only when shown). */
  verdict(): Check;
}
