/**
 * `.github/CODEOWNERS` from the model cards: `/<registry>/models/<id>/` is owned by the card's
 * owners, so a pull request that touches a model's files needs one of them to approve (with
 * branch protection "Require review from Code Owners"). GitHub accepts `@user`, `@org/team` and
 * e-mail addresses of users with repository access; anything else is left out (and reported),
 * because GitHub flags the whole line as an error.
 *
 * The generated rules live between BEGIN/END marker lines: rules written by hand outside the
 * block are kept. The block goes at the end (the last matching pattern wins in CODEOWNERS), so
 * model owners take precedence over broader rules above it.
 */

import { SLUG_RE } from '../schema/common.ts';

export const BEGIN = '# BEGIN spog codeowners: generated from the model cards by `npx --no-install spog codeowners`; edit owners in the cards';
export const END = '# END spog codeowners';

const HANDLE = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/;
// No space, control character, "#" (a comment) or backslash anywhere: the owner is one word of a rule.
const EMAIL = /^[^\s\p{Cc}@<>#\\]+@[^\s\p{Cc}@<>#\\]+\.[^\s\p{Cc}@<>#\\]+$/u;

/** True when GitHub accepts the owner in CODEOWNERS: @user, @org/team or an e-mail address. */
export function isCodeOwner(owner: string): boolean {
  return HANDLE.test(owner) || EMAIL.test(owner);
}

export interface ModelOwners {
  id: string;
  owners: string[];
}

export interface OwnersBlock {
  text: string;
  /** Owners that cannot appear in CODEOWNERS, per model. */
  skipped: { id: string; owner: string }[];
  /** Models with no valid owner at all (their files have no required reviewer). */
  unowned: string[];
  /** Model ids that cannot be a CODEOWNERS path (not a slug: a space, a "#" or a line break would change the rule); no line is written for them. */
  refused: string[];
}

/** The generated block for `models` (sorted by id) under the registry path `registryRel`. */
export function ownersBlock(models: ModelOwners[], registryRel: string): OwnersBlock {
  const base = registryRel === '' ? '' : `/${registryRel.replace(/^\/+|\/+$/g, '')}`;
  const lines = [BEGIN];
  const skipped: OwnersBlock['skipped'] = [];
  const unowned: string[] = [];
  const refused: string[] = [];
  for (const m of [...models].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    // Every byte of a line comes from a checked value: a slug, owners isCodeOwner accepts, or JSON strings in a comment.
    if (!SLUG_RE.test(m.id)) {
      refused.push(m.id);
      continue;
    }
    const ok = [...new Set(m.owners.map((o) => o.trim()))].filter((o) => {
      if (isCodeOwner(o)) return true;
      skipped.push({ id: m.id, owner: o });
      return false;
    });
    const pattern = `${base}/models/${m.id}/`;
    if (ok.length) lines.push(`${pattern} ${ok.join(' ')}`);
    else {
      unowned.push(m.id);
      lines.push(`# ${pattern} has no owner GitHub accepts (owners: ${m.owners.map((o) => JSON.stringify(o)).join(', ') || 'none'}); use @handles or e-mail addresses`);
    }
  }
  lines.push(END);
  return { text: `${lines.join('\n')}\n`, skipped, unowned, refused };
}

/** Put `block` into an existing CODEOWNERS text: replace the old block, or append it at the end. */
export function spliceBlock(existing: string | null, block: string): string {
  if (existing === null || existing.trim() === '') return `# Code owners: https://docs.github.com/articles/about-code-owners\n\n${block}`;
  const start = existing.indexOf('# BEGIN spog codeowners');
  const endAt = existing.indexOf(END);
  if (start >= 0 && endAt > start) {
    const after = existing.slice(endAt + END.length).replace(/^\r?\n/, '');
    return existing.slice(0, start) + block + after;
  }
  return `${existing.replace(/\n*$/, '\n')}\n${block}`;
}
