/**
 * The demo's states, judged by spog's own engine (src/core) on the bundles the generator builds,
 * before anything is written: the generator refuses to write a registry whose models miss their
 * intended state, so a change in the data, the learners or the rules cannot silently break the
 * demo, and the card texts quote the dates and numbers the engine gives. No rule is restated here.
 */
import { expectedValue } from '../../src/core/baseline.ts';
import { primaryJudge } from '../../src/core/checks/primary.ts';
import { makeContext } from '../../src/core/context.ts';
import { walkDays } from '../../src/core/history.ts';
import { evaluateModel } from '../../src/core/model.ts';
import type { Health, ModelSnapshot } from '../../src/core/types.ts';
import { resolveAsOf } from '../../src/core/time.ts';
import { SeriesCollector } from '../../src/registry/series.ts';
import { CardSchema } from '../../src/schema/card.ts';
import { isoToMs } from '../../src/schema/common.ts';
import { ConfigSchema, type Config } from '../../src/schema/config.ts';
import { FeatureWindowSchema, ReferenceSchema } from '../../src/schema/features.ts';
import { MetricLineSchema } from '../../src/schema/metric.ts';
import { VersionSchema } from '../../src/schema/version.ts';
import { sig } from './format.ts';
import { AS_OF } from './time.ts';
import type { ConfigIn, ModelBundle } from './types.ts';
import type { LoadedVersion, ModelData } from '../../src/core/input.ts';

export interface Observed {
  primary: Health | 'none';
  stale: 'fresh' | 'amber' | 'red' | 'none';
  health: Health;
  expected?: number;
  rollingMean?: number;
  shortfall?: number;
  /** The primary check's noise, in its threshold's units. */
  noise?: number;
}

/** The model as the loader would give it from the files the writer writes (the same numbers). */
export function modelDataOf(b: Pick<ModelBundle, 'id' | 'card' | 'versions' | 'metrics'> & Partial<Pick<ModelBundle, 'body' | 'reference' | 'windows'>>): ModelData {
  const dir = `models/${b.id}`;
  const versions: LoadedVersion[] = b.versions
    .map((v) => ({ ...VersionSchema.parse(v), file: `${dir}/versions/${v.version}.yaml` }))
    .sort((x, y) => isoToMs(x.trained_at) - isoToMs(y.trained_at) || (x.version < y.version ? -1 : 1));
  const collector = new SeriesCollector();
  for (const raw of b.metrics) {
    const l = MetricLineSchema.parse(raw);
    collector.add({ t: isoToMs(l.ts), metric: l.metric, version: l.version, slice: l.slice, value: l.value, n: l.n, run: l.run });
  }
  const { series, duplicates } = collector.finish();
  const windows = (b.windows ?? []).map((w) => {
    const p = FeatureWindowSchema.parse(w);
    return { ...p, t: isoToMs(p.ts) };
  }).sort((x, y) => x.t - y.t);
  return {
    id: b.id, dir, card: CardSchema.parse(b.card), body: b.body ?? '', versions, series, points: collector.points - duplicates, duplicates,
    reference: b.reference ? ReferenceSchema.parse(b.reference) : null, windows, windowCount: windows.length, incidents: [], files: [], diagnostics: [], locate: () => ({}),
  };
}

/** The demo's spog.yaml as the engine reads it. */
export function configOf(c: ConfigIn): Config {
  return ConfigSchema.parse(c);
}

/** The model's snapshot at the demo's "as of". */
export function evaluateBundle(b: ModelBundle, config: Config): ModelSnapshot {
  return evaluateModel(modelDataOf(b), config, resolveAsOf({ flag: AS_OF }));
}

/** The primary-metric check's status at the end of every day of the champion's series (for card texts). */
export function primaryHistory(b: Pick<ModelBundle, 'id' | 'card' | 'versions' | 'metrics'>, config: Config): { day: string; state: Health }[] {
  const m = modelDataOf(b);
  const asOf = resolveAsOf({ flag: AS_OF });
  const ctx = makeContext(m, m.card!, config, asOf);
  const since = m.card!.deployments.find((d) => d.role === 'champion')?.since;
  const judge = primaryJudge(ctx, expectedValue(m.card!, ctx.champion, ctx.primary, since, asOf.endMs));
  return walkDays(ctx, [judge], 10_000).history.days.map((d) => ({ day: d.date, state: d.health }));
}

export function observe(b: ModelBundle, config: Config): Observed {
  const snap = evaluateBundle(b, config);
  const check = (name: string) => snap.checks.find((c) => c.check === name);
  const primary = snap.champion === null ? 'none' : (check('primary_metric')?.status ?? 'unknown');
  const staleCheck = check('staleness');
  const stale = !staleCheck || staleCheck.status === 'unknown' ? 'none' : staleCheck.status === 'green' ? 'fresh' : staleCheck.status;
  const p = snap.primary;
  const shortfall = check('primary_metric')?.value;
  return {
    primary, stale, health: snap.health,
    ...(p.expected !== null ? { expected: p.expected } : {}),
    ...(p.value !== null ? { rollingMean: sig(p.value, 4) } : {}),
    ...(typeof shortfall === 'number' ? { shortfall: sig(shortfall, 3) } : {}),
    ...(p.noise !== null ? { noise: sig(p.noise, 3) } : {}),
  };
}

/** Lists every model whose observed state differs from its intended one. */
export function mismatches(models: ModelBundle[], config: Config): string[] {
  const out: string[] = [];
  for (const m of models) {
    const o = observe(m, config);
    if (m.intended.primary && o.primary !== m.intended.primary) out.push(`${m.id}: primary is ${o.primary}, intended ${m.intended.primary} (${JSON.stringify(o)})`);
    if (m.intended.stale && o.stale !== m.intended.stale) out.push(`${m.id}: staleness is ${o.stale}, intended ${m.intended.stale} (${JSON.stringify(o)})`);
    if (m.intended.health && o.health !== m.intended.health) out.push(`${m.id}: health is ${o.health}, intended ${m.intended.health} (${JSON.stringify(o)})`);
  }
  return out;
}
