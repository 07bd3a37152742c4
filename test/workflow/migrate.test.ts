import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateRegistry, textOf, type Migration } from '../../src/workflow/migrate.ts';
import { UsageError } from '../../src/workflow/outcome.ts';
import { git, makeRepo, spog, type Repo } from './helpers.ts';

let repo: Repo;
beforeEach(() => {
  repo = makeRepo('workflow/commented');
});
afterEach(() => repo.cleanup());

const read = (rel: string) => readFileSync(join(repo.registry, rel), 'utf8');
const changed = () => git(repo.dir, ['status', '--porcelain']).trim();

describe('spog migrate', () => {
  it('writes format_version on top of a registry that has none, keeping every comment, and a second run changes nothing', async () => {
    const before = read('spog.yaml');
    expect(before).not.toContain('format_version');
    const r = await spog('migrate', repo.registry);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('registry is at format 1, the current one; wrote format_version: 1');
    const after = read('spog.yaml');
    expect(after.split('\n').filter((l) => !before.includes(l))).toEqual(['format_version: 1']);
    expect(after.indexOf('format_version: 1')).toBeLessThan(after.indexOf('title:'));
    const again = await spog('migrate', repo.registry);
    expect(again.stdout).toBe('registry is at format 1, the current one: nothing to migrate\n');
    expect((await spog('validate', repo.registry)).code).toBe(0);
  });

  it('with --dry-run says what would change and writes nothing', async () => {
    const r = await spog('migrate', repo.registry, '--dry-run');
    expect(r.stdout).toContain('would change 1 file: spog.yaml');
    expect(r.stdout).toContain('spog.yaml: format_version: 1 written where it was unset');
    expect(changed()).toBe('');
  });

  it('refuses a registry written by a newer spog, telling to upgrade, and every command that evaluates refuses it too', async () => {
    writeFileSync(join(repo.registry, 'spog.yaml'), `format_version: 2\n${read('spog.yaml')}`);
    git(repo.dir, ['commit', '-qam', 'newer format']);
    const m = await spog('migrate', repo.registry);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('format_version 2 is a newer registry format than this spog reads (up to 1): upgrade spog');
    expect(changed()).toBe('');
    const v = await spog('validate', repo.registry);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/spog\.yaml:1:17 +format_version: is a newer registry format/);
    const s = await spog('status', repo.registry);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('upgrade spog');
  });

  it('keeps spog log from writing into a registry of a newer format, as spog-client does', async () => {
    writeFileSync(join(repo.registry, 'spog.yaml'), `format_version: 2\n${read('spog.yaml')}`);
    git(repo.dir, ['commit', '-qam', 'newer format']);
    const r = await spog('log', '--registry', repo.registry, '--model', 'churn', '--version', 'v2', '--metric', 'auc', '--value', '0.8', '--ts', '2026-10-30T06:00:00Z');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('format_version 2 is a newer registry format than this spog reads (up to 1): upgrade spog');
    expect(changed()).toBe('');
  });

  it('runs the steps from the registry format to the current one in order, and rewrites every file at once', () => {
    writeFileSync(join(repo.registry, 'spog.yaml'), read('spog.yaml').replace(/^title:/m, 'format_version: 1\ntitle:'));
    const card = 'models/churn/README.md';
    const steps: Migration[] = [
      // Declared out of order: the chain follows `from`, not the list.
      { from: 2, summary: 'owners become maintainers', rewrite: (src) => new Map([[card, textOf(src, card)!.replace('owners:', 'maintainers:')]]) },
      { from: 1, summary: 'the team line gets a comment', rewrite: (src) => new Map([[card, textOf(src, card)!.replace(/^team: (.*)$/m, 'team: $1 # owning team')]]) },
    ];
    const r = migrateRegistry({ registry: repo.registry, migrations: steps, current: 3 });
    expect(r.stdout).toBe(
      'migrated the registry from format 1 to 3 (2 files rewritten):\n  format 1 -> 2: the team line gets a comment\n  format 2 -> 3: owners become maintainers\n  spog.yaml: format_version: 3 written\n',
    );
    expect(read(card)).toMatch(/^team: .* # owning team$/m);
    expect(read(card)).toContain('maintainers:');
    expect(read('spog.yaml')).toContain('format_version: 3');
  });

  it('refuses a registry whose format no step starts from, and writes nothing', () => {
    expect(() => migrateRegistry({ registry: repo.registry, migrations: [], current: 2 })).toThrow(UsageError);
    expect(() => migrateRegistry({ registry: repo.registry, migrations: [], current: 2 })).toThrow('no migration leads from format 1 to 2');
    expect(changed()).toBe('');
  });
});
