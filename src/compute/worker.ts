/**
 * A worker thread of compute/snapshot.ts: runs the model jobs it is sent (job.ts) and posts back
 * each model's snapshot and counts (plain data: the structured clone carries it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkModelJob, runModel, type JobContext } from './job.ts';

const ctx = workerData as JobContext;

parentPort!.on('message', ({ key, id }: { key: number; id: string }) => {
  try {
    if (ctx.validateOnly) {
      parentPort!.postMessage({ key, result: checkModelJob(ctx, id) });
      return;
    }
    // The JSON text stays here: the files are written, and this thread has the snapshot to send.
    const { json: _json, ...result } = runModel(ctx, id);
    parentPort!.postMessage({ key, result });
  } catch (e) {
    parentPort!.postMessage({ key, error: String((e as Error)?.stack ?? e) });
  }
});
