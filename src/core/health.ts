/** Health levels and how they combine: a model is as healthy as its worst check. */
import type { Check, Health } from './types.ts';

/**
 * Severity rank, the one order of health: red is worst; unknown ranks above green (never green for
 * lack of data). Every sort, "worse/better" and "at or beyond" derives from it (compareHealth).
 */
export const SEVERITY: Record<Health, number> = { green: 0, unknown: 1, amber: 2, red: 3 };

/** Positive when `a` is worse than `b`, negative when better, 0 when the same: `sort((a, b) => compareHealth(b, a))` lists worst first. */
export function compareHealth(a: Health, b: Health): number {
  return SEVERITY[a] - SEVERITY[b];
}

/** Whether `h` is at or beyond `level` (`spog status --fail-on`, `spog alerts --fail-on`). */
export function atLeast(h: Health, level: Health): boolean {
  return compareHealth(h, level) >= 0;
}

/** Amber or red: a level the checks raised (an alarm), as opposed to green or "cannot tell". */
export function isAlarm(h: Health | null): boolean {
  return h === 'amber' || h === 'red';
}

/**
 * The order health is listed in for readers (tiles, counts, filters, group headings, summary
 * lines): the two alarms worst first, then green, then unknown, which is about the data, not the
 * model. Not the severity order, which puts unknown above green.
 */
export const HEALTH_DISPLAY_ORDER: readonly Health[] = ['red', 'amber', 'green', 'unknown'];

/** The worst of `levels` by SEVERITY; green when there are none. */
export function worst(levels: Health[]): Health {
  let w: Health = 'green';
  for (const l of levels) if (compareHealth(l, w) > 0) w = l;
  return w;
}

/** Health of a set of checks, its reasons worst first (green checks give no reason), and the checks' notes. */
export function combine(checks: Check[]): { health: Health; reasons: string[]; notes: string[] } {
  if (checks.length === 0) return { health: 'unknown', reasons: ['no checks could run'], notes: [] };
  const health = worst(checks.map((c) => c.status));
  // Two checks that cannot judge for one cause (no lines of the metric) say it once.
  const reasons = [...new Set(checks
    .filter((c) => c.status !== 'green')
    .sort((a, b) => compareHealth(b.status, a.status))
    .map((c) => c.reason))];
  const notes = checks.flatMap((c) => (c.note ? [c.note] : []));
  return { health, reasons, notes };
}

/** Format a share as a percent with one decimal, e.g. 0.0512 -> "5.1%". */
export function pct(x: number): string {
  const s = (x * 100).toFixed(1);
  return `${s === '-0.0' ? '0.0' : s}%`;
}

/** A number for reasons: 3 significant digits, no exponent for ordinary values. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 0.001 || a >= 1e6)) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}
