import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCodeOwner } from '../../src/workflow/codeowners.ts';
import { makeRepo, spog, type Repo } from './helpers.ts';

let repo: Repo;
const owners = () => join(repo.dir, '.github', 'CODEOWNERS');

beforeEach(() => {
  repo = makeRepo('workflow/commented');
});
afterEach(() => repo.cleanup());

describe('spog codeowners', () => {
  it('writes one rule per model directory with the card owners', async () => {
    const r = await spog('codeowners', '--registry', repo.registry);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(owners(), 'utf8')).toBe(`# Code owners: https://docs.github.com/articles/about-code-owners

# BEGIN spog codeowners: generated from the model cards by \`npx spog codeowners\`; edit owners in the cards
/registry/models/churn/ @ana bob@example.org
# END spog codeowners
`);
    const check = await spog('codeowners', '--registry', repo.registry, '--check');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/CODEOWNERS is up to date \(1 model\)\n$/);
  });

  it('--check exits 1 when the file is missing or an owner changed', async () => {
    const missing = await spog('codeowners', '--registry', repo.registry, '--check');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('is out of date with the model cards\' owners (it does not exist); run `npx spog codeowners` and commit it');
    await spog('codeowners', '--registry', repo.registry);
    const card = join(repo.registry, 'models/churn/README.md');
    writeFileSync(card, readFileSync(card, 'utf8').replace('owners: ["@ana", bob@example.org]', 'owners: ["@ana", "@acme/growth-ml"]'));
    expect((await spog('codeowners', '--registry', repo.registry, '--check')).code).toBe(1);
    await spog('codeowners', '--registry', repo.registry);
    expect(readFileSync(owners(), 'utf8')).toContain('/registry/models/churn/ @ana @acme/growth-ml\n');
  });

  it('keeps rules written by hand and leaves out owners GitHub would reject', async () => {
    mkdirSync(join(repo.dir, '.github'));
    writeFileSync(owners(), '# Platform team owns the tooling\n/src/ @acme/platform\n');
    const card = join(repo.registry, 'models/churn/README.md');
    writeFileSync(card, readFileSync(card, 'utf8').replace('owners: ["@ana", bob@example.org]', 'owners: ["Ana Lopez"]'));
    const r = await spog('codeowners', '--registry', repo.registry);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('churn: owner "Ana Lopez" is not a GitHub handle (@user, @org/team) or e-mail address; left out of CODEOWNERS');
    const text = readFileSync(owners(), 'utf8');
    expect(text.startsWith('# Platform team owns the tooling\n/src/ @acme/platform\n\n# BEGIN spog codeowners')).toBe(true);
    expect(text).toContain('# /registry/models/churn/ has no owner GitHub accepts (owners: Ana Lopez); use @handles or e-mail addresses');
    expect(existsSync(owners())).toBe(true);
  });

  it('accepts @user, @org/team and e-mail addresses only', () => {
    expect(['@ana', '@acme/ml-team', 'ana@example.org'].every(isCodeOwner)).toBe(true);
    expect(['Ana Lopez', 'ana', '@', 'a b@c.d', '#channel'].some(isCodeOwner)).toBe(false);
  });
});
