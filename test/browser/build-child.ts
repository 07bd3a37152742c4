/**
 * Build a site in a child process, so the demo site and the hostile-card site build at the same
 * time (one process holds one snapshot on globalThis at a time). The child runs from the project
 * root, where buildSite gives every build its own working folder.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../src/site/build.ts';

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
