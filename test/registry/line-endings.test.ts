/** Windows line endings (CRLF) and a UTF-8 byte-order mark are accepted in every registry file kind. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/registry/diagnostics.ts';
import { loadRegistry } from '../../src/registry/load.ts';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

/** A copy of the minimal fixture with every file rewritten by `edit`. */
function rewritten(edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'spog-eol-'));
  temps.push(dir);
  cpSync('test/fixtures/minimal', dir, { recursive: true });
  for (const f of filesUnder(dir)) writeFileSync(f, edit(readFileSync(f, 'utf8')));
  return dir;
}

const crlf = (t: string) => t.replace(/\n/g, '\r\n');
const bom = (t: string) => `\uFEFF${t}`;

describe('line endings and byte-order marks', () => {
  it('a model card written with CRLF loads (its front matter ends in "}\\r" before the closing ---)', () => {
    const dir = rewritten(crlf);
    expect(readFileSync(join(dir, 'models/churn/README.md'), 'utf8')).toContain('mode: shadow}\r\n---\r\n');
    const reg = loadRegistry(dir);
    expect(reg.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(reg.models[0].card?.deployments.map((d) => d.version)).toEqual(['v2', 'v1']);
    expect(reg.models[0].body).toContain('# Churn propensity');
  });

  it('CRLF and a byte-order mark in every file (card, spog.yaml, versions, metric lines) load as the LF files do', () => {
    const plain = loadRegistry('test/fixtures/minimal');
    const reg = loadRegistry(rewritten((t) => bom(crlf(t))));
    expect(reg.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(reg.counts).toEqual(plain.counts);
    expect(reg.models[0].card).toEqual(plain.models[0].card);
  });

  it('an error in a CRLF card is reported as in the LF card, same line and column', () => {
    const broken = (t: string) => t.replace('task: binary_classification', 'task: [binary');
    const first = (dir: string) => loadRegistry(dir).diagnostics.map(formatDiagnostic)[0];
    const lf = first(rewritten(broken));
    expect(lf).toMatch(/^models\/churn\/README\.md:6:1  YAML syntax error: /);
    expect(first(rewritten((t) => crlf(broken(t))))).toBe(lf);
  });
});
