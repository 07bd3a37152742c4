import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveAsOf } from '../../src/core/time.ts';
import { formatDiagnostic } from '../../src/registry/diagnostics.ts';
import { LIMITS } from '../../src/registry/files.ts';
import { loadRegistry } from '../../src/registry/load.ts';

const CORPUS = 'test/fixtures/hostile';
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function overlay(caseDir?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'spog-hostile-'));
  temps.push(dir);
  cpSync('test/fixtures/minimal', dir, { recursive: true });
  if (caseDir) cpSync(caseDir, dir, { recursive: true, filter: (src) => !src.endsWith('expected.txt') });
  return dir;
}

const cases = readdirSync(CORPUS).filter((n) => statSync(join(CORPUS, n)).isDirectory()).sort();

describe('the hostile-input corpus', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(15));

  for (const name of cases) {
    it(`${name}: gives the expected error naming file and line, and runs no code`, () => {
      const reg = loadRegistry(overlay(join(CORPUS, name)));
      const printed = reg.diagnostics.map(formatDiagnostic);
      const expected = readFileSync(join(CORPUS, name, 'expected.txt'), 'utf8').trim().split('\n');
      for (const line of expected) expect(printed.some((p) => p.startsWith(line)), `${line}\n--- got:\n${printed.join('\n')}`).toBe(true);
      expect(reg.counts.errors).toBeGreaterThan(0);
      for (const d of reg.diagnostics) expect(d.file).toMatch(/^(models|spog\.yaml|\.)/);
      expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });
  }

  it('oversized files are refused with the limit named', () => {
    const dir = overlay();
    writeFileSync(join(dir, 'models/churn/versions/v1.yaml'), `version: v1\ntrained_at: "2026-06-01"\nnotes: "${'x'.repeat(LIMITS.yaml)}"\n`);
    expect(loadRegistry(dir).diagnostics.map(formatDiagnostic)).toContainEqual(expect.stringMatching(/^models\/churn\/versions\/v1\.yaml {2}file is \d+ bytes, over the 1048576-byte limit/));
  });

  it('a metric line longer than the line limit is refused and the others load', () => {
    const dir = overlay();
    const file = join(dir, 'models/churn/metrics/2026-10.ndjson');
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"ts":"2026-10-01","version":"v2","metric":"auc","value":0.8,"run":"${'r'.repeat(1_000_001)}"}\n`);
    const reg = loadRegistry(dir);
    expect(reg.diagnostics.map(formatDiagnostic)).toContainEqual(expect.stringMatching(/2026-10\.ndjson:33:1 {2}line is \d+ characters, over the 1000000-character limit/));
    expect(reg.models[0].points).toBe(31);
  });

  it('a directory symlink leaving the registry is refused', () => {
    const dir = overlay();
    symlinkSync('/etc', join(dir, 'models/etc'));
    const printed = loadRegistry(dir).diagnostics.map(formatDiagnostic);
    expect(printed).toContainEqual(expect.stringMatching(/^models\/etc {2}symbolic link points outside the registry/));
  });

  it('warns about timestamps after the evaluation time', () => {
    const dir = overlay();
    writeFileSync(join(dir, 'models/churn/metrics/2026-12.ndjson'), '{"ts":"2026-12-01","version":"v2","metric":"auc","value":0.8}\n');
    const reg = loadRegistry(dir, { asOf: resolveAsOf({ flag: '2026-10-31' }) });
    expect(reg.diagnostics.map(formatDiagnostic)).toContainEqual(expect.stringMatching(/2026-12\.ndjson:1 {2}warning ts: 1 line\(s\) are after the evaluation time/));
    expect(reg.counts.errors).toBe(0);
  });
});
