/**
 * Build a site in a child process. Astro imports its prerender bundle from a fixed place and Node
 * caches it, so two builds in one process would share code; a child per build also lets the demo
 * site and the hostile-card site build at the same time. Each child works in its own folder under
 * the project's .cache/ (inside the project, so the prerender bundle still resolves node_modules),
 * so concurrent builds never share Astro's <cwd>/.astro/.prerender/.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../src/site/build.ts';

export function buildInChild(opts: { registry: string; out: string; base?: string }): Promise<void> {
  const out = resolve(opts.out);
  mkdirSync(dirname(out), { recursive: true });
  const entry = pathToFileURL(resolve(PROJECT_ROOT, 'src/site/build.ts')).href;
  const args = JSON.stringify({ registry: resolve(opts.registry), out, ...(opts.base ? { base: opts.base } : {}) });
  const code = `const { buildSite } = await import(${JSON.stringify(entry)}); await buildSite(${args});`;
  // Vitest puts Vite's import.meta.env (BASE_URL, MODE, ...) into process.env; a child build
  // inheriting BASE_URL=/ would ignore its own base path.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/.test(k)));
  mkdirSync(join(PROJECT_ROOT, '.cache'), { recursive: true });
  const cwd = mkdtempSync(join(PROJECT_ROOT, '.cache', 'site-build-'));
  return new Promise<void>((ok, fail) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`site build of ${opts.registry} failed (exit ${code}):\n${err.slice(-3000)}`))));
  }).finally(() => rmSync(cwd, { recursive: true, force: true }));
}
