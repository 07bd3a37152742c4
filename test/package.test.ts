/**
 * spog and its Python client are released together: one version (semver) in package.json, the
 * client's pyproject.toml and `spog.__version__`, with its entry in CHANGELOG.md; and the
 * package carries what an installed spog runs (compiled JavaScript, the pages, the schemas).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('the release', () => {
  it('has one semver version for spog, spog-client and the changelog', () => {
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(readFileSync(join(ROOT, 'python', 'pyproject.toml'), 'utf8')).toMatch(new RegExp(`^version = "${pkg.version}"$`, 'm'));
    expect(readFileSync(join(ROOT, 'python', 'src', 'spog', '__init__.py'), 'utf8')).toMatch(new RegExp(`^__version__ = "${pkg.version}"$`, 'm'));
    expect(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')} `, 'm'));
  });

  it('installs as a package that runs compiled JavaScript on the Node versions Astro supports', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin.spog).toBe('bin/spog.js');
    expect(pkg.files).toEqual(expect.arrayContaining(['bin/', 'lib/', 'src/', 'public/', 'astro.config.mjs']));
    const astro = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'astro', 'package.json'), 'utf8'));
    expect(pkg.engines.node).toBe(astro.engines.node);
    expect(pkg.scripts.prepare).toBe('npm run compile');
  });
});
