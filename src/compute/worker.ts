/**
 * A worker thread of compute/snapshot.ts: takes the next model from the shared counter, runs its
 * job (job.ts) and posts back the model's snapshot and counts (plain data: the structured clone
 * carries it), until no model is left; then it returns and the thread exits. It never waits for
 * the calling thread, which may be busy for seconds (Astro bundling and rendering).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkModelJob, handBack, runModel, type JobContext } from './job.ts';

const { ctx, ids, next } = workerData as { ctx: JobContext; ids: string[]; next: Int32Array };

for (let key = Atomics.add(next, 0, 1); key < ids.length; key = Atomics.add(next, 0, 1)) {
  const id = ids[key];
  try {
    if (ctx.validateOnly) {
      parentPort!.postMessage({ key, result: checkModelJob(ctx, id) });
      continue;
    }
    // The JSON text stays here: the files are written, and this thread has the snapshot to send.
    parentPort!.postMessage({ key, result: handBack(ctx, runModel(ctx, id)) });
  } catch (e) {
    parentPort!.postMessage({ key, error: String((e as Error)?.stack ?? e) });
  }
}
