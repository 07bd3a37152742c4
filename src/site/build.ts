/**
 * `spog build`: load the registry and compute the snapshot once, hand it to the pages through
 * globalThis, and run Astro's build in this process. Returns the number of pages written.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FleetSnapshot } from '../core/types.ts';
import { defaultCacheDir } from '../compute/cache.ts';
import { cliMsg } from '../messages.ts';
import { formatDiagnostic } from '../registry/diagnostics.ts';
import { openRegistry } from '../registry/load.ts';
import { fsSource } from '../registry/source.ts';
import type { Config } from '../schema/config.ts';
import { PACKAGE_ROOT } from '../package.ts';
import { auditTrails } from '../workflow/audit.ts';
import { startSite } from './snapshot.ts';

/** The project root (where astro.config.mjs lives). */
export const PROJECT_ROOT = PACKAGE_ROOT;

export interface BuildSiteOptions {
  registry: string;
  out: string;
  asOf?: string;
  /** Sub-path the site is served under, e.g. "/spog/" (default: env SPOG_BASE, else spog.yaml site.base, else "/"). */
  base?: string;
  /** Absolute site URL for the feed's links (default: env SPOG_SITE, else spog.yaml site.url; without one a warning, and example.org). */
  site?: string;
  onProgress?: (msg: string) => void;
  /**
   * Folder of the cache of evaluated models (default: .cache/models/<hash of the registry's
   * path> in the project); false turns it off.
   */
  cache?: string | false;
}



function countHtml(dir: string): number {
  let count = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) count += countHtml(join(dir, e.name));
    else if (e.name.endsWith('.html')) count++;
  }
  return count;
}

/** A build's work folder in .cache: `site-<pid>-<random>`, so another build can tell whether its process still runs. */
const WORK_PREFIX = 'site-';
/** A work folder older than this is left over, whatever its process (a pid is reused, a machine restarts). */
const STALE_WORK_MS = 86_400_000;

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the work folders that builds killed or crashed left in `cacheDir`: those of processes
 * that no longer run, and any older than a day (also those of older versions, named without a pid).
 */
export function removeStaleWork(cacheDir: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(WORK_PREFIX)) continue;
    const path = join(cacheDir, name);
    const pid = /^site-(\d+)-/.exec(name)?.[1];
    try {
      const old = now - statSync(path).mtimeMs > STALE_WORK_MS;
      if (!old && pid !== undefined && (Number(pid) === process.pid || processRuns(Number(pid)))) continue;
      if (!old && pid === undefined) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Gone meanwhile, or not ours to remove: the next build tries again.
    }
  }
  return removed;
}

/** Remove `dir` when the process is interrupted (Ctrl-C, a CI cancel), then end as the signal would have. */
function removeOnSignal(dir: string): () => void {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const handler = (signal: NodeJS.Signals) => {
    rmSync(dir, { recursive: true, force: true });
    off();
    process.kill(process.pid, signal);
  };
  const off = () => {
    for (const s of signals) process.off(s, handler);
  };
  for (const s of signals) process.once(s, handler);
  return off;
}

/** Replace `to` by `from` (a rename, or a copy across file systems). */
function moveInto(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
}

/**
 * Where the site is published: the options, else the environment (SPOG_SITE, SPOG_BASE: CI sets
 * them from its Pages settings), else spog.yaml's `site`. Empty values count as unset.
 */
export function siteAddress(opts: Pick<BuildSiteOptions, 'registry' | 'site' | 'base'>, config: Config['site'] = openRegistry(fsSource(opts.registry)).config.site): { site?: string; base?: string } {
  const site = opts.site || process.env.SPOG_SITE || config.url || undefined;
  // Without a base of its own, the site is served under its address's path: site.url
  // https://acme.github.io/models/ means links under /models/, not at the host's root.
  return { site, base: opts.base || process.env.SPOG_BASE || config.base || (site ? pathOf(site) : undefined) };
}

/** The path of an address as a base ("/models/"), or undefined for the root or an address that is not a URL. */
function pathOf(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  return path === '/' ? undefined : path.endsWith('/') ? path : `${path}/`;
}

export async function buildSite(opts: BuildSiteOptions): Promise<{ pages: number; outDir: string; snapshot: FleetSnapshot }> {
  const say = opts.onProgress ?? (() => {});
  const outDir = resolve(opts.out);
  // The models are read and evaluated in worker threads while this thread loads Astro and
  // bundles the pages; the pages await the snapshot (src/site/snapshot.ts).
  const started = performance.now();
  const secs = () => ((performance.now() - started) / 1000).toFixed(1);
  const cache = opts.cache === false ? undefined : (opts.cache ?? defaultCacheDir(opts.registry));
  // Astro renders from a bundle it writes to <outDir>/.prerender/ (or to <cwd>/.astro/.prerender/
  // when outDir lies outside the working directory) and imports it; Node caches that import. A
  // fresh folder inside the project for every build keeps builds in one process from reusing an
  // earlier build's code, keeps concurrent builds apart, and lets the bundle resolve node_modules.
  mkdirSync(join(PROJECT_ROOT, '.cache'), { recursive: true });
  removeStaleWork(join(PROJECT_ROOT, '.cache'));
  const work = mkdtempSync(join(PROJECT_ROOT, '.cache', `${WORK_PREFIX}${process.pid}-`));
  const offSignals = removeOnSignal(work);
  // The workers write /api/models/<id>.json themselves (the endpoint then renders no page).
  const jsonDir = join(work, 'model-json');
  mkdirSync(jsonDir);
  const { site, done, charts: drawn, config } = startSite(opts.registry, { asOfFlag: opts.asOf, cache, jsonDir, requireConfigFor: 'spog build' });
  say(`reading and computing ${site.ids.length} models as of ${site.head.as_of.date}`);
  const snapshotReady = done.then((c) => {
    const reused = cache ? `; ${c.cached} unchanged, taken from the cache` : '';
    say(`computed ${c.snapshot.models.length} models (${c.counts.metricPoints} metric points${reused}) in ${secs()} s`);
    const outside = c.diagnostics.filter((d) => d.severity === 'error' && d.model === undefined);
    if (outside.length) say(cliMsg.registryProblemsOutside(outside.length, formatDiagnostic(outside[0])));
    return c.snapshot;
  });
  // Awaited by the pages and below; this only keeps a failure from counting as unhandled meanwhile.
  snapshotReady.catch(() => {});
  say('reading the git history of the registry');
  const audit = auditTrails(opts.registry, '');
  const previous = globalThis.__spogSite;
  const previousAudit = globalThis.__spogAudit;
  const previousJson = globalThis.__spogModelJsonWritten;
  globalThis.__spogSite = site;
  globalThis.__spogAudit = audit;
  globalThis.__spogModelJsonWritten = true;
  let snapshot: FleetSnapshot;
  try {
    const { build } = await import('astro');
    say(`building the site into ${outDir}`);
    // base and site are passed inline: astro.config.mjs is evaluated once per process, so its
    // environment lookups would go stale across two builds in one process.
    // spog.yaml as the build's one plan read it.
    const { base, site } = siteAddress(opts, config.site);
    if (!site) say(cliMsg.noSiteUrl());
    await build({ root: PROJECT_ROOT, outDir: join(work, 'site'), logLevel: 'warn', mode: 'production', ...(base ? { base } : {}), ...(site ? { site } : {}) });
    snapshot = await snapshotReady;
    mkdirSync(join(work, 'site', 'api'), { recursive: true });
    renameSync(jsonDir, join(work, 'site', 'api', 'models'));
    moveInto(join(work, 'site'), outDir);
  } finally {
    globalThis.__spogSite = previous;
    globalThis.__spogAudit = previousAudit;
    globalThis.__spogModelJsonWritten = previousJson;
    rmSync(work, { recursive: true, force: true });
    offSignals();
  }
  const pages = countHtml(outDir);
  const charts = drawn();
  say(`wrote ${pages} pages with ${charts.charts} charts (SVG drawing ${Math.round(charts.ms)} ms, ${charts.charts ? (charts.ms / charts.charts).toFixed(2) : 0} ms a chart)`);
  return { pages, outDir, snapshot };
}
