/**
 * Expected performance (the baseline) of a model's primary metric: from the champion version's
 * evaluation (its `expected` block first), a fixed value, or the mean of a reference production
 * window (the first N days after the champion was deployed). It changes with each retrain.
 */
import type { Card } from '../schema/card.ts';
import { isoToMs } from '../schema/common.ts';
import { DAY_MS } from './time.ts';
import type { LoadedVersion, MetricSeries } from './input.ts';
import { own } from './own.ts';

export interface Baseline {
  value: number | null;
  source: string;
}

/** The expected value of the primary metric and where it came from (production points after `endMs`, the evaluation time, are not used). */
export function expectedValue(card: Card, champion: LoadedVersion | undefined, series: MetricSeries | undefined, sinceIso?: string, endMs = Infinity): Baseline {
  const name = card.primary_metric.name;
  const how = card.expected ?? { source: 'champion_evaluation' as const, window_days: 14 };
  if (how.source === 'fixed') return { value: how.value ?? null, source: 'fixed value in the model card' };
  if (!champion) return { value: null, source: 'no champion version' };
  if (how.source === 'reference_window') {
    if (!series || !(series.t[0] <= endMs)) return { value: null, source: 'reference window: no production data yet' };
    const start = sinceIso ? isoToMs(sinceIso) : series.t[0];
    const end = start + how.window_days * DAY_MS;
    let s = 0;
    let c = 0;
    for (let i = 0; i < series.t.length && series.t[i] <= endMs; i++) {
      if (series.t[i] >= start && series.t[i] < end) {
        s += series.value[i];
        c++;
      }
    }
    return c ? { value: s / c, source: `mean of the first ${how.window_days} days of ${champion.version} in production` } : { value: null, source: 'reference window: no points in it' };
  }
  const fromExpected = own(champion.expected, name);
  if (fromExpected !== undefined) return { value: fromExpected, source: `expected value of ${champion.version}` };
  const evaluated = own(champion.metrics, name);
  if (evaluated !== undefined) return { value: evaluated, source: `evaluation of ${champion.version}` };
  return { value: null, source: `${champion.version} has no evaluation of ${name}` };
}

/**
 * Shortfall of `value` vs `expected`, direction-aware: positive means worse than expected.
 * Relative mode divides by |expected|.
 */
export function shortfall(value: number, expected: number, direction: 'higher_is_better' | 'lower_is_better', mode: 'relative' | 'absolute'): number {
  const worse = direction === 'higher_is_better' ? expected - value : value - expected;
  if (mode === 'absolute') return worse;
  const denom = Math.abs(expected);
  return denom === 0 ? (worse === 0 ? 0 : Math.sign(worse) * Infinity) : worse / denom;
}

/** The metric value at which a shortfall of `limit` is reached (for chart bands). */
export function valueAtShortfall(expected: number, limit: number, direction: 'higher_is_better' | 'lower_is_better', mode: 'relative' | 'absolute'): number {
  const delta = mode === 'absolute' ? limit : limit * Math.abs(expected);
  return direction === 'higher_is_better' ? expected - delta : expected + delta;
}
