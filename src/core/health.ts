/** Health levels and how they combine: a model is as healthy as its worst check. */
import type { Check, Health } from './types.ts';

/** Severity rank: red is worst; unknown ranks above green (never green for lack of data). */
export const SEVERITY: Record<Health, number> = { green: 0, unknown: 1, amber: 2, red: 3 };

export function worst(levels: Health[]): Health {
  let w: Health = 'green';
  for (const l of levels) if (SEVERITY[l] > SEVERITY[w]) w = l;
  return w;
}

/** Health of a set of checks, its reasons worst first (green checks give no reason), and the checks' notes. */
export function combine(checks: Check[]): { health: Health; reasons: string[]; notes: string[] } {
  if (checks.length === 0) return { health: 'unknown', reasons: ['no checks could run'], notes: [] };
  const health = worst(checks.map((c) => c.status));
  // Two checks that cannot judge for one cause (no lines of the metric) say it once.
  const reasons = [...new Set(checks
    .filter((c) => c.status !== 'green')
    .sort((a, b) => SEVERITY[b.status] - SEVERITY[a.status])
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
