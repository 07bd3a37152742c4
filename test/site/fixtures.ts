/** Snapshots for the site tests: the engine's states fixture, and a synthetic fleet of any size. */
import { mulberry32 } from '../../src/core/random.ts';
import { fleetOf } from '../../src/core/snapshot.ts';
import type { Health, ModelSnapshot, Snapshot } from '../../src/core/types.ts';
import { computeSnapshot } from '../../src/site/snapshot.ts';

let states: Snapshot | undefined;

/** test/fixtures/states: ten small models, one per state (red, amber, stale, challenger, ...). */
export function statesSnapshot(): Snapshot {
  states ??= computeSnapshot('test/fixtures/states');
  return states;
}

export function model(snap: Snapshot, id: string): ModelSnapshot {
  const m = snap.models.find((x) => x.id === id);
  if (!m) throw new Error(`no model ${id} in the fixture`);
  return m;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export const rng = mulberry32;

const WORDS = ['churn', 'fraud', 'credit', 'demand', 'pricing', 'ranking', 'claims', 'default', 'uplift', 'forecast', 'routing', 'risk', 'retention', 'spam', 'ads', 'search'];

/**
 * A fleet of `n` models made from the fixture's models with varied ids, names, teams, owners,
 * tags, health and numbers (seeded noise, so the HTML does not compress better than a real fleet).
 */
export function syntheticSnapshot(n: number, teams = 24): Snapshot {
  const base = statesSnapshot();
  const rand = rng(42);
  const healths: Health[] = ['green', 'green', 'green', 'green', 'green', 'amber', 'amber', 'red', 'unknown', 'green'];
  const models: ModelSnapshot[] = [];
  for (let i = 0; i < n; i++) {
    const src = base.models[i % base.models.length];
    const word = WORDS[Math.floor(rand() * WORDS.length)];
    const team = `team-${String(Math.floor(rand() * teams)).padStart(2, '0')}`;
    const health = healths[Math.floor(rand() * healths.length)];
    const expected = 0.6 + rand() * 0.35;
    const value = expected * (1 + (rand() - 0.6) * 0.2);
    const spark = Array.from({ length: 30 }, () => value * (1 + (rand() - 0.5) * 0.08));
    const id = `${word}-${team.slice(5)}-${String(i).padStart(4, '0')}`;
    models.push({
      ...src,
      id,
      name: `${word[0].toUpperCase()}${word.slice(1)} model ${i}`,
      team,
      owners: [`owner${Math.floor(rand() * 300)}@example.org`],
      tags: rand() < 0.5 ? [WORDS[Math.floor(rand() * WORDS.length)]] : [],
      lifecycle: rand() < 0.8 ? 'production' : rand() < 0.5 ? 'staging' : 'development',
      health,
      reasons: health === 'green' ? [] : [`AUC ${value.toFixed(3)} (mean of last 10) is ${(Math.abs(value / expected - 1) * 100).toFixed(1)}% worse than expected ${expected.toFixed(3)}`],
      primary: { ...src.primary, value, expected, delta: value - expected, delta_pct: (value - expected) / expected, label: 'auc' },
      sparkline: spark,
      last_retrained: `2026-0${1 + Math.floor(rand() * 9)}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
      retrained_days_ago: Math.floor(rand() * 300),
    });
  }
  return {
    ...base,
    teams: Array.from({ length: teams }, (_, t) => ({ id: `team-${String(t).padStart(2, '0')}`, name: `Team ${t}`, contact: null, description: null })),
    models,
    fleet: fleetOf(models, base.as_of.date),
    transitions: [],
  };
}
