/**
 * A worker thread of compute/snapshot.ts: reads, checks and evaluates the models it is sent and
 * posts back each model's snapshot and counts (plain data: the structured clone carries it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateModel } from '../core/model.ts';
import type { AsOf } from '../core/time.ts';
import { loadPlannedModel, modelCounts, type RegistryPlan } from '../registry/load.ts';

const { plan, asOf } = workerData as { plan: Pick<RegistryPlan, 'root' | 'config' | 'asOf' | 'keepWindows'>; asOf: AsOf };

parentPort!.on('message', ({ key, id }: { key: number; id: string }) => {
  try {
    const m = loadPlannedModel(plan, id);
    parentPort!.postMessage({ key, snapshot: evaluateModel(m, plan.config, asOf), counts: modelCounts(m) });
  } catch (e) {
    parentPort!.postMessage({ key, error: String((e as Error)?.stack ?? e) });
  }
});
