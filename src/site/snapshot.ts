/**
 * What the pages render from. `spog build` starts the computation (src/compute, in worker
 * threads) and sets the site's data on globalThis before running Astro in the same process, so
 * Astro bundles the pages while the models are computed, and renders each model's pages as soon
 * as that model is ready (pages about the whole fleet await the whole snapshot). `astro dev` /
 * `astro build` on their own compute it here from SPOG_REGISTRY (default ./registry) and
 * SPOG_AS_OF, once per process.
 */
import { startCompute, type ComputeOptions, type Computed } from '../compute/snapshot.ts';
import { buildSnapshot, type SnapshotHead } from '../core/snapshot.ts';
import type { ModelSnapshot, Snapshot } from '../core/types.ts';
import { loadAt } from '../registry/at.ts';
import { modelTeam } from '../registry/load.ts';
import { allTeams, teamsOf } from '../view/common.ts';
import { auditTrails, type AuditTrails } from '../workflow/audit.ts';

/** The site's data: known at once (head, model ids), per model as computed, and whole. */
export interface SiteData {
  head: SnapshotHead;
  ids: string[];
  /** The team pages' ids, as allTeams will list them (from spog.yaml and the models' cards). */
  teams: string[];
  model: (id: string) => Promise<ModelSnapshot>;
  snapshot: Promise<Snapshot>;
}

declare global {
  var __spogSite: SiteData | undefined;
  var __spogAudit: AuditTrails | undefined;
}

let memo: SiteData | undefined;
let auditMemo: AuditTrails | undefined;

/** Load a registry and compute its snapshot on this thread (no caching). */
export function computeSnapshot(registry: string, asOfFlag?: string): Snapshot {
  const { reg, asOf } = loadAt(registry, asOfFlag);
  return buildSnapshot(reg, asOf);
}

/** Start computing a registry for the pages (throws at once for a malformed --as-of). */
export function startSite(registry: string, opts: Omit<ComputeOptions, 'onResult'> = {}): { site: SiteData; done: Promise<Computed> } {
  const waiting = new Map<string, { promise: Promise<ModelSnapshot>; resolve: (m: ModelSnapshot) => void; reject: (e: unknown) => void }>();
  const slot = (id: string) => {
    let s = waiting.get(id);
    if (!s) {
      let resolve!: (m: ModelSnapshot) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<ModelSnapshot>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Awaited by the model's pages; this only keeps a failure from counting as unhandled meanwhile.
      promise.catch(() => {});
      s = { promise, resolve, reject };
      waiting.set(id, s);
    }
    return s;
  };
  const started = startCompute(registry, { ...opts, onResult: (id, m) => slot(id).resolve(m) });
  const { ids, done } = started;
  // The team pages must be listed before any page renders: read the cards' teams here (about
  // half a millisecond a model, while the workers start), and check them against the snapshot.
  const teams = teamsOf(started.head, ids.map((id) => modelTeam(registry, id)), '/').map((t) => t.id);
  done.catch((e) => {
    for (const s of waiting.values()) s.reject(e);
  });
  const known = new Set(ids);
  const site: SiteData = {
    head: started.head,
    ids,
    model: (id) => (known.has(id) ? slot(id).promise : Promise.reject(new Error(`no model ${id}`))),
    teams,
    snapshot: done.then((c) => {
      const listed = allTeams(c.snapshot, '/').map((t) => t.id);
      if (listed.join('\n') !== teams.join('\n')) throw new Error(`the models' teams changed while the site was built (listed ${teams.join(', ')}; now ${listed.join(', ')}): build again`);
      return c.snapshot;
    }),
  };
  site.snapshot.catch(() => {});
  return { site, done };
}

/** The site's data for an already computed snapshot (tests). */
export function siteOf(snapshot: Snapshot): SiteData {
  const byId = new Map(snapshot.models.map((m) => [m.id, m]));
  const { spog, title, description, as_of, teams } = snapshot;
  return {
    head: { spog, title, description, as_of, teams },
    ids: snapshot.models.map((m) => m.id),
    teams: allTeams(snapshot, '/').map((t) => t.id),
    model: (id) => (byId.has(id) ? Promise.resolve(byId.get(id)!) : Promise.reject(new Error(`no model ${id}`))),
    snapshot: Promise.resolve(snapshot),
  };
}

export function getSite(): SiteData {
  if (globalThis.__spogSite) return globalThis.__spogSite;
  memo ??= startSite(process.env.SPOG_REGISTRY ?? './registry', { asOfFlag: process.env.SPOG_AS_OF || undefined }).site;
  return memo;
}

/** The paths of a model's pages: every model id, known before any model is computed. */
export function modelPaths(): { params: { id: string } }[] {
  return getSite().ids.map((id) => ({ params: { id } }));
}

/** The whole snapshot (pages about the fleet). */
export function getSnapshot(): Promise<Snapshot> {
  return getSite().snapshot;
}

/** The git history of every model's files (read once per build; never throws). */
export function getAudit(): AuditTrails {
  if (globalThis.__spogAudit) return globalThis.__spogAudit;
  auditMemo ??= auditTrails(process.env.SPOG_REGISTRY ?? './registry', '');
  return auditMemo;
}
