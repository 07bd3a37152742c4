/**
 * A worker thread of pool.ts: opens the job (its source, its after-model step) once, then takes
 * the next model from the shared counter, runs its job and posts back the result (plain data:
 * the structured clone carries it), until no model is left; then it returns and the thread exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openJob, runJob, type JobContext, type JobKind } from './job.ts';

const { ctx, ids, next } = workerData as { ctx: JobContext<JobKind>; ids: string[]; next: Int32Array };
const job = await openJob(ctx);

for (let key = Atomics.add(next, 0, 1); key < ids.length; key = Atomics.add(next, 0, 1)) {
  try {
    parentPort!.postMessage({ key, result: runJob(job, ids[key]) });
  } catch (e) {
    parentPort!.postMessage({ key, error: String((e as Error)?.stack ?? e) });
  }
}
