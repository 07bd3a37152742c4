/** The targets of issue #12 as data, checked against the benchmark's scores (spog's column). */
import type { ChampionResult } from './champion.ts';
import type { Method, Scores } from './score.ts';

export interface ScenarioResult {
  scenario: string;
  degraded: boolean;
  scores: Record<Method, Scores>;
}

export interface TargetResult {
  target: string;
  value: string;
  met: boolean;
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${(100 * x).toFixed(1)}%`);
const f = (x: number | null | undefined, d = 1) => (x === null || x === undefined ? '-' : x.toFixed(d));

/** Totals of a method over scenarios: false-alarm episodes per 100 model-months, detections within 30 days. */
function totals(rs: ScenarioResult[], m: Method): { episodes: number; detected: number } {
  let months = 0;
  let eps = 0;
  let det = 0;
  let models = 0;
  for (const r of rs) {
    const s = r.scores[m];
    months += s.model_months;
    eps += ((s.amber_episodes + s.red_episodes) * s.model_months) / 100;
    if (r.degraded) {
      det += (s.detected_30 ?? 0) * s.models;
      models += s.models;
    }
  }
  return { episodes: months ? (100 * eps) / months : 0, detected: models ? det / models : 0 };
}

export function checkTargets(results: ScenarioResult[], champion: ChampionResult[]): TargetResult[] {
  const out: TargetResult[] = [];
  const by = (name: string) => results.find((r) => r.scenario === name);
  for (const r of results.filter((x) => !x.degraded)) {
    const s = r.scores.spog;
    out.push({ target: `${r.scenario}: at most 2 amber and 0.5 red episodes per 100 model-months`, value: `${f(s.amber_episodes)} amber, ${f(s.red_episodes)} red`, met: s.amber_episodes <= 2 && s.red_episodes <= 0.5 });
    out.push({ target: `${r.scenario}: at most 2% of model-days not green, 0.1 colour changes per model-month`, value: `${pct(s.non_green_days)}, ${f(s.changes, 2)}`, met: s.non_green_days <= 0.02 && s.changes <= 0.1 });
  }
  for (const name of ['step-10%', 'step-20%', 'collapse', 'step-10% ar1']) {
    const s = by(name)?.scores.spog;
    if (s) out.push({ target: `${name}: always detected, median delay at most 5 days`, value: `${pct(s.detected)} detected, median ${f(s.median_delay)} days`, met: s.detected === 1 && (s.median_delay ?? Infinity) <= 5 });
  }
  const s5 = by('step-5%')?.scores.spog;
  if (s5) out.push({ target: 'step-5%: detected within 30 days at least 90% of the time, median under 9 days', value: `${pct(s5.detected_30)}, median ${f(s5.median_delay)} days`, met: (s5.detected_30 ?? 0) >= 0.9 && (s5.median_delay ?? Infinity) < 9 });
  for (const name of ['step-10%', 'step-20%', 'collapse', 'decay', 'step-10% ar1']) {
    const s = by(name)?.scores.spog;
    if (s) out.push({ target: `${name}: non-green on at least 90% of the days after detection while beyond amber`, value: pct(s.sustained), met: (s.sustained ?? 0) >= 0.9 });
  }
  const shift = by('shift-6of10')?.scores.spog;
  if (shift) out.push({ target: 'shift-6of10: every model flagged within 7 days', value: `${pct(shift.detected)} detected, at most ${f(shift.max_delay)} days`, met: shift.detected === 1 && (shift.max_delay ?? Infinity) <= 7 });
  const spog = totals(results, 'spog');
  for (const base of ['latest', 'rolling-10'] as const) {
    const b = totals(results, base);
    out.push({ target: `fewer false alarms and more detections than ${base}`, value: `${f(spog.episodes)} vs ${f(b.episodes)} false episodes per 100 model-months; ${pct(spog.detected)} vs ${pct(b.detected)} of degradations detected within 30 days`, met: spog.episodes < b.episodes && spog.detected > b.detected });
  }
  for (const c of champion.filter((x) => x.effect === 0 && (x.phi === 0.5 || x.phi === 0.8))) {
    const rate = c.promote / c.reps;
    out.push({ target: `champion test, no difference, lag-1 correlation ${c.phi}, ${c.days} paired days: at most 5% false promotions`, value: pct(rate), met: rate <= 0.05 });
  }
  const power = champion.find((x) => x.effect === 1 && x.phi === 0.5 && x.days === 30);
  if (power) out.push({ target: 'champion test, challenger better by one daily sd over 30 days at 0.5: at least 90% promotions', value: pct(power.promote / power.reps), met: power.promote / power.reps >= 0.9 });
  return out;
}
