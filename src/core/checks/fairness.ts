/**
 * Fairness by subgroup: for each slice the card watches, the primary metric of each slice value
 * (rolling mean) vs the overall value, as a direction-aware relative gap, and the selection-rate
 * ratio of each slice value to the highest one (disparate impact; four-fifths rule by default).
 * A gap over max_gap is amber (red over twice max_gap); a selection ratio under the minimum is red.
 */
import { shortfall } from '../baseline.ts';
import type { ModelContext } from '../context.ts';
import { num, pct } from '../health.ts';
import { countUpTo, rollingMeanAt } from '../select.ts';
import type { Check, Fairness, Health, SliceStat } from '../types.ts';

export function fairnessCheck(ctx: ModelContext): { check: Check | null; fairness: Fairness | null } {
  const f = ctx.card.fairness;
  if (!f) return { check: null, fairness: null };
  const maxGap = f.max_gap ?? ctx.config.defaults.fairness.max_gap;
  const minRatio = f.min_selection_ratio ?? ctx.config.defaults.fairness.min_selection_ratio;
  const threshold = `gap <= ${pct(maxGap)} vs overall, selection-rate ratio >= ${num(minRatio)}`;
  const version = ctx.servingVersion;
  const window = ctx.config.defaults.rolling_window;
  const pm = ctx.card.primary_metric;
  const overall = ctx.primary ? rollingMeanAt(ctx.primary.value, ctx.primaryEnd, window).mean : null;
  const stats: SliceStat[] = [];
  if (version) {
    for (const key of f.slices) {
      const metricSlices = ctx.idx.slices(pm.name, version).filter((s) => s.slice && Object.keys(s.slice).length === 1 && s.slice[key] !== undefined);
      const selSlices = ctx.idx.slices(f.selection_metric, version).filter((s) => s.slice && Object.keys(s.slice).length === 1 && s.slice[key] !== undefined);
      const values = [...new Set([...metricSlices, ...selSlices].map((s) => s.slice![key]))].sort();
      const sel = new Map<string, number | null>();
      for (const s of selSlices) sel.set(s.slice![key], rollingMeanAt(s.value, countUpTo(s.t, ctx.asOf.endMs), window).mean);
      const maxSel = Math.max(...[...sel.values()].filter((x): x is number => x !== null));
      for (const v of values) {
        const ms = metricSlices.find((s) => s.slice![key] === v);
        const end = ms ? countUpTo(ms.t, ctx.asOf.endMs) : 0;
        const metric = ms ? rollingMeanAt(ms.value, end, window).mean : null;
        const selection = sel.get(v) ?? null;
        stats.push({
          slice_key: key,
          slice_value: v,
          metric,
          gap: metric !== null && overall !== null ? shortfall(metric, overall, pm.direction, 'relative') : null,
          selection_rate: selection,
          selection_ratio: selection !== null && Number.isFinite(maxSel) && maxSel > 0 ? selection / maxSel : null,
          points: end,
        });
      }
    }
  }
  const fairness: Fairness = { slices: stats, overall, max_gap: maxGap, min_selection_ratio: minRatio };
  if (stats.length === 0) {
    return { fairness, check: { check: 'fairness', status: 'unknown', value: null, threshold, reason: `fairness: no per-slice data for ${f.slices.join(', ')}` } };
  }
  let status: Health = 'green';
  let reason = `no slice of ${f.slices.join(', ')} falls behind`;
  let value: number | null = null;
  const rank = { green: 0, unknown: 1, amber: 2, red: 3 };
  const raise = (s: Health, r: string, v: number) => {
    if (rank[s] > rank[status]) {
      status = s;
      reason = r;
      value = v;
    }
  };
  for (const s of stats) {
    if (s.gap !== null && s.gap > maxGap) raise(s.gap > 2 * maxGap ? 'red' : 'amber', `${pm.label ?? pm.name} for ${s.slice_key}=${s.slice_value} is ${pct(s.gap)} worse than overall (limit ${pct(maxGap)})`, s.gap);
    if (s.selection_ratio !== null && s.selection_ratio < minRatio) raise('red', `selection rate of ${s.slice_key}=${s.slice_value} is ${num(s.selection_ratio)} of the highest group's (four-fifths rule: >= ${num(minRatio)})`, s.selection_ratio);
  }
  return { fairness, check: { check: 'fairness', status, value, threshold, reason } };
}
