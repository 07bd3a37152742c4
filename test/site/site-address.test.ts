/**
 * The site's address is configuration: spog.yaml `site: {url, base, id}`, SPOG_SITE / SPOG_BASE
 * override it, `spog build` warns when there is none, and feed entry ids name no host.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/registry/load.ts';
import { siteAddress } from '../../src/site/build.ts';

const tmp = mkdtempSync(join(tmpdir(), 'spog-site-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The minimal fixture, with `extra` appended to its spog.yaml. */
function registry(name: string, extra = ''): string {
  const dir = join(tmp, name);
  cpSync('test/fixtures/minimal', dir, { recursive: true });
  if (extra) appendFileSync(join(dir, 'spog.yaml'), extra);
  return dir;
}

/**
 * `spog build` in a child process without SPOG_SITE / SPOG_BASE (unless given), and without the
 * Vite variables Vitest puts into process.env (BASE_URL would override the base; build-child.ts).
 */
function build(reg: string, out: string, env: Record<string, string> = {}) {
  const rest = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SPOG_SITE|SPOG_BASE|BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/.test(k)));
  return spawnSync(process.execPath, ['scripts/spog.ts', 'build', '--registry', reg, '--out', out, '--no-cache'], { encoding: 'utf8', env: { ...rest, ...env } });
}

describe('the site address', () => {
  const configured = registry('configured', 'site:\n  url: https://ml.acme.example\n  base: /fleet/\n  id: acme-ml\n');

  it('is read from spog.yaml, and SPOG_SITE / SPOG_BASE override it', () => {
    const saved = { site: process.env.SPOG_SITE, base: process.env.SPOG_BASE };
    try {
      delete process.env.SPOG_SITE;
      delete process.env.SPOG_BASE;
      expect(siteAddress({ registry: configured })).toEqual({ site: 'https://ml.acme.example', base: '/fleet/' });
      process.env.SPOG_SITE = 'https://acme.github.io';
      process.env.SPOG_BASE = '/spog/';
      expect(siteAddress({ registry: configured })).toEqual({ site: 'https://acme.github.io', base: '/spog/' });
      expect(siteAddress({ registry: configured, site: 'https://x.example', base: '/' })).toEqual({ site: 'https://x.example', base: '/' });
    } finally {
      for (const [k, v] of [['SPOG_SITE', saved.site], ['SPOG_BASE', saved.base]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('serves the site under the path of its address when no base is given (site.url https://acme.github.io/models/)', () => {
    const saved = { site: process.env.SPOG_SITE, base: process.env.SPOG_BASE };
    try {
      delete process.env.SPOG_SITE;
      delete process.env.SPOG_BASE;
      const withPath = registry('with-path', 'site:\n  url: https://acme.github.io/models\n');
      expect(siteAddress({ registry: withPath })).toEqual({ site: 'https://acme.github.io/models', base: '/models/' });
      expect(siteAddress({ registry: registry('root-url', 'site:\n  url: https://ml.acme.example/\n') })).toEqual({ site: 'https://ml.acme.example/', base: undefined });
      process.env.SPOG_BASE = '/elsewhere/';
      expect(siteAddress({ registry: withPath }).base).toBe('/elsewhere/');
    } finally {
      for (const [k, v] of [['SPOG_SITE', saved.site], ['SPOG_BASE', saved.base]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('refuses a url that is not absolute and a base without slashes, naming the field', () => {
    const reg = loadRegistry(registry('bad', 'site:\n  url: acme.github.io\n  base: spog\n'));
    const fields = reg.diagnostics.filter((d) => d.file === 'spog.yaml' && d.severity === 'error').map((d) => d.field);
    expect(fields).toEqual(['site.url', 'site.base']);
  });

  it('spog build uses it: the feed links to the configured host under its base, and its ids name the registry, not the host', () => {
    const out = join(tmp, 'site-configured');
    const r = build(configured, out);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('no site address');
    const feed = readFileSync(join(out, 'feed.xml'), 'utf8');
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="https://ml.acme.example/fleet/feed.xml"/>');
    expect(feed).toContain('<id>urn:spog:acme-ml:feed</id>');
    for (const m of feed.matchAll(/<entry>\s*<id>([^<]+)<\/id>/g)) expect(m[1]).toMatch(/^urn:spog:acme-ml:churn:status:\d{4}-\d{2}-\d{2}:[a-z]+-[a-z]+$/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('href="/fleet/models/churn/"');
  }, 120_000);

  it('spog build without an address warns on stderr and still builds', () => {
    const r = build(registry('unset'), join(tmp, 'site-unset'));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('warning: no site address: the feed and alert links point at https://example.org; set site.url in spog.yaml');
  }, 120_000);
});
