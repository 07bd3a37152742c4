/**
 * The snapshot every page renders. `spog build` starts computing it (src/compute, in worker
 * threads) and sets the promise on globalThis before running Astro in the same process, so Astro
 * bundles the pages while the models are computed; `astro dev` / `astro build` on their own
 * compute it here from SPOG_REGISTRY (default ./registry) and SPOG_AS_OF, once per process.
 */
import type { Snapshot } from '../core/types.ts';
import { buildSnapshot } from '../core/snapshot.ts';
import { computeRegistry } from '../compute/snapshot.ts';
import { loadAt } from '../registry/at.ts';
import { auditTrails, type AuditTrails } from '../workflow/audit.ts';

declare global {
  var __spogSnapshot: Promise<Snapshot> | undefined;
  var __spogAudit: AuditTrails | undefined;
}

let memo: Promise<Snapshot> | undefined;
let auditMemo: AuditTrails | undefined;

/** Load a registry and compute its snapshot on this thread (no caching). */
export function computeSnapshot(registry: string, asOfFlag?: string): Snapshot {
  const { reg, asOf } = loadAt(registry, asOfFlag);
  return buildSnapshot(reg, asOf);
}

export function getSnapshot(): Promise<Snapshot> {
  if (globalThis.__spogSnapshot) return globalThis.__spogSnapshot;
  memo ??= computeRegistry(process.env.SPOG_REGISTRY ?? './registry', { asOfFlag: process.env.SPOG_AS_OF || undefined }).then((c) => c.snapshot);
  return memo;
}

/** The git history of every model's files (read once per build; never throws). */
export function getAudit(): AuditTrails {
  if (globalThis.__spogAudit) return globalThis.__spogAudit;
  auditMemo ??= auditTrails(process.env.SPOG_REGISTRY ?? './registry', '');
  return auditMemo;
}
