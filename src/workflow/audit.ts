/**
 * The audit trail of each model: who changed its files, when, in which commit and pull request.
 * One `git log` over the registry's models/ directory serves every model (grouped by the model
 * directory each changed file is in), so the site can show all model pages for one git call.
 * Merge commits are listed with what they brought into their first parent (the pull request as
 * merged), besides the branch commits themselves. A model directory renamed with `git mv` keeps
 * its older history (as `git log --follow` would). Never throws: when history cannot be read it
 * says why (no git, not a repository, shallow clone).
 */
import type { Area, AuditEntry, AuditFile, AuditTrail, AuditTrails } from '../core/audit.ts';
import { git } from '../registry/git.ts';

const AREA_ORDER: Area[] = ['card', 'versions', 'metrics', 'features', 'incidents', 'other'];

/** Pull-request number from a commit subject (and body, for GitLab), or null. */
export function prNumber(subject: string, body = ''): number | null {
  const merge = /^Merge pull request #(\d+)/.exec(subject);
  if (merge) return Number(merge[1]);
  const squash = /\(#(\d+)\)\s*$/.exec(subject);
  if (squash) return Number(squash[1]);
  const gitlab = /See merge request [^\s!]+!(\d+)/.exec(body);
  if (gitlab) return Number(gitlab[1]);
  return null;
}

function areaOf(rest: string): Area {
  if (rest === 'README.md') return 'card';
  if (rest.startsWith('versions/')) return 'versions';
  if (rest.startsWith('metrics/')) return 'metrics';
  if (rest.startsWith('features/')) return 'features';
  if (rest.startsWith('incidents/')) return 'incidents';
  return 'other';
}

/** Split "<registryRel>/models/<id>/<rest>" into id and rest (null when outside models/). */
function modelPath(path: string, prefix: string): { id: string; rest: string; rel: string } | null {
  if (!path.startsWith(prefix)) return null;
  const rel = path.slice(prefix.length - 'models/'.length);
  const inner = path.slice(prefix.length);
  const slash = inner.indexOf('/');
  if (slash <= 0) return null;
  return { id: inner.slice(0, slash), rest: inner.slice(slash + 1), rel };
}

/** Read the history of every model of the registry at `registryRel` (relative to `repoDir`). */
export function auditTrails(repoDir: string, registryRel: string): AuditTrails {
  const empty = (available: boolean, reason: string, shallow = false): AuditTrails => ({ available, reason, shallow, byModel: new Map() });
  try {
    const inside = git(repoDir, ['rev-parse', '--is-inside-work-tree']);
    if (inside.missing) return empty(false, 'history unavailable: git is not installed on the machine that built this page');
    if (!inside.ok || inside.stdout.trim() !== 'true') return empty(false, 'history unavailable: the registry is not in a git repository (no .git directory)');
    const top = git(repoDir, ['rev-parse', '--show-prefix']);
    const cwdPrefix = top.ok ? top.stdout.trim() : '';
    const shallow = git(repoDir, ['rev-parse', '--is-shallow-repository']).stdout.trim() === 'true';
    const shallowReason = 'shallow clone: only the most recent commits were fetched, so this history may be incomplete (clone with full history, e.g. actions/checkout with fetch-depth: 0)';
    const head = git(repoDir, ['rev-parse', '--verify', '--quiet', 'HEAD']);
    if (!head.ok) return empty(true, 'no commits yet', shallow);
    const rel = registryRel.replace(/\\/g, '/').replace(/^\.\/?/, '').replace(/\/+$/, '');
    const pathspec = `${rel === '' ? '' : `${rel}/`}models`;
    const log = git(repoDir, [
      'log', '-z', '--full-history', '--diff-merges=first-parent', '--name-status', '-M',
      '--format=%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%P%x1f%s%x1f%b',
      '--', pathspec,
    ]);
    if (!log.ok) return empty(false, `history unavailable: git log failed (${log.why})`, shallow);
    // Paths in the output are relative to the repository root.
    const prefix = `${cwdPrefix}${pathspec}/`;
    const byModel = new Map<string, AuditEntry[]>();
    /** Older name of a renamed model directory -> its current id. */
    const alias = new Map<string, string>();
    const resolveId = (id: string) => {
      let cur = id;
      for (let i = 0; i < 16 && alias.has(cur); i++) cur = alias.get(cur)!;
      return cur;
    };
    for (const rec of log.stdout.split('\x1e')) {
      if (!rec) continue;
      const headerEnd = rec.indexOf('\0');
      const header = (headerEnd < 0 ? rec : rec.slice(0, headerEnd)).split('\x1f');
      const [commit, author, email, date, parents, subject] = header;
      const body = header.slice(6).join('\x1f');
      const tokens = headerEnd < 0 ? [] : rec.slice(headerEnd + 1).replace(/^\n/, '').split('\0');
      const perModel = new Map<string, AuditFile[]>();
      for (let i = 0; i < tokens.length; ) {
        const status = tokens[i];
        if (!status) {
          i++;
          continue;
        }
        const two = status[0] === 'R' || status[0] === 'C';
        const from = tokens[i + 1];
        const to = two ? tokens[i + 2] : from;
        i += two ? 3 : 2;
        const target = modelPath(to ?? '', prefix);
        const source = two ? modelPath(from ?? '', prefix) : null;
        if (two && source && target && source.id !== target.id && status[0] === 'R') alias.set(source.id, resolveId(target.id));
        const chosen = target ?? source;
        if (!chosen) continue;
        const id = resolveId(chosen.id);
        const list = perModel.get(id) ?? [];
        list.push({ path: chosen.rel, status: status[0] });
        perModel.set(id, list);
      }
      for (const [id, files] of perModel) {
        const areas = new Set(files.map((f) => areaOf(f.path.split('/').slice(2).join('/'))));
        const entry: AuditEntry = {
          commit,
          short: commit.slice(0, 7),
          author,
          email,
          date,
          subject,
          pr: prNumber(subject, body),
          merge: (parents ?? '').trim().split(' ').length > 1,
          areas: AREA_ORDER.filter((a) => areas.has(a)),
          files,
        };
        const list = byModel.get(id);
        if (list) list.push(entry);
        else byModel.set(id, [entry]);
      }
    }
    return shallow ? { available: true, reason: shallowReason, shallow, byModel } : { available: true, shallow, byModel };
  } catch (e) {
    return empty(false, `history unavailable: ${(e as Error).message}`);
  }
}

/** The trail of one model from a result of auditTrails. */
export function trailOf(trails: AuditTrails, modelId: string): AuditTrail {
  const t: AuditTrail = { available: trails.available, shallow: trails.shallow, entries: trails.byModel.get(modelId) ?? [] };
  if (trails.reason) t.reason = trails.reason;
  return t;
}

/** The audit trail of one model (one git call; use auditTrails for many models). Never throws. */
export function auditTrail(repoDir: string, registryRel: string, modelId: string): AuditTrail {
  return trailOf(auditTrails(repoDir, registryRel), modelId);
}
