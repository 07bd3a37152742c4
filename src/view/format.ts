/**
 * Formatting shared by every page: numbers in the same style as the core's reasons, health and
 * lifecycle labels, dates and ages, and links that respect the site's base path.
 */
import { movementOfShortfall } from '../core/direction.ts';
import { num, pct } from '../core/health.ts';
import type { Health } from '../core/types.ts';

export { num, pct };

export const HEALTH_LABEL: Record<Health, string> = { red: 'Red', amber: 'Amber', green: 'Green', unknown: 'Unknown' };

/** A short word for what each health means, for legends and titles. */
export const HEALTH_MEANING: Record<Health, string> = {
  red: 'act now',
  amber: 'watch',
  green: 'all checks pass',
  unknown: 'too little data to judge',
};

/** Join the base path and a site path: base "/spog/" + "models/x/" -> "/spog/models/x/". */
export function href(base: string, path: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + path.replace(/^\/+/, '');
}

/** A value or an en dash for missing. */
export function n(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : num(x);
}

/**
 * Numbers this small are floating-point rounding (0.8 − 0.8000000000000002): printed as 0 and drawn
 * flat. Printing only: whether a value is better, worse or level is the core's rule (core/direction.ts).
 */
const ROUNDING = 1e-9;

/** Signed percentage, e.g. "+1.2%" / "−3.4%" (true minus sign); "0.0%" when it rounds to zero. */
export function signedPct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const s = pct(Math.abs(x));
  if (s === '0.0%') return s;
  return x > 0 ? `+${s}` : `−${s}`;
}

/** Signed number, e.g. "+0.012" / "−0.03"; "0" for noise-level values. */
export function signedNum(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (Math.abs(x) < ROUNDING) return '0';
  const s = num(Math.abs(x));
  return x > 0 ? `+${s}` : `−${s}`;
}

/** A relative shortfall (positive = worse) as words: "12.5% worse", "1.3% better", "level" (the core's rule). */
export function gapWords(gap: number | null | undefined): string {
  if (gap === null || gap === undefined || !Number.isFinite(gap)) return '–';
  const moved = movementOfShortfall(gap);
  return moved === 'level' ? 'level' : `${pct(Math.abs(gap))} ${moved}`;
}

/** "YYYY-MM-DD" from an ISO date or date-time. */
export function date(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '–';
}

/** Age in days as words: "today", "1 day", "12 days". */
export function age(days: number | null | undefined): string {
  if (days === null || days === undefined) return '–';
  if (days <= 0) return 'today';
  return days === 1 ? '1 day' : `${days} days`;
}

/** How long ago, in words: "today", "1 day ago", "12 days ago" ("–" when unknown). */
export function ago(days: number | null | undefined): string {
  const a = age(days);
  return a === '–' || a === 'today' ? a : `${a} ago`;
}

/** Compact age for dense rows: "today", "3 d", "297 d". */
export function ageShort(days: number | null | undefined): string {
  if (days === null || days === undefined) return '–';
  return days <= 0 ? 'today' : `${days} d`;
}

/** "3 models", "1 model". */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** Whole days between two ISO dates (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / 86_400_000);
}

export const CHECK_LABEL: Record<string, string> = {
  registry: 'Registry files',
  primary_metric: 'Primary metric vs expected',
  staleness: 'Freshness of data',
  performance_drift: 'Performance drift',
  data_drift: 'Data drift',
  prediction_drift: 'Prediction drift',
  fairness: 'Fairness',
  data_quality: 'Data quality',
  software: 'Software metrics',
};

/**
 * A check's value in the units the check uses. The primary-metric and performance-drift checks
 * hold a shortfall (relative: a share; absolute: metric units), null when they could not judge.
 */
export function checkValue(check: string, value: number | null, opts: { mode?: 'relative' | 'absolute' } = {}): string {
  if (value === null) return '–';
  switch (check) {
    case 'staleness':
      return age(value);
    case 'performance_drift':
    case 'primary_metric':
      // The core reports a shortfall it calls level as 0 (core/direction.ts).
      if (opts.mode === 'absolute') return value === 0 ? 'level' : `${num(Math.abs(value))} ${value > 0 ? 'worse' : 'better'}`;
      return gapWords(value);
    case 'data_drift':
      return `${pct(value)} of features`;
    case 'registry':
      return plural(value, 'error');
    default:
      return num(value);
  }
}

/** A sparkline as SVG polyline points in a w x h box (y up), or "" when there is nothing to draw. */
export function sparkPoints(values: readonly number[], w = 60, h = 16): string {
  const xs = values.filter((v) => Number.isFinite(v));
  if (xs.length < 2) return '';
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const span = hi - lo;
  const step = w / (xs.length - 1);
  // A flat series is drawn through the middle, not along the bottom edge.
  const y = (v: number) => (span > ROUNDING * Math.max(1, Math.abs(hi)) ? Math.round(h - 1 - ((v - lo) / span) * (h - 2)) : Math.round(h / 2));
  return xs.map((v, i) => `${Math.round(i * step)},${y(v)}`).join(' ');
}

/** The badge text of a model: "Registry error" when its files could not be read, else its health. */
export function modelHealthLabel(m: { health: Health; registry_error: boolean }): string {
  return m.registry_error && m.health === 'unknown' ? 'Registry error' : HEALTH_LABEL[m.health];
}

/** The status word of a check that has never had the data to run (a row of the Checks table; not a health). */
export const NOT_JUDGED_LABEL = 'Not judged yet';
