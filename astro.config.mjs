// @ts-check
import { defineConfig } from 'astro/config';

// `spog build` passes site and base inline, from spog.yaml's `site: {url, base}` or SPOG_SITE /
// SPOG_BASE (src/site/build.ts siteAddress); these defaults serve `astro dev` and a plain
// `astro build`. E.g. a GitHub Pages project site: SPOG_SITE=https://acme.github.io SPOG_BASE=/spog/.
export default defineConfig({
  site: process.env.SPOG_SITE ?? 'https://example.org',
  base: process.env.SPOG_BASE ?? '/',
  outDir: process.env.SPOG_OUT ?? './dist',
  trailingSlash: 'always',
  // Every page starts at once and awaits its data: each model's pages render as soon as that
  // model is computed, and the pages about the whole fleet (overview, alerts, teams, feed) when
  // all are. Astro queues pages route by route (/models/[id]/versions/ before /models/[id]/),
  // so with a smaller limit the slots filled with pages of models not yet computed and no
  // model page rendered until the computation ended (measured: 2.4 s of rendering after it).
  // The site's stylesheet (~12 KB) is one cached file, not inlined into each of 2,000 pages
  // (24 MB of HTML at 1,000 models; model pages 14 -> 11 KB gzip).
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4096 },
  compressHTML: true,
  devToolbar: { enabled: false },
  vite: {
    build: {
      // Never inline scripts: the pages' Content-Security-Policy allows only the site's own script files.
      assetsInlineLimit: 0,
      // vega-embed (with vega and vega-lite) is one ~850 KB chunk, loaded only on first interaction with a chart.
      chunkSizeWarningLimit: 1024,
    },
  },
});
