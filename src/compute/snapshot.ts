/**
 * A registry's snapshot, validation or diff facts computed model by model in the worker pool
 * (pool.ts), from a plan (src/registry/load.ts) decided once: this thread stays free while the
 * workers read, check and evaluate the models (`spog build` runs Astro's bundler meanwhile) and
 * never holds a model's raw lines, only the finished results.
 *
 * The result is the same as `buildSnapshot(loadPlan(plan), plan.asOf)` on one thread (tested).
 */
import type { Diagnostic, RegistryCounts } from '../core/input.ts';
import { assembleSnapshot, fleetModel, snapshotHead, type SnapshotHead } from '../core/snapshot.ts';
import type { AsOf } from '../core/time.ts';
import type { FleetModel, FleetSnapshot, ModelSnapshot, Snapshot } from '../core/types.ts';
import { msg } from '../messages.ts';
import { planContext, planRegistry, registryTotals, requireConfig, selectModels, type ModelCounts, type RegistryPlan } from '../registry/load.ts';
import { fsSource } from '../registry/source.ts';
import { cacheContext, pruneCache } from './cache.ts';
import type { Checked, Evaluated, WithFacts } from './job.ts';
import { runJobs, threadsFor } from './pool.ts';

export interface ComputeOptions {
  /** Worker threads (default: threadsFor(models), which honours SPOG_THREADS); 0 computes here. */
  threads?: number;
  onModel?: (done: number, total: number, id: string) => void;
  /** Each model's snapshot (or what the `after` step kept of it) as soon as it is ready, with what the step made. */
  onResult?: (id: string, snapshot: ModelSnapshot, extra: unknown) => void;
  /** A folder for the cache of evaluated models (src/compute/cache.ts); none by default. */
  cache?: string;
  /** A step run on each model's result in the thread that computed it (job.ts `after`). */
  after?: { module: string; options: unknown };
  /** Keep only the fleet's fields of each model once onResult has had it: the snapshot is a FleetSnapshot. */
  fleet?: boolean;
}

export interface Computed<S extends FleetSnapshot = Snapshot> {
  snapshot: S;
  asOf: AsOf;
  /** Every diagnostic of the registry, sorted. */
  diagnostics: Diagnostic[];
  counts: RegistryCounts;
  /** Models taken from the cache. */
  cached: number;
}

export interface Started<S extends FleetSnapshot> {
  models: number;
  ids: string[];
  asOf: AsOf;
  head: SnapshotHead;
  done: Promise<Computed<S>>;
}

const threadsOf = (opts: { threads?: number }, total: number) => Math.min(opts.threads ?? threadsFor(total), total);

/** Start evaluating a plan (it must have an evaluation time): `done` never rejects for bad registry input. */
export function startCompute(plan: RegistryPlan, opts: ComputeOptions & { fleet: true }): Started<FleetSnapshot>;
export function startCompute(plan: RegistryPlan, opts?: ComputeOptions & { fleet?: false }): Started<Snapshot>;
export function startCompute(plan: RegistryPlan, opts: ComputeOptions = {}): Started<FleetSnapshot> {
  const asOf = plan.asOf!;
  return { models: plan.ids.length, ids: [...plan.ids], asOf, head: snapshotHead(plan.config, asOf), done: computePlan(plan, opts) };
}

/** Models asked for that the registry does not have. */
export class UnknownModels extends Error {
  readonly unknown: string[];
  constructor(unknown: string[], known: string[]) {
    super(msg.unknownModels(unknown, known).message);
    this.unknown = unknown;
  }
}

/**
 * Plan the registry folder `root` (at the --as-of flag's time, else its pin, SOURCE_DATE_EPOCH,
 * today), keep the models `only` (UnknownModels when one is not there) and evaluate it.
 */
export function computeRegistry(root: string, opts: ComputeOptions & { asOfFlag?: string; only?: string[]; fleet?: false; requireConfigFor?: string } = {}): Promise<Computed> {
  const plan = planRegistry(fsSource(root), { asOfFlag: opts.asOfFlag });
  // A command that evaluates refuses a spog.yaml with errors (ConfigError), from the one plan it reads.
  if (opts.requireConfigFor) requireConfig(plan, opts.requireConfigFor);
  const unknown = selectModels(plan, opts.only);
  if (unknown.length) throw new UnknownModels(unknown, plan.ids);
  return startCompute(plan, opts).done;
}

async function computePlan(plan: RegistryPlan, opts: ComputeOptions): Promise<Computed<FleetSnapshot>> {
  const total = plan.ids.length;
  const kept: { snapshot: FleetModel; counts: ModelCounts; cached: boolean }[] = new Array(total);
  let done = 0;
  const ctx = planContext(plan);
  const context = opts.cache ? cacheContext(ctx) : null;
  const cache = opts.cache && context ? { dir: opts.cache, context } : undefined;
  await runJobs({ kind: 'evaluate', plan: ctx, cache, after: opts.after }, plan.ids, threadsOf(opts, total), (i, r: Evaluated) => {
    const id = plan.ids[i];
    opts.onResult?.(id, r.snapshot as ModelSnapshot, r.extra);
    kept[i] = { snapshot: opts.fleet && !opts.after ? fleetModel(r.snapshot as ModelSnapshot) : r.snapshot, counts: r.counts, cached: r.cached };
    opts.onModel?.(++done, total, id);
  });
  if (cache && !plan.partial) pruneCache(cache.dir, plan.ids);
  const { diagnostics, counts } = registryTotals(plan, kept.map((d) => ({ diagnostics: d.snapshot.diagnostics, counts: d.counts })));
  const snapshot = assembleSnapshot(plan.config, plan.asOf!, kept.map((d) => d.snapshot), counts);
  return { snapshot, asOf: plan.asOf!, diagnostics, counts, cached: kept.filter((d) => d.cached).length };
}

/**
 * `spog validate`: read and check every model of a plan (each job hands back only the model's
 * diagnostics and counts). The same diagnostics and counts as loadPlan (tested).
 */
export async function validatePlan(plan: RegistryPlan, opts: Pick<ComputeOptions, 'threads' | 'onModel'> = {}): Promise<{ root: string; diagnostics: Diagnostic[]; counts: RegistryCounts }> {
  const total = plan.ids.length;
  const out: Checked[] = new Array(total);
  let done = 0;
  await runJobs({ kind: 'check', plan: planContext(plan) }, plan.ids, threadsOf(opts, total), (i, r: Checked) => {
    out[i] = r;
    opts.onModel?.(++done, total, plan.ids[i]);
  });
  return { root: plan.source.label, ...registryTotals(plan, out) };
}

/** validatePlan of the registry folder `root`, every feature file read, at its evaluation time (it decides which timestamps are in the future). */
export function validateRegistry(root: string, opts: Pick<ComputeOptions, 'threads' | 'onModel'> & { asOfFlag?: string } = {}): Promise<{ root: string; diagnostics: Diagnostic[]; counts: RegistryCounts }> {
  return validatePlan(planRegistry(fsSource(root), { asOfFlag: opts.asOfFlag, everyFeatureFile: true }), opts);
}

/** Every model of a plan evaluated, with the facts `spog diff` compares, by id. */
export async function factsOf(plan: RegistryPlan, opts: Pick<ComputeOptions, 'threads'> = {}): Promise<{ models: Map<string, WithFacts>; snapshot: Snapshot; counts: RegistryCounts }> {
  const total = plan.ids.length;
  const out: WithFacts[] = new Array(total);
  await runJobs({ kind: 'facts', plan: planContext(plan) }, plan.ids, threadsOf(opts, total), (i, r: WithFacts) => {
    out[i] = r;
  });
  const { counts } = registryTotals(plan, out.map((d) => ({ diagnostics: d.snapshot.diagnostics, counts: d.counts })));
  const snapshot = assembleSnapshot(plan.config, plan.asOf!, out.map((d) => d.snapshot), counts) as Snapshot;
  return { models: new Map(plan.ids.map((id, i) => [id, out[i]])), snapshot, counts };
}
