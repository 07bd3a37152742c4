/**
 * Data drift per input feature and prediction drift: the reference (training) distribution vs
 * the production windows of the last `drift.window_days` days, pooled, tested as Evidently does
 * (method chosen per feature unless spog.yaml sets one). Some drifted features make the check
 * amber; dataset drift (share of drifted features >= `drift.share`) makes it red. Prediction
 * drift is its own check (amber).
 */
import { driftTest, pValueComparison } from '../drift/index.ts';
import type { Distribution } from '../drift/types.ts';
import type { LoadedWindow } from '../../registry/load.ts';
import type { ModelContext } from '../context.ts';
import { REPORTING_LIFECYCLES } from './staleness.ts';
import { num, pct } from '../health.ts';
import { DAY_MS, dayOf } from '../time.ts';
import type { Check, DataDrift, FeatureDrift } from '../types.ts';

/** Under this many current values a p-value test has little power: a stable verdict says so. */
export const FEW_CURRENT = 30;

/** Pool several windows of one feature into one distribution (samples joined, counts summed). */
export function poolWindows(ws: LoadedWindow[]): Distribution | null {
  if (ws.length === 0) return null;
  const type = ws[0].type;
  if (ws.every((w) => w.sample !== undefined)) {
    const sample = ws.flatMap((w) => w.sample!);
    return type === 'numeric' ? { type, sample: sample.filter((x): x is number => typeof x === 'number') } : { type, sample };
  }
  if (type === 'categorical' && ws.every((w) => w.counts !== undefined || w.sample !== undefined)) {
    const counts: Record<string, number> = {};
    for (const w of ws) {
      if (w.counts) for (const [k, v] of Object.entries(w.counts)) counts[k] = (counts[k] ?? 0) + v;
      else for (const x of w.sample!) counts[String(x)] = (counts[String(x)] ?? 0) + 1;
    }
    return { type, counts };
  }
  const hs = ws.filter((w) => w.histogram !== undefined);
  if (hs.length) {
    const edges = hs[hs.length - 1].histogram!.edges;
    const same = hs.filter((w) => w.histogram!.edges.length === edges.length && w.histogram!.edges.every((e, i) => e === edges[i]));
    const counts = edges.slice(1).map(() => 0);
    for (const w of same) w.histogram!.counts.forEach((c, i) => (counts[i] += c));
    return { type: 'numeric', histogram: { edges, counts } };
  }
  return null;
}

const METHOD_LABEL: Record<string, string> = {
  ks: 'KS', wasserstein: 'Wasserstein (normed)', psi: 'PSI', kl: 'KL divergence', jensenshannon: 'Jensen-Shannon', chisquare: 'chi-square', ztest: 'Z-test',
};

/**
 * `stale`: the model has stopped sending data (the staleness check already says so), so missing
 * recent windows are not reported a second time.
 */
export function dataDrift(ctx: ModelContext, stale = false): { drift: DataDrift | null; checks: Check[] } {
  const ref = ctx.model.reference;
  if (!ref) return { drift: null, checks: [] };
  const cfg = ctx.config.defaults.drift;
  const from = ctx.asOf.endMs - cfg.window_days * DAY_MS;
  const recent = ctx.model.windows.filter((w) => w.t > from && w.t <= ctx.asOf.endMs);
  const method = cfg.method;
  const opts = { method, threshold: cfg.threshold };
  const features: FeatureDrift[] = [];
  for (const name of Object.keys(ref.features).sort()) {
    const cur = poolWindows(recent.filter((w) => w.role === 'input' && w.feature === name));
    if (!cur) continue;
    features.push({ ...driftTest(ref.features[name] as Distribution, cur, opts), feature: name, role: 'input' });
  }
  let prediction: FeatureDrift | null = null;
  if (ref.prediction) {
    const cur = poolWindows(recent.filter((w) => w.role === 'prediction'));
    if (cur) prediction = { ...driftTest(ref.prediction as Distribution, cur, opts), feature: 'prediction', role: 'prediction' };
  }
  const tested = features.filter((f) => f.drifted !== null);
  const drifted = tested.filter((f) => f.drifted).length;
  const share = tested.length ? drifted / tested.length : null;
  const drift: DataDrift = {
    window: { from: dayOf(from + 1), to: ctx.asOf.date },
    features, drifted, total: tested.length, share, share_threshold: cfg.share,
    dataset_drift: share === null ? null : share >= cfg.share,
    prediction,
  };
  const checks: Check[] = [];
  const threshold = `dataset drift when >= ${pct(cfg.share)} of features drift`;
  // A model that is not serving (offline, retired, in development) sends no windows: nothing to judge.
  if (recent.length === 0 && (stale || !REPORTING_LIFECYCLES.has(ctx.card.lifecycle))) return { drift, checks };
  if (share === null) {
    checks.push({ check: 'data_drift', status: 'unknown', value: null, threshold, reason: `data drift: no production feature windows in the last ${cfg.window_days} days` });
  } else {
    const names = tested.filter((f) => f.drifted).map((f) => f.feature);
    const status = share >= cfg.share ? 'red' : drifted > 0 ? 'amber' : 'green';
    // A p-value test on a handful of current values can miss a real shift: say how many were small.
    const few = tested.filter((f) => f.p_value !== null && f.current_size < FEW_CURRENT).length;
    const reason = drifted === 0
      ? `no input feature drifted (${tested.length} tested${few ? `; ${few} on fewer than ${FEW_CURRENT} current values, where a test can miss a shift` : ''})`
      : `${status === 'red' ? 'dataset drift: ' : ''}${drifted} of ${tested.length} input features drifted (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''})`;
    checks.push({ check: 'data_drift', status, value: share, threshold, reason });
  }
  if (ref.prediction) {
    const p = prediction;
    if (!p || p.drifted === null) {
      checks.push({ check: 'prediction_drift', status: 'unknown', value: null, threshold: p?.threshold ?? null, reason: p ? `prediction drift: ${p.reason}` : 'prediction drift: no recent prediction windows' });
    } else {
      const isP = p.p_value !== null;
      const value = isP ? p.p_value : p.statistic;
      const label = METHOD_LABEL[p.method] ?? p.method;
      const cmp = pValueComparison(p.method);
      const threshold = isP ? `${label} p-value ${cmp} ${p.threshold}` : `${label} >= ${p.threshold}`;
      const reason = p.drifted
        ? `prediction drift: ${label} ${isP ? `p-value ${num(value!)} ${cmp} ${p.threshold}` : `${num(value!)} >= ${p.threshold}`}`
        : `predictions stable (${label} ${isP ? `p-value ${num(value!)}` : num(value!)}${isP && p.current_size < FEW_CURRENT ? `, on only ${p.current_size} current values, where a test can miss a shift` : ''})`;
      checks.push({ check: 'prediction_drift', status: p.drifted ? 'amber' : 'green', value, threshold, reason });
    }
  }
  return { drift, checks };
}
