/**
 * The site's step on each computed model, run by the worker pool in the thread that computed it
 * (src/compute/job.ts `after`): write the model's API file (`/api/models/<id>.json`) and draw its
 * charts there, so that the 1,000 files and 4,000 charts of a large fleet are made by the workers
 * instead of one by one by Astro on the main thread. It hands back the model's FleetModel, its
 * charts and how long they took to draw.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_EXT } from '../package.ts';
import { chartStats } from '../charts/svg.ts';
import type { AfterModel } from '../compute/job.ts';
import { fleetModel } from '../core/snapshot.ts';
import type { ModelSnapshot } from '../core/types.ts';
import { modelCharts, type ModelCharts } from '../view/charts.ts';

export interface SiteModelOptions {
  /** The folder each model's file `<id>.json` is written to (it must exist). */
  jsonDir: string;
  /** The evaluation date the charts mark. */
  date: string;
}

export interface SiteModelExtra {
  charts: ModelCharts;
  /** Charts drawn for this model and the time it took (the build's report). */
  drawn: { charts: number; ms: number };
}

/** The exact bytes of a model's API file (also what the Astro endpoint serves in `astro dev`). */
export function modelJson(snapshot: ModelSnapshot): string {
  return `${JSON.stringify(snapshot)}\n`;
}

export const afterModel: AfterModel = (r, options) => {
  const o = options as SiteModelOptions;
  // The cache's entry holds the JSON already: one serialisation serves both.
  writeFileSync(join(o.jsonDir, `${r.snapshot.id}.json`), r.json !== undefined ? `${r.json}\n` : modelJson(r.snapshot));
  const before = chartStats();
  const charts = modelCharts(r.snapshot, o.date);
  const after = chartStats();
  const extra: SiteModelExtra = { charts, drawn: { charts: after.charts - before.charts, ms: after.ms - before.ms } };
  return { snapshot: fleetModel(r.snapshot), extra };
};

/** The step as the worker pool names it. */
export const SITE_MODEL_STEP = new URL(`model-job${CODE_EXT}`, import.meta.url).href;
