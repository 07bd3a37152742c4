/**
 * Data drift per input feature and prediction drift: the reference (training) distribution vs
 * recent production windows. With `drift.method: auto` (the default) each feature takes the
 * newest days of the last `drift.window_days` until they hold `POOL_ROWS` rows (one day at
 * production volume, a week for a model with a few hundred predictions a day), and is tested with
 * the calibrated health test (drift/health.ts: two-sample test, p-values adjusted over the
 * model's features, and a PSI of at least 0.1). A card that asks for a seasonal reference is
 * compared with the same calendar month of the reference. A method named in spog.yaml runs that
 * Evidently-equivalent test on the whole window instead, with its own verdict. Some drifted
 * features make the check amber; dataset drift (share of drifted features >= `drift.share`)
 * makes it red. Prediction drift is its own check (amber).
 */
import { driftTest, pValueComparison } from '../drift/index.ts';
import { featureEvidence, HEALTH_ALPHA, judgeFeatures, MIN_PSI, newCategoryList } from '../drift/health.ts';
import type { Distribution } from '../drift/types.ts';
import type { ModelContext } from '../context.ts';
import { REPORTING_LIFECYCLES } from '../lifecycle.ts';
import { num, pct } from '../health.ts';
import { DAY_MS, dayOf } from '../time.ts';
import type { Check, DataDrift, FeatureDrift } from '../types.ts';
import type { LoadedWindow } from '../input.ts';
import { own } from '../own.ts';

/** Under this many current values a p-value test has little power: a stable verdict says so. */
export const FEW_CURRENT = 30;
/** Rows the newest windows are pooled up to before a feature is tested (auto). */
export const POOL_ROWS = 1000;
/** Dataset drift (red) needs at least this many drifted inputs besides their share: one input that moved is amber. */
export const MIN_DATASET_DRIFTED = 2;

/** Pool several windows of one feature into one distribution (samples joined, counts summed). */
export function poolWindows(ws: LoadedWindow[]): Distribution | null {
  if (ws.length === 0) return null;
  const type = ws[0].type;
  if (ws.every((w) => w.sample !== undefined)) {
    const sample = ws.flatMap((w) => w.sample!);
    return type === 'numeric' ? { type, sample: sample.filter((x): x is number => typeof x === 'number') } : { type, sample };
  }
  if (type === 'categorical' && ws.every((w) => w.counts !== undefined || w.sample !== undefined)) {
    // A Map: a sampled category may be named "constructor" or "__proto__".
    const counts = new Map<string, number>();
    for (const w of ws) {
      if (w.counts) for (const [k, v] of Object.entries(w.counts)) counts.set(k, (counts.get(k) ?? 0) + v);
      else for (const x of w.sample!) counts.set(String(x), (counts.get(String(x)) ?? 0) + 1);
    }
    return { type, counts: Object.fromEntries(counts) };
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

/** Rows in one window. */
function rowsOf(w: LoadedWindow): number {
  if (w.sample) return w.sample.length;
  if (w.counts) return Object.values(w.counts).reduce((a, b) => a + b, 0);
  return w.histogram ? w.histogram.counts.reduce((a, b) => a + b, 0) : 0;
}

/** The newest windows (whole days, newest first) until they hold `rows` rows; oldest first. */
export function newestWindows(ws: LoadedWindow[], rows: number): LoadedWindow[] {
  let total = 0;
  let i = ws.length;
  while (i > 0 && total < rows) {
    const day = Math.floor(ws[i - 1].t / DAY_MS);
    while (i > 0 && Math.floor(ws[i - 1].t / DAY_MS) === day) total += rowsOf(ws[--i]);
  }
  return ws.slice(i);
}

const METHOD_LABEL: Record<string, string> = {
  ks: 'KS', wasserstein: 'Wasserstein (normed)', psi: 'PSI', kl: 'KL divergence', jensenshannon: 'Jensen-Shannon', chisquare: 'chi-square', ztest: 'Z-test', chi2_homogeneity: 'chi-square (two-sample)',
};

/**
 * `stale`: the model has stopped sending data (the staleness check already says so), so missing
 * recent windows are not reported a second time.
 */
export function dataDrift(ctx: ModelContext, stale = false): { drift: DataDrift | null; checks: Check[] } {
  const ref = ctx.model.reference;
  if (!ref) return { drift: null, checks: [] };
  const cfg = { ...ctx.config.defaults.drift, ...(ctx.card.drift?.window_days !== undefined ? { window_days: ctx.card.drift.window_days } : {}) };
  const auto = cfg.method === 'auto';
  const from = ctx.asOf.endMs - cfg.window_days * DAY_MS;
  const recent = ctx.model.windows.filter((w) => w.t > from && w.t <= ctx.asOf.endMs);
  const seasonal = ctx.card.drift?.reference === 'seasonal';
  const month = ctx.asOf.date.slice(5, 7) as keyof NonNullable<typeof ref.by_month>;
  const monthRef = seasonal ? ref.by_month?.[month] : undefined;
  const refFor = (name: string | null): { d: Distribution | undefined; note: string } => {
    const whole = name === null ? ref.prediction : own(ref.features, name);
    if (!seasonal) return { d: whole as Distribution | undefined, note: '' };
    const m = name === null ? monthRef?.prediction : own(monthRef?.features, name);
    return m ? { d: m as Distribution, note: `against the reference for month ${month}` } : { d: whole as Distribution | undefined, note: `no month ${month} in the reference's by_month: against the whole reference` };
  };
  let earliest = Infinity;
  const test = (refD: Distribution, ws: LoadedWindow[]) => {
    const chosen = auto ? newestWindows(ws, POOL_ROWS) : ws;
    if (chosen.length) earliest = Math.min(earliest, chosen[0].t);
    const cur = poolWindows(chosen);
    if (!cur) return null;
    const r = auto ? featureEvidence(refD, cur) : driftTest(refD, cur, { method: cfg.method, threshold: cfg.threshold });
    return { r, windows: chosen.length, since: chosen.length ? dayOf(chosen[0].t) : null };
  };
  const pooled = (t: { windows: number; since: string | null }) => (t.windows === 1 ? `the window of ${t.since}` : `the ${t.windows} windows from ${t.since} pooled`);
  const withNote = <T extends { reason: string }>(r: T, notes: string[]): T => (notes.filter(Boolean).length ? { ...r, reason: `${r.reason}; ${notes.filter(Boolean).join('; ')}` } : r);
  const raw: { name: string; r: FeatureDrift; note: string }[] = [];
  for (const name of Object.keys(ref.features).sort()) {
    const { d, note } = refFor(name);
    if (!d) continue;
    const t = test(d, recent.filter((w) => w.role === 'input' && w.feature === name));
    if (!t) continue;
    raw.push({ name, r: { ...t.r, feature: name, role: 'input' }, note: [note, auto ? pooled(t) : ''].filter(Boolean).join('; ') });
  }
  const judged = auto ? judgeFeatures(raw.map((x) => x.r)) : raw.map((x) => x.r);
  const features: FeatureDrift[] = judged.map((r, i) => withNote<FeatureDrift>({ ...r, feature: raw[i].name, role: 'input' }, [raw[i].note]));
  let prediction: FeatureDrift | null = null;
  if (ref.prediction) {
    const { d, note } = refFor(null);
    const t = d ? test(d, recent.filter((w) => w.role === 'prediction')) : null;
    if (t) {
      const r = auto ? judgeFeatures([t.r])[0] : t.r;
      prediction = withNote<FeatureDrift>({ ...r, feature: 'prediction', role: 'prediction' }, [note, auto ? pooled(t) : '']);
    }
  }
  const tested = features.filter((f) => f.drifted !== null);
  const drifted = tested.filter((f) => f.drifted).length;
  const share = tested.length ? drifted / tested.length : null;
  const drift: DataDrift = {
    window: { from: dayOf(Number.isFinite(earliest) ? earliest : from + 1), to: ctx.asOf.date },
    features, drifted, total: tested.length, share, share_threshold: cfg.share,
    dataset_drift: share === null ? null : share >= cfg.share && drifted >= MIN_DATASET_DRIFTED,
    prediction,
  };
  const checks: Check[] = [];
  const threshold = auto
    ? `a feature drifts when its change is significant over the model's features (FDR ${HEALTH_ALPHA * 100}%) and its PSI >= ${MIN_PSI}; dataset drift when >= ${pct(cfg.share)} of features (and at least ${MIN_DATASET_DRIFTED}) drift`
    : `${METHOD_LABEL[cfg.method] ?? cfg.method} per feature; dataset drift when >= ${pct(cfg.share)} of features (and at least ${MIN_DATASET_DRIFTED}) drift`;
  // A model that is not serving (offline, retired, in development) sends no windows: nothing to judge.
  if (recent.length === 0 && (stale || !REPORTING_LIFECYCLES.has(ctx.card.lifecycle))) return { drift, checks };
  if (share === null) {
    checks.push({ check: 'data_drift', status: 'unknown', value: null, threshold, reason: `data drift: no production feature windows in the last ${cfg.window_days} days` });
  } else {
    const names = tested.filter((f) => f.drifted).map((f) => f.feature);
    const status = drift.dataset_drift ? 'red' : drifted > 0 ? 'amber' : 'green';
    // A p-value test on a handful of current values can miss a real shift: say how many were small.
    const few = tested.filter((f) => f.p_value !== null && f.current_size < FEW_CURRENT).length;
    const fresh = tested.filter((f) => f.new_categories?.length).map((f) => `${f.feature}: ${newCategoryList(f)}`);
    const reason = drifted === 0
      ? `no input feature drifted (${tested.length} tested${few ? `; ${few} on fewer than ${FEW_CURRENT} current values, where a test can miss a shift` : ''}${fresh.length ? `; new categories in ${fresh.join('; ')}, too few to matter yet` : ''})`
      : `${status === 'red' ? 'dataset drift: ' : ''}${drifted} of ${tested.length} input features drifted (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''})${fresh.length ? `; new categories in ${fresh.join('; ')}` : ''}`;
    const freshTooFew = drifted === 0 && fresh.length ? `new categories in ${fresh.join('; ')}, too few to matter yet` : undefined;
    checks.push({ check: 'data_drift', status, value: share, threshold, reason, ...(freshTooFew ? { note: freshTooFew } : {}) });
  }
  if (ref.prediction) {
    const p = prediction;
    if (!p || p.drifted === null) {
      checks.push({ check: 'prediction_drift', status: 'unknown', value: null, threshold: p?.threshold ?? null, reason: p ? `prediction drift: ${p.reason}` : 'prediction drift: no recent prediction windows' });
    } else {
      const isP = p.p_value !== null;
      const value = auto ? (p.psi ?? null) : isP ? p.p_value : p.statistic;
      const label = METHOD_LABEL[p.method] ?? p.method;
      const cmp = pValueComparison(p.method);
      const threshold = auto ? `significant (p <= ${HEALTH_ALPHA}) and PSI >= ${MIN_PSI}` : isP ? `${label} p-value ${cmp} ${p.threshold}` : `${label} >= ${p.threshold}`;
      const few = !p.drifted && isP && p.current_size < FEW_CURRENT ? `; on only ${p.current_size} current values, where a test can miss a shift` : '';
      const reason = auto
        ? `${p.drifted ? 'prediction drift' : 'predictions stable'}: ${p.reason}${few}`
        : p.drifted
          ? `prediction drift: ${label} ${isP ? `p-value ${num(value!)} ${cmp} ${p.threshold}` : `${num(value!)} >= ${p.threshold}`}`
          : `predictions stable (${label} ${isP ? `p-value ${num(value!)}` : num(value!)}${isP && p.current_size < FEW_CURRENT ? `, on only ${p.current_size} current values, where a test can miss a shift` : ''})`;
      checks.push({ check: 'prediction_drift', status: p.drifted ? 'amber' : 'green', value, threshold, reason });
    }
  }
  return { drift, checks };
}
