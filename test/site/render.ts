/**
 * Render a page outside a full build: a Vite server with Astro's plugins (getViteConfig) loads
 * the page module, and Astro's Container API renders it with the snapshot set on globalThis,
 * exactly as `spog build` hands it over.
 */
import { getViteConfig } from 'astro/config';
import { createServer, type ViteDevServer } from 'vite';
import type { Snapshot } from '../../src/core/types.ts';
import { PROJECT_ROOT } from '../../src/site/build.ts';
import { siteOf } from '../../src/site/snapshot.ts';

export interface PageRenderer {
  /** `params`: the route's parameters, e.g. { id: 'churn' } for src/pages/models/[id]/index.astro. */
  render: (page: string, snapshot: Snapshot, url?: string, params?: Record<string, string>) => Promise<string>;
  close: () => Promise<void>;
}

export async function pageRenderer(): Promise<PageRenderer> {
  const config = await getViteConfig({}, { root: PROJECT_ROOT, logLevel: 'error' })({ mode: 'production', command: 'serve' });
  const server: ViteDevServer = await createServer({ ...config, configFile: false, server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom', logLevel: 'error' });
  const { experimental_AstroContainer } = (await server.ssrLoadModule('astro/container')) as typeof import('astro/container');
  const container = await experimental_AstroContainer.create();
  return {
    async render(page, snapshot, url = 'https://example.org/', params) {
      const mod = await server.ssrLoadModule(page);
      const previous = globalThis.__spogSite;
      globalThis.__spogSite = siteOf(snapshot);
      try {
        return await container.renderToString(mod.default as never, { request: new Request(url), ...(params ? { params } : {}) });
      } finally {
        globalThis.__spogSite = previous;
      }
    },
    close: () => server.close(),
  };
}
