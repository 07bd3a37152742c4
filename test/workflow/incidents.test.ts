/**
 * `spog ack` and `spog resolve` on a real git repository holding the states fixture (evaluated
 * as of its pinned 2026-10-31): what they write, how a second ack updates, and what they refuse.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AsOf } from '../../src/core/time.ts';
import { stampOf } from '../../src/workflow/incidents.ts';
import { git, makeRepo, spog, type Repo } from './helpers.ts';

let repo: Repo;
beforeEach(() => {
  repo = makeRepo('states');
});
afterEach(() => repo.cleanup());

const incidentsOf = (id: string) => {
  const dir = join(repo.registry, 'models', id, 'incidents');
  return existsSync(dir) ? readdirSync(dir) : [];
};
const read = (id: string, name: string) => readFileSync(join(repo.registry, 'models', id, 'incidents', name), 'utf8');
const status = () => git(repo.dir, ['status', '--porcelain', '--untracked-files=all']);

describe('spog ack', () => {
  it('writes one incident file with who, when, the note, the until day and the health and reasons spog computes now', async () => {
    const r = await spog('ack', 'red', '--registry', repo.registry, '--note', 'retraining on October data; v2 expected Friday', '--until', '2026-11-06', '--owner', '@maria');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('acknowledged red (red now) by @maria, until 2026-11-06: retraining on October data; v2 expected Friday');
    expect(r.stdout).toContain('health at the acknowledgement: red (auc 0.7 (mean of last 10) is 12.5% worse than expected 0.8)');
    expect(status()).toBe('?? registry/models/red/incidents/2026-10-31-1.yaml\n');
    expect(read('red', '2026-10-31-1.yaml')).toBe(`status: acknowledged
opened: "2026-10-31"
by: "@maria"
note: retraining on October data; v2 expected Friday
until: "2026-11-06"
health:
  as_of: "2026-10-31"
  status: red
  reasons:
    - auc 0.7 (mean of last 10) is 12.5% worse than expected 0.8
`);
    // And the registry still validates.
    expect((await spog('validate', repo.registry)).code).toBe(0);
  });

  it('updates the open incident on a second ack (note, until, who and when) instead of opening another', async () => {
    await spog('ack', 'red', '--registry', repo.registry, '--note', 'retraining', '--until', '2026-11-06', '--owner', '@maria');
    git(repo.dir, ['add', '-A']);
    git(repo.dir, ['commit', '-qm', 'ack red']);
    const r = await spog('ack', 'red', '--registry', repo.registry, '--note', 'retraining took longer; evaluation Monday', '--until', '2026-11-09', '--owner', '@li');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('updated the open incident 2026-10-31-1 of red (@li, until 2026-11-09): retraining took longer; evaluation Monday');
    expect(incidentsOf('red')).toEqual(['2026-10-31-1.yaml']);
    const changed = git(repo.dir, ['diff', '--no-color', '-U0']).split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(changed).toEqual([
      '-note: retraining',
      '-until: "2026-11-06"',
      '+note: retraining took longer; evaluation Monday',
      '+until: "2026-11-09"',
      '+updated: "2026-10-31"',
      '+updated_by: "@li"',
    ]);
  });

  it('takes the day from --as-of, and opens a second file on a day that already has a resolved one', async () => {
    await spog('ack', 'amber', '--registry', repo.registry, '--note', 'watching it', '--owner', '@maria', '--as-of', '2026-10-20');
    await spog('resolve', 'amber', '--registry', repo.registry, '--as-of', '2026-10-20');
    const r = await spog('ack', 'amber', '--registry', repo.registry, '--note', 'back again', '--owner', '@maria', '--as-of', '2026-10-20');
    expect(r.code).toBe(0);
    expect(incidentsOf('amber')).toEqual(['2026-10-20-1.yaml', '2026-10-20-2.yaml']);
    expect(read('amber', '2026-10-20-2.yaml')).toMatch(/^status: acknowledged\nopened: "2026-10-20"\n/);
    // The health recorded is the engine's on that day.
    expect(read('amber', '2026-10-20-2.yaml')).toContain('  as_of: "2026-10-20"\n');
  });

  it('refuses without --note, with an --until in the past or not a day, and for an unknown model, writing nothing', async () => {
    const noNote = await spog('ack', 'red', '--registry', repo.registry, '--owner', '@maria');
    expect(noNote.code).toBe(2);
    expect(noNote.stderr).toContain('--note is required');
    const past = await spog('ack', 'red', '--registry', repo.registry, '--note', 'x', '--until', '2026-10-01', '--owner', '@maria');
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('--until 2026-10-01 is before today (2026-10-31)');
    const notADay = await spog('ack', 'red', '--registry', repo.registry, '--note', 'x', '--until', 'friday', '--owner', '@maria');
    expect(notADay.code).toBe(2);
    expect(notADay.stderr).toContain('--until "friday" is not a day (expected YYYY-MM-DD, e.g. --until 2026-11-06)');
    const unknown = await spog('ack', 'nope', '--registry', repo.registry, '--note', 'x', '--owner', '@maria');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no model "nope"');
    expect(status()).toBe('');
  });

  it('takes the acknowledger from git config user.name when --owner is not given', async () => {
    const r = await spog('ack', 'red', '--registry', repo.registry, '--note', 'on it');
    expect(r.code).toBe(0);
    expect(read('red', '2026-10-31-1.yaml')).toContain('by: Ana Lopez\n');
  });
});

describe('spog resolve', () => {
  it('closes the open incident: status resolved, the day and how', async () => {
    await spog('ack', 'red', '--registry', repo.registry, '--note', 'retraining', '--owner', '@maria');
    const r = await spog('resolve', 'red', '--registry', repo.registry, '--note', 'v2 promoted; AUC back at 0.8', '--as-of', '2026-11-04');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('resolved incident 2026-10-31-1 of red: v2 promoted; AUC back at 0.8');
    const text = read('red', '2026-10-31-1.yaml');
    expect(text).toMatch(/^status: resolved\n/);
    expect(text.endsWith('resolved: "2026-11-04"\nresolution: v2 promoted; AUC back at 0.8\n')).toBe(true);
  });

  it('is a usage error when no incident is open, and says how to open one', async () => {
    const r = await spog('resolve', 'red', '--registry', repo.registry);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('red has no open incident to resolve; acknowledge a problem first with spog ack red --note TEXT');
    expect(status()).toBe('');
  });

  it('refuses a resolution dated before the acknowledgement (the loader validates the edit), changing nothing', async () => {
    await spog('ack', 'red', '--registry', repo.registry, '--note', 'retraining', '--owner', '@maria');
    const before = read('red', '2026-10-31-1.yaml');
    const r = await spog('resolve', 'red', '--registry', repo.registry, '--as-of', '2026-10-01');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('models/red/incidents/2026-10-31-1.yaml:');
    expect(r.stderr).toContain('resolved: resolved (2026-10-01) is before the day it was opened (2026-10-31)');
    expect(read('red', '2026-10-31-1.yaml')).toBe(before);
  });
});

describe('"now" in an incident', () => {
  const day = (source: AsOf['source']): AsOf => ({ date: '2026-10-31', endMs: Date.parse('2026-10-31T23:59:59.999Z'), source });
  it('is the day for --as-of and a pinned registry, the instant for SOURCE_DATE_EPOCH and today', () => {
    expect(stampOf(day('flag'))).toBe('2026-10-31');
    expect(stampOf(day('registry'))).toBe('2026-10-31');
    expect(stampOf(day('SOURCE_DATE_EPOCH'), 0, String(Date.parse('2026-10-31T09:15:00Z') / 1000))).toBe('2026-10-31T09:15:00Z');
    expect(stampOf(day('today'), Date.parse('2026-10-31T17:42:09.123Z'))).toBe('2026-10-31T17:42:09Z');
  });
});
