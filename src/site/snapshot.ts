/**
 * The snapshot every page renders. `spog build` computes it once and sets it on globalThis
 * before running Astro in the same process; `astro dev` / `astro build` on their own compute it
 * here from SPOG_REGISTRY (default ./registry) and SPOG_AS_OF, once per process.
 */
import type { Snapshot } from '../core/types.ts';
import { buildSnapshot } from '../core/snapshot.ts';
import type { AsOf } from '../core/time.ts';
import { loadAt } from '../registry/at.ts';
import type { Registry } from '../registry/load.ts';
import { auditTrails, type AuditTrails } from '../workflow/audit.ts';

declare global {
  var __spogSnapshot: Snapshot | undefined;
  var __spogAudit: AuditTrails | undefined;
}

let memo: Snapshot | undefined;
let auditMemo: AuditTrails | undefined;

/** Load a registry at its evaluation time (flag, then the registry's pin, then SOURCE_DATE_EPOCH, then today). */
export function loadWithAsOf(registry: string, asOfFlag?: string): { reg: Registry; asOf: AsOf } {
  return loadAt(registry, asOfFlag);
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

/** The git history of every model's files (read once per build; never throws). */
export function getAudit(): AuditTrails {
  if (globalThis.__spogAudit) return globalThis.__spogAudit;
  auditMemo ??= auditTrails(process.env.SPOG_REGISTRY ?? './registry', '');
  return auditMemo;
}
