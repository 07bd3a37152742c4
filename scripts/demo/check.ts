/**
 * Recomputes, from the generated lines, the two checks whose outcome the demo is built around
 * (primary metric vs expected, and staleness), with the rules and defaults spog.yaml states.
 * The generator refuses to write a registry whose models miss their intended state, so a
 * change in the data or the learners cannot silently break the demo.
 *
 * This is a deliberately small re-statement of the rules for the demo's own use; the real
 * engine lives in src/core.
 */
import { isoToMs } from '../../src/schema/common.ts';
import { sig } from './format.ts';
import { AS_OF } from './time.ts';
import type { MetricLineIn, ModelBundle } from './types.ts';

const DAY = 86_400_000;
export const RULES = { amber: 0.05, red: 0.1, minPoints: 5, window: 10, windowDays: 10, staleAmberDays: 3, staleRedDays: 7 } as const;

export interface Observed {
  primary: 'green' | 'amber' | 'red' | 'unknown' | 'none';
  stale: 'fresh' | 'amber' | 'red' | 'none';
  expected?: number;
  rollingMean?: number;
  shortfall?: number;
  points: number;
  lastAgeDays?: number;
}

/** Primary-metric state of a series of one version and metric at `asOfMs`: the rolling-mean rule. */
export function primaryAt(lines: MetricLineIn[], asOfMs: number, expected: number, lower: boolean): Observed['primary'] {
  const upto = lines.filter((l) => isoToMs(l.ts) <= asOfMs).sort((a, b) => isoToMs(a.ts) - isoToMs(b.ts));
  const points = upto.filter((l) => isoToMs(l.ts) > asOfMs - RULES.windowDays * DAY).length;
  if (points < RULES.minPoints) return 'unknown';
  const last = upto.slice(-RULES.window).map((l) => l.value);
  const rollingMean = last.reduce((s, x) => s + x, 0) / last.length;
  const shortfall = lower ? (rollingMean - expected) / Math.abs(expected) : (expected - rollingMean) / Math.abs(expected);
  return shortfall >= RULES.red ? 'red' : shortfall >= RULES.amber ? 'amber' : 'green';
}

/** The primary state at the end of every day of the series (midnight after each day), for card texts. */
export function history(lines: MetricLineIn[], expected: number, lower: boolean): { day: string; state: Observed['primary'] }[] {
  const days = [...new Set(lines.map((l) => l.ts.slice(0, 10)))].sort();
  return days.map((day) => ({ day, state: primaryAt(lines, isoToMs(day) + DAY, expected, lower) }));
}

export function observe(m: ModelBundle): Observed {
  const champ = (m.card.deployments ?? []).find((d) => d.role === 'champion');
  if (!champ) return { primary: 'none', stale: 'none', points: 0 };
  const name = m.card.primary_metric.name;
  const lower = m.card.primary_metric.direction === 'lower_is_better';
  const v = m.versions.find((x) => x.version === champ.version);
  const expected = m.card.expected?.source === 'fixed' ? m.card.expected.value : (v?.expected?.[name] ?? v?.metrics?.[name]);
  // spog evaluates at the end of the "as of" day: points on that day count.
  const asOf = isoToMs(AS_OF) + DAY - 1;
  const lines = m.metrics
    .filter((l) => l.version === champ.version && l.metric === name && !l.slice && isoToMs(l.ts) <= asOf)
    .sort((a, b) => isoToMs(a.ts) - isoToMs(b.ts));
  if (lines.length === 0) return { primary: 'unknown', stale: 'none', expected, points: 0 };
  const lastAgeDays = (asOf - isoToMs(lines[lines.length - 1].ts)) / DAY;
  const stale = lastAgeDays > RULES.staleRedDays ? 'red' : lastAgeDays > RULES.staleAmberDays ? 'amber' : 'fresh';
  const points = lines.filter((l) => isoToMs(l.ts) > asOf - RULES.windowDays * DAY).length;
  if (points < RULES.minPoints || expected === undefined) return { primary: 'unknown', stale, expected, points, lastAgeDays };
  const last = lines.slice(-RULES.window).map((l) => l.value);
  const rollingMean = last.reduce((s, x) => s + x, 0) / last.length;
  const shortfall = lower ? (rollingMean - expected) / Math.abs(expected) : (expected - rollingMean) / Math.abs(expected);
  const primary = shortfall >= RULES.red ? 'red' : shortfall >= RULES.amber ? 'amber' : 'green';
  return { primary, stale, expected, rollingMean: sig(rollingMean, 4), shortfall: sig(shortfall, 3), points, lastAgeDays: sig(lastAgeDays, 3) };
}

/** Lists every model whose observed state differs from its intended one. */
export function mismatches(models: ModelBundle[]): string[] {
  const out: string[] = [];
  for (const m of models) {
    const o = observe(m);
    if (m.intended.primary && o.primary !== m.intended.primary) out.push(`${m.id}: primary is ${o.primary}, intended ${m.intended.primary} (${JSON.stringify(o)})`);
    if (m.intended.stale && o.stale !== m.intended.stale) out.push(`${m.id}: staleness is ${o.stale}, intended ${m.intended.stale} (${JSON.stringify(o)})`);
  }
  return out;
}
