/**
 * A model with registry errors stays visible: in its team, in its lifecycle's counts, in "Needs
 * attention" with its first error; `spog build` publishes it and exits 0 with a warning, `spog
 * status --fail-on red|amber` let it through with a warning, `--fail-on unknown` fails on it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { statusCommand } from '../../src/cli/status.ts';
import { buildSnapshot } from '../../src/core/snapshot.ts';
import { resolveAsOf } from '../../src/core/time.ts';
import { fsSource } from '../../src/registry/source.ts';
import { loadRegistry, modelTeam, openRegistry } from '../../src/registry/load.ts';
import { frontMatterScalars } from '../../src/registry/parse.ts';

const tmp = mkdtempSync(join(tmpdir(), 'spog-regerr-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The minimal fixture (one production model "churn" of team growth) with its card rewritten. */
function withCard(name: string, edit: (card: string) => string): string {
  const dir = join(tmp, name);
  cpSync('test/fixtures/minimal', dir, { recursive: true });
  const card = join(dir, 'models/churn/README.md');
  writeFileSync(card, edit(readFileSync(card, 'utf8')));
  return dir;
}
const snapshotOf = (dir: string) => {
  const reg = loadRegistry(dir);
  return buildSnapshot(reg, resolveAsOf({ registry: reg.config.as_of }));
};

describe('the name, team and lifecycle of a card that cannot be used', () => {
  it('are read from its front matter lines, quoted or not, comments dropped, and only top-level keys', () => {
    const text = '---\nname: "Churn: propensity"\nteam: growth   # owners of the churn pipeline\ntask: [binary\nlifecycle: production\nnested:\n  team: other\n---\n# Body\nteam: body\n';
    expect(frontMatterScalars(text, ['name', 'team', 'lifecycle'])).toEqual({ name: 'Churn: propensity', team: 'growth', lifecycle: 'production' });
  });

  it('a YAML syntax error keeps the model in its team, under its name, counted as production and listed as needing attention', () => {
    const dir = withCard('syntax', (c) => c.replace('task: binary_classification', 'task: [binary'));
    const snap = snapshotOf(dir);
    const m = snap.models[0];
    expect(m).toMatchObject({ id: 'churn', name: 'Churn propensity', team: 'growth', lifecycle: 'production', health: 'unknown', registry_error: true });
    expect(m.reasons).toEqual([expect.stringMatching(/^registry error: 1 problem in this model's files \(first: models\/churn\/README\.md:6 YAML syntax error: /)]);
    expect(snap.fleet.attention).toMatchObject([{ id: 'churn', name: 'Churn propensity', team: 'growth', lifecycle: 'production', health: 'unknown', reason: m.reasons[0], more: 0 }]);
    expect(snap.fleet.counts.production).toEqual({ total: 1, by_health: { red: 0, amber: 0, green: 0, unknown: 1 } });
    expect(snap.fleet.by_lifecycle).toEqual({ production: 1 });
    expect(modelTeam(openRegistry(fsSource(dir)), 'churn')).toBe('growth');
  });

  it('a card that parses but does not validate (a required field wrong) keeps its team too', () => {
    const dir = withCard('schema', (c) => c.replace('owners: [ana@example.org]', 'owners: []'));
    const m = snapshotOf(dir).models[0];
    expect(m).toMatchObject({ team: 'growth', lifecycle: 'production', registry_error: true });
    expect(m.reasons[0]).toMatch(/\(first: models\/churn\/README\.md:3 owners: /);
  });

  it('a team that is not a valid id is not taken: the model is then "unassigned"', () => {
    const dir = withCard('bad-team', (c) => c.replace('team: growth', 'team: Not A Slug'));
    const m = snapshotOf(dir).models[0];
    expect(m).toMatchObject({ team: 'unassigned', lifecycle: 'production', registry_error: true });
    expect(modelTeam(openRegistry(fsSource(dir)), 'churn')).toBe('unassigned');
  });

  it('a retired model with a broken card is counted but not listed as needing attention', () => {
    const dir = withCard('retired', (c) => c.replace('lifecycle: production', 'lifecycle: retired').replace('task: binary_classification', 'task: [binary'));
    const snap = snapshotOf(dir);
    expect(snap.models[0].lifecycle).toBe('retired');
    expect(snap.fleet.attention).toEqual([]);
  });
});

describe('exit codes with registry errors', () => {
  const dir = withCard('gate', (c) => c.replace('task: binary_classification', 'task: [binary'));

  it('status --fail-on red and amber judge health only: exit 0, with a warning naming the model', () => {
    for (const level of ['red', 'amber'] as const) {
      const r = statusCommand(snapshotOf(dir), { failOn: level });
      expect(r.exitCode).toBe(0);
      expect(r.stderr).toBe(`spog: warning: 1 model(s) have registry errors and cannot be judged, so --fail-on ${level} does not fail on them: churn (spog validate exits 1 on them; --fail-on unknown fails on them too)\n`);
    }
  });

  it('status --fail-on unknown fails on them, without the warning', () => {
    const r = statusCommand(snapshotOf(dir), { failOn: 'unknown' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBeUndefined();
  });

  it('spog status --help and spog build --help say so', () => {
    const help = (cmd: string) => spawnSync(process.execPath, ['scripts/spog.ts', cmd, '--help'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(help('status')).toContain('red and amber judge health only and warn on stderr about models with registry errors');
    expect(help('build')).toContain('exit 0 when models have registry errors: they are published as such, with a warning');
  });

  it('spog build publishes the model and exits 0 with a warning on stderr', () => {
    const out = join(tmp, 'site');
    const r = spawnSync(process.execPath, ['scripts/spog.ts', 'build', '--registry', dir, '--out', out, '--no-cache'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('warning: 1 model(s) have registry errors and are shown as such: churn (run spog validate for details)');
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('Registry error');
    expect(html).toContain('models/churn/README.md:6 YAML syntax error');
  }, 120_000);
});
