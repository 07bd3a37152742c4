/**
 * The jobs of the worker pool (pool.ts), typed by kind, the same in a worker thread and on the
 * calling thread. Each reads one model of a plan from the plan's source:
 *
 * - `check`: read and check it (spog validate): its diagnostics and counts;
 * - `evaluate`: read, check and evaluate it, through the cache when one is given; an `after`
 *   step (a module named by the caller, e.g. the site's, which writes the model's API file and
 *   draws its charts) runs on the result in the same thread, so this folder never does site work;
 * - `facts`: evaluate it and hand back what `spog diff` compares (card, versions, counts,
 *   diagnostics, a hash of every file in its folder, from the bytes the loader read).
 */
import { hash } from 'node:crypto';
import type { Diagnostic, LoadedVersion } from '../core/input.ts';
import { evaluateModel } from '../core/model.ts';
import type { FleetModel, ModelSnapshot } from '../core/types.ts';
import { LIMITS, observeReads } from '../registry/files.ts';
import { loadPlannedModel, modelCounts, openContext, type ModelCounts, type PlanContext } from '../registry/load.ts';
import type { Source } from '../registry/source.ts';
import type { Card } from '../schema/card.ts';
import { computeModel, type ModelResult } from './cache.ts';

export type JobKind = 'check' | 'evaluate' | 'facts';

export interface JobContext<K extends JobKind = JobKind> {
  kind: K;
  plan: PlanContext;
  /** evaluate: the cache of evaluated models (cache.ts). */
  cache?: { dir: string; context: string };
  /**
   * evaluate: a module (its URL) whose `afterModel` export (an AfterModel) runs on each model's
   * result in the thread that computed it, with `options`.
   */
  after?: { module: string; options: unknown };
}

/** What an `after` step hands back: the model as the caller keeps it, and anything else it made. */
export type AfterModel = (r: ModelResult, options: unknown) => { snapshot: ModelSnapshot | FleetModel; extra: unknown };

/** A model read and checked, not evaluated. */
export interface Checked {
  diagnostics: Diagnostic[];
  counts: ModelCounts;
}

export interface Evaluated {
  snapshot: ModelSnapshot | FleetModel;
  counts: ModelCounts;
  /** Taken from the cache. */
  cached: boolean;
  /** What the `after` step made. */
  extra?: unknown;
}

/** What `spog diff` compares of a model, besides its snapshot. */
export interface ModelFacts {
  card: Card | null;
  /** The card's Markdown. */
  body: string;
  versions: LoadedVersion[];
  points: number;
  windowCount: number;
  diagnostics: Diagnostic[];
  /** Every file in the model's folder, by registry path: a hash of its bytes. */
  files: [string, string][];
}

export interface WithFacts {
  snapshot: ModelSnapshot;
  counts: ModelCounts;
  facts: ModelFacts;
}

export type ResultOf<K extends JobKind> = K extends 'check' ? Checked : K extends 'evaluate' ? Evaluated : WithFacts;

/** A job context opened in one thread: its source open, its after step loaded. */
export interface OpenJob {
  ctx: JobContext;
  plan: PlanContext & { source: Source };
  after?: AfterModel;
}

export async function openJob(ctx: JobContext): Promise<OpenJob> {
  const after = ctx.after ? ((await import(ctx.after.module)) as { afterModel: AfterModel }).afterModel : undefined;
  return { ctx, plan: openContext(ctx.plan), after };
}

export function runJob<K extends JobKind>(job: OpenJob & { ctx: JobContext<K> }, id: string): ResultOf<K>;
export function runJob(job: OpenJob, id: string): ResultOf<JobKind> {
  const { ctx, plan } = job;
  if (ctx.kind === 'check') {
    const m = loadPlannedModel(plan, id);
    return { diagnostics: m.diagnostics, counts: modelCounts(m) };
  }
  if (ctx.kind === 'facts') return factsOf(plan, id);
  const r = computeModel(plan, id, ctx.cache);
  if (!job.after) return { snapshot: r.snapshot, counts: r.counts, cached: r.cached };
  const { snapshot, extra } = job.after(r, ctx.after!.options);
  return { snapshot, counts: r.counts, cached: r.cached, extra };
}

const blobHash = (bytes: Uint8Array) => hash('sha1', bytes);

function factsOf(plan: OpenJob['plan'], id: string): WithFacts {
  const files = new Map<string, string>();
  const note = { read: (f: string, bytes: Uint8Array) => files.set(f, blobHash(bytes)), failed: () => {}, listed: () => {} };
  const m = observeReads(note, () => loadPlannedModel(plan, id));
  // The files the loader did not read (unknown files; a folder it does not look into).
  const walk = (rel: string) => {
    for (const e of plan.source.list(rel, id).entries) {
      if (e.kind === 'dir') walk(e.rel);
      else if (e.kind === 'file' && !files.has(e.rel)) {
        const r = observeReads(note, () => plan.source.read(e.rel, LIMITS.ndjson, id));
        if (!files.has(e.rel)) files.set(e.rel, `unreadable: ${r.diagnostics[0]?.message ?? ''}`);
      }
    }
  };
  walk(`models/${id}`);
  const snapshot = evaluateModel(m, plan.config, plan.asOf!);
  const { card, body, versions, points, windowCount, diagnostics } = m;
  return { snapshot, counts: modelCounts(m), facts: { card, body, versions, points, windowCount, diagnostics, files: [...files].sort((a, b) => (a[0] < b[0] ? -1 : 1)) } };
}
