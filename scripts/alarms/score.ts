/**
 * Scores of the alarm benchmark: each model's health day by day as `spog status --as-of DAY`
 * computes it (the registry loaded once; `healthByDay` walks the days once instead of once per
 * day, and every 20th day and the last are checked against a full `evaluateModel` at that day),
 * two baselines on the same primary-metric series, and per scenario the false-alarm and detection
 * figures of the issue that asked for them (#12).
 */
import type { Config } from '../../src/schema/config.ts';
import * as engine from '../../src/core/model.ts';
import { resolveAsOf } from '../../src/core/time.ts';
import type { Health } from '../../src/core/types.ts';
import type { Truth, TruthModel } from './generate.ts';
import type { ModelData } from '../../src/core/input.ts';

export const METHODS = ['spog', 'latest', 'rolling-10'] as const;
export type Method = (typeof METHODS)[number];

/** Amber and red thresholds of the baselines (and of spog's defaults): 5% and 10% relative shortfall. */
const AMBER = 0.05;
const RED = 0.1;
const DAY = 86_400_000;

/** Health of each scored day, per method, and for spog the checks that were not green each day. */
export type Days = Record<Method, Health[]> & { why: string[][]; mismatches: string[]; verified: number };

/** Days on which the fast path is checked against a full evaluation. */
const VERIFY_EVERY = 20;

function baselineHealth(values: number[], m: TruthModel): Health {
  if (values.length === 0) return 'unknown';
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const short = m.direction === 'higher_is_better' ? (m.expected - mean) / m.expected : (mean - m.expected) / m.expected;
  return short >= RED ? 'red' : short >= AMBER ? 'amber' : 'green';
}

/** Every method's health on every scored day of one model. */
export function scoreModel(model: ModelData, config: Config, truth: Truth, tm: TruthModel): Days {
  const days: Days = { spog: [], latest: [], 'rolling-10': [], why: [], mismatches: [], verified: 0 };
  const series = model.series.find((s) => s.metric === tm.metric && s.version === 'v1' && s.sliceKey === '');
  const first = Date.parse(`${truth.first_scored}T00:00:00Z`);
  const lastDate = new Date(first + (truth.scored_days - 1) * DAY).toISOString().slice(0, 10);
  // An engine without healthByDay (spog before 2026-12, for before/after runs) is evaluated day by day.
  const healthByDay = (engine as { healthByDay?: typeof engine.healthByDay }).healthByDay;
  const evaluateModel = engine.evaluateModel;
  const walked = healthByDay
    ? healthByDay(model, config, resolveAsOf({ flag: lastDate }), truth.scored_days)
    : Array.from({ length: truth.scored_days }, (_, k) => {
        const date = new Date(first + k * DAY).toISOString().slice(0, 10);
        const snap = evaluateModel(model, config, resolveAsOf({ flag: date }));
        return { date, health: snap.health, notGreen: snap.checks.filter((c) => c.status !== 'green').map((c) => `${c.check}:${c.status}`) };
      });
  if (walked.length !== truth.scored_days) throw new Error(`${tm.id}: ${walked.length} days walked, ${truth.scored_days} expected`);
  let end = 0;
  for (let k = 0; k < truth.scored_days; k++) {
    const date = new Date(first + k * DAY).toISOString().slice(0, 10);
    const asOf = resolveAsOf({ flag: date });
    const day = walked[k];
    if (healthByDay && (k % VERIFY_EVERY === VERIFY_EVERY - 1 || k === truth.scored_days - 1)) {
      days.verified++;
      const full = evaluateModel(model, config, asOf).health;
      if (full !== day.health || day.date !== date) days.mismatches.push(`${tm.id} ${date}: status --as-of says ${full}, the day walk ${day.health}`);
    }
    days.spog.push(day.health);
    days.why.push(day.notGreen);
    if (series) while (end < series.t.length && series.t[end] <= asOf.endMs) end++;
    const vals = series ? series.value.slice(0, end) : [];
    days.latest.push(baselineHealth(vals.slice(-1), tm));
    days['rolling-10'].push(baselineHealth(vals.slice(-10), tm));
  }
  return days;
}

export interface Scores {
  models: number;
  model_months: number;
  /** Non-green runs per 100 model-months that never reach red, and those that do. */
  amber_episodes: number;
  red_episodes: number;
  /** Share of model-days not green. */
  non_green_days: number;
  /** Colour changes per model-month. */
  changes: number;
  /** Degradations: share detected (first non-green day at or after the onset) within 30 days and at all. */
  detected_30?: number;
  detected?: number;
  median_delay?: number | null;
  p90_delay?: number | null;
  max_delay?: number | null;
  /** Share of days after detection that are not green while the true shortfall is beyond amber (or, for other faults, while they last). */
  sustained?: number | null;
}

function quantile(xs: number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

/** Episodes, share of non-green days and changes over a run of days. */
function falseAlarms(hs: Health[]): { amber: number; red: number; nonGreen: number; changes: number } {
  let amber = 0;
  let red = 0;
  let nonGreen = 0;
  let changes = 0;
  let inEpisode = false;
  let reached: Health = 'green';
  const close = () => {
    if (inEpisode) {
      if (reached === 'red') red++;
      else amber++;
    }
    inEpisode = false;
    reached = 'green';
  };
  for (let i = 0; i < hs.length; i++) {
    if (i > 0 && hs[i] !== hs[i - 1]) changes++;
    if (hs[i] === 'green') close();
    else {
      nonGreen++;
      inEpisode = true;
      if (hs[i] === 'red') reached = 'red';
    }
  }
  close();
  return { amber, red, nonGreen, changes };
}

/** For spog: how many false-alarm days (before any onset) each non-green check verdict caused. */
export function falseAlarmCauses(models: TruthModel[], days: Map<string, Days>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of models) {
    const why = days.get(m.id)!.why;
    const quiet = m.onset === null ? why : why.slice(0, m.onset);
    for (const day of quiet) for (const c of day) out[c] = (out[c] ?? 0) + 1;
  }
  return out;
}

/** Scores of one method over the models of one scenario. */
export function scoreScenario(models: TruthModel[], days: Map<string, Days>, method: Method): Scores {
  let amber = 0;
  let red = 0;
  let nonGreen = 0;
  let changes = 0;
  let scored = 0;
  const delays: number[] = [];
  let detected30 = 0;
  let detected = 0;
  let sustainDays = 0;
  let sustainNonGreen = 0;
  const degraded = models.some((m) => m.degraded);
  for (const m of models) {
    const hs = days.get(m.id)![method];
    // Before the onset (all days when nothing changes) every non-green day is a false alarm.
    const quiet = m.onset === null ? hs : hs.slice(0, m.onset);
    const fa = falseAlarms(quiet);
    amber += fa.amber;
    red += fa.red;
    nonGreen += fa.nonGreen;
    changes += fa.changes;
    scored += quiet.length;
    if (m.onset === null) continue;
    let at = -1;
    for (let d = m.onset; d < hs.length; d++) if (hs[d] !== 'green') { at = d; break; }
    if (at < 0) continue;
    detected++;
    if (at - m.onset <= 30) detected30++;
    delays.push(at - m.onset);
    const primary = m.shortfall.some((s, i) => i >= m.onset! && Math.abs(s) > 1e-9);
    for (let d = at + 1; d < hs.length; d++) {
      if (primary && !(m.shortfall[d] > AMBER + 1e-9)) continue;
      sustainDays++;
      if (hs[d] !== 'green') sustainNonGreen++;
    }
  }
  const months = scored / 30;
  const out: Scores = {
    models: models.length,
    model_months: Math.round(months * 10) / 10,
    amber_episodes: months ? (100 * amber) / months : 0,
    red_episodes: months ? (100 * red) / months : 0,
    non_green_days: scored ? nonGreen / scored : 0,
    changes: months ? changes / months : 0,
  };
  if (degraded) {
    out.detected_30 = detected30 / models.length;
    out.detected = detected / models.length;
    out.median_delay = quantile(delays, 0.5);
    out.p90_delay = quantile(delays, 0.9);
    out.max_delay = delays.length === models.length ? Math.max(...delays) : null;
    out.sustained = sustainDays ? sustainNonGreen / sustainDays : null;
  }
  return out;
}
