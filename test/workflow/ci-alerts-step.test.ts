/**
 * The "Alerts for this push" step of .github/workflows/main.yml, run with bash in a real clone:
 * after a force-push the commit before it is fetched by id when the remote still has it, and when
 * it cannot be had the step falls back to the null commit (a first push) instead of failing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitAll, git, makeRepo } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** The step's script, as the workflow file has it. */
const script = (() => {
  const yaml = readFileSync(join(ROOT, '.github/workflows/main.yml'), 'utf8');
  const step = yaml.slice(yaml.indexOf('- name: Alerts for this push'));
  const body = step.slice(step.indexOf('run: |') + 'run: |'.length).split('\n').slice(1);
  return body.filter((l) => l.startsWith('          ') || l.trim() === '').map((l) => l.slice(10)).join('\n');
})();

const origin = makeRepo('minimal');
const clone = join(origin.dir, '..', `${origin.dir.split('/').pop()}-clone`);
const bin = join(clone, '..', `${origin.dir.split('/').pop()}-bin`);
afterAll(() => {
  origin.cleanup();
  rmSync(clone, { recursive: true, force: true });
  rmSync(bin, { recursive: true, force: true });
});

function runStep(before: string) {
  // `npx --no-install spog` of the step is this project's CLI.
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'npx'), `#!/bin/sh\nwhile [ "$1" != spog ]; do shift; done\nshift\nexec "${process.execPath}" "${join(ROOT, 'scripts/spog.ts')}" "$@"\n`);
  chmodSync(join(bin, 'npx'), 0o755);
  const summary = join(bin, 'summary.md');
  writeFileSync(summary, '');
  const r = spawnSync('bash', ['-e', '-c', script], {
    cwd: clone, encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, BEFORE: before, SITE_URL: 'https://example.org/', SPOG_SLACK_WEBHOOK: '', GITHUB_STEP_SUMMARY: summary },
  });
  return { code: r.status, stderr: r.stderr, summary: readFileSync(summary, 'utf8') };
}

describe('the CI alerts step after a force-push', () => {
  // A commit that was on main, then replaced by a force-push: origin still has it, the clone does not.
  writeFileSync(join(origin.registry, 'models/churn/metrics/2026-10.ndjson'), `${readFileSync(join(origin.registry, 'models/churn/metrics/2026-10.ndjson'), 'utf8')}{"ts":"2026-10-31","version":"v2","metric":"auc","value":0.5}\n`);
  const dropped = commitAll(origin.dir, 'A push that was later force-pushed away');
  git(origin.dir, ['reset', '-q', '--hard', 'HEAD~1']);
  // GitHub serves a commit by id while it exists; a local repository does so with this setting.
  git(origin.dir, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
  execFileSync('git', ['clone', '-q', '--no-local', origin.dir, clone]);

  it('fetches the commit before the push by its id when the remote still has it', () => {
    expect(spawnSync('git', ['cat-file', '-e', `${dropped}^{commit}`], { cwd: clone }).status).not.toBe(0);
    const r = runStep(dropped);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('cannot be fetched');
    expect(r.summary).toContain('### spog alerts');
  });

  it('falls back to "first push" when the commit cannot be had, instead of failing the job', () => {
    const r = runStep('1234567890abcdef1234567890abcdef12345678');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('The commit before this push (1234567890abcdef1234567890abcdef12345678) cannot be fetched (a force-push?)');
    expect(r.stderr).toContain('is the null commit (a first push)');
    expect(r.summary).toContain('### spog alerts');
  });
});
