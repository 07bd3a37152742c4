/**
 * Performance drift: a lasting change of the primary metric towards worse, judged against its
 * own recent past rather than the expected value (the level check's job), so that a model that
 * was better than expected and fell is caught before it crosses the amber line. Each day the mean
 * of the last 7, 14 and 28 days is compared with the mean of the 8 weeks before that window; a
 * change is detected when it is at least half the amber threshold and that much is beyond the
 * noise at 99.9% one-sided (the series' own spread, neighbouring days moving together counted,
 * and never less than `n` implies). Windows are whole weeks, so a weekday pattern cannot pass
 * for a change. A detected change stays raised (amber) until the metric recovers: its last 7 days
 * back within a sixth of the amber threshold of the level before the change, or better than the
 * expected value, on 3 days in a row. It is one alarm, dated by where the change began, not a new
 * alarm each day it lasts. A change that leaves the metric better than expected is not raised.
 *
 * ADWIN and Page-Hinkley (River's algorithms and defaults) still run on the series for the model
 * page and `spog detect`; they do not decide health: on daily metrics Page-Hinkley fired on noise
 * and seasonality, and ADWIN checks every 32 values (decision 29, docs/alarms.md).
 */
import { runDetector } from '../detectors/index.ts';
import type { ModelContext } from '../context.ts';
import { num, pct } from '../health.ts';
import { differenceStandardError, noiseOf } from '../noise/estimate.ts';
import { staleAfterDays } from '../lifecycle.ts';
import { meanRange } from '../select.ts';
import { shortfall } from '../baseline.ts';
import { ageInDays, DAY_MS, dayOf } from '../time.ts';
import type { Check, DetectorRun, Health } from '../types.ts';
import { CountUpTo } from './cursor.ts';
import { CLEAR_EXIT_DAYS } from './hysteresis.ts';
import type { Judge } from './judge.ts';
import { tQuantile } from '../noise/t-quantile.ts';

/** Lengths of the recent window compared with the weeks before it, in days (whole weeks). */
export const CHANGE_WINDOWS = [7, 14, 28] as const;
/** The stretch before a window that stands for the level before a change. */
export const CHANGE_BASELINE_DAYS = 56;
/** The smallest change that counts, as a share of the amber threshold (a third: 1.67% when amber is 5%). */
export const MIN_CHANGE_SHARE = 1 / 3;
/** One-sided confidence that a change of the minimum size is beyond the noise. */
export const CHANGE_CONFIDENCE = 0.999;
/** Fewest points of the baseline stretch for a test (half of its days, for daily metrics). */
const MIN_BASELINE_POINTS = 28;
/**
 * What a model's page and `spog status` say while the change test has never had enough data to
 * run (a new model): the check is left out of the health, so it must not be left out in silence.
 */
export function changeNotJudgedNote(label: string, points: number): string {
  return `performance drift not judged yet: it compares the last ${CHANGE_WINDOWS.join(', ')} days of ${label} with the ${CHANGE_BASELINE_DAYS} days before, and needs ${MIN_BASELINE_POINTS} values in those ${CHANGE_BASELINE_DAYS} days (${points} value${points === 1 ? '' : 's'} so far)`;
}

/** Days whose mean says whether a raised change has recovered. */
const RECOVERY_DAYS = 7;

export const MIN_SERIES = 30;
const PH_PARAMS = { min_instances: 30, delta: 0.005, threshold: 10, alpha: 1 - 0.0001 };

/**
 * The series in standard deviations from the mean of its first `MIN_SERIES` values (population
 * standard deviation; 1% of the mean, or 1, when they are constant), so that one Page-Hinkley
 * threshold fits AUC and RMSE alike. `spog detect --standardise` applies the same.
 */
export function standardise(values: readonly number[]): number[] {
  const head = values.slice(0, MIN_SERIES);
  const mu = meanRange(head as number[], 0, head.length);
  const sd = Math.sqrt(head.reduce((acc, x) => acc + (x - mu) ** 2, 0) / head.length) || Math.abs(mu) * 0.01 || 1;
  return values.map((x) => (x - mu) / sd);
}

/** A change the judge raised: where it began, the level before, and when it was detected and recovered. */
export interface ChangeEvent {
  onsetMs: number;
  /** Index in the series of the first point after the change. */
  onset: number;
  detectedMs: number;
  recoveredMs: number | null;
  before: number;
}

export interface ChangeJudge extends Judge {
  /** Every change raised so far, oldest first. */
  events: ChangeEvent[];
  /** The change raised and not yet recovered, as of the last day judged. */
  open(): ChangeEvent | null;
  /** Indices where changes began, for measuring noise piece by piece. */
  cuts(): number[];
}

/**
 * `expected`: the level the model promised. A change that leaves the metric still better than
 * it (a seasonal metric back from an unusually good summer) is not raised, and a raised change
 * recovers once the metric is better than expected again.
 */
export function changeJudge(ctx: ModelContext, expected: number | null): ChangeJudge | null {
  const s = ctx.primary;
  if (!s) return null;
  const pm = ctx.card.primary_metric;
  const label = pm.label ?? pm.name;
  const th = ctx.card.thresholds ?? ctx.config.defaults.thresholds;
  const minChange = th.amber * MIN_CHANGE_SHARE;
  const fmt = (x: number) => (th.mode === 'relative' ? pct(x) : num(x));
  const threshold = `a change for the worse of at least ${fmt(minChange)} from the ${CHANGE_BASELINE_DAYS / 7} weeks before, over ${CHANGE_WINDOWS.join(', ')} days, beyond the noise (${CHANGE_CONFIDENCE * 100}%)`;
  const stats = ctx.statsOf(s);
  const upTo = new CountUpTo(s.t, ctx.primaryEnd);
  const winFrom = CHANGE_WINDOWS.map(() => new CountUpTo(s.t, ctx.primaryEnd));
  const baseFrom = CHANGE_WINDOWS.map(() => new CountUpTo(s.t, ctx.primaryEnd));
  const recentFrom = new CountUpTo(s.t, ctx.primaryEnd);
  const events: ChangeEvent[] = [];
  const cuts: number[] = [];
  const staleAfter = staleAfterDays(ctx.card, ctx.config);
  let stale = 0;
  let open: ChangeEvent | null = null;
  let recovering = 0;
  let lastEnd = 0;
  let lastEndMs = 0;
  let recentMean = NaN;
  let applies = false;
  const drop = (value: number, before: number) => shortfall(value, before, pm.direction, th.mode);
  const stillBetter = (value: number) => expected !== null && shortfall(value, expected, pm.direction, th.mode) < 0;

  /** Where the change began: the split of [from, end) with the largest standardised fall. */
  const onsetOf = (from: number, end: number): { k: number; before: number } => {
    let best = from + 1;
    let bestScore = -Infinity;
    for (let k = from + 1; k < end; k++) {
      const n1 = k - from;
      const n2 = end - k;
      const fall = drop(stats.range(k, end).mean, stats.range(from, k).mean);
      const score = fall * Math.sqrt((n1 * n2) / (n1 + n2));
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    return { k: best, before: stats.range(from, best).mean };
  };

  return {
    check: 'performance_drift',
    events,
    open: () => open,
    cuts: () => cuts,
    day(endMs) {
      const end = upTo.at(endMs);
      lastEnd = end;
      lastEndMs = endMs;
      stale = end > 0 ? ageInDays(endMs, s.t[end - 1]) : 0;
      const r0 = recentFrom.at(endMs - RECOVERY_DAYS * DAY_MS);
      recentMean = end - r0 >= 3 ? stats.range(r0, end).mean : NaN;
      if (open) {
        if (!Number.isNaN(recentMean) && (drop(recentMean, open.before) < minChange / 2 || stillBetter(recentMean))) recovering++;
        else recovering = 0;
        if (recovering >= CLEAR_EXIT_DAYS) {
          open.recoveredMs = endMs;
          open = null;
          recovering = 0;
        } else return 'amber';
      }
      let detected: { from: number } | null = null;
      for (let i = 0; i < CHANGE_WINDOWS.length; i++) {
        const w = CHANGE_WINDOWS[i];
        const a0 = winFrom[i].at(endMs - w * DAY_MS);
        const b0 = baseFrom[i].at(endMs - (w + CHANGE_BASELINE_DAYS) * DAY_MS);
        const a = end - a0;
        const b = a0 - b0;
        if (b < MIN_BASELINE_POINTS || a < Math.max(3, Math.ceil(w / 2))) continue;
        applies = true;
        const base = stats.range(b0, a0);
        const win = stats.range(a0, end);
        if (Math.abs(base.mean) < 1e-12 && th.mode === 'relative') continue;
        // A change smaller than the minimum cannot pass whatever the noise: most days stop here.
        if (drop(win.mean, base.mean) < minChange || stillBetter(win.mean)) continue;
        const noise = noiseOf(stats, b0, a0, cuts);
        const se = differenceStandardError(noise, a, b, win.sampling, base.sampling);
        const seUnits = th.mode === 'relative' ? se / Math.abs(base.mean) : se;
        const q = tQuantile(CHANGE_CONFIDENCE, Math.max(1, (noise?.points ?? b) - 1));
        if (Number.isFinite(seUnits) && drop(win.mean, base.mean) - q * seUnits >= minChange && !stillBetter(win.mean)) {
          detected = { from: b0 };
          break;
        }
      }
      if (detected) {
        const on = onsetOf(detected.from, end);
        open = { onsetMs: s.t[on.k], onset: on.k, detectedMs: endMs, recoveredMs: null, before: on.before };
        events.push(open);
        cuts.push(on.k);
        recovering = 0;
        return 'amber';
      }
      // No evidence for days: not judged (a stale input cannot vouch for the model).
      if (applies && stale >= staleAfter) return 'unknown';
      return applies ? 'green' : null;
    },
    verdict(): Check {
      if (open) {
        // The level since the change began (all of it while that is under a week), else the last week.
        const sinceOnset = lastEnd - open.onset;
        const now = sinceOnset >= 1 && sinceOnset <= RECOVERY_DAYS ? stats.range(open.onset, lastEnd).mean : Number.isNaN(recentMean) ? stats.range(Math.max(0, lastEnd - 7), lastEnd).mean : recentMean;
        const over = sinceOnset >= 1 && sinceOnset <= RECOVERY_DAYS ? `since then (${sinceOnset} value${sinceOnset === 1 ? '' : 's'})` : `over the last ${RECOVERY_DAYS} days`;
        return {
          check: 'performance_drift', status: 'amber', value: drop(now, open.before), threshold,
          reason: `${label} worsened by ${fmt(drop(now, open.before))} around ${dayOf(open.onsetMs)}: ${num(now)} ${over} vs ${num(open.before)} before; raised until it recovers`,
        };
      }
      if (applies && stale >= staleAfter) {
        return { check: 'performance_drift', status: 'unknown', value: null, threshold, reason: `${label}: changes not judged, no value for ${stale} days` };
      }
      const status: Health = applies ? 'green' : 'unknown';
      const recovered = events.length && events[events.length - 1].recoveredMs !== null && lastEndMs - events[events.length - 1].recoveredMs! < 14 * DAY_MS
        ? `; the change around ${dayOf(events[events.length - 1].onsetMs)} recovered on ${dayOf(events[events.length - 1].recoveredMs!)}` : '';
      return { check: 'performance_drift', status, value: null, threshold, reason: `no lasting change of ${label} for the worse beyond the noise${recovered}` };
    },
  };
}

/**
 * The detector runs shown on the model page: the health's own change test (the onsets of the
 * changes it raised), then ADWIN on the raw values and Page-Hinkley on standardised values with
 * River's algorithms, and the rolling-mean tracker vs expected, for reference.
 */
export function detectorRuns(ctx: ModelContext, expected: number | null, changes: ChangeEvent[]): DetectorRun[] {
  const s = ctx.primary;
  const n = ctx.primaryEnd;
  if (!s || n < MIN_SERIES) return [];
  const values = s.value.slice(0, n);
  const dir = ctx.card.primary_metric.direction;
  const toDates = (idx: number[]) => idx.map((i) => dayOf(s.t[i]));
  const th = ctx.card.thresholds ?? ctx.config.defaults.thresholds;
  const runs: DetectorRun[] = [
    {
      detector: 'change', decides_health: true,
      params: { windows_days: CHANGE_WINDOWS.join(', '), baseline_days: CHANGE_BASELINE_DAYS, min_change: Number((th.amber * MIN_CHANGE_SHARE).toPrecision(3)), confidence: CHANGE_CONFIDENCE },
      detections: changes.map((c) => dayOf(c.onsetMs)), warnings: [],
    },
  ];
  const adwin = runDetector('adwin', {}, values);
  runs.push({ detector: 'adwin', decides_health: false, params: { delta: 0.002 }, detections: toDates(adwin.detections), warnings: [] });
  const mode = dir === 'higher_is_better' ? 'down' : 'up';
  const ph = runDetector('page-hinkley', { ...PH_PARAMS, mode }, standardise(values));
  runs.push({ detector: 'page-hinkley', decides_health: false, params: { ...PH_PARAMS, mode, standardised: true }, detections: toDates(ph.detections), warnings: [] });
  if (expected !== null && th.mode === 'relative') {
    const params = { expected, window: ctx.config.defaults.rolling_window, higher_is_better: dir === 'higher_is_better', amber: th.amber, red: th.red };
    const rm = runDetector('rolling-mean', params, values);
    runs.push({ detector: 'rolling-mean', decides_health: false, params, detections: toDates(rm.detections), warnings: toDates(rm.warnings) });
  }
  return runs;
}
