/**
 * Where spog's own files are. spog runs from its TypeScript sources in its repository
 * (src/*.ts, Node strips the types) and from the compiled JavaScript an installed package
 * carries (lib/src/*.js: Node does not strip types inside node_modules). Both find the package
 * root (package.json, astro.config.mjs, src/pages) and their sibling modules (the worker, the
 * per-model site step) from here. Nothing is read when this module loads: Astro bundles the
 * pages' imports into chunks elsewhere, which import this file too.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

/** True when running the compiled copy (lib/src/*.js). */
export const COMPILED = /\.[cm]?js$/.test(here);

/** The extension of spog's own modules as they run: ".js" compiled, ".ts" from the sources. */
export const CODE_EXT = COMPILED ? '.js' : '.ts';

/** The package's root folder: package.json, astro.config.mjs and src/ (the pages Astro builds). */
export const PACKAGE_ROOT = resolve(dirname(here), COMPILED ? '../..' : '..');

/**
 * Where spog keeps what it may reuse between runs (the model cache): `.cache/` of the repository
 * that installed it (`<repo>/node_modules/spog` -> `<repo>/.cache/spog/`, which CI can restore and
 * `npm ci` does not wipe), or the package's own `.cache/` in spog's repository.
 */
export const CACHE_ROOT = basename(dirname(PACKAGE_ROOT)) === 'node_modules' ? join(dirname(dirname(PACKAGE_ROOT)), '.cache', 'spog') : join(PACKAGE_ROOT, '.cache');

let version: string | undefined;

/** The version in spog's package.json (semver), e.g. "0.2.0". */
export function packageVersion(): string {
  return (version ??= (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
}
