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
import { shortfall } from '../baseline.ts';
import type { ModelContext } from '../context.ts';
import { num, pct, SEVERITY } from '../health.ts';
import { meanStandardError, noiseOf } from '../noise/estimate.ts';
import { WindowStats } from '../noise/window-stats.ts';
import { DAY_MS } from '../time.ts';
import type { MetricSeries } from '../../registry/series.ts';
import type { Check, Fairness, Health, SliceStat } from '../types.ts';
import { CountUpTo } from './cursor.ts';
import { Hysteresis } from './hysteresis.ts';
import type { Judge } from './judge.ts';
import { CONFIDENCE, NOISE_DAYS, tQuantile } from './primary.ts';

/** A series' latest window and its standard error, each day. */
class Tracked {
  private stats: WindowStats;
  private upTo: CountUpTo;
  private noiseFrom: CountUpTo;
  private s: MetricSeries;
  private window: number;
  mean = NaN;
  se = NaN;
  /** Points the noise estimate rests on (Infinity: the sampling formula alone). */
  df = Infinity;
  count = 0;
  constructor(s: MetricSeries, window: number) {
    this.s = s;
    this.window = window;
    this.stats = new WindowStats(s);
    this.upTo = new CountUpTo(s.t);
    this.noiseFrom = new CountUpTo(s.t);
  }
  at(endMs: number): boolean {
    const end = this.upTo.at(endMs);
    if (end === 0) {
      this.count = 0;
      return false;
    }
    const from = Math.max(0, end - this.window);
    const win = this.stats.range(from, end);
    const b = this.noiseFrom.at(this.s.t[from] - NOISE_DAYS * DAY_MS);
    const noise = noiseOf(this.stats.range(b, from)) ?? noiseOf(this.stats.range(0, end));
    this.count = end - from;
    this.mean = win.mean;
    this.se = meanStandardError(noise, this.count, win.sampling);
    this.df = noise ? Math.max(1, noise.points - 1) : Infinity;
    return true;
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
  ratioNow: number | null;
  ratioHalf: number;
}

export interface FairnessJudge extends Judge {
  /** The slices as of the last day judged, for the model page. */
  fairness(): Fairness;
}

export function fairnessJudge(ctx: ModelContext): FairnessJudge | null {
  const f = ctx.card.fairness;
  if (!f) return null;
  const maxGap = f.max_gap ?? ctx.config.defaults.fairness.max_gap;
  const minRatio = f.min_selection_ratio ?? ctx.config.defaults.fairness.min_selection_ratio;
  const threshold = `gap <= ${pct(maxGap)} vs overall, selection-rate ratio >= ${num(minRatio)}, beyond the noise`;
  const window = ctx.config.defaults.rolling_window;
  const pm = ctx.card.primary_metric;
  const version = ctx.servingVersion;
  const overall = ctx.primary ? new Tracked(ctx.primary, window) : null;
  const values: SliceValue[] = [];
  if (version) {
    for (const key of f.slices) {
      const single = (s: MetricSeries) => s.slice !== null && Object.keys(s.slice).length === 1 && s.slice[key] !== undefined;
      const metricSlices = ctx.idx.slices(pm.name, version).filter(single);
      const selSlices = ctx.idx.slices(f.selection_metric, version).filter(single);
      for (const v of [...new Set([...metricSlices, ...selSlices].map((s) => s.slice![key]))].sort()) {
        const ms = metricSlices.find((s) => s.slice![key] === v);
        const ss = selSlices.find((s) => s.slice![key] === v);
        values.push({
          key, value: v, metric: ms ? new Tracked(ms, window) : null, selection: ss ? new Tracked(ss, window) : null,
          gap: new Hysteresis(maxGap, 2 * maxGap), ratio: new Hysteresis(0, 0), gapNow: null, gapHalf: 0, ratioNow: null, ratioHalf: 0,
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
        const se = Math.hypot(sv.metric.se, overall!.se) / Math.abs(overallMean);
        sv.gapHalf = Number.isFinite(se) ? q(sv.metric, overall!) * se : 0;
        const level = sv.gap.step({ lower: sv.gapNow - sv.gapHalf, estimate: sv.gapNow, upper: sv.gapNow + sv.gapHalf }, endMs);
        if (SEVERITY[level] > SEVERITY[worst.status] || (worst.v === null && level !== 'green')) worst = { status: level, v: sv, kind: 'gap' };
      } else sv.gap.clear(endMs);
      const top = maxSel.get(sv.key);
      if (sv.selection && sv.selection.count > 0 && top && top.selection!.mean > 0) {
        any = true;
        const a = sv.selection;
        const b = top.selection!;
        sv.ratioNow = a.mean / b.mean;
        const rel = sv === top ? 0 : Math.hypot(a.se / a.mean, b.se / b.mean);
        sv.ratioHalf = Number.isFinite(rel) ? q(a, b) * sv.ratioNow * rel : 0;
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
      const noise = (half: number, f: (x: number) => string) => (half > 0 ? `; noise ±${f(half)}` : '');
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
        ratio_noise: sv.ratioNow !== null ? sv.ratioHalf : null,
      }));
      return { slices, overall: overallMean, max_gap: maxGap, min_selection_ratio: minRatio };
    },
  };
}
