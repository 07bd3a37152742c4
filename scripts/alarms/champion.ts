/**
 * The champion test's size and power, simulated: paired daily differences (challenger − champion)
 * that move together as AR(1) with lag-1 correlation phi and unit variance, the champion's own
 * 120 days before them (HISTORY_DAYS_FOR_RHO) with the same correlation, and a true improvement of `effect` daily standard
 * deviations. Counts what `pairedVerdict` (the site's decision) recommends.
 */
import * as comparison from '../../src/core/comparison.ts';
import { hashSeed } from '../../src/core/random.ts';
import { rng } from './sample.ts';

/** The engine's decision; for an engine before 2026-12 (before/after runs), its block bootstrap on the last 30 days. */
type Verdict = (d: number[], history: number[]) => 'promote' | 'keep' | 'not_enough_data';
const api = comparison as unknown as Record<string, unknown>;
const verdict: Verdict = typeof api.pairedVerdict === 'function'
  ? (d, history) => (api.pairedVerdict as (d: number[], h: number[]) => { recommendation: 'promote' | 'keep' | 'not_enough_data' })(d, history).recommendation
  : (d) => {
      const last = d.slice(-30);
      const n = (api.effectiveSampleSize as (x: number[]) => number)(last);
      if (last.length < 7 || n < 7) return 'not_enough_data';
      const ci = (api.bootstrapMeanCi as (x: number[], seed: number, block: number) => [number, number])(last, hashSeed(last.join(',')), (api.blockLength as (a: number, b: number) => number)(last.length, n));
      return ci[0] > 0 ? 'promote' : 'keep';
    };
const HISTORY_DAYS = typeof api.HISTORY_DAYS_FOR_RHO === 'number' ? api.HISTORY_DAYS_FOR_RHO : 120;

export interface ChampionCase {
  phi: number;
  days: number;
  effect: number;
}

export interface ChampionResult extends ChampionCase {
  reps: number;
  promote: number;
  keep: number;
  not_enough_data: number;
}

function ar1(r: ReturnType<typeof rng>, n: number, phi: number): number[] {
  let x = r.gauss();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x = phi * x + Math.sqrt(1 - phi * phi) * r.gauss();
    out.push(x);
  }
  return out;
}

export function simulateChampion(c: ChampionCase, reps: number, seed: number): ChampionResult {
  const r = rng(seed);
  const out: ChampionResult = { ...c, reps, promote: 0, keep: 0, not_enough_data: 0 };
  for (let k = 0; k < reps; k++) {
    const history = ar1(r, HISTORY_DAYS, c.phi).map((x) => 0.8 + 0.01 * x);
    const d = ar1(r, c.days, c.phi).map((x) => c.effect + x);
    out[verdict(d, history)]++;
  }
  return out;
}

/** The cases the benchmark reports: no difference at phi 0.5 and 0.8 over 30 and 60 days, and one sd better over 30 days at 0.5. */
export const CHAMPION_CASES: ChampionCase[] = [
  { phi: 0.5, days: 30, effect: 0 },
  { phi: 0.8, days: 30, effect: 0 },
  { phi: 0.5, days: 60, effect: 0 },
  { phi: 0.8, days: 60, effect: 0 },
  { phi: 0, days: 30, effect: 0 },
  { phi: 0.5, days: 30, effect: 1 },
  { phi: 0.5, days: 60, effect: 1 },
  { phi: 0.8, days: 60, effect: 1 },
];
