import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCodeOwner, ownersBlock } from '../../src/workflow/codeowners.ts';
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

# BEGIN spog codeowners: generated from the model cards by \`npx --no-install spog codeowners\`; edit owners in the cards
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
    expect(missing.stderr).toContain('is out of date with the model cards\' owners (it does not exist); run `npx --no-install spog codeowners` and commit it');
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
    expect(text).toContain('# /registry/models/churn/ has no owner GitHub accepts (owners: "Ana Lopez"); use @handles or e-mail addresses');
    expect(existsSync(owners())).toBe(true);
  });

  it('accepts @user, @org/team and e-mail addresses only', () => {
    expect(['@ana', '@acme/ml-team', 'ana@example.org'].every(isCodeOwner)).toBe(true);
    expect(['Ana Lopez', 'ana', '@', 'a b@c.d', '#channel', 'a#b@c.d', 'a@b.c\u0000', 'a\\b@c.d'].some(isCodeOwner)).toBe(false);
  });

  it('writes no rule from an owner or a model folder with a line break in it (each line comes from checked values)', () => {
    const block = ownersBlock([
      { id: 'churn', owners: ['nobody\n* @mallory\n#'] },
      { id: 'evil\n* @mallory', owners: ['ana@example.org'] },
      { id: 'ok', owners: ['@ana', 'x@y.z\n* @mallory'] },
    ], 'registry');
    expect(block.text).toBe(`# BEGIN spog codeowners: generated from the model cards by \`npx --no-install spog codeowners\`; edit owners in the cards
# /registry/models/churn/ has no owner GitHub accepts (owners: "nobody\\n* @mallory\\n#"); use @handles or e-mail addresses
/registry/models/ok/ @ana
# END spog codeowners
`);
    expect(block.refused).toEqual(['evil\n* @mallory']);
    expect(block.skipped).toEqual([{ id: 'churn', owner: 'nobody\n* @mallory\n#' }, { id: 'ok', owner: 'x@y.z\n* @mallory' }]);
  });

  it('spog validate refuses an owner with a line break; spog codeowners skips a folder named with one, with a warning', async () => {
    const card = join(repo.registry, 'models/churn/README.md');
    const text = readFileSync(card, 'utf8');
    cpSync(join(repo.registry, 'models/churn'), join(repo.registry, 'models/evil\n* @mallory'), { recursive: true });
    writeFileSync(card, text.replace('owners: ["@ana", bob@example.org]', 'owners: ["nobody\\n* @mallory\\n#"]'));
    const v = await spog('validate', repo.registry);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('owners.0: must be one line without control characters (a line break would write a rule of its own into CODEOWNERS)');
    writeFileSync(card, text);
    const r = await spog('codeowners', '--registry', repo.registry);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('spog: warning: models/evil\\n* @mallory  model folder "evil\\n* @mallory" is not a model id: it is not read and gets no page until it is renamed');
    expect(r.stderr).toContain('no CODEOWNERS rule is written for it');
    const written = readFileSync(owners(), 'utf8');
    expect(written.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['/registry/models/churn/ @ana bob@example.org']);
  });
});
