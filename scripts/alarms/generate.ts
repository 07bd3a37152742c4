/**
 * Writes the alarm benchmark's registry: one model folder per model of every scenario in
 * scenarios.ts, seeded (the same files every run), and `truth.json` with what really happened to
 * each model (scenario, onset, the true shortfall of its primary metric every day).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashSeed } from '../../src/core/random.ts';
import { normalCdf } from '../../src/core/stats/normal-cdf.ts';
import { binormalAucVariance, rng, type Rng } from './sample.ts';
import { DAY0, DEGRADATIONS, NO_CHANGE, ONSET_RANGE, SCORED_DAYS, WARMUP_DAYS, type Scenario } from './scenarios.ts';

const DAY = 86_400_000;
const DAYS = WARMUP_DAYS + SCORED_DAYS;
const T0 = Date.parse(`${DAY0}T00:00:00Z`);
const SLICES = [['a', 0.5], ['b', 0.3], ['c', 0.2]] as const;
const NUMERIC = 8;
const CATEGORICAL = 2;
const BINS = 10;
const Z_EDGES = Array.from({ length: BINS + 1 }, (_, i) => -3 + (6 * i) / BINS);
const PRED_EDGES = Array.from({ length: BINS + 1 }, (_, i) => i / BINS);

export interface TruthModel {
  id: string;
  scenario: string;
  degraded: boolean;
  /** Scored-day index (0-based) of the onset, or null. */
  onset: number | null;
  /** The true relative shortfall of the primary metric vs expected, each scored day (positive = worse). */
  shortfall: number[];
  /** The metric vs the expected value seen by the baselines. */
  metric: string;
  direction: 'higher_is_better' | 'lower_is_better';
  expected: number;
}

export interface Truth {
  day0: string;
  warmup_days: number;
  scored_days: number;
  first_scored: string;
  scenarios: { name: string; about: string; degraded: boolean; models: number }[];
  models: TruthModel[];
}

const iso = (d: number) => new Date(T0 + d * DAY).toISOString().slice(0, 10);
const r5 = (x: number) => Math.round(x * 1e5) / 1e5;

const binsCache = new Map<number, number[]>();

/** Bin probabilities of N(shift, 1) over the z-edges; the end bins take the tails. */
function normalBins(shift: number): number[] {
  const key = Math.round(shift * 1e4) / 1e4;
  const hit = binsCache.get(key);
  if (hit) return hit;
  const out: number[] = [];
  for (let i = 0; i < BINS; i++) {
    const lo = i === 0 ? -Infinity : Z_EDGES[i];
    const hi = i === BINS - 1 ? Infinity : Z_EDGES[i + 1];
    out.push(normalCdf(hi - key) - (lo === -Infinity ? 0 : normalCdf(lo - key)));
  }
  binsCache.set(key, out);
  return out;
}

/** Sampling sd of an empirical AUC (binormal; the AUC rounded to 3 decimals for the integrals). */
function aucSd(auc: number, n: number, prevalence: number): number {
  const a = Math.min(0.99, Math.max(0.51, Math.round(auc * 1000) / 1000));
  const n1 = Math.max(2, Math.round(n * prevalence));
  return Math.sqrt(binormalAucVariance(a, n1, Math.max(2, n - n1)));
}

interface Plan {
  id: string;
  s: Scenario;
  r: Rng;
  auc: boolean;
  level: number;
  expected: number;
  prevalence: number;
  nBase: number;
  onset: number | null;
  phase: number;
}

function plan(s: Scenario, i: number): Plan {
  const id = `${s.name.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '').toLowerCase()}-${String(i + 1).padStart(2, '0')}`;
  const r = rng(hashSeed(id));
  const auc = i % 4 !== 3;
  const level = auc ? 0.72 + 0.18 * r.uniform() : 2 + 4 * r.uniform();
  const opt = s.optimism ? s.optimism[0] + (s.optimism[1] - s.optimism[0]) * r.uniform() : 0;
  const expected = auc ? level * (1 + opt) : level * (1 - opt);
  const [lo, hi] = s.noise.nDaily;
  const nBase = lo + (hi - lo) * r.uniform();
  const onset = s.degradation ? WARMUP_DAYS + ONSET_RANGE[0] + Math.floor(r.uniform() * (ONSET_RANGE[1] - ONSET_RANGE[0])) : null;
  return { id, s, r, auc, level, expected: r5(expected), prevalence: 0.1 + 0.3 * r.uniform(), nBase, onset, phase: Math.floor(365 * r.uniform()) };
}

/** The relative degradation of the overall primary metric on day d (0 = none). */
function degradationOn(p: Plan, d: number): number {
  const g = p.s.degradation;
  if (!g || p.onset === null || d < p.onset) return 0;
  switch (g.kind) {
    case 'step':
    case 'collapse':
    case 'primary-stops':
      return g.size;
    case 'decay':
      return g.size * Math.min(1, (d - p.onset + 1) / g.days);
    case 'slice':
      return 0.2 * g.size;
    default:
      return 0;
  }
}

/** True level of the overall primary metric on day d, with its seasonality. */
function trueLevel(p: Plan, d: number, extra = 0): number {
  const dow = new Date(T0 + d * DAY).getUTCDay();
  let rel = degradationOn(p, d) + extra;
  if (p.s.weekly && (dow === 0 || dow === 6)) rel += p.s.weekly;
  if (p.s.yearly) rel += p.s.yearly * Math.cos((2 * Math.PI * (d + p.phase)) / 365);
  const v = p.auc ? p.level * (1 - rel) : p.level * (1 + rel);
  return p.auc ? Math.min(0.99, Math.max(0.5, v)) : v;
}

/** One noisy observation of a metric whose true value is `truth` over n predictions. */
function observe(p: Plan, truth: number, n: number, od: number): number {
  const sd = p.auc ? aucSd(truth, n, p.prevalence) : truth / Math.sqrt(2 * n);
  const v = truth + sd * p.r.gauss() + od * truth * p.r.gauss();
  return p.auc ? Math.min(1, Math.max(0, v)) : Math.max(0, v);
}

export interface GenerateOptions {
  out: string;
  /** Models per scenario as a fraction of the scenario's count (for quick runs). */
  scale?: number;
  /** Leave out what the registry format before 2026-12 did not accept (seasonal references). */
  legacy?: boolean;
}

export function generate(opts: GenerateOptions): Truth {
  const { out } = opts;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'models'), { recursive: true });
  writeFileSync(join(out, 'spog.yaml'), 'title: Alarm benchmark\nteams:\n  - {id: bench, name: Benchmark}\n');
  const truth: Truth = { day0: DAY0, warmup_days: WARMUP_DAYS, scored_days: SCORED_DAYS, first_scored: iso(WARMUP_DAYS), scenarios: [], models: [] };
  for (const s of [...NO_CHANGE, ...DEGRADATIONS]) {
    const count = Math.max(1, Math.round(s.models * (opts.scale ?? 1)));
    truth.scenarios.push({ name: s.name, about: s.about, degraded: !!s.degradation, models: count });
    for (let i = 0; i < count; i++) truth.models.push(writeModel(out, plan(s, i), !!opts.legacy));
  }
  writeFileSync(join(out, 'truth.json'), JSON.stringify(truth));
  return truth;
}

function writeModel(out: string, p: Plan, legacy: boolean): TruthModel {
  const { r, s } = p;
  const dir = join(out, 'models', p.id);
  for (const sub of ['versions', 'metrics', 'features']) mkdirSync(join(dir, sub), { recursive: true });
  const metric = p.auc ? 'auc' : 'rmse';
  const direction = p.auc ? 'higher_is_better' : 'lower_is_better';
  const latencyBase = 80 + 120 * r.uniform();
  const latencyLimit = Math.round(1.8 * latencyBase);
  const seasonal = !legacy && (s.seasonalFeatures ?? 0) > 0;
  writeFileSync(join(dir, 'versions', 'v1.yaml'), `version: v1\ntrained_at: "${iso(-20)}"\nmetrics: {${metric}: ${p.expected}}\n`);
  writeFileSync(join(dir, 'README.md'), [
    '---', `name: ${p.id}`, 'owners: [bench@example.org]', 'team: bench',
    `task: ${p.auc ? 'binary_classification' : 'regression'}`, 'lifecycle: production',
    `primary_metric: {name: ${metric}, direction: ${direction}}`,
    `deployments: [{version: v1, role: champion, mode: production, since: "${iso(-10)}"}]`,
    'fairness: {slices: [segment]}', `software: {latency_p95_ms: ${latencyLimit}}`,
    ...(seasonal ? ['drift: {reference: seasonal}'] : []),
    '---', `Benchmark model: ${s.about}.`, '',
  ].join('\n'));

  // Metric lines.
  const byMonth = new Map<string, string[]>();
  const push = (d: number, line: string) => {
    const m = iso(d).slice(0, 7);
    let l = byMonth.get(m);
    if (!l) byMonth.set(m, (l = []));
    l.push(line);
  };
  const selBase = 0.2 + 0.2 * r.uniform();
  const selFactor = [1, 0.95, 0.9];
  let ar = 0;
  const nHistory: number[] = [];
  const shortfall: number[] = [];
  const g = s.degradation;
  for (let d = 0; d < DAYS; d++) {
    const ts = `${iso(d)}T06:00:00Z`;
    const dow = new Date(T0 + d * DAY).getUTCDay();
    const n = Math.max(20, Math.round(p.nBase * (dow === 0 || dow === 6 ? 0.7 : 1) * (1 + 0.15 * r.gauss())));
    nHistory.push(n);
    const truthV = trueLevel(p, d);
    if (d >= WARMUP_DAYS) shortfall.push(r5(p.auc ? (p.expected - truthV) / p.expected : (truthV - p.expected) / p.expected));
    let value: number;
    let nLine = n;
    if (s.noise.kind === 'ar1') {
      ar = s.noise.phi * ar + Math.sqrt(1 - s.noise.phi ** 2) * s.noise.sd * r.gauss();
      value = p.auc ? Math.min(1, truthV * (1 + ar)) : truthV * (1 + ar);
      nLine = nHistory.slice(-7).reduce((a, b) => a + b, 0);
    } else value = observe(p, truthV, n, s.noise.overdispersion);
    const stopped = g?.kind === 'primary-stops' && p.onset !== null && d >= p.onset;
    if (!stopped) {
      push(d, `{"ts":"${ts}","version":"v1","metric":"${metric}","value":${r5(value)},"n":${nLine},"run":"r${d}"}`);
      for (let k = 0; k < SLICES.length; k++) {
        const [seg, share] = SLICES[k];
        const sn = Math.max(5, Math.round(n * share));
        const sliceDrop = g?.kind === 'slice' && seg === 'c' && p.onset !== null && d >= p.onset ? g.size : 0;
        const sliceTruth = g?.kind === 'slice' ? trueLevel(p, d, sliceDrop - degradationOn(p, d)) : truthV;
        const sv = observe(p, sliceTruth, s.noise.kind === 'ar1' ? Math.max(5, Math.round(nLine * share)) : sn, s.noise.kind === 'ar1' ? s.noise.sd / 2 : s.noise.overdispersion);
        push(d, `{"ts":"${ts}","version":"v1","metric":"${metric}","value":${r5(sv)},"n":${sn},"slice":{"segment":"${seg}"},"run":"r${d}"}`);
        const rate = selBase * selFactor[k];
        push(d, `{"ts":"${ts}","version":"v1","metric":"selection_rate","value":${r5(r.binomial(sn, rate) / sn)},"n":${sn},"slice":{"segment":"${seg}"},"run":"r${d}"}`);
      }
    }
    const spike = r.uniform() < 1 / 60 ? 2 + r.uniform() : 1;
    const regress = g?.kind === 'latency' && p.onset !== null && d >= p.onset ? g.factor : 1;
    push(d, `{"ts":"${ts}","version":"v1","metric":"latency_p95_ms","value":${Math.round(latencyBase * Math.exp(0.08 * r.gauss()) * spike * regress)},"run":"r${d}"}`);
  }
  for (const [m, lines] of byMonth) writeFileSync(join(dir, 'metrics', `${m}.ndjson`), `${lines.join('\n')}\n`);

  // Features: 8 numeric inputs and 2 categorical ones against a reference, and the prediction.
  const numMeans = Array.from({ length: NUMERIC }, () => 10 * r.gauss());
  const numSds = Array.from({ length: NUMERIC }, () => 1 + 4 * r.uniform());
  const catProbs = Array.from({ length: CATEGORICAL }, () => {
    const w = Array.from({ length: 5 }, () => -Math.log(1 - r.uniform()) - Math.log(1 - r.uniform()));
    const t = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / t);
  });
  const predProbs = normalBins(0).map((_, i) => Math.exp(-((i - 3) ** 2) / 6));
  const predTotal = predProbs.reduce((a, b) => a + b, 0);
  const pred = predProbs.map((x) => x / predTotal);
  const seasonalCount = s.seasonalFeatures ?? 0;
  const seasonShift = (f: number, d: number) => (f < seasonalCount ? 0.6 * Math.cos((2 * Math.PI * (d + p.phase + 40 * f)) / 365) : 0);
  const edgesOf = (f: number) => Z_EDGES.map((z) => r5(numMeans[f] + numSds[f] * z));
  const refRows = Math.round(s.referenceRows[0] + (s.referenceRows[1] - s.referenceRows[0]) * r.uniform());
  // A year of training data: seasonal features are a mixture over the year (and by month).
  const mixture = (f: number, days: number[]) => {
    const acc = new Array<number>(BINS).fill(0);
    for (const d of days) normalBins(seasonShift(f, d)).forEach((x, i) => (acc[i] += x / days.length));
    return acc;
  };
  const yearDays = Array.from({ length: 365 }, (_, i) => i - 365);
  const refFeatures = (rows: number, days: number[]) => {
    const parts: string[] = [];
    for (let f = 0; f < NUMERIC; f++) parts.push(`"x${f + 1}":{"type":"numeric","histogram":{"edges":[${edgesOf(f)}],"counts":[${r.multinomial(rows, f < seasonalCount ? mixture(f, days) : normalBins(0))}]}}`);
    for (let c = 0; c < CATEGORICAL; c++) {
      const counts = r.multinomial(rows, catProbs[c]);
      parts.push(`"c${c + 1}":{"type":"categorical","counts":{${counts.map((k, i) => `"cat-${'abcde'[i]}":${k}`).join(',')}}}`);
    }
    return `{${parts.join(',')}}`;
  };
  let months = '';
  if (seasonal) {
    const byM: string[] = [];
    for (let m = 1; m <= 12; m++) {
      const days = yearDays.filter((d) => new Date(T0 + d * DAY).getUTCMonth() + 1 === m);
      byM.push(`"${String(m).padStart(2, '0')}":{"features":${refFeatures(Math.round(refRows / 12), days)}}`);
    }
    months = `,"by_month":{${byM.join(',')}}`;
  }
  writeFileSync(join(dir, 'features', 'reference.json'), `{"version":"v1","features":${refFeatures(refRows, yearDays)},"prediction":{"type":"numeric","histogram":{"edges":[${PRED_EDGES}],"counts":[${r.multinomial(refRows, pred)}]}}${months}}\n`);
  const fByMonth = new Map<string, string[]>();
  for (let d = 0; d < DAYS; d++) {
    const rows = nHistory[d];
    const on = g && p.onset !== null && d >= p.onset;
    const parts: string[] = [];
    for (let f = 0; f < NUMERIC; f++) {
      const shift = seasonShift(f, d) + (on && g!.kind === 'covariate' && f < g!.features ? g!.shift : 0);
      parts.push(`"x${f + 1}":{"type":"numeric","histogram":{"counts":[${r.multinomial(rows, normalBins(shift))}]}}`);
    }
    for (let c = 0; c < CATEGORICAL; c++) {
      let probs = catProbs[c];
      const newCat = on && g!.kind === 'new-category' && c === 0 ? g!.share : 0;
      if (newCat) probs = [...probs.map((x) => x * (1 - newCat)), newCat];
      // Covariate shift beyond the numeric inputs reaches the categorical ones too (features 9 and 10).
      if (on && g!.kind === 'covariate' && NUMERIC + c < g!.features) probs = probs.map((x, i) => (i === 0 ? x * 1.6 : x)).map((x, _, a) => x / a.reduce((u, v) => u + v, 0));
      const counts = r.multinomial(rows, probs);
      parts.push(`"c${c + 1}":{"type":"categorical","counts":{${counts.map((k, i) => `"${i === 5 ? 'cat-new' : `cat-${'abcde'[i]}`}":${k}`).join(',')}}}`);
    }
    const line = `{"ts":"${iso(d)}T06:00:00Z","version":"v1","features":{${parts.join(',')}},"prediction":{"type":"numeric","histogram":{"counts":[${r.multinomial(rows, pred)}]}},"run":"r${d}"}`;
    const m = iso(d).slice(0, 7);
    let l = fByMonth.get(m);
    if (!l) fByMonth.set(m, (l = []));
    l.push(line);
  }
  for (const [m, lines] of fByMonth) writeFileSync(join(dir, 'features', `${m}.ndjson`), `${lines.join('\n')}\n`);
  return { id: p.id, scenario: s.name, degraded: !!g, onset: p.onset === null ? null : p.onset - WARMUP_DAYS, shortfall, metric, direction, expected: p.expected };
}
