/** A worker of the alarm benchmark: scores the models it takes from the shared counter. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPlannedModel, openRegistry } from '../../src/registry/load.ts';
import { fsSource } from '../../src/registry/source.ts';
import type { Truth } from './generate.ts';
import { scoreModel } from './score.ts';

const { root, truth, next } = workerData as { root: string; truth: Truth; next: Int32Array };
const plan = openRegistry(fsSource(root));
for (let k = Atomics.add(next, 0, 1); k < truth.models.length; k = Atomics.add(next, 0, 1)) {
  const tm = truth.models[k];
  const model = loadPlannedModel(plan, tm.id);
  const errors = model.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`${tm.id}: ${errors[0].file}:${errors[0].line ?? ''} ${errors[0].message}`);
  parentPort!.postMessage({ id: tm.id, days: scoreModel(model, plan.config, truth, tm) });
}
