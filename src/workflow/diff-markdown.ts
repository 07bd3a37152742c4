/**
 * The diff report as GitHub-flavoured Markdown for a pull-request comment: a one-line summary,
 * a table of changed models (health base -> head first, because that is what a reviewer must
 * not miss), then one collapsed <details> block per model with the evidence. The first line is
 * an HTML comment marker so a workflow can find and update its earlier comment.
 */
import { HEALTH_DISPLAY_ORDER, num, pct, SEVERITY } from '../core/health.ts';
import type { Health } from '../core/types.ts';
import { code, DOT, md } from './alerts-format.ts';
import type { ModelDiff, RegistryDiff } from './diff.ts';
import { show, type FieldChange } from './field-diff.ts';
import { NEEDS_REVIEW, REVIEW_LABEL, REVIEW_ORDER, type Loosening } from './review.ts';

export const MARKER = '<!-- spog-diff -->';

/** Registry text made inert for Markdown (alerts-format.ts md, and code for code): every name, label, reason, version, author and value below goes through it once. */
export { code, md };

function health(h: Health | null): string {
  return h ? `${DOT[h]} ${h}` : '—';
}

function move(a: Health | null, b: Health | null): string {
  if (a === b) return health(b);
  return `${health(a)} → ${health(b)}`;
}

function n(x: number | null): string {
  return x === null ? 'n/a' : num(x);
}

function signed(x: number | null): string {
  if (x === null) return '';
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${num(Math.abs(x))}`;
}

function plural(k: number, one: string, many = `${one}s`): string {
  return `${k} ${k === 1 ? one : many}`;
}

function shortRef(s: RegistryDiff['base']): string {
  return s.commit ? `${code(s.ref)} (${s.commit.slice(0, 7)})` : md(s.ref);
}

/** What changed in one model, in a few words for the table. */
export function headline(m: ModelDiff): string {
  const parts: string[] = [];
  if (m.change === 'added') parts.push('new model');
  if (m.change === 'removed') parts.push('removed');
  if (m.promotion) parts.push(`promoted ${m.promotion.to}${m.promotion.from ? ` (was ${m.promotion.from})` : ''}`);
  if (m.versions_added.length && m.change !== 'added') parts.push(`new version${m.versions_added.length > 1 ? 's' : ''} ${m.versions_added.map((v) => v.version).join(', ')}`);
  if (m.versions_removed.length) parts.push(`removed version${m.versions_removed.length > 1 ? 's' : ''} ${m.versions_removed.join(', ')}`);
  for (const v of m.versions_changed) {
    const retired = v.changes.find((c) => c.path === 'retired' && c.head === true);
    parts.push(retired ? `retired ${v.version}` : `edited ${v.version}`);
  }
  if (m.lifecycle.base && m.lifecycle.head && m.lifecycle.base !== m.lifecycle.head) parts.push(`lifecycle ${m.lifecycle.base} → ${m.lifecycle.head}`);
  const cardFields = m.card.filter((c) => !c.path.startsWith('deployments') && c.path !== 'lifecycle');
  if (cardFields.length && m.change !== 'added') {
    const tops = [...new Set(cardFields.map((c) => c.path.split(/[.[]/)[0]))];
    parts.push(`card: ${tops.slice(0, 4).join(', ')}${tops.length > 4 ? ', ...' : ''}`);
  }
  const deployOnly = m.card.some((c) => c.path.startsWith('deployments')) && !m.promotion;
  if (deployOnly && m.change !== 'added') parts.push('deployments changed');
  if (m.card_text_changed && m.change !== 'added' && m.change !== 'removed') parts.push('description edited');
  const incidents = m.files.filter((f) => f.path.includes('/incidents/'));
  if (incidents.length) parts.push(`incident${incidents.length > 1 ? 's' : ''} ${[...new Set(incidents.map((f) => (f.status === 'added' ? 'opened' : f.status === 'removed' ? 'deleted' : 'updated')))].join(', ')}`);
  if (m.metrics.added > 0) parts.push(`+${m.metrics.added} metric points`);
  if (m.metrics.added < 0) parts.push(`${m.metrics.added} metric points`);
  const windows = m.feature_windows.head - m.feature_windows.base;
  if (windows > 0 && m.change !== 'added') parts.push(`+${windows} feature windows`);
  if (m.errors.new.length) parts.push(`⚠️ ${plural(m.errors.new.length, 'new error')}`);
  if (parts.length === 0 && m.change === 'health') parts.push('health moved (shared configuration)');
  return parts.join(' · ');
}

/** One line per loosened setting, the checks it decides named once. */
function loosenedLines(ls: Loosening[]): string[] {
  const bySetting = new Map<string, { l: Loosening; checks: string[] }>();
  for (const l of ls) {
    const k = `${l.setting}\0${l.base}\0${l.head}`;
    const e = bySetting.get(k);
    if (e) e.checks.push(l.check);
    else bySetting.set(k, { l, checks: [l.check] });
  }
  return [...bySetting.values()].map(({ l, checks }) => `- ${code(l.setting)} ${md(l.base)} → ${md(l.head)} (${checks.join(', ')})`);
}

function fieldTable(changes: FieldChange[]): string[] {
  const out = ['| field | base | head |', '|---|---|---|'];
  for (const c of changes) out.push(`| ${code(c.path)} | ${md(show(c.base))} | ${md(show(c.head))} |`);
  return out;
}

function details(m: ModelDiff, d: RegistryDiff): string[] {
  const out: string[] = [];
  const title = `<b>${md(m.id)}</b> (${md(m.name)}): ${md(headline(m)) || 'no file changes'}`;
  out.push('<details>', `<summary>${title}</summary>`, '');
  // Health first: base -> head with the reasons behind head.
  out.push(`**Health** ${move(m.health.base, m.health.head)} as of ${d.as_of.date}. ${md(m.primary.label || m.primary.name)}: ${n(m.primary.base)} → ${n(m.primary.head)} (expected ${n(m.primary.expected_head ?? m.primary.expected_base)}).`);
  if (m.reasons.head.length) out.push('', ...m.reasons.head.slice(0, 5).map((r) => `- ${md(r)}`));
  if (m.review.retired_while_alarm) out.push('', `⛔ **Retired while ${m.health.base}**: the model leaves the overview's "needs attention" and every alert.`);
  if (m.checks.length) {
    // Each status beside its own reason and threshold: a green next to "17.9% worse" says under which limit it is green.
    const side = (h: Health | null, reason: string | null, threshold: string | null) => (h === null ? '— (not run)' : `${health(h)}: ${md(reason ?? '')}${threshold ? ` <sub>(${md(threshold)})</sub>` : ''}`);
    out.push('', '| check | review | base | head |', '|---|---|---|---|');
    for (const c of m.checks) out.push(`| ${c.check} | ${c.class ? REVIEW_LABEL[c.class] : ''} | ${side(c.base, c.reason_base, c.threshold_base)} | ${side(c.head, c.reason_head, c.threshold_head)} |`);
  }
  const own = m.review.loosened.filter((l) => l.source === 'card');
  if (own.length) {
    out.push('', '**Limits made more permissive in the card** (an amber or red check that turns a better colour under them hides a problem; none is counted as better):');
    out.push(...loosenedLines(own));
  }
  if (m.promotion) {
    const p = m.promotion;
    out.push('', `#### Promotion: ${p.from === null ? 'no champion' : md(p.from)} → ${md(p.to)}`);
    const e = p.evidence;
    if (e) {
      const verdict = e.recommendation === 'promote' ? '✅ supports the promotion' : e.recommendation === 'keep' ? '⚠️ does not support the promotion (recommendation: keep the champion)' : '⚠️ not enough production data to judge';
      // One line: registry text never starts a line, where a "#" would make a heading.
      out.push(`Production evidence (${e.mode} challenger vs champion, ${md(e.metric)}, ${e.paired_points} paired days${e.window ? ` ${e.window.from} to ${e.window.to}` : ''}): ${verdict}. ${md(e.evidence)}.`);
    } else {
      out.push(`⚠️ No production evidence: ${md(p.to)} was not deployed as a challenger of ${p.from === null ? 'the champion' : md(p.from)} on the base branch, so there is no side-by-side comparison.`);
    }
    if (p.offline && (p.offline.from !== null || p.offline.to !== null)) {
      const mark = p.offline.better === null ? '' : p.offline.better ? ' (better)' : ' (worse)';
      out.push(`Offline evaluation, ${md(p.offline.metric)}: ${md(p.to)} ${n(p.offline.to)} vs ${p.from === null ? '—' : md(p.from)} ${n(p.offline.from)} (${signed(p.offline.delta)}${mark.replace(' (', ', ').replace(')', '')}).`);
    }
  }
  if (m.versions_added.length) {
    out.push('', `#### New version${m.versions_added.length > 1 ? 's' : ''}`);
    for (const v of m.versions_added) {
      const meta = [`trained ${md(v.trained_at)}`, v.author ? `by ${md(v.author)}` : '', v.parent ? `from ${md(v.parent)}` : '', v.deployed ? `deployed as ${md(v.deployed)}` : 'not deployed'].filter(Boolean).join(', ');
      out.push(`**${md(v.version)}**: ${meta}.`);
      if (v.metrics.length && v.champion) {
        out.push('', `| metric | ${md(v.version)} | champion ${md(v.champion)} | Δ |`, '|---|---|---|---|');
        for (const e of v.metrics) {
          const mark = e.better === null ? '' : e.better ? ' ✅' : ' ⚠️';
          out.push(`| ${e.primary ? `**${md(e.metric)}** (primary)` : md(e.metric)} | ${num(e.value)} | ${n(e.champion)} | ${signed(e.delta)}${mark} |`);
        }
        out.push('');
      } else if (v.metrics.length) {
        out.push('', `Evaluation: ${v.metrics.map((e) => `${e.primary ? `**${md(e.metric)}**` : md(e.metric)} ${num(e.value)}`).join(', ')}.`, '');
      }
    }
  }
  if (m.versions_changed.length) {
    out.push('', '#### Version files edited');
    for (const v of m.versions_changed) out.push('', `**${md(v.version)}**`, '', ...fieldTable(v.changes));
  }
  if (m.versions_removed.length) out.push('', `#### Versions removed\n${md(m.versions_removed.join(', '))} (their history stays in git)`);
  const cardChanges = m.change === 'added' ? [] : m.card;
  if (cardChanges.length) out.push('', '#### Model card', '', ...fieldTable(cardChanges));
  if (m.card_text_changed && m.change === 'changed') out.push('', 'The card\'s Markdown description was edited.');
  if (m.metrics.added !== 0 || m.feature_windows.head !== m.feature_windows.base) {
    out.push('', '#### Data');
    out.push(`Metric points: ${m.metrics.points_base} → ${m.metrics.points_head} (${m.metrics.added >= 0 ? '+' : ''}${m.metrics.added}); last point ${m.metrics.last_data_base ?? 'none'} → ${m.metrics.last_data_head ?? 'none'}.${m.feature_windows.head !== m.feature_windows.base ? ` Feature windows: ${m.feature_windows.base} → ${m.feature_windows.head}.` : ''}`);
  }
  if (m.errors.new.length) out.push('', '#### ⚠️ New registry errors', '', ...m.errors.new.map((e) => `- ${code(e)}`));
  if (m.files.length) {
    out.push('', `<sub>Files: ${m.files.map((f) => `${f.status === 'added' ? '+' : f.status === 'removed' ? '−' : '~'}${md(f.path)}`).join(', ')}</sub>`);
  }
  out.push('', '</details>');
  return out;
}

/** Render the diff report as Markdown. */
export function diffMarkdown(d: RegistryDiff): string {
  const s = d.summary;
  const out: string[] = [MARKER, `### spog: registry changes ${shortRef(d.base)} → ${shortRef(d.head)}`, ''];
  if (d.models.length === 0 && d.config.length === 0) {
    out.push(`No change to the registry (${code(`${d.registry}/`)}): every model keeps its health as of ${d.as_of.date}.`);
    return `${out.join('\n')}\n`;
  }
  const bits = [
    plural(s.changed, 'model changed', 'models changed'),
    s.added ? `${s.added} added` : '',
    s.removed ? `${s.removed} removed` : '',
    s.promotions ? plural(s.promotions, 'promotion') : '',
    s.versions_added ? plural(s.versions_added, 'new version') : '',
    s.metric_points_added ? `+${s.metric_points_added} metric points` : '',
  ].filter(Boolean);
  out.push(`**${bits.join(' · ')}** (evaluated as of ${d.as_of.date} on both sides)`);
  // What needs the reviewer's eyes leads; better comes last and never counts a loosened limit.
  const review = REVIEW_ORDER.filter((c) => s.review[c] > 0 && NEEDS_REVIEW.has(c)).map((c) => `${REVIEW_LABEL[c]}: ${s.review[c]}`);
  if (d.config_loosened.length) review.push(`🔓 spog.yaml loosens ${[...new Set(d.config_loosened.map((l) => code(l.setting)))].join(', ')} for every model`);
  out.push('', review.length ? `**Needs your review: ${review.join(' · ')}**${s.review.better ? ` · ${REVIEW_LABEL.better}: ${s.review.better}` : ''}` : `Nothing hides a problem, got worse or was loosened${s.review.better ? ` · ${REVIEW_LABEL.better}: ${s.review.better}` : ''}.`);
  const h = s.health_head;
  out.push('', `Fleet after this change: ${HEALTH_DISPLAY_ORDER.map((k) => `${DOT[k]} ${h[k]} ${k}`).join(' · ')}`);
  if (s.errors_head > s.errors_base) out.push('', `> [!WARNING]\n> The registry has ${s.errors_head} error(s) after this change (${s.errors_base} before): run \`npx --no-install spog validate\`.`);
  if (d.models.length) {
    out.push('', '| model | review | health (base → head) | champion | primary | what changed |', '|---|---|---|---|---|---|');
    // What needs review first (hides, worse, loosened, better), then by health after the change, worst first; removed models last.
    const cls = (m: ModelDiff) => (m.review.class ? REVIEW_ORDER.indexOf(m.review.class) : REVIEW_ORDER.length);
    const order = (m: ModelDiff) => (m.health.head ? -SEVERITY[m.health.head] : 1);
    const rows = [...d.models].sort((a, b) => cls(a) - cls(b) || order(a) - order(b) || (a.id < b.id ? -1 : 1));
    for (const m of rows) {
      const version = (v: string | null) => (v === null ? '—' : md(v));
      const champ = m.champion.base === m.champion.head ? version(m.champion.head) : `${version(m.champion.base)} → **${version(m.champion.head)}**`;
      const label = m.primary.label || m.primary.name;
      const primary = m.primary.base === m.primary.head || m.primary.base === null ? `${md(label)} ${n(m.primary.head)}` : `${md(label)} ${n(m.primary.base)} → ${n(m.primary.head)}`;
      const delta = m.primary.head !== null && m.primary.expected_head ? ` (${m.primary.head >= m.primary.expected_head ? '+' : ''}${pct((m.primary.head - m.primary.expected_head) / Math.abs(m.primary.expected_head))} vs expected)` : '';
      out.push(`| ${code(m.id)} | ${m.review.class ? REVIEW_LABEL[m.review.class] : m.change === 'added' ? 'new' : m.change === 'removed' ? 'removed' : ''} | ${move(m.health.base, m.health.head)} | ${champ} | ${primary}${delta} | ${md(headline(m))} |`);
    }
  }
  if (d.config.length) {
    const loose = d.config_loosened.length ? ['', `🔓 **Loosened for every model that uses the defaults** (an amber or red check that turns a better colour under them hides a problem; none is counted as better):`, ...loosenedLines(d.config_loosened)] : [];
    out.push('', '<details open>', '<summary><b>Registry configuration</b> (spog.yaml): applies to every model</summary>', '', ...fieldTable(d.config), ...loose, '', '</details>');
  }
  if (d.models.length) {
    out.push('');
    for (const m of d.models) out.push(...details(m, d), '');
  }
  out.push(`<sub>spog diff · registry ${code(`${d.registry}/`)} · as of ${d.as_of.date} (${d.as_of.source}) · JSON: ${code(`npx --no-install spog diff ${d.base.ref} --format json`)}</sub>`);
  return `${out.join('\n')}\n`;
}
