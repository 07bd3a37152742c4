import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageRenderer, type PageRenderer } from './render.ts';
import { syntheticSnapshot } from './fixtures.ts';

const BUDGET = 100 * 1024;

describe('the overview at 1,000 models', () => {
  let r: PageRenderer;
  let html: string;
  beforeAll(async () => {
    r = await pageRenderer();
    html = await r.render('/src/pages/index.astro', syntheticSnapshot(1000));
  });
  afterAll(() => r?.close());

  it('lists all 1,000 models', () => {
    expect(html.match(/<tr data-h=/g)?.length).toBe(1000);
  });

  it('stays within 100 KB of gzip HTML (stylesheet counted on top)', () => {
    // The page links the site's one stylesheet (a first visit loads both): counted on top.
    const css = gzipSync(readFileSync('src/styles/site.css')).length;
    const page = gzipSync(html, { level: 9 }).length;
    console.info(`overview at 1,000 models: ${(page / 1024).toFixed(1)} KB gzip HTML + ${(css / 1024).toFixed(1)} KB gzip CSS (raw ${(html.length / 1024).toFixed(0)} KB)`);
    expect(page + css).toBeLessThanOrEqual(BUDGET);
  });

  it('counts production models on the tiles, each tile linking to them, with the other lifecycles counted apart in the sentence below', () => {
    const snap = syntheticSnapshot(1000);
    const prod = snap.models.filter((m) => m.lifecycle === 'production');
    expect(prod.length).toBeGreaterThan(500);
    expect(prod.length).toBeLessThan(1000);
    expect(html).toContain(`Production models (${prod.length} of 1000)`);
    const redProd = prod.filter((m) => m.health === 'red').length;
    const tile = /<li class="tile t-red">\s*<a href="([^"]+)"><span class="n">(\d+)<\/span>/.exec(html)!;
    expect(Number(tile[2])).toBe(redProd);
    expect(tile[1]).toBe('?health=red&amp;lifecycle=production#models');
    const others = snap.models.filter((m) => m.lifecycle !== 'production');
    expect(html).toContain(`1000 models: production ${prod.length} (${redProd} red, `);
    expect(html).toContain(`; other lifecycles ${others.length} (${others.filter((m) => m.health === 'red').length} red, `);
  });

  it('loads no chart library and no inline script', () => {
    expect(html).not.toContain('vega');
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g)];
    expect(inline).toEqual([]);
  });
});
