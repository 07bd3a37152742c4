import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/registry/load.ts';
import { git, makeRepo, spog, type Repo } from './helpers.ts';

let repo: Repo;
beforeEach(() => {
  repo = makeRepo('workflow/commented');
});
afterEach(() => repo.cleanup());

const card = () => readFileSync(join(repo.registry, 'models/churn/README.md'), 'utf8');
const diff = () => git(repo.dir, ['diff', '--no-color', '-U1']);

/** The commented fixture's card with `block` as its deployments (everything else, comments included, as it is). */
function withDeployments(block: string): string {
  const text = card().replace(/^deployments:\n(?: {2}.*\n)+/m, block);
  expect(text, 'the card has a block-style deployments list to swap').not.toBe(card());
  return text;
}

describe('spog promote', () => {
  it('hands the champion entry to a version that had no deployment, keeping the entry\'s comments', async () => {
    const made = await spog('new', 'model', 'basket', '--registry', repo.registry, '--owner', '@ana', '--task', 'regression', '--primary-metric', 'rmse', '--version', 'v1', '--metric', 'rmse=12.5');
    expect(made.code, made.stderr).toBe(0);
    expect((await spog('new', 'version', 'basket', 'v2', '--registry', repo.registry, '--parent', 'v1', '--metric', 'rmse=11.9')).code).toBe(0);
    const before = readFileSync(join(repo.registry, 'models/basket/README.md'), 'utf8');
    const comments = before.split('\n').filter((l) => /^\s+# /.test(l) && before.indexOf(l) > before.indexOf('deployments:'));
    expect(comments.length).toBeGreaterThan(0);
    const r = await spog('promote', 'basket', 'v2', '--registry', repo.registry, '--date', '2026-11-02');
    expect(r.code, r.stderr).toBe(0);
    const after = readFileSync(join(repo.registry, 'models/basket/README.md'), 'utf8');
    for (const c of comments) expect(after).toContain(c);
    expect(after).toMatch(/- version: v2\n(?:.*\n)*?\s+role: champion/);
    expect(after).not.toContain('version: v1');
  });

  it('turns the challenger into the champion with a minimal diff that keeps every comment', async () => {
    const r = await spog('promote', 'churn', 'v3', '--registry', repo.registry, '--date', '2026-11-02');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('promoted churn v3 to champion (was v2)');
    // The old champion's entry goes; the challenger's entry changes in place; both comments stay.
    expect(diff()).toBe(`diff --git a/registry/models/churn/README.md b/registry/models/churn/README.md
index 7ab3bfb..932f5a7 100644
--- a/registry/models/churn/README.md
+++ b/registry/models/churn/README.md
@@ -13,11 +13,7 @@ deployments:
   # The champion serves every customer.
-  - version: v2
-    role: champion
-    mode: production
-    since: "2026-09-01"
   # v3 runs in shadow until it has a month of evidence.
   - version: v3
-    role: challenger
-    mode: shadow
-    since: "2026-10-01"
+    role: champion
+    mode: production
+    since: "2026-11-02"
 tags: [retention, tier-1]
`);
    expect(loadRegistry(repo.registry).counts.errors).toBe(0);
  });

  it('keeps the old champion as a shadow challenger with --old shadow', async () => {
    const r = await spog('promote', 'churn', 'v3', '--registry', repo.registry, '--date', '2026-11-02', '--old', 'shadow');
    expect(r.code).toBe(0);
    expect(git(repo.dir, ['diff', '--numstat'])).toBe('6\t6\tregistry/models/churn/README.md\n');
    expect(card()).toContain(`deployments:
  # The champion serves every customer.
  - version: v2
    role: challenger
    mode: shadow
    since: "2026-11-02"
  # v3 runs in shadow until it has a month of evidence.
  - version: v3
    role: champion
    mode: production
    since: "2026-11-02"
tags: [retention, tier-1]
`);
    expect(loadRegistry(repo.registry).counts.errors).toBe(0);
  });

  it("hands the champion's endpoint and environment to the promoted version, and the shadow's own endpoint to the old champion", async () => {
    const path = join(repo.registry, 'models/churn/README.md');
    writeFileSync(path, withDeployments(`deployments:
  - version: v2
    role: champion
    mode: production
    since: "2026-09-01"
    environment: prod-eu
    endpoint: https://api.example.org/churn
  - version: v3
    role: challenger
    mode: shadow
    since: "2026-10-01"
    endpoint: https://api.example.org/churn-shadow
`));
    git(repo.dir, ['commit', '-qam', 'endpoints']);
    const r = await spog('promote', 'churn', 'v3', '--registry', repo.registry, '--date', '2026-11-02', '--old', 'shadow');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('v3: endpoint https://api.example.org/churn (the champion\'s), was https://api.example.org/churn-shadow');
    const deps = loadRegistry(repo.registry).models[0].card!.deployments;
    expect(deps.find((d) => d.version === 'v3')).toMatchObject({ role: 'champion', endpoint: 'https://api.example.org/churn', environment: 'prod-eu' });
    expect(deps.find((d) => d.version === 'v2')).toMatchObject({ role: 'challenger', mode: 'shadow', endpoint: 'https://api.example.org/churn-shadow', environment: 'prod-eu' });
    expect(loadRegistry(repo.registry).counts.errors).toBe(0);
  });

  it('removes the endpoint from an old champion kept in shadow when the promoted version had none', async () => {
    const path = join(repo.registry, 'models/churn/README.md');
    writeFileSync(path, withDeployments(`deployments:
  - version: v2
    role: champion
    mode: production
    since: "2026-09-01"
    endpoint: batch/churn-nightly
  - version: v3
    role: challenger
    mode: shadow
    since: "2026-10-01"
`));
    git(repo.dir, ['commit', '-qam', 'endpoint']);
    const r = await spog('promote', 'churn', 'v3', '--registry', repo.registry, '--date', '2026-11-02', '--old', 'shadow');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('v2: endpoint removed');
    const deps = loadRegistry(repo.registry).models[0].card!.deployments;
    expect(deps.find((d) => d.version === 'v3')).toMatchObject({ role: 'champion', endpoint: 'batch/churn-nightly' });
    expect(deps.find((d) => d.version === 'v2')).not.toHaveProperty('endpoint');
  });

  it('changes one line of a one-line flow-style deployment list', async () => {
    const states = makeRepo('workflow/states');
    try {
      const r = await spog('promote', 'challenger', 'v2', '--registry', states.registry, '--date', '2026-11-02');
      expect(r.code).toBe(0);
      const d = git(states.dir, ['diff', '--no-color', '-U0']).split('\n').filter((l) => /^[-+][^-+]/.test(l));
      expect(d).toEqual([
        '-deployments: [{"version": "v1", "role": "champion", "mode": "production"}, {"version": "v2", "role": "challenger", "mode": "shadow"}]',
        '+deployments: [{"version": "v2", "role": "champion", "mode": "production", since: "2026-11-02"}]',
      ]);
      expect(loadRegistry(states.registry).counts.errors).toBe(0);
    } finally {
      states.cleanup();
    }
  });

  it('refuses an unknown version, a retired version, and a retired model, changing nothing', async () => {
    const before = card();
    const unknown = await spog('promote', 'churn', 'v9', '--registry', repo.registry);
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toContain('model "churn" has no version "v9" (known: v1, v2, v3)');
    await spog('retire', 'churn', 'v1', '--registry', repo.registry);
    const retired = await spog('promote', 'churn', 'v1', '--registry', repo.registry);
    expect(retired.code).toBe(1);
    expect(retired.stderr).toContain('version v1 is retired (models/churn/versions/v1.yaml: retired: true)');
    expect(card()).toBe(before);
    await spog('retire', 'churn', '--registry', repo.registry);
    const model = await spog('promote', 'churn', 'v3', '--registry', repo.registry);
    expect(model.stderr).toContain('model "churn" is retired');
  });

  it('says so and changes nothing when the version already is the champion', async () => {
    const r = await spog('promote', 'churn', 'v2', '--registry', repo.registry);
    expect(r).toMatchObject({ code: 0, stdout: 'v2 is already the champion of churn: nothing to change\n' });
    expect(diff()).toBe('');
  });

  it('writes nothing with --dry-run', async () => {
    const r = await spog('promote', 'churn', 'v3', '--registry', repo.registry, '--dry-run');
    expect(r.stdout).toContain('(dry run: nothing written)');
    expect(diff()).toBe('');
  });
});

describe('spog retire and set-lifecycle', () => {
  it('retires a challenger version: retired: true, and out of the deployments', async () => {
    const r = await spog('retire', 'churn', 'v3', '--registry', repo.registry);
    expect(r.code).toBe(0);
    const d = git(repo.dir, ['diff', '--no-color', '-U0']).split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(d).toEqual([
      '-  # v3 runs in shadow until it has a month of evidence.',
      '-  - version: v3',
      '-    role: challenger',
      '-    mode: shadow',
      '-    since: "2026-10-01"',
      '+retired: true',
    ]);
    expect(loadRegistry(repo.registry).counts.errors).toBe(0);
  });

  it('refuses to retire the champion and says what to do instead', async () => {
    const r = await spog('retire', 'churn', 'v2', '--registry', repo.registry);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('v2 is the champion of churn; promote another version first (e.g. spog promote churn v3), or retire the whole model (spog retire churn)');
  });

  it('sets the lifecycle on its own line, keeping the comment after it', async () => {
    const r = await spog('set-lifecycle', 'churn', 'retraining', '--registry', repo.registry);
    expect(r.code).toBe(0);
    const d = git(repo.dir, ['diff', '--no-color', '-U0']).split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(d).toEqual(['-lifecycle: production   # production since the 2026 relaunch', '+lifecycle: retraining   # production since the 2026 relaunch']);
    const bad = await spog('set-lifecycle', 'churn', 'paused', '--registry', repo.registry);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('lifecycle "paused" is not one of development, staging, production, retraining, offline, retired');
  });
});
