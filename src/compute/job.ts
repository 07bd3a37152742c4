/**
 * One model's job, the same in a worker thread and on the calling thread: compute it (through the
 * cache when one is given) and, for `spog build`, write its JSON for the site's API
 * (`/api/models/<id>.json`) from here, so that the 1,000 files of a large fleet are serialised and
 * written by the workers instead of one by one by Astro on the main thread.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AsOf } from '../core/time.ts';
import type { Diagnostic } from '../registry/diagnostics.ts';
import { loadPlannedModel, modelCounts, type ModelCounts } from '../registry/load.ts';
import { chartStats } from '../charts/svg.ts';
import { fleetModel } from '../core/snapshot.ts';
import { modelCharts, type ModelCharts } from '../view/charts.ts';
import type { FleetModel, ModelSnapshot } from '../core/types.ts';
import { computeModel, type ModelResult, type PlanContext } from './cache.ts';

export interface JobContext {
  plan: PlanContext;
  asOf: AsOf;
  cache?: { dir: string; context: string };
  /** Folder to write each model's snapshot to, as `<id>.json` (compact JSON and a newline). */
  jsonDir?: string;
  /** Only read and check (spog validate): the job's result is a `Checked`. */
  validateOnly?: boolean;
  /**
   * Hand back only the model's FleetModel and its charts, drawn (its whole snapshot is in
   * jsonDir): `spog build`, whose pages read each model from its file when they render it.
   */
  fleetOnly?: boolean;
}

/** A model read and checked, not evaluated. */
export interface Checked {
  diagnostics: Diagnostic[];
  counts: ModelCounts;
}

export function checkModelJob(ctx: JobContext, id: string): Checked {
  const m = loadPlannedModel(ctx.plan, id);
  return { diagnostics: m.diagnostics, counts: modelCounts(m) };
}

/** The exact bytes of a model's API file (also what the Astro endpoint serves in `astro dev`). */
export function modelJson(snapshot: ModelResult['snapshot']): string {
  return `${JSON.stringify(snapshot)}\n`;
}

export function runModel(ctx: JobContext, id: string): ModelResult {
  const r = computeModel(ctx.plan, ctx.asOf, id, ctx.cache);
  // The cache's entry holds the JSON already: one serialisation serves both.
  if (ctx.jsonDir) writeFileSync(join(ctx.jsonDir, `${id}.json`), r.json !== undefined ? `${r.json}\n` : modelJson(r.snapshot));
  return r;
}

/** A job's result as handed back: the whole snapshot, or (fleetOnly) its FleetModel and charts. */
export type Handed = Omit<ModelResult, 'json' | 'snapshot'> & {
  snapshot: ModelSnapshot | FleetModel;
  charts?: ModelCharts;
  /** Charts drawn for this model and the time it took (the build's report). */
  drawn?: { charts: number; ms: number };
};

export function handBack(ctx: JobContext, r: ModelResult): Handed {
  if (!(ctx.fleetOnly && ctx.jsonDir)) return { snapshot: r.snapshot, counts: r.counts, cached: r.cached };
  const before = chartStats();
  const charts = modelCharts(r.snapshot, ctx.asOf.date);
  const after = chartStats();
  return { snapshot: fleetModel(r.snapshot), counts: r.counts, cached: r.cached, charts, drawn: { charts: after.charts - before.charts, ms: after.ms - before.ms } };
}
