/**
 * The snapshot every page renders. `spog build` computes it once and sets it on globalThis
 * before running Astro in the same process; `astro dev` / `astro build` on their own compute it
 * here from SPOG_REGISTRY (default ./registry) and SPOG_AS_OF, once per process.
 */
import type { Snapshot } from '../core/types.ts';
import { buildSnapshot } from '../core/snapshot.ts';
import { resolveAsOf, type AsOf } from '../core/time.ts';
import { loadRegistry, type Registry } from '../registry/load.ts';

declare global {
  var __spogSnapshot: Snapshot | undefined;
}

let memo: Snapshot | undefined;

function hasPointsAfter(reg: Registry, endMs: number): boolean {
  return reg.models.some((m) => m.series.some((s) => s.t.length > 0 && s.t[s.t.length - 1] > endMs) || m.windows.some((w) => w.t > endMs));
}

/**
 * Load a registry and resolve "as of" (flag, then the registry's pin, then SOURCE_DATE_EPOCH,
 * then today). The registry is read with the evaluation time so points after it are reported;
 * when only the registry itself knows that time, it is read again only if such points exist.
 */
export function loadWithAsOf(registry: string, asOfFlag?: string): { reg: Registry; asOf: AsOf } {
  const env = process.env.SOURCE_DATE_EPOCH;
  if (asOfFlag !== undefined) {
    const asOf = resolveAsOf({ flag: asOfFlag, env });
    return { reg: loadRegistry(registry, { asOf: asOf.endMs }), asOf };
  }
  let reg = loadRegistry(registry);
  const asOf = resolveAsOf({ registry: reg.config.as_of, env });
  if (hasPointsAfter(reg, asOf.endMs)) reg = loadRegistry(registry, { asOf: asOf.endMs });
  return { reg, asOf };
}

/** Load a registry and compute its snapshot (no caching). */
export function computeSnapshot(registry: string, asOfFlag?: string): Snapshot {
  const { reg, asOf } = loadWithAsOf(registry, asOfFlag);
  return buildSnapshot(reg, asOf);
}

export function getSnapshot(): Snapshot {
  if (globalThis.__spogSnapshot) return globalThis.__spogSnapshot;
  memo ??= computeSnapshot(process.env.SPOG_REGISTRY ?? './registry', process.env.SPOG_AS_OF || undefined);
  return memo;
}
