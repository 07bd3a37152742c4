// @ts-check
import { defineConfig } from 'astro/config';

export default defineConfig({
  site: process.env.SPOG_SITE ?? 'https://example.org',
  base: process.env.SPOG_BASE ?? '/',
  outDir: process.env.SPOG_OUT ?? './dist',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  compressHTML: true,
  devToolbar: { enabled: false },
});
