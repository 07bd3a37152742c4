import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/core/random.ts';
import { loadRegistry } from '../../src/registry/load.ts';

const ITERATIONS = 300;
const BUDGET_MS = 20_000;
const TOKENS = ['&a', '*a', '---js\n', '__proto__: 1\n', '"constructor":1,', '.nan', '.inf', '{', '}', '[', ']', ':', '\n', '- ', '"', "'", '\\', '\u0000', '\uFFFD', '<<: *a', '!!js/function', '1e309', '-', '#', 'null', '~'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

describe('fuzzing registry files with random mutations', () => {
  it(`never crashes or hangs, and every problem names a file (${ITERATIONS} seeded mutations)`, () => {
    const rand = mulberry32(20261123);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const dir = mkdtempSync(join(tmpdir(), 'spog-fuzz-'));
    temps.push(dir);
    cpSync('test/fixtures/minimal', dir, { recursive: true });
    const files = walk(dir);
    const originals = new Map(files.map((f) => [f, readFileSync(f)]));
    const started = Date.now();
    let withErrors = 0;
    let i = 0;
    for (; i < ITERATIONS && Date.now() - started < BUDGET_MS; i++) {
      const file = pick(files);
      const buf = Buffer.from(originals.get(file)!);
      let text = buf.toString('latin1');
      const edits = 1 + Math.floor(rand() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * (text.length + 1));
        const op = rand();
        if (op < 0.4) text = text.slice(0, at) + pick(TOKENS) + text.slice(at);
        else if (op < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 8));
        else if (op < 0.9) text = text.slice(0, at) + String.fromCharCode(Math.floor(rand() * 256)) + text.slice(at + 1);
        else text = text.slice(0, at) + text.slice(at, at + 40).repeat(3) + text.slice(at + 40);
      }
      writeFileSync(file, Buffer.from(text, 'latin1'));
      const reg = loadRegistry(dir);
      for (const d of reg.diagnostics) {
        expect(typeof d.file === 'string' && d.file.length > 0, JSON.stringify(d)).toBe(true);
        expect(d.message.length).toBeGreaterThan(0);
      }
      if (reg.counts.errors > 0) withErrors++;
      writeFileSync(file, originals.get(file)!);
    }
    expect(i).toBeGreaterThanOrEqual(100);
    // The mutations must actually exercise the error paths.
    expect(withErrors).toBeGreaterThan(i / 3);
  });
});
