/**
 * Primary-metric degradation: the mean of the latest `rolling_window` values vs the expected
 * value, direction-aware, relative or absolute (default amber at a 5% shortfall, red at 10%),
 * judged against the noise of the series: a level is entered only when the shortfall is past its
 * threshold by more than the noise (the one-sided 95% lower confidence bound is past it), and left
 * only when it is clearly back (hysteresis.ts). The noise is the spread the series showed over
 * the 8 weeks before the window (neighbouring days moving together counted, noise/estimate.ts),
 * and never less than what `n` implies for the metric's kind (binomial for rates, Hanley & McNeil
 * for AUC). Fewer points than `min_points` gives unknown: never green for lack of data; a stale
 * series cannot be green either.
 */
import { shortfall, valueAtShortfall, type Baseline } from '../baseline.ts';
import type { ModelContext } from '../context.ts';
import { movement } from '../direction.ts';
import { num, pct } from '../health.ts';
import { staleAfterDays } from '../lifecycle.ts';
import { linesMisnamed, suggestMetric } from '../../names.ts';
import { meanStandardError, noiseOf, type Noise } from '../noise/estimate.ts';
import { meanRange } from '../select.ts';
import { tQuantile } from '../noise/t-quantile.ts';
import { ageInDays, DAY_MS, dayOf } from '../time.ts';
import type { Check, Health, PrimaryStatus } from '../types.ts';
import { CountUpTo } from './cursor.ts';
import { EXIT_DAYS, Hysteresis } from './hysteresis.ts';
import type { Judge } from './judge.ts';
import type { ChangeJudge } from './performance-drift.ts';

/** One-sided confidence of the bounds that decide a level (5% of noise-only windows look past a threshold by chance). */
export const CONFIDENCE = 0.95;
/** The history before a window whose spread measures the series' noise. */
export const NOISE_DAYS = 56;
/** Fewest values since a detected change for the level to be their mean. */
const MIN_SINCE_CHANGE = 3;

/** The quantile that turns a standard error into a one-sided bound: Student t on the points the noise rests on. */
export function boundQuantile(noise: Noise | null): number {
  return tQuantile(CONFIDENCE, noise ? Math.max(1, noise.points - 1) : Infinity);
}

/** Why a model's primary metric has no series: no lines of that name at all, perhaps a near-miss. */
export function missingPrimaryReason(ctx: ModelContext): string {
  const pm = ctx.card.primary_metric;
  const version = ctx.servingVersion;
  const names = version ? ctx.idx.metrics(version) : [...new Set(ctx.model.series.map((s) => s.metric))].sort();
  if (names.length === 0) return `no production metric lines${version ? ` for ${version}` : ''} yet`;
  const near = suggestMetric(pm.name, names);
  const evaluated = Object.keys(ctx.model.versions.find((v) => v.version === version)?.metrics ?? {});
  if (near && version && linesMisnamed(pm.name, near, evaluated)) return `no production lines named "${pm.name}" for ${version}: its lines say "${near}" (did the pipeline mean "${pm.name}"?)`;
  return `no production lines named "${pm.name}"${version ? ` for ${version}` : ''}${near ? ` (did you mean "${near}"?)` : ''}`;
}

interface Day {
  endMs: number;
  end: number;
  count: number;
  mean: number;
  short: number;
  /** The noise allowance; NaN until needed (a green day whose estimate is within amber does not need it). */
  halfWidth: number;
  /** Where the averaged values and the stretch that measures their noise begin. */
  from: number;
  noiseFrom: number;
  /** The day the change the values are averaged since began (a raised performance drift), or null. */
  sinceChange: number | null;
  sampling: number;
  status: Health;
  stale: number;
}

export interface PrimaryJudge extends Judge {
  /** The noise allowed for on the last day judged (half-width of the bounds, threshold units), or null. */
  noise(): number | null;
}

/**
 * `change`: the performance-drift judge, judged before this one each day. While it holds a change
 * that began inside the rolling window, the level is the mean of the values since the change (at
 * least 3): a collapse is red in days, not after ten; and the noise is measured piece by piece
 * between the changes it found, so an earlier degradation does not pass for noise.
 */
export function primaryJudge(ctx: ModelContext, base: Baseline, change: ChangeJudge | null = null): PrimaryJudge {
  const { card, config } = ctx;
  const pm = card.primary_metric;
  const label = pm.label ?? pm.name;
  const th = card.thresholds ?? config.defaults.thresholds;
  const window = config.defaults.rolling_window;
  const minPoints = config.defaults.min_points;
  const fmt = (x: number) => (th.mode === 'relative' ? pct(x) : num(x));
  const threshold = `amber when >= ${fmt(th.amber)}, red when >= ${fmt(th.red)} ${th.mode} shortfall beyond the noise`;
  const staleAfter = staleAfterDays(card, config);
  const s = ctx.primary;
  const E = base.value;
  const stats = s ? ctx.statsOf(s) : null;
  const upTo = s ? new CountUpTo(s.t, ctx.primaryEnd) : null;
  const noiseFrom = s ? new CountUpTo(s.t, ctx.primaryEnd) : null;
  const hyst = new Hysteresis(th.amber, th.red);
  let last: Day | null = null;
  const unknown = (reason: string): Check => ({ check: 'primary_metric', status: 'unknown', value: null, threshold, reason: `${label}: ${reason}` });
  /** The noise allowance of a day's window, in threshold units (0 when nothing tells the noise). */
  const allowance = (d: Day): number => {
    const cuts = change ? change.cuts() : [];
    const noise = noiseOf(stats!, d.noiseFrom, d.from, cuts) ?? noiseOf(stats!, 0, d.end, cuts);
    const se = meanStandardError(noise, d.count, d.sampling);
    const seUnits = th.mode === 'relative' ? se / Math.abs(E!) : se;
    return Number.isFinite(seUnits) ? boundQuantile(noise) * seUnits : 0;
  };
  const noiseOfLast = (): number => {
    if (last && Number.isNaN(last.halfWidth) && !Number.isNaN(last.mean)) last.halfWidth = allowance(last);
    return last ? last.halfWidth : NaN;
  };

  return {
    check: 'primary_metric',
    noise: () => (last && !Number.isNaN(last.mean) ? noiseOfLast() : null),
    day(endMs) {
      const end = upTo ? upTo.at(endMs) : 0;
      if (!s || !stats || E === null || end < minPoints) {
        hyst.clear(endMs);
        last = { endMs, end, count: Math.min(end, window), mean: NaN, short: NaN, halfWidth: NaN, from: 0, noiseFrom: 0, sinceChange: null, sampling: NaN, status: 'unknown', stale: 0 };
        return 'unknown';
      }
      let from = Math.max(0, end - window);
      const open = change?.open();
      const sinceChange = open && open.onset > from && end - open.onset >= MIN_SINCE_CHANGE ? open : null;
      if (sinceChange) from = sinceChange.onset;
      const win = stats.range(from, end);
      const short = shortfall(win.mean, E, pm.direction, th.mode);
      const d: Day = { endMs, end, count: end - from, mean: win.mean, short, halfWidth: NaN, from, noiseFrom: noiseFrom!.at(s.t[Math.max(0, end - window)] - NOISE_DAYS * DAY_MS), sinceChange: sinceChange ? sinceChange.onsetMs : null, sampling: win.sampling, status: 'green', stale: 0 };
      // The noise decides only near or past a threshold: a green day whose estimate is within
      // amber stays green whatever the noise (most days of most models), so it is not measured.
      const settled = (hyst.level === 'green' || hyst.level === 'unknown') && short < th.amber - 1e-9;
      const half = settled ? 0 : (d.halfWidth = allowance(d));
      let status = hyst.step({ lower: short - half, estimate: short, upper: short + half }, endMs);
      d.stale = ageInDays(endMs, s.t[end - 1]);
      if (d.stale >= staleAfter && status === 'green') status = 'unknown';
      d.status = status;
      last = d;
      return status;
    },
    verdict() {
      const d = last;
      if (!s) return unknown(missingPrimaryReason(ctx));
      if (E === null) return unknown(`no expected value (${base.source})`);
      if (!d || d.status === 'unknown' && Number.isNaN(d.mean)) {
        const n = d?.end ?? 0;
        return unknown(`too little data (${n} point${n === 1 ? '' : 's'}, at least ${minPoints} needed)`);
      }
      noiseOfLast();
      // Words and value from the one rule (direction.ts): a mean within 0.05% of expected is equal to it at the precision printed, not "0.0% better".
      const moved = movement(d.mean, E, pm.direction);
      const how = moved === 'worse' ? `${fmt(d.short)} worse than` : moved === 'better' ? `${fmt(-d.short)} better than` : 'equal to';
      const lastDay = dayOf(s.t[d.end - 1]);
      const when = lastDay !== dayOf(d.endMs) ? `, last value ${lastDay}` : '';
      // A noise that rounds to nothing (a constant series) is not worth a word.
      const noise = fmt(d.halfWidth) !== fmt(0) ? ` (noise ±${fmt(d.halfWidth)})` : '';
      const averaged = d.sinceChange !== null ? `mean of the ${d.count} values since the change of ${dayOf(d.sinceChange)}` : `mean of last ${d.count}${when}`;
      if (d.status === 'unknown') {
        return unknown(`not judged, no value for ${d.stale} days (the last ${d.count}, to ${lastDay}, averaged ${num(d.mean)}: ${how} expected ${num(E)})`);
      }
      let reason = `${label} ${num(d.mean)} (${averaged}) is ${how} expected ${num(E)}${noise}`;
      const beyond = (t: number) => d.short - d.halfWidth >= t - 1e-9;
      let note: string | undefined;
      if (d.status === 'green' && d.short >= th.amber) {
        reason += `: not clearly past ${fmt(th.amber)} (it could be as little as ${fmt(Math.max(0, d.short - d.halfWidth))})`;
        note = `${label} is ${fmt(d.short)} worse than expected, but with its noise (±${fmt(d.halfWidth)}) not clearly past the ${fmt(th.amber)} amber line`;
      } else if (d.status === 'amber' && !beyond(th.amber)) reason += `: amber since ${dayOf(hyst.since)}, until back within ${fmt(th.amber)} for ${EXIT_DAYS} days in a row (${hyst.daysBack()} so far)`;
      else if (d.status === 'red' && !beyond(th.red)) reason += `: red since ${dayOf(hyst.since)}, until back within ${fmt(th.red)} for ${EXIT_DAYS} days in a row (${hyst.daysBack()} so far)`;
      return { check: 'primary_metric', status: d.status, value: moved === 'level' ? 0 : d.short, threshold, reason, ...(note ? { note } : {}) };
    },
  };
}

/** The primary metric's block of the snapshot at the evaluation time. */
export function primaryStatus(ctx: ModelContext, base: Baseline): PrimaryStatus {
  const { card, config, primary: s, primaryEnd: end } = ctx;
  const pm = card.primary_metric;
  const th = card.thresholds ?? config.defaults.thresholds;
  const window = config.defaults.rolling_window;
  const from = Math.max(0, end - window);
  const mean = s && end > 0 ? meanRange(s.value, from, end) : null;
  const E = base.value;
  return {
    name: pm.name,
    label: pm.label ?? pm.name,
    direction: pm.direction,
    value: mean,
    latest: s && end > 0 ? s.value[end - 1] : null,
    latest_ts: s && end > 0 ? dayOf(s.t[end - 1]) : null,
    expected: E,
    expected_source: base.source,
    delta: mean !== null && E !== null ? mean - E : null,
    delta_pct: mean !== null && E !== null && E !== 0 ? (mean - E) / Math.abs(E) : null,
    amber_at: E !== null ? valueAtShortfall(E, th.amber, pm.direction, th.mode) : null,
    red_at: E !== null ? valueAtShortfall(E, th.red, pm.direction, th.mode) : null,
    thresholds: { mode: th.mode, amber: th.amber, red: th.red },
    window,
    points_in_window: end - from,
    noise: null,
  };
}
