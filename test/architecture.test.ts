/**
 * The architecture's rules (docs/architecture.md), held against the code's own imports: no import
 * cycles; the core decides and imports nothing that reads files, runs commands or renders; views
 * do not read the registry; and the model cache's key covers every file the engine imports.
 */
import { describe, expect, it } from 'vitest';
import { importClosure, importGraph, readImports, sourceDir } from '../src/compute/imports.ts';

const src = sourceDir();
const imports = readImports(src);
const graph = importGraph(src);
const folder = (f: string) => (f.includes('/') ? f.slice(0, f.indexOf('/')) : f);

/** The import cycles of the graph (Tarjan's strongly connected components of more than one file, or a file importing itself). */
function cycles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (g.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** Imports of files in `from` that break a rule: "file -> import". */
function offending(from: (f: string) => boolean, bad: (target: string) => boolean, external = false): string[] {
  const out: string[] = [];
  for (const [f, i] of imports) {
    if (!from(f)) continue;
    for (const t of external ? i.external : i.local) if (bad(t)) out.push(`${f} -> ${t}`);
  }
  return out;
}

describe('the import graph', () => {
  it('is read from the code: it holds the edges every reader of the code can see', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('compute/pool.ts')).toContain('compute/job.ts');
    expect(graph.get('registry/load.ts')).toContain('registry/source.ts');
    expect(imports.get('registry/files.ts')!.external).toContain('node:fs');
    expect(graph.get('pages/index.astro')!.length).toBeGreaterThan(0);
  });

  it('has no cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('keeps the core pure: nothing from the loader, the pool, the site, the views, the CLI or the workflow; no file system, no Astro', () => {
    const core = (f: string) => folder(f) === 'core';
    expect(offending(core, (t) => ['registry', 'compute', 'site', 'view', 'cli', 'workflow', 'pages', 'components', 'layouts', 'charts'].includes(folder(t)))).toEqual([]);
    expect(offending(core, (t) => /^(node:)?fs(\/|$)|^astro/.test(t), true)).toEqual([]);
  });

  it('keeps the views to rendering: they do not read the registry, run the pool or the workflow', () => {
    const views = (f: string) => ['view', 'components'].includes(folder(f));
    expect(offending(views, (t) => ['registry', 'compute', 'workflow', 'cli'].includes(folder(t)))).toEqual([]);
    expect(offending(views, (t) => /^(node:)?(fs|child_process|worker_threads)(\/|$)/.test(t), true)).toEqual([]);
  });

  it('keeps the loader below the engine and the commands', () => {
    expect(offending((f) => folder(f) === 'registry', (t) => ['compute', 'site', 'view', 'cli', 'workflow', 'charts'].includes(folder(t)))).toEqual([]);
    expect(offending((f) => folder(f) === 'compute', (t) => ['site', 'view', 'cli', 'workflow', 'charts', 'pages'].includes(folder(t)))).toEqual([]);
  });

  it("has one worker pool: only src/compute starts worker threads", () => {
    expect(offending((f) => folder(f) !== 'compute', (t) => /^(node:)?worker_threads$/.test(t), true)).toEqual([]);
  });

  it("keys the model cache on the engine's whole import closure: loading, checking, evaluating, and nothing of the site", () => {
    const closure = importClosure(graph, ['compute/cache.ts']);
    for (const f of ['core/model.ts', 'registry/load.ts', 'registry/lines.ts', 'registry/source.ts', 'schema/card.ts', 'messages.ts', 'names.ts']) expect(closure).toContain(f);
    expect(closure.filter((f) => ['site', 'view', 'charts', 'pages', 'cli', 'workflow'].includes(folder(f)))).toEqual([]);
  });
});
