/**
 * The evaluation time ("as of"): every computation is relative to it. Precedence: an explicit
 * --as-of, then the registry's pin in spog.yaml, then SOURCE_DATE_EPOCH, then the current UTC day.
 */
import { timeMsg } from '../messages.ts';
import { isoToMs, isValidIsoDate } from '../schema/common.ts';

export const DAY_MS = 86_400_000;

export interface AsOf {
  /** Calendar day, "YYYY-MM-DD". */
  date: string;
  /** End of that day (23:59:59.999 UTC) in ms: points on the day count. */
  endMs: number;
  source: 'flag' | 'registry' | 'SOURCE_DATE_EPOCH' | 'today';
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function fromDay(date: string, source: AsOf['source']): AsOf {
  return { date, endMs: Date.parse(`${date}T00:00:00Z`) + DAY_MS - 1, source };
}

/** A malformed evaluation time; `source` says where it came from, so callers branch on it, not on the wording. */
export class AsOfError extends Error {
  readonly code = 'AS_OF';
  readonly source: 'flag' | 'SOURCE_DATE_EPOCH';
  constructor(message: string, source: AsOfError['source']) {
    super(message);
    this.source = source;
  }
}

/** Resolve "as of"; throws an AsOfError with a clear message for a malformed --as-of or SOURCE_DATE_EPOCH. */
export function resolveAsOf(opts: { flag?: string; registry?: string; env?: string; nowMs?: number }): AsOf {
  if (opts.flag !== undefined) {
    if (!isValidIsoDate(opts.flag)) throw new AsOfError(timeMsg.badAsOf(opts.flag), 'flag');
    return fromDay(dayOf(isoToMs(opts.flag)), 'flag');
  }
  if (opts.registry !== undefined) return fromDay(dayOf(isoToMs(opts.registry)), 'registry');
  if (opts.env !== undefined && opts.env !== '') {
    const secs = Number(opts.env);
    if (!Number.isFinite(secs)) throw new AsOfError(timeMsg.badSourceDateEpoch(opts.env), 'SOURCE_DATE_EPOCH');
    return fromDay(dayOf(secs * 1000), 'SOURCE_DATE_EPOCH');
  }
  return fromDay(dayOf(opts.nowMs ?? Date.now()), 'today');
}

/** Whole days from `ms` to the end of the as-of day, rounded down. */
export function daysBefore(asOf: AsOf, ms: number): number {
  return ageInDays(asOf.endMs, ms);
}

/** Days without a value at the end of a day (`endMs`), as the staleness thresholds count them. */
export function ageInDays(endMs: number, lastMs: number): number {
  return Math.floor((endMs - lastMs) / DAY_MS);
}
