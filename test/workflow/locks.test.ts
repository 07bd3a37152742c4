/**
 * Lock recovery and concurrent edits, with real processes and real files: a writer that died
 * holding a lock (killed between creating and writing it, or after) never blocks the next one for
 * long, a live holder is never broken, and a promote and a set-lifecycle run at the same moment
 * as two processes both land. The disk-full and read-only cases need a mount: test/faults/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metricInputs } from '../../src/cli/log-input.ts';
import { logMetrics } from '../../src/workflow/log.ts';
import { FIXTURES } from './helpers.ts';

const SPOG = join(import.meta.dirname, '..', '..', 'scripts', 'spog.ts');
const NOW = Date.parse('2026-11-01T00:00:00Z');

let dir: string;
let reg: string;
const monthFile = () => join(reg, 'models', 'churn', 'metrics', '2026-10.ndjson');
const lockFile = () => `${monthFile()}.lock`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spog-locks-'));
  reg = join(dir, 'registry');
  cpSync(join(FIXTURES, 'minimal'), reg, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `spog log` of one record, waiting at most `lockTimeoutMs` for the lock; its outcome and how long it took. */
function logOne(run: string, lockTimeoutMs: number) {
  const started = Date.now();
  const raw = metricInputs({ model: 'churn', version: 'v2', metric: 'auc', value: '0.8', n: '100', ts: '2026-10-31T06:00:00Z', run }, NOW);
  const r = logMetrics(raw, { registry: reg, nowMs: NOW, lockTimeoutMs });
  return { ...r, ms: Date.now() - started };
}

/** The pid of a process that has exited (so nothing runs under it now). */
function deadPid(): number {
  const p = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(p.stdout);
}

describe('a lock left behind by a writer that died', () => {
  it('is broken within seconds when the writer was killed between creating the lock and writing it', () => {
    // The old protocol's window, reproduced by a real process: O_CREAT|O_EXCL, then SIGKILL.
    const crash = spawnSync(process.execPath, ['-e', `require('node:fs').openSync(${JSON.stringify(lockFile())}, 'wx'); process.kill(process.pid, 'SIGKILL')`]);
    expect(crash.signal).toBe('SIGKILL');
    expect(readFileSync(lockFile(), 'utf8')).toBe('');
    const r = logOne('after-crash', 10_000);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.ms).toBeLessThan(10_000);
    expect(existsSync(lockFile())).toBe(false);
  });

  it('is broken at once when it is empty and older than a few seconds', () => {
    writeFileSync(lockFile(), '');
    const minuteAgo = (Date.now() - 60_000) / 1000;
    utimesSync(lockFile(), minuteAgo, minuteAgo);
    expect(logOne('old-empty', 2_000)).toMatchObject({ exitCode: 0, stderr: '' });
  });

  it('is broken at once when its holder pid is no longer running on this host', () => {
    writeFileSync(lockFile(), `${deadPid()} ${hostname()} 0123456789abcdef ${new Date().toISOString()}\n`);
    expect(logOne('dead-holder', 2_000)).toMatchObject({ exitCode: 0, stderr: '' });
  });

  it('is broken when its pid now belongs to a process started after the lock was taken', () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      const fiveMinutesAgo = new Date(Date.now() - 300_000);
      writeFileSync(lockFile(), `${other.pid} ${hostname()} 0123456789abcdef ${fiveMinutesAgo.toISOString()}\n`);
      utimesSync(lockFile(), fiveMinutesAgo, fiveMinutesAgo);
      expect(logOne('pid-reused', 2_000)).toMatchObject({ exitCode: 0, stderr: '' });
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('is kept while its holder runs: the writer waits, then says who holds it and writes nothing', () => {
    const before = readFileSync(monthFile(), 'utf8');
    const line = `${process.pid} ${hostname()} 0123456789abcdef ${new Date().toISOString()}`;
    writeFileSync(lockFile(), `${line}\n`);
    const r = logOne('held', 500);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`spog: could not lock ${monthFile()} within 1 s: ${lockFile()} is held by "${line}" (pid host token start); if no spog process is running on that host, delete it; nothing written\n`);
    expect(readFileSync(monthFile(), 'utf8')).toBe(before);
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${line}\n`);
  });

  it('leaves no trace of a killed writer\'s temporary files in the month file', () => {
    writeFileSync(`${monthFile()}.spog-tmp`, '{"ts":"2026-10-31","version":"v2","met');
    writeFileSync(`${lockFile()}.4242-deadbeef.spog-tmp`, '4242 elsewhere token\n');
    const before = readFileSync(monthFile(), 'utf8');
    expect(logOne('after-leftovers', 2_000)).toMatchObject({ exitCode: 0, stderr: '' });
    const after = readFileSync(monthFile(), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe('{"ts":"2026-10-31T06:00:00Z","version":"v2","metric":"auc","value":0.8,"n":100,"run":"after-leftovers"}\n');
    expect(existsSync(`${monthFile()}.spog-tmp`)).toBe(false);
  });
});

describe('two edits of one model at the same moment', () => {
  /** Run `spog ...args` as its own process. */
  const spogProcess = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, [SPOG, ...args, '--registry', reg], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true' } });
      let stderr = '';
      p.stderr.on('data', (d) => (stderr += d));
      p.on('close', (code) => resolve({ code, stderr }));
    });

  it('keeps both a promote and a set-lifecycle run as two processes, in 12 trials out of 12', async () => {
    rmSync(reg, { recursive: true });
    cpSync(join(FIXTURES, 'workflow', 'commented'), reg, { recursive: true });
    const card = join(reg, 'models', 'churn', 'README.md');
    const original = readFileSync(card, 'utf8');
    const lost: string[] = [];
    for (let trial = 0; trial < 12; trial++) {
      writeFileSync(card, original);
      const [a, b] = await Promise.all([spogProcess(['promote', 'churn', 'v3', '--date', '2026-11-02']), spogProcess(['set-lifecycle', 'churn', 'retraining'])]);
      expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
      const text = readFileSync(card, 'utf8');
      const promoted = /- version: v3\n {4}role: champion\n {4}mode: production\n {4}since: "2026-11-02"/.test(text) && !/version: v2/.test(text);
      const lifecycle = /^lifecycle: retraining {3}# production since the 2026 relaunch$/m.test(text);
      if (!promoted || !lifecycle) lost.push(`trial ${trial}: ${promoted ? '' : 'promotion lost '}${lifecycle ? '' : 'lifecycle lost'}`);
    }
    expect(lost).toEqual([]);
    expect(readdirSync(join(reg, 'models', 'churn')).sort()).toEqual(['README.md', 'metrics', 'versions']);
  }, 120_000);
});
