/**
 * A file that cannot be parsed is the one problem to report: what only follows from it (the
 * champion "has no version file", lines "refer to an unknown version") is not a second error.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/registry/diagnostics.ts';
import { loadRegistry } from '../../src/registry/load.ts';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A writable copy of a fixture. */
function copy(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'spog-root-'));
  temps.push(dir);
  cpSync(fixture, dir, { recursive: true });
  return dir;
}
const errors = (dir: string) => loadRegistry(dir).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);

// The champion v2 of test/fixtures/minimal, indented with a tab under `code:` (line 5).
const TABBED_V2 = 'version: v2\ntrained_at: "2026-08-30"\nparent: v1\ncode:\n\trepo: github.com/acme/churn\n\tcommit: 3f2a9c1\nmetrics:\n  auc: 0.84\n';

describe('a version file that cannot be parsed', () => {
  it('a tab-indented champion version gives one error, naming the tab, its line and the fix', () => {
    const dir = copy('test/fixtures/minimal');
    writeFileSync(join(dir, 'models/churn/versions/v2.yaml'), TABBED_V2);
    expect(errors(dir)).toEqual([
      'models/churn/versions/v2.yaml:5:1  the file uses a tab for indentation on line 5; YAML indents with spaces only: replace the tab with spaces (most editors: "convert indentation to spaces") (expected spaces before the key, e.g. "  repo: github.com/acme/churn")',
    ]);
  });

  it('one bad date in the champion version gives that error alone, not "the champion has no versions/v2.yaml"', () => {
    const dir = copy('test/fixtures/minimal');
    writeFileSync(join(dir, 'models/churn/versions/v2.yaml'), 'version: v2\ntrained_at: "2026-08-31x"\nparent: v1\nmetrics: {auc: 0.84}\n');
    const got = errors(dir);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^models\/churn\/versions\/v2\.yaml:2:\d+ {2}trained_at: /);
  });

  it('a version whose parent failed to parse is not told its parent is missing', () => {
    const dir = copy('test/fixtures/minimal');
    writeFileSync(join(dir, 'models/churn/versions/v1.yaml'), 'version: v1\ntrained_at: "2026-05-01"\nmetrics:\n\tauc: 0.8\n');
    expect(errors(dir)).toEqual([expect.stringMatching(/^models\/churn\/versions\/v1\.yaml:4:1 {2}the file uses a tab for indentation on line 4;/)]);
  });

  it('a version file that is really missing is still reported where it is named', () => {
    const dir = copy('test/fixtures/minimal');
    rmSync(join(dir, 'models/churn/versions/v2.yaml'));
    const got = errors(dir);
    expect(got.some((l) => l.includes('the champion refers to version "v2", which has no versions/v2.yaml'))).toBe(true);
    expect(got.some((l) => l.includes('line(s) refer to version "v2"'))).toBe(true);
  });

  it('on the demo, a tab in card-fraud\'s only version file gives one error instead of nine', () => {
    const dir = copy('registry');
    const file = join(dir, 'models/card-fraud/versions/v1.yaml');
    writeFileSync(file, 'version: v1\ntrained_at: "2026-03-02T08:00:00Z"\ncode:\n\trepo: github.com/example-bank/fraud-models\nmetrics: {auc: 0.9}\n');
    const reg = loadRegistry(dir);
    const got = reg.diagnostics.filter((d) => d.model === 'card-fraud').map(formatDiagnostic);
    expect(got).toEqual([expect.stringMatching(/^models\/card-fraud\/versions\/v1\.yaml:4:1 {2}the file uses a tab for indentation on line 4;/)]);
  });
});
