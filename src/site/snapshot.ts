/**
 * What the pages render from. `spog build` starts the computation (src/compute, in worker
 * threads) and sets the site's data on globalThis before running Astro in the same process, so
 * Astro bundles the pages while the models are computed, and renders each model's pages as soon
 * as that model is ready (pages about the whole fleet await the whole snapshot). `astro dev` /
 * `astro build` on their own compute it here from SPOG_REGISTRY (default ./registry) and
 * SPOG_AS_OF, once per process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCompute, type ComputeOptions, type Computed } from '../compute/snapshot.ts';
import { buildSnapshot, type SnapshotHead } from '../core/snapshot.ts';
import type { FleetSnapshot, ModelSnapshot, Snapshot } from '../core/types.ts';
import type { ModelCharts } from '../view/charts.ts';
import { loadPlan, modelTeam, planRegistry, requireConfig } from '../registry/load.ts';
import { fsSource } from '../registry/source.ts';
import type { Config } from '../schema/config.ts';
import { SITE_MODEL_STEP, type SiteModelExtra, type SiteModelOptions } from './model-job.ts';
import { allTeams, teamsOf } from '../view/common.ts';
import type { AuditTrails } from '../core/audit.ts';
import { auditTrails } from '../workflow/audit.ts';

/** The site's data: known at once (head, model ids), per model as computed, and whole. */
export interface SiteData {
  head: SnapshotHead;
  ids: string[];
  /** The team pages' ids, as allTeams will list them (from spog.yaml and the models' cards). */
  teams: string[];
  model: (id: string) => Promise<ModelSnapshot>;
  /** A model's charts when they were drawn with it (spog build, after `model(id)` resolved); else undefined. */
  charts: (id: string) => ModelCharts | undefined;
  /** The whole snapshot, its models as FleetModels (a model's pages read the model from `model`). */
  snapshot: Promise<FleetSnapshot>;
  /** The registry's id in feed entry ids (spog.yaml site.id; site/feed.ts entryId). */
  feedId?: string;
}

declare global {
  var __spogSite: SiteData | undefined;
  var __spogAudit: AuditTrails | undefined;
  /** Set by `spog build`, whose workers write /api/models/<id>.json themselves (model-job.ts); the endpoint then renders no page. */
  var __spogModelJsonWritten: boolean | undefined;
}

let memo: SiteData | undefined;
let auditMemo: AuditTrails | undefined;

/** Models whose pages may start rendering in one turn of the event loop. */
const RENDER_BATCH = 8;
/** The pages about one model: models/[id]/ and models/[id]/versions/. */
const MODEL_PAGES = 2;

/** Load a registry and compute its snapshot on this thread (no caching). */
export function computeSnapshot(registry: string, asOfFlag?: string): Snapshot {
  const plan = planRegistry(fsSource(registry), { asOfFlag });
  return buildSnapshot(loadPlan(plan), plan.asOf!);
}

/**
 * Start computing a registry for the pages (throws at once for a malformed --as-of).
 *
 * With `jsonDir` (spog build) the workers write each model's whole snapshot there and hand back
 * only its FleetModel; a model's pages read it from its file when they render, a few models per
 * turn of the event loop, and it is let go once both have it. So this thread never holds more
 * than a few models whole: holding all of them (1,000 models' series) cost ~250 MB, and a
 * rebuild, which takes 999 models from the cache in about a second, had them all at once.
 * Without it (astro dev) every model is kept whole, as it arrives.
 */
export function startSite(registry: string, opts: Pick<ComputeOptions, 'threads' | 'onModel' | 'cache'> & { asOfFlag?: string; jsonDir?: string; requireConfigFor?: string } = {}): { site: SiteData; done: Promise<Computed<FleetSnapshot>>; charts: () => { charts: number; ms: number }; config: Config } {
  interface Slot {
    promise: Promise<ModelSnapshot>;
    resolve: (m: ModelSnapshot) => void;
    reject: (e: unknown) => void;
    /** Pages that asked for the model. */
    takers: number;
    /** Its file is written (jsonDir). */
    written: boolean;
    /** Queued to be read, or read. */
    queued: boolean;
    /** Read: the promise holds the model. */
    read: boolean;
  }
  // Charts drawn by the workers, until both of the model's pages have taken them (a page that
  // finds none draws them itself).
  const drawnCharts = new Map<string, { charts: ModelCharts; takers: number }>();
  const jsonDir = opts.jsonDir;
  const waiting = new Map<string, Slot>();
  const released = new Set<string>();
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
      s = { promise, resolve, reject, takers: 0, written: false, queued: false, read: false };
      waiting.set(id, s);
    }
    return s;
  };
  const readModel = (id: string) => JSON.parse(readFileSync(join(jsonDir!, `${id}.json`), 'utf8')) as ModelSnapshot;
  // A model is read when its file is written and a page waits for it, RENDER_BATCH models a
  // turn: each batch's pages render and queue their files before the next is read.
  const queue: (() => void)[] = [];
  let pumping = false;
  const pump = () => {
    for (let k = 0; k < RENDER_BATCH && queue.length > 0; k++) queue.shift()!();
    if (queue.length > 0) setImmediate(pump);
    else pumping = false;
  };
  const enqueue = (job: () => void) => {
    queue.push(job);
    if (!pumping) {
      pumping = true;
      setImmediate(pump);
    }
  };
  const readWhenWanted = (id: string, s: Slot) => {
    if (!s.written || s.takers === 0 || s.queued) return;
    s.queued = true;
    enqueue(() => {
      try {
        s.resolve(readModel(id));
      } catch (e) {
        s.reject(e);
      }
      s.read = true;
      if (s.takers >= MODEL_PAGES) letGo(id);
    });
  };
  const letGo = (id: string) => {
    waiting.delete(id);
    released.add(id);
  };
  const plan = planRegistry(fsSource(registry), { asOfFlag: opts.asOfFlag });
  if (opts.requireConfigFor) requireConfig(plan, opts.requireConfigFor);
  const drawn = { charts: 0, ms: 0 };
  const compute = { threads: opts.threads, onModel: opts.onModel, cache: opts.cache };
  const started = jsonDir
    ? startCompute(plan, {
      ...compute,
      fleet: true,
      after: { module: SITE_MODEL_STEP, options: { jsonDir, date: plan.asOf!.date } satisfies SiteModelOptions },
      onResult: (id, _fleet, extra) => {
        const e = extra as SiteModelExtra;
        drawn.charts += e.drawn.charts;
        drawn.ms += e.drawn.ms;
        const s = slot(id);
        s.written = true;
        drawnCharts.set(id, { charts: e.charts, takers: 0 });
        readWhenWanted(id, s);
      },
    })
    : startCompute(plan, { ...compute, fleet: true, onResult: (id, m) => enqueue(() => slot(id).resolve(m)) });
  const { ids, done } = started;
  // The team pages must be listed before any page renders: read the cards' teams here (about
  // half a millisecond a model, while the workers start), and check them against the snapshot.
  const teams = teamsOf(started.head, ids.map((id) => modelTeam(plan, id)), '/').map((t) => t.id);
  done.catch((e) => {
    for (const s of waiting.values()) s.reject(e);
  });
  const known = new Set(ids);
  const site: SiteData = {
    head: started.head,
    ids,
    ...(plan.config.site.id ? { feedId: plan.config.site.id } : {}),
    model: (id) => {
      if (!known.has(id)) return Promise.reject(new Error(`no model ${id}`));
      // A page after the model's pages (none in a build) reads its file again.
      if (released.has(id)) return Promise.resolve().then(() => readModel(id));
      const s = slot(id);
      s.takers++;
      if (jsonDir) {
        readWhenWanted(id, s);
        if (s.read && s.takers >= MODEL_PAGES) letGo(id);
      }
      return s.promise;
    },
    charts: (id) => {
      const d = drawnCharts.get(id);
      if (d && ++d.takers >= MODEL_PAGES) drawnCharts.delete(id);
      return d?.charts;
    },
    teams,
    snapshot: done.then((c) => {
      const listed = allTeams(c.snapshot, '/').map((t) => t.id);
      if (listed.join('\n') !== teams.join('\n')) throw new Error(`the models' teams changed while the site was built (listed ${teams.join(', ')}; now ${listed.join(', ')}): build again`);
      return c.snapshot;
    }),
  };
  site.snapshot.catch(() => {});
  return { site, done, charts: () => ({ ...drawn }), config: plan.config };
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
    charts: () => undefined,
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
export function getSnapshot(): Promise<FleetSnapshot> {
  return getSite().snapshot;
}

/** The git history of every model's files (read once per build; never throws). */
export function getAudit(): AuditTrails {
  if (globalThis.__spogAudit) return globalThis.__spogAudit;
  auditMemo ??= auditTrails(process.env.SPOG_REGISTRY ?? './registry', '');
  return auditMemo;
}
