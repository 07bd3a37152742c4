/**
 * A registry's snapshot computed model by model in worker threads. Each worker reads, checks and
 * evaluates whole models (loadPlannedModel, then evaluateModel) and posts back the model's
 * snapshot, so this thread stays free while they work (`spog build` runs Astro's bundler
 * meanwhile) and never holds a model's raw lines: only the finished snapshots.
 *
 * The result is the same as `buildSnapshot(loadAt(...))` (tested). Small registries, SPOG_THREADS=0
 * and a bundled copy of this module (no worker file next to it) compute on this thread instead;
 * a model whose worker fails is computed on this thread too.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { assembleSnapshot, fleetModel, snapshotHead, type SnapshotHead } from '../core/snapshot.ts';
import { resolveAsOf, type AsOf } from '../core/time.ts';
import type { FleetModel, FleetSnapshot, ModelSnapshot, Snapshot } from '../core/types.ts';
import type { Diagnostic } from '../registry/diagnostics.ts';
import { planRegistry, registryTotals, type ModelCounts, type Registry, type RegistryPlan } from '../registry/load.ts';
import { cacheContext, pruneCache } from './cache.ts';
import { checkModelJob, handBack, runModel, type Checked, type Handed, type JobContext } from './job.ts';
import { threadsFor } from '../registry/pool.ts';
import { addChartStats } from '../charts/svg.ts';
import type { ModelCharts } from '../view/charts.ts';

export interface ComputeOptions {
  /** The --as-of flag (else the registry's pin, SOURCE_DATE_EPOCH, today). */
  asOfFlag?: string;
  /** Worker threads (default: threadsFor(models), which honours SPOG_THREADS); 0 computes here. */
  threads?: number;
  onModel?: (done: number, total: number, id: string) => void;
  /**
   * Each model's snapshot as soon as it is ready (maybe before startCompute returns); with
   * `fleet` and `jsonDir` the whole snapshot is only in its file, and onWritten is called instead.
   */
  onResult?: (id: string, snapshot: ModelSnapshot) => void;
  /** With `fleet` and `jsonDir`: a model's file `<jsonDir>/<id>.json` is written, and its charts drawn. */
  onWritten?: (id: string, charts: ModelCharts) => void;
  /** Only these models (the others are not read); an unknown id throws UnknownModels. */
  only?: string[];
  /** A folder for the cache of evaluated models (src/compute/cache.ts); none by default. */
  cache?: string;
  /** A folder to write each model's JSON to, as `<id>.json` (job.ts); it must exist. */
  jsonDir?: string;
  /**
   * Keep only the fleet's fields of each model once onResult has had it (FleetModel: `spog
   * build`, whose model pages take the whole model from onResult): the snapshot is a FleetSnapshot.
   */
  fleet?: boolean;
}

export class UnknownModels extends Error {}

export interface Computed<S extends FleetSnapshot = Snapshot> {
  snapshot: S;
  asOf: AsOf;
  /** Every diagnostic of the registry, sorted (as loadRegistry gives them). */
  diagnostics: Diagnostic[];
  counts: Registry['counts'];
  /** Models taken from the cache. */
  cached: number;
}


// A variable, not a literal, so that bundlers leave the path alone (the file is found next to this one or not at all).
const WORKER_FILE = 'worker.ts';
/**
 * Young generation of a worker's heap: loading a model makes many short-lived objects, and with
 * V8's default (16 MB) many survive a scavenge and are copied; 64 MB cut a 1,000-model
 * computation by ~8% of its CPU and wall time for ~40 MB more memory (measured A/B).
 */
const YOUNG_GENERATION_MB = 64;

/**
 * Run every model's job with `threads` workers; undefined results are left for this thread.
 * The workers take models from a shared counter, so they never wait for this thread to hand
 * out work: while it was busy (reading cards, Astro's bundling, starting 2,000 page renders),
 * workers fed with a few ids at a time sat idle for up to 1.5 s of a 10 s build.
 */
function inWorkers<R>(plan: RegistryPlan, ctx: JobContext, threads: number, onDone: (i: number) => void, out: (R | undefined)[]): Promise<void> {
  const url = new URL(WORKER_FILE, import.meta.url);
  if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return Promise.resolve();
  const next = new Int32Array(new SharedArrayBuffer(4));
  return new Promise((resolve) => {
    let live = 0;
    for (let k = 0; k < threads; k++) {
      let w: Worker;
      try {
        w = new Worker(url, { workerData: { ctx, ids: plan.ids, next }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      } catch {
        break;
      }
      live++;
      let stopped = false;
      // A worker that fails leaves its model without a result: it is computed on this thread afterwards.
      const end = () => {
        if (stopped) return;
        stopped = true;
        live--;
        void w.terminate();
        if (live === 0) resolve();
      };
      w.on('message', (r: { key: number; result?: R; error?: string }) => {
        if (!r.result) return;
        out[r.key] = r.result;
        onDone(r.key);
      });
      w.on('error', end);
      w.on('exit', end);
    }
    if (live === 0) resolve();
  });
}

/**
 * Read spog.yaml, list the models and resolve the evaluation time here and now (a malformed
 * --as-of throws from this call), then read, check and evaluate the models: `done` never
 * rejects for bad registry input.
 */
export interface Started<S extends FleetSnapshot> {
  models: number;
  ids: string[];
  asOf: AsOf;
  head: SnapshotHead;
  done: Promise<Computed<S>>;
}

export function startCompute(root: string, opts: ComputeOptions & { fleet: true }): Started<FleetSnapshot>;
export function startCompute(root: string, opts?: ComputeOptions & { fleet?: false }): Started<Snapshot>;
export function startCompute(root: string, opts: ComputeOptions = {}): Started<FleetSnapshot> {
  let resolved: AsOf | undefined;
  const plan = planRegistry(root, (config) => {
    resolved = resolveAsOf({ flag: opts.asOfFlag, registry: config.as_of, env: process.env.SOURCE_DATE_EPOCH });
    return resolved.endMs;
  });
  // An unreadable registry never asks for the time.
  const asOf = resolved ?? resolveAsOf({ flag: opts.asOfFlag, env: process.env.SOURCE_DATE_EPOCH });
  if (opts.only?.length) {
    const unknown = opts.only.filter((id) => !plan.ids.includes(id));
    if (unknown.length) throw new UnknownModels(`unknown model(s): ${unknown.join(', ')} (known: ${plan.ids.join(', ')})`);
    plan.ids = plan.ids.filter((id) => opts.only!.includes(id));
  }
  return { models: plan.ids.length, ids: [...plan.ids], asOf, head: snapshotHead(plan.config, asOf), done: computePlan(plan, asOf, opts) };
}

/** startCompute's result, awaited. */
export function computeRegistry(root: string, opts: ComputeOptions & { fleet?: false } = {}): Promise<Computed> {
  return startCompute(root, opts).done;
}

/**
 * `spog validate`: read and check every model, in worker threads for large registries (each
 * posts back only the model's diagnostics and counts), with the evaluation time resolved as for
 * the other commands (it decides which timestamps are in the future). The same diagnostics and
 * counts as loadRegistry (tested).
 */
export async function validateRegistry(root: string, opts: Pick<ComputeOptions, 'asOfFlag' | 'threads' | 'onModel'> = {}): Promise<{ root: string; diagnostics: Diagnostic[]; counts: Registry['counts'] }> {
  const plan = planRegistry(root, (config) => resolveAsOf({ flag: opts.asOfFlag, registry: config.as_of, env: process.env.SOURCE_DATE_EPOCH }).endMs, { everyFeatureFile: true });
  const total = plan.ids.length;
  const out: (Checked | undefined)[] = new Array(total);
  let done = 0;
  const tick = (i: number) => opts.onModel?.(++done, total, plan.ids[i]);
  const { config, asOf, keepWindows } = plan;
  // The evaluation time only matters to the loader here; the job context needs one.
  const ctx: JobContext = { plan: { root, config, asOf, keepWindows, everyFeatureFile: true }, asOf: resolveAsOf({ flag: opts.asOfFlag, registry: config.as_of, env: process.env.SOURCE_DATE_EPOCH }), validateOnly: true };
  const threads = Math.min(opts.threads ?? threadsFor(total), total);
  if (threads > 0) await inWorkers(plan, ctx, threads, tick, out);
  for (let i = 0; i < total; i++) {
    if (out[i]) continue;
    out[i] = checkModelJob(ctx, plan.ids[i]);
    tick(i);
  }
  return { root, ...registryTotals(plan, out as Checked[]) };
}

async function computePlan(plan: RegistryPlan, asOf: AsOf, opts: ComputeOptions): Promise<Computed<FleetSnapshot>> {
  const total = plan.ids.length;
  const out: (Handed | undefined)[] = new Array(total);
  const kept: { snapshot: FleetModel; counts: ModelCounts; cached: boolean }[] = new Array(total);
  let done = 0;
  const fleetOnly = Boolean(opts.fleet && opts.jsonDir);
  const tick = (i: number) => {
    const r = out[i]!;
    if (fleetOnly) {
      if (r.drawn) addChartStats(r.drawn);
      opts.onWritten?.(plan.ids[i], r.charts!);
    }
    else opts.onResult?.(plan.ids[i], r.snapshot as ModelSnapshot);
    kept[i] = { snapshot: opts.fleet && !fleetOnly ? fleetModel(r.snapshot as ModelSnapshot) : r.snapshot, counts: r.counts, cached: r.cached };
    out[i] = undefined;
    opts.onModel?.(++done, total, plan.ids[i]);
  };
  const context = opts.cache ? cacheContext(plan, asOf) : null;
  const cache = opts.cache && context ? { dir: opts.cache, context } : undefined;
  const { root, config, asOf: asOfMs, keepWindows } = plan;
  const ctx: JobContext = { plan: { root, config, asOf: asOfMs, keepWindows }, asOf, cache, jsonDir: opts.jsonDir, fleetOnly };
  const threads = Math.min(opts.threads ?? threadsFor(total), total);
  if (threads > 0) await inWorkers(plan, ctx, threads, tick, out);
  for (let i = 0; i < total; i++) {
    if (kept[i]) continue;
    // Drawn on this thread: its charts are counted here already.
    out[i] = { ...handBack(ctx, runModel(ctx, plan.ids[i])), drawn: undefined };
    tick(i);
  }
  if (cache && !opts.only?.length) pruneCache(cache.dir, plan.ids);
  const models = kept;
  const { diagnostics, counts } = registryTotals(plan, models.map((d) => ({ diagnostics: d.snapshot.diagnostics, counts: d.counts })));
  const snapshot = assembleSnapshot(plan.config, asOf, models.map((d) => d.snapshot), counts);
  return { snapshot, asOf, diagnostics, counts, cached: models.filter((d) => d.cached).length };
}
