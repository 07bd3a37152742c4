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
const SPECIFIER = /(?:^|[\s;}])(?:import|export)\s*(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourcesUnder(dir: string, root: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sourcesUnder(p, root, out);
    else if (/\.(ts|astro)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(relative(root, p).split('\\').join('/'));
  }
}

/** Every source file of `srcDir` (paths relative to it, with forward slashes) -> the files it imports. */
export function importGraph(srcDir: string): Map<string, string[]> {
  const files: string[] = [];
  sourcesUnder(srcDir, srcDir, files);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(srcDir, file), 'utf8');
    const targets = new Set<string>();
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2];
      const target = posix.normalize(posix.join(posix.dirname(file), spec));
      // A specifier of a file that is not among the sources (a comment quoting an import) is no edge.
      if (known.has(target)) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
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
