/**
 * A worker thread of compute/snapshot.ts: reads, checks and evaluates the models it is sent
 * (through the cache when one is given) and posts back each model's snapshot and counts (plain
 * data: the structured clone carries it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AsOf } from '../core/time.ts';
import { computeModel, type PlanContext } from './cache.ts';

const { plan, asOf, cache } = workerData as { plan: PlanContext; asOf: AsOf; cache?: { dir: string; context: string } };

parentPort!.on('message', ({ key, id }: { key: number; id: string }) => {
  try {
    parentPort!.postMessage({ key, ...computeModel(plan, asOf, id, cache) });
  } catch (e) {
    parentPort!.postMessage({ key, error: String((e as Error)?.stack ?? e) });
  }
});
