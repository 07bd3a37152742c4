/**
 * spog's own import graph, read from the import and export statements of its sources under
 * src/ (.ts and .astro; relative specifiers only; `import type` included). The model cache's key
 * hashes the engine's actual import closure (cache.ts), and a test holds the graph to the
 * architecture's rules (docs/architecture.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `import ... from '...'`, `export ... from '...'`, `import '...'` and `import('...')` with a literal. */
const SPECIFIER = /(?:^|[\s;}])(?:import|export)\s*(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"\s]+)['"]|import\(\s*['"]([^'"\s]+)['"]\s*\)/g;

function sourcesUnder(dir: string, root: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sourcesUnder(p, root, out);
    else if (/\.(ts|astro|js)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(relative(root, p).split('\\').join('/'));
  }
}

export interface Imports {
  /** The source files it imports (relative to src/). */
  local: string[];
  /** The packages and built-in modules it imports, as written (e.g. "astro", "node:fs"). */
  external: string[];
}

/** Every source file of `srcDir` (paths relative to it, with forward slashes) -> what it imports. */
export function readImports(srcDir: string): Map<string, Imports> {
  const files: string[] = [];
  sourcesUnder(srcDir, srcDir, files);
  const known = new Set(files);
  const out = new Map<string, Imports>();
  for (const file of files) {
    const text = readFileSync(join(srcDir, file), 'utf8');
    const local = new Set<string>();
    const external = new Set<string>();
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) {
        if (/^(node:|@?[a-z])/.test(spec) && !spec.includes('...')) external.add(spec);
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(file), spec));
      // A specifier of a file that is not among the sources (a comment quoting an import) is no edge.
      if (known.has(target)) local.add(target);
    }
    out.set(file, { local: [...local].sort(), external: [...external].sort() });
  }
  return out;
}

/** Every source file of `srcDir` -> the source files it imports. */
export function importGraph(srcDir: string): Map<string, string[]> {
  return new Map([...readImports(srcDir)].map(([f, i]) => [f, i.local]));
}

/** The files reachable from `entries` (themselves included), sorted. */
export function importClosure(graph: Map<string, string[]>, entries: string[]): string[] {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    stack.push(...(graph.get(f) ?? []));
  }
  return [...seen].sort();
}

/** The folder of spog's sources (src/), next to this file's folder. */
export function sourceDir(): string {
  return dirname(dirname(fileURLToPath(import.meta.url)));
}
