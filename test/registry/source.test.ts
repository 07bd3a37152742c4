import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { factsOf, validatePlan } from '../../src/compute/snapshot.ts';
import { formatDiagnostic } from '../../src/registry/diagnostics.ts';
import { LIMITS } from '../../src/registry/files.ts';
import { loadPlan, openRegistry, planRegistry } from '../../src/registry/load.ts';
import { fsSource, gitSource, overlaySource } from '../../src/registry/source.ts';
import type { Registry } from '../../src/core/input.ts';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } }).trim();

/** A repository holding a copy of the states fixture under registry/, committed. */
function repo(): { root: string; commit: string } {
  const root = mkdtempSync(join(tmpdir(), 'spog-source-'));
  temps.push(root);
  cpSync('test/fixtures/states', join(root, 'registry'), { recursive: true });
  git(root, 'init', '-q');
  git(root, 'add', '.');
  git(root, 'commit', '-qm', 'registry');
  return { root, commit: git(root, 'rev-parse', 'HEAD') };
}

/** A registry as plain data (the locator is a function). */
const plain = (reg: Registry) => JSON.parse(JSON.stringify({ ...reg, root: '' }, (k, v) => (k === 'locate' ? undefined : v)));

describe('the sources the loader reads through', () => {
  it('reads a git tree at a commit exactly as the same files on disk, without a checkout', () => {
    const r = repo();
    // The work tree moves on after the commit: the git source still reads the commit.
    writeFileSync(join(r.root, 'registry/models/red/README.md'), 'not a card any more');
    const fromGit = loadPlan(planRegistry(gitSource(r.root, r.commit, 'registry'), { asOfFlag: '2026-10-31' }));
    const fromDisk = loadPlan(planRegistry(fsSource('test/fixtures/states'), { asOfFlag: '2026-10-31' }));
    expect(fromGit.root).toBe(`registry at ${r.commit.slice(0, 12)}`);
    expect(plain(fromGit)).toEqual(plain(fromDisk));
    expect(fromGit.models.length).toBeGreaterThan(5);
  });

  it('gives the same facts and snapshots from git in worker threads as on this thread', async () => {
    const r = repo();
    const plan = planRegistry(gitSource(r.root, r.commit, 'registry'), { asOfFlag: '2026-10-31', everyFeatureFile: true });
    const [two, none] = await Promise.all([factsOf(plan, { threads: 2 }), factsOf(plan, { threads: 0 })]);
    expect(two.snapshot).toEqual(none.snapshot);
    expect([...two.models]).toEqual([...none.models]);
    const checked = await validatePlan(plan, { threads: 2 });
    expect(checked.counts).toEqual(loadPlan(plan).counts);
  });

  it('treats a registry folder missing at the commit as a registry that does not exist', () => {
    const r = repo();
    const plan = openRegistry(gitSource(r.root, r.commit, 'elsewhere'));
    expect(plan.ids).toEqual([]);
    expect(plan.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/registry directory "elsewhere at [0-9a-f]{12}" does not exist/);
  });

  it('refuses in git what it refuses on disk: links and files over the size limit', () => {
    const r = repo();
    symlinkSync('/etc/passwd', join(r.root, 'registry/models/red/versions/v9.yaml'));
    writeFileSync(join(r.root, 'registry/models/red/notes.md'), 'x'.repeat(LIMITS.markdown + 1));
    git(r.root, 'add', '.');
    git(r.root, 'commit', '-qm', 'hostile');
    const source = gitSource(r.root, git(r.root, 'rev-parse', 'HEAD'), 'registry');
    expect(source.list('models/red/versions').entries.map((e) => e.name)).not.toContain('v9.yaml');
    const big = source.read('models/red/notes.md', LIMITS.markdown, 'red');
    expect(big.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/notes\.md {2}file is 1048577 bytes, over the 1048576-byte limit/)]);
  });

  it('validates an edit through an overlay without writing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spog-overlay-'));
    temps.push(dir);
    cpSync('test/fixtures/states', dir, { recursive: true });
    const card = readFileSync(join(dir, 'models/red/README.md'), 'utf8');
    const edited = card.replace(/^team: .*$/m, 'team: nobody-knows');
    const plan = openRegistry(overlaySource(fsSource(dir), new Map([['models/red/README.md', edited]])), { headsOnly: true });
    const reg = loadPlan(plan);
    expect(reg.diagnostics.map(formatDiagnostic)).toContain('models/red/README.md:4:7  team: team "nobody-knows" is not defined in spog.yaml (expected one of "core")');
    expect(readFileSync(join(dir, 'models/red/README.md'), 'utf8')).toBe(card);
    // Cards, versions and references only: no metric line was read.
    expect(reg.counts.metricPoints).toBe(0);
  });
});
