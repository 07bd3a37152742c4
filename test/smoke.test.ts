import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('toolchain', () => {
  it('runs on the Node that the `node` devDependency pins (decision 1), not the machine\'s own', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> };
    expect(process.versions.node).toBe(pkg.devDependencies.node);
  });
});
