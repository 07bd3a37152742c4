/**
 * Build a site in a child process, so the demo site and the hostile-card site build at the same
 * time (one process holds one snapshot on globalThis at a time). The child runs from the project
 * root, where buildSite gives every build its own working folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import type { Snapshot } from '../../src/core/types.ts';
import { PROJECT_ROOT } from '../../src/site/build.ts';
import { computeSnapshot } from '../../src/site/snapshot.ts';
import { launch } from './chromium.ts';
import { serveStatic, type StaticServer } from './server.ts';

export function buildInChild(opts: { registry: string; out: string; base?: string }): Promise<void> {
  const entry = pathToFileURL(resolve(PROJECT_ROOT, 'src/site/build.ts')).href;
  const args = JSON.stringify({ registry: resolve(opts.registry), out: resolve(opts.out), ...(opts.base ? { base: opts.base } : {}) });
  const code = `const { buildSite } = await import(${JSON.stringify(entry)}); await buildSite(${args});`;
  // Vitest puts Vite's import.meta.env (BASE_URL, MODE, ...) into process.env; a child build
  // inheriting BASE_URL=/ would ignore its own base path.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/.test(k)));
  return new Promise<void>((ok, fail) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`site build of ${opts.registry} failed (exit ${code}):\n${err.slice(-3000)}`))));
  });
}

/** The demo registry's site, built in a child, served on 127.0.0.1, with its snapshot and a Chromium. */
export interface DemoSite {
  server: StaticServer;
  snapshot: Snapshot;
  browser: Browser;
  close(): Promise<void>;
}

/** Build and serve the demo site in a folder of its own (named after `prefix`); close() stops it all and removes the folder. */
export async function demoSite(prefix: string): Promise<DemoSite> {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  const out = join(tmp, 'site');
  await buildInChild({ registry: 'registry', out });
  const server = await serveStatic(out);
  const snapshot = computeSnapshot('registry');
  const browser = await launch();
  return {
    server, snapshot, browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
