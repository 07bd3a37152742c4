import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run bench (a tiny run; CI does not run the full bench)', () => {
  it('generates a fixture, validates and computes it, and ends with one JSON line of figures', () => {
    const r = spawnSync(process.execPath, ['scripts/bench.ts', '--models', '6', '--days', '20', '--features', '3', '--skip', 'build,bare,ks'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^spog bench on /);
    expect(lines.some((l) => /^validate: [\d.]+ s, peak RSS \d+ MB: ok: .* 6 models/.test(l))).toBe(true);
    const figures = JSON.parse(lines[lines.length - 1]);
    expect(figures).toMatchObject({ metric_points: expect.any(Number), validate_s: expect.any(Number), compute_s: expect.any(Number), points_per_s: expect.any(Number), peak_rss_mb: expect.any(Number) });
    expect(figures.metric_points).toBeGreaterThan(6 * 8 * 10);
    expect(figures.peak_rss_mb).toBeGreaterThan(20);
  }, 120_000);
});
