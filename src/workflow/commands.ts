/** `spog audit` and `spog codeowners`: reading the registry and git, printing the result. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { outputMsg } from '../messages.ts';
import { formatDiagnostic } from '../registry/diagnostics.ts';
import { modelCard, openRegistry } from '../registry/load.ts';
import { fsSource } from '../registry/source.ts';
import { auditTrail } from './audit.ts';
import { ownersBlock, spliceBlock } from './codeowners.ts';
import { repoOf } from './git.ts';
import { modelDir } from './model-files.ts';
import { UsageError, type Outcome } from './outcome.ts';

/** Print the audit trail of one model (text table or JSON). */
export function auditCommand(id: string, o: { registry: string; json?: boolean; limit?: number }): Outcome {
  if (o.limit !== undefined && !(Number.isInteger(o.limit) && o.limit > 0)) throw new UsageError('--limit must be a positive whole number (e.g. --limit 20)');
  const d = modelDir(o.registry, id);
  const info = repoOf(o.registry);
  // The registry may have dropped the model since (history still exists): only refuse when neither.
  const trail = 'why' in info ? { available: false, reason: `history unavailable: ${info.why}`, shallow: false, entries: [] } : auditTrail(info.root, info.registryRel, id);
  if ('why' in d && trail.entries.length === 0) return { stdout: '', stderr: `spog: ${d.why}\n`, exitCode: 1 };
  const entries = o.limit ? trail.entries.slice(0, o.limit) : trail.entries;
  if (o.json) return { stdout: `${JSON.stringify({ model: id, ...trail, entries }, null, 2)}\n`, stderr: '', exitCode: 0 };
  const lines: string[] = [];
  if (trail.reason) lines.push(`note: ${trail.reason}`);
  if (!trail.available) return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: 0 };
  if (entries.length === 0) lines.push(`no commits touch models/${id}/ yet`);
  for (const e of entries) {
    const pr = e.pr !== null ? `#${e.pr}` : '';
    lines.push(`${e.date.slice(0, 10)}  ${e.short}  ${e.author.padEnd(20).slice(0, 20)}  ${pr.padEnd(6)}  ${e.areas.join(',').padEnd(16)}  ${e.subject}`);
  }
  if (entries.length < trail.entries.length) lines.push(`... ${trail.entries.length - entries.length} older entries (use --limit)`);
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: 0 };
}

/** Write or check .github/CODEOWNERS from the model cards. */
export function codeownersCommand(o: { registry: string; check?: boolean; out?: string }): Outcome {
  // The owners are in the cards: nothing else is read.
  const plan = openRegistry(fsSource(o.registry), { headsOnly: true });
  if (!existsSync(join(o.registry, 'models'))) throw new UsageError(`${o.registry} is not a registry (no models/ directory); pass --registry DIR`);
  const info = repoOf(o.registry);
  const root = 'why' in info ? process.cwd() : info.root;
  const registryRel = 'why' in info ? relative(root, resolve(o.registry)).split('\\').join('/') : info.registryRel;
  const out = o.out ?? join(root, '.github', 'CODEOWNERS');
  let stderr = '';
  // A folder in models/ that is not a model id is not read (decision 54), so it gets no rule: say so.
  for (const d of plan.diagnostics) if (d.severity === 'error' && d.file.startsWith('models/')) stderr += `spog: warning: ${formatDiagnostic(d)}; no CODEOWNERS rule is written for it\n`;
  const models = [];
  for (const id of plan.ids) {
    const card = modelCard(plan.source, id);
    if (!card) {
      stderr += `spog: warning: ${id}: the model card does not load; its files get no code owner (run spog validate)\n`;
      continue;
    }
    models.push({ id, owners: card.owners });
  }
  const block = ownersBlock(models, registryRel);
  for (const id of block.refused) stderr += `spog: warning: ${outputMsg.codeownersUnsafeId(id)}\n`;
  for (const s of block.skipped) stderr += `spog: warning: ${s.id}: owner ${JSON.stringify(s.owner)} is not a GitHub handle (@user, @org/team) or e-mail address; left out of CODEOWNERS\n`;
  for (const u of block.unowned) stderr += `spog: warning: ${u}: no owner can be written to CODEOWNERS; changes to its files need no owner approval\n`;
  const existing = existsSync(out) ? readFileSync(out, 'utf8') : null;
  const next = spliceBlock(existing, block.text);
  const shown = relative(process.cwd(), out) || out;
  if (o.check) {
    if (existing === next) return { stdout: `${shown} is up to date (${models.length} model${models.length === 1 ? '' : 's'})\n`, stderr, exitCode: 0 };
    return { stdout: '', stderr: `${stderr}spog: ${shown} is out of date with the model cards' owners${existing === null ? ' (it does not exist)' : ''}; run \`npx --no-install spog codeowners\` and commit it\n`, exitCode: 1 };
  }
  if (existing === next) return { stdout: `${shown} is up to date (${models.length} model${models.length === 1 ? '' : 's'})\n`, stderr, exitCode: 0 };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, next);
  return { stdout: `wrote ${shown}: ${models.length - block.unowned.length} model directories with owners\n`, stderr, exitCode: 0 };
}
