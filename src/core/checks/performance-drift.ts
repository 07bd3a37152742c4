/**
 * Performance drift on the primary-metric series (serving version, overall): ADWIN with River's
 * defaults on the raw values, Page-Hinkley on values standardised by the first 30 points (so one
 * threshold fits AUC and RMSE alike), and the simple rolling-mean tracker vs the expected value.
 * Every detection goes into the snapshot for chart markers. The check is amber when ADWIN or
 * Page-Hinkley fired within the last `RECENT_DAYS` days and the level after the change is worse
 * than before it; fewer than `MIN_SERIES` points means detectors are not run (no check).
 */
import { runDetector } from '../detectors/index.ts';
import type { ModelContext } from '../context.ts';
import { num } from '../health.ts';
import { meanRange } from '../select.ts';
import { DAY_MS, dayOf } from '../time.ts';
import type { Check, DetectorRun } from '../types.ts';

export const MIN_SERIES = 30;
export const RECENT_DAYS = 14;
const PH_PARAMS = { min_instances: 30, delta: 0.005, threshold: 10, alpha: 1 - 0.0001 };


/**
 * The series in standard deviations from the mean of its first `MIN_SERIES` values (population
 * standard deviation; 1% of the mean, or 1, when they are constant), so that one Page-Hinkley
 * threshold fits AUC and RMSE alike. `spog detect --standardise` applies the same.
 */
export function standardise(values: readonly number[]): number[] {
  const head = values.slice(0, MIN_SERIES);
  const mu = meanRange(head, 0, head.length);
  const sd = Math.sqrt(head.reduce((acc, x) => acc + (x - mu) ** 2, 0) / head.length) || Math.abs(mu) * 0.01 || 1;
  return values.map((x) => (x - mu) / sd);
}

export function performanceDrift(ctx: ModelContext, expected: number | null): { check: Check | null; runs: DetectorRun[] } {
  const s = ctx.primary;
  const n = ctx.primaryEnd;
  if (!s || n < MIN_SERIES) return { check: null, runs: [] };
  const values = s.value.slice(0, n);
  const dir = ctx.card.primary_metric.direction;
  const runs: DetectorRun[] = [];
  const toDates = (idx: number[]) => idx.map((i) => dayOf(s.t[i]));

  const adwin = runDetector('adwin', {}, values);
  runs.push({ detector: 'adwin', params: { delta: 0.002 }, detections: toDates(adwin.detections), warnings: [] });

  const z = standardise(values);
  const ph = runDetector('page-hinkley', { ...PH_PARAMS, mode: dir === 'higher_is_better' ? 'down' : 'up' }, z);
  runs.push({ detector: 'page-hinkley', params: { ...PH_PARAMS, mode: dir === 'higher_is_better' ? 'down' : 'up', standardised: true }, detections: toDates(ph.detections), warnings: [] });

  if (expected !== null) {
    const th = ctx.card.thresholds ?? ctx.config.defaults.thresholds;
    const params = { expected, window: ctx.config.defaults.rolling_window, higher_is_better: dir === 'higher_is_better', amber: th.amber, red: th.red };
    if (th.mode === 'relative') {
      const rm = runDetector('rolling-mean', params, values);
      runs.push({ detector: 'rolling-mean', params, detections: toDates(rm.detections), warnings: toDates(rm.warnings) });
    }
  }

  const recentFrom = ctx.asOf.endMs - RECENT_DAYS * DAY_MS;
  const threshold = `ADWIN (delta 0.002) or Page-Hinkley (threshold ${PH_PARAMS.threshold} sd) change within ${RECENT_DAYS} days, towards worse`;
  const candidates = [...adwin.detections.map((i) => ({ i, by: 'ADWIN' })), ...ph.detections.map((i) => ({ i, by: 'Page-Hinkley' }))]
    .filter((d) => s.t[d.i] >= recentFrom)
    .sort((a, b) => b.i - a.i);
  for (const d of candidates) {
    const before = meanRange(values, Math.max(0, d.i - 10), Math.max(1, d.i));
    const after = meanRange(values, d.i, Math.min(n, d.i + 10));
    const worse = dir === 'higher_is_better' ? after < before : after > before;
    if (worse) {
      return {
        runs,
        check: { check: 'performance_drift', status: 'amber', value: after - before, threshold, reason: `${d.by} detected a change in ${ctx.card.primary_metric.label ?? ctx.card.primary_metric.name} on ${dayOf(s.t[d.i])}: ${num(before)} -> ${num(after)}` },
      };
    }
  }
  return { runs, check: { check: 'performance_drift', status: 'green', value: null, threshold, reason: `no degrading change detected in the last ${RECENT_DAYS} days` } };
}
