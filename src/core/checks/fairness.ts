/**
 * Fairness by subgroup: for each slice the card watches, the primary metric of each slice value
 * (mean of its latest `rolling_window` values) vs the overall value, as a direction-aware
 * relative gap, and the selection-rate ratio of each slice value to the highest one (disparate
 * impact; four-fifths rule by default). Judged against the noise, as the primary metric is
 * (hysteresis.ts): a gap is amber once it is past `max_gap` beyond the noise (red past twice
 * it), a ratio red once it is below the minimum beyond the noise, and either clears only when
 * clearly back. A slice of 20% of 200 predictions a day is noisy; its noise is the spread of its
 * own series over the 8 weeks before, never less than `n` implies. The confidence is shared out
 * over the comparisons made (Bonferroni): five groups are not ten chances a day.
 */
import { shortfall, valueAtShortfall } from '../baseline.ts';
import type { ModelContext } from '../context.ts';
import { num, pct, SEVERITY } from '../health.ts';
import { meanStandardError, noiseOf } from '../noise/estimate.ts';
import { countUpTo } from '../select.ts';
import { WindowStats } from '../noise/window-stats.ts';
import { DAY_MS } from '../time.ts';
import type { Check, Fairness, Health, SliceStat } from '../types.ts';
import { CountUpTo } from './cursor.ts';
import { Hysteresis } from './hysteresis.ts';
import type { Judge } from './judge.ts';
import type { ChangeJudge } from './performance-drift.ts';
import { tQuantile } from '../noise/t-quantile.ts';
import { CONFIDENCE, NOISE_DAYS } from './primary.ts';
import type { MetricSeries } from '../input.ts';
import { own } from '../own.ts';

/** A series' latest window each day, and its standard error when asked (memoised for the day). */
class Tracked {
  private stats: WindowStats;
  private upTo: CountUpTo;
  private noiseFrom: CountUpTo;
  private s: MetricSeries;
  private window: number;
  private from = 0;
  private end = 0;
  private sampling = NaN;
  private measured = false;
  private seValue = NaN;
  private dfValue = Infinity;
  mean = NaN;
  count = 0;
  private changes: () => number[];
  constructor(s: MetricSeries, window: number, stats: WindowStats, changes: () => number[]) {
    this.s = s;
    this.window = window;
    this.stats = stats;
    this.changes = changes;
    this.upTo = new CountUpTo(s.t);
    this.noiseFrom = new CountUpTo(s.t);
  }
  at(endMs: number): boolean {
    const end = this.upTo.at(endMs);
    this.measured = false;
    if (end === 0) {
      this.count = 0;
      return false;
    }
    this.end = end;
    this.from = Math.max(0, end - this.window);
    const win = this.stats.range(this.from, end);
    // The cursor moves forward only: advance it every day, measured or not.
    this.noiseFrom.at(this.s.t[this.from] - NOISE_DAYS * DAY_MS);
    this.count = end - this.from;
    this.mean = win.mean;
    this.sampling = win.sampling;
    return true;
  }
  private measure(): void {
    if (this.measured) return;
    const b = this.noiseFrom.at(this.s.t[this.from] - NOISE_DAYS * DAY_MS);
    // Measured piece by piece between the changes found on the primary metric (times, here as this series' indices).
    const cuts = this.changes().map((ms) => countUpTo(this.s.t, ms - 1));
    const noise = noiseOf(this.stats, b, this.from, cuts) ?? noiseOf(this.stats, 0, this.end, cuts);
    this.seValue = meanStandardError(noise, this.count, this.sampling);
    this.dfValue = noise ? Math.max(1, noise.points - 1) : Infinity;
    this.measured = true;
  }
  /** Standard error of today's window mean. */
  get se(): number {
    this.measure();
    return this.seValue;
  }
  /** Points the noise estimate rests on, less one (Infinity: the sampling formula alone). */
  get df(): number {
    this.measure();
    return this.dfValue;
  }
}

interface SliceValue {
  key: string;
  value: string;
  metric: Tracked | null;
  selection: Tracked | null;
  gap: Hysteresis;
  ratio: Hysteresis;
  gapNow: number | null;
  gapHalf: number;
  gapMeasured: boolean;
  ratioNow: number | null;
  ratioHalf: number;
  ratioMeasured: boolean;
}

export interface FairnessJudge extends Judge {
  /** The slices as of the last day judged, for the model page. */
  fairness(): Fairness;
}

export function fairnessJudge(ctx: ModelContext, change: ChangeJudge | null = null): FairnessJudge | null {
  const f = ctx.card.fairness;
  if (!f) return null;
  const maxGap = f.max_gap ?? ctx.config.defaults.fairness.max_gap;
  const minRatio = f.min_selection_ratio ?? ctx.config.defaults.fairness.min_selection_ratio;
  const threshold = `gap <= ${pct(maxGap)} vs overall, selection-rate ratio >= ${num(minRatio)}, beyond the noise`;
  const window = ctx.config.defaults.rolling_window;
  const pm = ctx.card.primary_metric;
  const version = ctx.servingVersion;
  const changes = () => (change ? change.events.map((e) => e.onsetMs) : []);
  const overall = ctx.primary ? new Tracked(ctx.primary, window, ctx.statsOf(ctx.primary), changes) : null;
  const values: SliceValue[] = [];
  if (version) {
    for (const key of f.slices) {
      const single = (s: MetricSeries) => s.slice !== null && Object.keys(s.slice).length === 1 && own(s.slice, key) !== undefined;
      const metricSlices = ctx.idx.slices(pm.name, version).filter(single);
      const selSlices = ctx.idx.slices(f.selection_metric, version).filter(single);
      for (const v of [...new Set([...metricSlices, ...selSlices].map((s) => own(s.slice, key)!))].sort()) {
        const ms = metricSlices.find((s) => own(s.slice, key) === v);
        const ss = selSlices.find((s) => own(s.slice, key) === v);
        values.push({
          key, value: v, metric: ms ? new Tracked(ms, window, ctx.statsOf(ms), changes) : null, selection: ss ? new Tracked(ss, window, ctx.statsOf(ss), changes) : null,
          gap: new Hysteresis(maxGap, 2 * maxGap), ratio: new Hysteresis(0, 0), gapNow: null, gapHalf: 0, gapMeasured: false, ratioNow: null, ratioHalf: 0, ratioMeasured: false,
        });
      }
    }
  }
  // One-sided confidence per comparison, shared over the comparisons made each day (Bonferroni):
  // each slice value's gap and its selection-rate ratio.
  const perTest = 1 - (1 - CONFIDENCE) / Math.max(1, 2 * values.length);
  const q = (...ts: Tracked[]) => tQuantile(perTest, Math.min(...ts.map((t) => t.df)));
  let overallMean: number | null = null;
  let worst: { status: Health; v: SliceValue | null; kind: 'gap' | 'ratio' } = { status: 'unknown', v: null, kind: 'gap' };

  const judgeDay = (endMs: number): Health => {
    const haveOverall = overall ? overall.at(endMs) : false;
    overallMean = haveOverall ? overall!.mean : null;
    const maxSel = new Map<string, SliceValue>();
    for (const sv of values) {
      if (sv.selection?.at(endMs)) {
        const top = maxSel.get(sv.key);
        if (!top || sv.selection.mean > top.selection!.mean) maxSel.set(sv.key, sv);
      }
    }
    worst = { status: values.length ? 'green' : 'unknown', v: null, kind: 'gap' };
    let any = false;
    for (const sv of values) {
      sv.gapNow = null;
      sv.ratioNow = null;
      if (sv.metric?.at(endMs) && overallMean !== null && overallMean !== 0) {
        any = true;
        sv.gapNow = shortfall(sv.metric.mean, overallMean, pm.direction, 'relative');
        // The noise decides only near or past the limit, or while the slice is held behind.
        const settled = (sv.gap.level === 'green' || sv.gap.level === 'unknown') && sv.gapNow < maxGap - 1e-9;
        const se = settled ? NaN : Math.hypot(sv.metric.se, overall!.se) / Math.abs(overallMean);
        sv.gapHalf = Number.isFinite(se) ? q(sv.metric, overall!) * se : 0;
        sv.gapMeasured = !settled;
        const level = sv.gap.step({ lower: sv.gapNow - sv.gapHalf, estimate: sv.gapNow, upper: sv.gapNow + sv.gapHalf }, endMs);
        if (SEVERITY[level] > SEVERITY[worst.status] || (worst.v === null && level !== 'green')) worst = { status: level, v: sv, kind: 'gap' };
      } else sv.gap.clear(endMs);
      const top = maxSel.get(sv.key);
      if (sv.selection && sv.selection.count > 0 && top && top.selection!.mean > 0) {
        any = true;
        const a = sv.selection;
        const b = top.selection!;
        sv.ratioNow = a.mean / b.mean;
        const settled = sv === top || ((sv.ratio.level === 'green' || sv.ratio.level === 'unknown') && sv.ratioNow > minRatio + 1e-9);
        const rel = settled ? 0 : Math.hypot(a.se / a.mean, b.se / b.mean);
        sv.ratioHalf = Number.isFinite(rel) ? q(a, b) * sv.ratioNow * rel : 0;
        sv.ratioMeasured = !settled || sv === top;
        const level = sv.ratio.step({ lower: minRatio - sv.ratioNow - sv.ratioHalf, estimate: minRatio - sv.ratioNow, upper: minRatio - sv.ratioNow + sv.ratioHalf }, endMs);
        if (SEVERITY[level] > SEVERITY[worst.status]) worst = { status: level, v: sv, kind: 'ratio' };
      } else sv.ratio.clear(endMs);
    }
    if (!any) worst = { status: 'unknown', v: null, kind: 'gap' };
    return worst.status;
  };

  return {
    check: 'fairness',
    day: judgeDay,
    verdict(): Check {
      if (!values.some((v) => v.gapNow !== null || v.ratioNow !== null)) {
        return { check: 'fairness', status: 'unknown', value: null, threshold, reason: `fairness: no per-slice data for ${f.slices.join(', ')}` };
      }
      const w = worst.v;
      if (!w || worst.status === 'green') {
        const near = values.find((v) => v.gapNow !== null && v.gapNow > maxGap);
        const note = near ? `${pm.label ?? pm.name} for ${near.key}=${near.value} is ${pct(near.gapNow!)} worse than overall, within its noise (±${pct(near.gapHalf)})` : undefined;
        return { check: 'fairness', status: 'green', value: null, threshold, reason: `no slice of ${f.slices.join(', ')} falls behind beyond the noise`, ...(note ? { note } : {}) };
      }
      const held = (h: Hysteresis) => `${worst.status} since ${new Date(h.since).toISOString().slice(0, 10)}`;
      const noise = (half: number, f: (x: number) => string) => (f(half) !== f(0) ? `; noise ±${f(half)}` : '');
      if (worst.kind === 'ratio') {
        return {
          check: 'fairness', status: worst.status, value: w.ratioNow, threshold,
          reason: `selection rate of ${w.key}=${w.value} is ${num(w.ratioNow!)} of the highest group's (four-fifths rule: >= ${num(minRatio)}${noise(w.ratioHalf, num)}; ${held(w.ratio)})`,
        };
      }
      return {
        check: 'fairness', status: worst.status, value: w.gapNow, threshold,
        reason: `${pm.label ?? pm.name} for ${w.key}=${w.value} is ${pct(w.gapNow!)} worse than overall (limit ${pct(maxGap)}${noise(w.gapHalf, pct)}; ${held(w.gap)})`,
      };
    },
    fairness(): Fairness {
      const lastDay = (sv: SliceValue) => {
        if (sv.gapNow !== null && !sv.gapMeasured && sv.metric && overall && overallMean) {
          const se = Math.hypot(sv.metric.se, overall.se) / Math.abs(overallMean);
          sv.gapHalf = Number.isFinite(se) ? q(sv.metric, overall) * se : 0;
          sv.gapMeasured = true;
        }
      };
      values.forEach(lastDay);
      const slices: SliceStat[] = values.map((sv) => ({
        slice_key: sv.key,
        slice_value: sv.value,
        metric: sv.metric && sv.metric.count > 0 ? sv.metric.mean : null,
        gap: sv.gapNow,
        selection_rate: sv.selection && sv.selection.count > 0 ? sv.selection.mean : null,
        selection_ratio: sv.ratioNow,
        points: sv.metric?.count ?? 0,
        gap_status: sv.gapNow !== null ? sv.gap.level : null,
        ratio_status: sv.ratioNow !== null ? sv.ratio.level : null,
        gap_noise: sv.gapNow !== null ? sv.gapHalf : null,
        ratio_noise: sv.ratioNow !== null && sv.ratioMeasured ? sv.ratioHalf : null,
      }));
      const limitAt = overallMean !== null ? valueAtShortfall(overallMean, maxGap, pm.direction, 'relative') : null;
      return { slices, overall: overallMean, max_gap: maxGap, min_selection_ratio: minRatio, gap_limit_at: limitAt };
    },
  };
}
