import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeRegistry, startCompute } from '../../src/compute/snapshot.ts';
import { buildSnapshot } from '../../src/core/snapshot.ts';
import { loadAt } from '../../src/registry/at.ts';

const hostile = readdirSync('test/fixtures/hostile', { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `test/fixtures/hostile/${e.name}`);

describe('the snapshot computed in worker threads (what spog build uses)', () => {
  for (const dir of ['registry', 'test/fixtures/states', 'test/fixtures/minimal', ...hostile]) {
    it(`equals the one computed on one thread, diagnostics and counts included: ${dir}`, async () => {
      const { reg, asOf } = loadAt(dir, undefined, { threads: 0 });
      const expected = buildSnapshot(reg, asOf);
      const [two, none] = await Promise.all([computeRegistry(dir, { threads: 2 }), computeRegistry(dir, { threads: 0 })]);
      for (const got of [two, none]) {
        expect(got.snapshot).toEqual(expected);
        expect(got.diagnostics).toEqual(reg.diagnostics);
        expect(got.counts).toEqual(reg.counts);
        expect(got.asOf).toEqual(asOf);
      }
    });
  }

  it('takes --as-of over the registry pin, and refuses a malformed one before any work starts', async () => {
    const started = startCompute('test/fixtures/states', { asOfFlag: '2026-10-15', threads: 2 });
    expect(started.asOf).toMatchObject({ date: '2026-10-15', source: 'flag' });
    expect(started.models).toBeGreaterThan(3);
    expect((await started.done).snapshot.as_of).toEqual({ date: '2026-10-15', source: 'flag' });
    expect(() => startCompute('test/fixtures/states', { asOfFlag: '31/10/2026' })).toThrow(/--as-of/);
  });

  it('reports a missing registry as a diagnostic, not a crash', async () => {
    const got = await computeRegistry('test/fixtures/no-such-registry', { threads: 2 });
    expect(got.snapshot.models).toEqual([]);
    expect(got.diagnostics[0].message).toMatch(/does not exist/);
    expect(got.counts.errors).toBeGreaterThan(0);
  });
});
