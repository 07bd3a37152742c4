/**
 * Where a new registry file's `# yaml-language-server: $schema=` line points: the JSON Schemas
 * spog ships in `public/schema/`, by a path relative to the file, as the demo's files have them.
 * In a registry repository spog is a dependency, so they are in `node_modules/spog/public/schema/`
 * at the repository root; in spog's own repository, in `public/schema/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';

/** The schema file of each registry file kind that gets a modeline. */
export const SCHEMA_FILE = { config: 'spog.schema.json', card: 'model-card.schema.json', version: 'version.schema.json' } as const;

function isSpogRoot(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'spog' && existsSync(join(dir, 'public', 'schema'));
  } catch {
    return false;
  }
}

/**
 * The folder holding the JSON Schemas for `registry`: the first folder from the registry's parent
 * upwards with `node_modules/spog/public/schema` (or that is spog's own repository); when none
 * has them yet (before `npm install`), `node_modules/spog/public/schema` beside the registry,
 * where `npm install` will put them.
 */
export function schemaDir(registry: string): string {
  const start = dirname(resolve(registry));
  for (let d = start; ; d = dirname(d)) {
    const installed = join(d, 'node_modules', 'spog', 'public', 'schema');
    if (existsSync(installed)) return installed;
    if (isSpogRoot(d)) return join(d, 'public', 'schema');
    if (dirname(d) === d) break;
  }
  return join(start, 'node_modules', 'spog', 'public', 'schema');
}

/** The modeline's path for the registry file `rel` (e.g. "models/churn/README.md") to the schema `file`, relative to that file. */
export function schemaHref(registry: string, rel: string, file: string, dir = schemaDir(registry)): string {
  const from = dirname(join(resolve(registry), rel));
  return relative(from, join(dir, file)).split('\\').join(posix.sep);
}
