// @ts-check
import { defineConfig } from 'astro/config';

// SPOG_SITE / SPOG_BASE: the absolute site URL and the sub-path it is served under (e.g. a
// GitHub Pages project site: SPOG_SITE=https://acme.github.io SPOG_BASE=/spog/).
export default defineConfig({
  site: process.env.SPOG_SITE ?? 'https://example.org',
  base: process.env.SPOG_BASE ?? '/',
  outDir: process.env.SPOG_OUT ?? './dist',
  trailingSlash: 'always',
  // Many pages at a time: a page's file is written while the next renders, and the pages about
  // the whole fleet (overview, alerts, teams, feed: ~30, rendered first) wait for every model
  // without holding up the model pages, which render as their models are computed.
  build: { format: 'directory', inlineStylesheets: 'always', concurrency: 64 },
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
