/** Compute the snapshot for a CLI command: resolve "as of", evaluate the models. */
import { buildSnapshot } from '../core/snapshot.ts';
import type { AsOf } from '../core/time.ts';
import type { Snapshot } from '../core/types.ts';
import type { Registry } from '../registry/load.ts';
import { UsageError } from './analyze.ts';

export function snapshotOf(reg: Registry, asOf: AsOf, only?: string[], onModel?: (i: number, n: number, id: string) => void): Snapshot {
  if (only?.length) {
    const unknown = only.filter((id) => !reg.models.some((m) => m.id === id));
    if (unknown.length) throw new UsageError(`unknown model(s): ${unknown.join(', ')} (known: ${reg.models.map((m) => m.id).join(', ')})`);
    reg = { ...reg, models: reg.models.filter((m) => only.includes(m.id)) };
  }
  return buildSnapshot(reg, asOf, onModel);
}
