/**
 * The one worker pool: every command that reads models (validate, status, build, diff, alerts)
 * runs its jobs (job.ts) through it. Each worker opens the plan's source once, then takes the
 * next model from a shared counter until none is left, and posts back each result: it never
 * waits for the calling thread, which may be busy for seconds (Astro bundling and rendering).
 * Small registries, SPOG_THREADS=0 and a bundled copy of this module (no worker file next to it)
 * run the jobs on the calling thread instead; a model whose worker fails is run there too, so
 * the result is the same either way.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CODE_EXT } from '../package.ts';
import { openJob, runJob, type JobContext, type JobKind, type ResultOf } from './job.ts';

/** Models below which threads do not pay for their start (about 0.3 s each). */
export const THREADS_MIN_MODELS = 64;

/**
 * How many worker threads to use for `models` models: SPOG_THREADS when set (0 turns them off),
 * else none below THREADS_MIN_MODELS or on one core, else one per core up to 4.
 */
export function threadsFor(models: number): number {
  const env = process.env.SPOG_THREADS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    return Number.isInteger(n) && n >= 0 ? Math.min(n, 16) : 0;
  }
  const cores = availableParallelism();
  return models < THREADS_MIN_MODELS || cores < 2 ? 0 : Math.min(cores, 4);
}

// A variable, not a literal, so that bundlers leave the path alone (the file is found next to this one or not at all).
const WORKER_FILE = `worker${CODE_EXT}`;
/**
 * Young generation of a worker's heap: loading a model makes many short-lived objects, and with
 * V8's default (16 MB) many survive a scavenge and are copied; 64 MB cut a 1,000-model
 * computation by ~8% of its CPU and wall time for ~40 MB more memory (measured A/B).
 */
const YOUNG_GENERATION_MB = 64;

/** Run the jobs of `ids` with `threads` workers; the ids without a result are left to the caller. */
function inWorkers<K extends JobKind>(ctx: JobContext<K>, ids: string[], threads: number, onResult: (i: number, r: ResultOf<K>) => void): Promise<void> {
  const url = new URL(WORKER_FILE, import.meta.url);
  if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return Promise.resolve();
  const next = new Int32Array(new SharedArrayBuffer(4));
  return new Promise((resolve) => {
    let live = 0;
    for (let k = 0; k < threads; k++) {
      let w: Worker;
      try {
        w = new Worker(url, { workerData: { ctx, ids, next }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      } catch {
        break;
      }
      live++;
      let stopped = false;
      const end = () => {
        if (stopped) return;
        stopped = true;
        live--;
        void w.terminate();
        if (live === 0) resolve();
      };
      w.on('message', (r: { key: number; result?: ResultOf<K> }) => {
        if (r.result) onResult(r.key, r.result);
      });
      w.on('error', end);
      w.on('exit', end);
    }
    if (live === 0) resolve();
  });
}

/**
 * Run a job for every id, in worker threads when `threads` > 0, and on this thread for the ids
 * the workers did not finish. `onResult` is called once per id, in the order results arrive.
 */
export async function runJobs<K extends JobKind>(ctx: JobContext<K>, ids: string[], threads: number, onResult: (i: number, r: ResultOf<K>) => void): Promise<void> {
  const done = new Array<boolean>(ids.length).fill(false);
  const take = (i: number, r: ResultOf<K>) => {
    done[i] = true;
    onResult(i, r);
  };
  const n = Math.min(threads, ids.length);
  if (n > 0) await inWorkers(ctx, ids, n, take);
  if (done.every(Boolean)) return;
  const job = await openJob(ctx);
  for (let i = 0; i < ids.length; i++) if (!done[i]) take(i, runJob(job, ids[i]) as ResultOf<K>);
}
