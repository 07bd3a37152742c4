/**
 * The registry repository's package.json: spog as a development dependency from where the
 * organisation gets it, and the scripts everyone runs. The name `spog` on the public npm
 * registry is not this project, so a spec npm would resolve there (a version, a range, a tag)
 * is refused: spog comes from a git tag, a tarball, or an alias into a private registry. A
 * package.json that is there already keeps its fields, its spog and its scripts; ours are added.
 */
import { existsSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { initMsg } from '../../messages.ts';
import { toSlug } from '../../names.ts';
import { UsageError } from '../outcome.ts';

/** The scripts spog init adds: each runs the repository's own spog (npm puts node_modules/.bin first on PATH). */
export const SCRIPTS: Record<string, string> = {
  validate: 'spog validate',
  status: 'spog status',
  build: 'spog build',
  diff: 'spog diff origin/main',
  codeowners: 'spog codeowners',
};

const DEPENDENCY_FIELDS = ['devDependencies', 'dependencies', 'optionalDependencies'] as const;

/** A spec as package.json holds it, and a warning about it, if any. */
export interface SpogSpec {
  spec: string;
  warning?: string;
}

const GIT_HOSTED = /^(git\+[a-z]+:|git:|github:|gitlab:|bitbucket:|gist:)/i;
const SHORTHAND = /^[a-z0-9][\w.-]*\/[\w.-]+(#.+)?$/i;
const TARBALL = /\.(tgz|tar\.gz|tar)$/i;

/**
 * Check where spog is to be installed from, and write it as package.json in `dir` needs it: a
 * path (relative to the current folder, as typed) becomes `file:` relative to `dir`. A version,
 * range or tag of the public name is refused with examples (UsageError).
 */
export function checkSpogSpec(raw: string, dir: string, cwd = process.cwd()): SpogSpec {
  const spec = raw.trim();
  if (!spec) throw new UsageError(initMsg.spogEmpty());
  if (spec.startsWith('npm:')) {
    // An alias: npm:@org/spog@1.2.0 installs that package under the name spog. Unscoped "spog" is the public one.
    const m = /^npm:((?:@[^/@]+\/)?[^/@]+)(?:@(.+))?$/.exec(spec);
    if (!m || m[1] === 'spog') throw new UsageError(initMsg.spogFromPublic(spec));
    return m[2] ? { spec } : { spec, warning: initMsg.spogUnpinned(spec) };
  }
  if (GIT_HOSTED.test(spec) || /^(https?|ssh):\/\/.+\.git(#.*)?$/i.test(spec) || (SHORTHAND.test(spec) && !TARBALL.test(spec) && !spec.startsWith('.'))) {
    return spec.includes('#') ? { spec } : { spec, warning: initMsg.spogUnpinned(spec) };
  }
  if (/^https?:\/\//i.test(spec)) return { spec }; // a tarball URL
  const path = spec.startsWith('file:') ? spec.slice('file:'.length) : spec;
  if (spec.startsWith('file:') || /^(\.{1,2}|~)?[/\\]/.test(path) || /^[a-z]:[/\\]/i.test(path) || TARBALL.test(path)) {
    const abs = spec.startsWith('file:') ? resolve(dir, path) : resolve(cwd, path);
    const rel = relative(resolve(dir), abs).split('\\').join('/');
    const out = `file:${isAbsolute(rel) ? rel : rel.startsWith('.') ? rel : `./${rel}`}`;
    return existsSync(abs) ? { spec: out } : { spec: out, warning: initMsg.spogTarballMissing(abs) };
  }
  throw new UsageError(initMsg.spogFromPublic(spec));
}

/** Where an existing package.json has spog, and its spec. */
export function spogDependency(pkg: Record<string, unknown>): { field: string; spec: string } | undefined {
  for (const field of DEPENDENCY_FIELDS) {
    const deps = pkg[field];
    if (deps && typeof deps === 'object' && typeof (deps as Record<string, unknown>).spog === 'string') return { field, spec: (deps as Record<string, string>).spog };
  }
  return undefined;
}

/** Parse an existing package.json (null when there is none); a file that is not a JSON object is a UsageError. */
export function readPackageJson(text: string | null, file: string): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    throw new Error('not an object');
  } catch (e) {
    throw new UsageError(initMsg.packageJsonUnreadable(file, (e as Error).message));
  }
}

export interface PackageJsonResult {
  text: string;
  /** What was kept of the existing file that differs from what spog init would write. */
  notes: string[];
}

/**
 * The package.json for `dir`: a new one (private, named after the folder, spog in
 * devDependencies, the scripts), or the existing one with spog and the scripts added. With
 * `force`, spog's spec and the scripts are ours even where the file had its own.
 */
export function packageJson(existing: Record<string, unknown> | null, dir: string, spec: string | undefined, force: boolean, indent: number | string = 2): PackageJsonResult {
  const notes: string[] = [];
  const pkg: Record<string, unknown> = existing ? structuredClone(existing) : { name: toSlug(basename(resolve(dir))) || 'ml-registry', version: '0.0.0', private: true, description: 'Model registry and dashboard (spog)' };
  const had = spogDependency(pkg);
  if (had && (!force || spec === undefined)) notes.push(initMsg.keptSpogDependency(had.field, had.spec, spec));
  else {
    if (spec === undefined) throw new Error('packageJson needs a spog spec when package.json has none');
    const field = had?.field ?? 'devDependencies';
    const deps = (pkg[field] && typeof pkg[field] === 'object' ? pkg[field] : {}) as Record<string, string>;
    pkg[field] = Object.fromEntries(Object.entries({ ...deps, spog: spec }).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  const scripts = (pkg.scripts && typeof pkg.scripts === 'object' ? pkg.scripts : {}) as Record<string, string>;
  const merged: Record<string, string> = { ...scripts };
  for (const [name, command] of Object.entries(SCRIPTS)) {
    if (name in scripts && scripts[name] !== command && !force) notes.push(initMsg.keptScript(name, scripts[name], command));
    else merged[name] = command;
  }
  pkg.scripts = merged;
  return { text: `${JSON.stringify(pkg, null, indent)}\n`, notes };
}

/** The indentation of a JSON text (its first indented line), so a rewritten file keeps its style. */
export function jsonIndent(text: string | null): number | string {
  const m = text ? /\n([ \t]+)"/.exec(text) : null;
  if (!m) return 2;
  return m[1].startsWith('\t') ? '\t' : m[1].length;
}
