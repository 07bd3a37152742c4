/**
 * Nothing lost or changed: two builds of the same registry are byte-identical, and building,
 * status, diff and alerts leave the registry exactly as it was.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInChild } from './build-child.ts';

const tmp = mkdtempSync(join(tmpdir(), 'spog-repro-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Path -> sha256 of every file under dir. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('builds', () => {
  it('two builds of the demo registry are byte-identical, and the registry is untouched', async () => {
    const reg = join(tmp, 'registry');
    cpSync('registry', reg, { recursive: true });
    const before = tree(reg);
    await buildInChild({ registry: reg, out: join(tmp, 'a') });
    await buildInChild({ registry: reg, out: join(tmp, 'b') });
    const a = tree(join(tmp, 'a'));
    expect(Object.keys(a).length).toBeGreaterThan(40);
    expect(tree(join(tmp, 'b'))).toEqual(a);
    expect(tree(reg)).toEqual(before);
  }, 240_000);

  it('status, validate, diff and alerts do not modify the registry', () => {
    const repo = join(tmp, 'repo');
    cpSync('registry', join(repo, 'registry'), { recursive: true });
    const git = (...args: string[]) => spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'registry');
    const before = tree(join(repo, 'registry'));
    const spog = (...args: string[]) => spawnSync(process.execPath, [join(process.cwd(), 'scripts/spog.ts'), ...args], { cwd: repo, encoding: 'utf8' });
    for (const args of [['validate'], ['status', '--json'], ['diff', 'HEAD', '--format', 'json'], ['alerts', '--format', 'json'], ['audit', 'nyc-temp-max']]) {
      const r = spog(...args);
      expect(r.status === 0 || r.status === 1, `${args.join(' ')}: ${r.stderr}`).toBe(true);
    }
    expect(tree(join(repo, 'registry'))).toEqual(before);
    expect(git('status', '--porcelain').stdout).toBe('');
  }, 120_000);
});
