/**
 * `spog build`: load the registry and compute the snapshot once, hand it to the pages through
 * globalThis, and run Astro's build in this process. Returns the number of pages written.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import type { Snapshot } from '../core/types.ts';
import { buildSnapshot } from '../core/snapshot.ts';
import { loadWithAsOf } from './snapshot.ts';

/** The project root (where astro.config.mjs lives). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BuildSiteOptions {
  registry: string;
  out: string;
  asOf?: string;
  /** Sub-path the site is served under, e.g. "/spog/" (default: env SPOG_BASE, else "/"). */
  base?: string;
  /** Absolute site URL for the feed's links (default: env SPOG_SITE, else astro.config.mjs). */
  site?: string;
  onProgress?: (msg: string) => void;
}

/**
 * Astro imports its prerender bundle from <outDir>/.prerender/ (or <cwd>/.astro/.prerender/ when
 * outDir lies outside the working directory), and Node caches that module: a second build into
 * the same place in one process would silently render with the first build's code. Refuse it.
 */
const prerenderDirsUsed = new Set<string>();

function prerenderDir(outDir: string): string {
  const cwd = process.cwd();
  return outDir === cwd || outDir.startsWith(cwd + sep) ? join(outDir, '.prerender') : join(cwd, '.astro', '.prerender');
}

function countHtml(dir: string): number {
  let count = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) count += countHtml(join(dir, e.name));
    else if (e.name.endsWith('.html')) count++;
  }
  return count;
}

export async function buildSite(opts: BuildSiteOptions): Promise<{ pages: number; outDir: string; snapshot: Snapshot }> {
  const say = opts.onProgress ?? (() => {});
  const outDir = resolve(opts.out);
  const pre = prerenderDir(outDir);
  if (prerenderDirsUsed.has(pre)) {
    throw new Error(`spog build: this process already built a site through ${pre}; Astro would reuse that build's cached code. Build into an output directory inside the working directory, or run a new process.`);
  }
  prerenderDirsUsed.add(pre);
  say(`reading ${opts.registry}`);
  const { reg, asOf } = loadWithAsOf(opts.registry, opts.asOf);
  say(`computing ${reg.models.length} models as of ${asOf.date}`);
  const snapshot = buildSnapshot(reg, asOf);
  const previous = globalThis.__spogSnapshot;
  globalThis.__spogSnapshot = snapshot;
  try {
    say(`building the site into ${outDir}`);
    // base and site are passed inline: astro.config.mjs is evaluated once per process, so its
    // environment lookups would go stale across two builds in one process.
    const base = opts.base ?? process.env.SPOG_BASE;
    const site = opts.site ?? process.env.SPOG_SITE;
    await build({ root: PROJECT_ROOT, outDir, logLevel: 'warn', mode: 'production', ...(base ? { base } : {}), ...(site ? { site } : {}) });
  } finally {
    globalThis.__spogSnapshot = previous;
  }
  const pages = countHtml(outDir);
  say(`wrote ${pages} pages`);
  return { pages, outDir, snapshot };
}
