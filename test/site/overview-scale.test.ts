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
    // The build inlines the one stylesheet; counting it gzipped on its own overestimates slightly.
    const css = gzipSync(readFileSync('src/styles/site.css')).length;
    const page = gzipSync(html, { level: 9 }).length;
    console.info(`overview at 1,000 models: ${(page / 1024).toFixed(1)} KB gzip HTML + ${(css / 1024).toFixed(1)} KB gzip CSS (raw ${(html.length / 1024).toFixed(0)} KB)`);
    expect(page + css).toBeLessThanOrEqual(BUDGET);
  });

  it('loads no chart library and no inline script', () => {
    expect(html).not.toContain('vega');
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g)];
    expect(inline).toEqual([]);
  });
});
