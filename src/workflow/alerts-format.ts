/** Render an alert report: Markdown (terminals, issues, PR comments) and a Slack-compatible payload. */
import { HEALTH_DISPLAY_ORDER, isAlarm } from '../core/health.ts';
import type { Health, OpenIncident } from '../core/types.ts';
import type { AlertReport, AlertTransition, AttentionItem } from './alerts.ts';

/** Health as a coloured dot, for Markdown (alerts and the pull-request report). */
export const DOT: Record<Health, string> = { green: '🟢', amber: '🟠', red: '🔴', unknown: '⚪' };
const SLACK: Record<Health, string> = { green: ':large_green_circle:', amber: ':large_orange_circle:', red: ':red_circle:', unknown: ':white_circle:' };

/** Slack section text is limited to 3,000 characters; lists are cut with "... and N more". */
const SLACK_TEXT_LIMIT = 2900;

/** When a model's health began: its day, "before" the period's start, or unknown. */
function sinceOf(a: AttentionItem): string | null {
  return a.since ?? (a.before ? `before ${a.before}` : null);
}

/** "acknowledged by X until DATE" (or "acknowledgement by X expired DATE"), or "". */
function ackText(o: OpenIncident | null): string {
  if (!o) return '';
  if (o.expired) return `acknowledgement by ${o.by} expired ${o.until}`;
  return `acknowledged by ${o.by}${o.until ? ` until ${o.until}` : ''}: ${o.note}`;
}

function sinceText(r: AlertReport): string {
  return r.since.kind === 'ref' ? `since ${r.since.value}${r.since.commit ? ` (${r.since.commit.slice(0, 7)}, evaluated as of ${r.since.date})` : ''}` : `since ${r.since.date}`;
}

function link(r: AlertReport, model: string): string | null {
  return r.site_url ? `${r.site_url.replace(/\/+$/, '')}/models/${encodeURIComponent(model)}/` : null;
}

export function headlineOf(r: AlertReport): string {
  const f = r.fleet;
  const changes = r.transitions.length ? `${r.transitions.length} model${r.transitions.length === 1 ? '' : 's'} changed status` : 'no status changes';
  const acked = r.acknowledged.length ? ` (${r.acknowledged.length} more acknowledged by their owners)` : '';
  return `spog: ${changes}${acked} ${sinceText(r)}; now ${HEALTH_DISPLAY_ORDER.map((h) => `${f[h]} ${h}`).join(', ')} (as of ${r.as_of.date})`;
}

const mdEscape = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');

/** "(5 changes)" when the model went back and forth in the period. */
function flapped(t: AlertTransition): string {
  return t.changes > 1 ? ` (${t.changes} changes)` : '';
}

function arrow(t: AlertTransition, dots: Record<Health, string>): string {
  return `${t.from ? `${dots[t.from]} ${t.from} → ${dots[t.to]} ${t.to}` : `new: ${dots[t.to]} ${t.to}`}${flapped(t)}`;
}

export function alertsMarkdown(r: AlertReport): string {
  const out = [`### ${headlineOf(r).replace(/^spog: /, 'spog alerts: ')}`, ''];
  out.push(`#### Status changes ${sinceText(r)}`, '');
  if (r.transitions.length === 0) out.push('None.');
  else {
    out.push('| model | date | change | why | owners |', '|---|---|---|---|---|');
    for (const t of r.transitions) {
      const l = link(r, t.model);
      const ack = ackText(t.acknowledged);
      out.push(`| ${l ? `[${t.model}](${l})` : `\`${t.model}\``} | ${t.date} | ${arrow(t, DOT)} | ${mdEscape(t.reason)}${ack ? ` (${mdEscape(ack)})` : ''} | ${mdEscape(t.owners.join(', '))} |`);
    }
  }
  if (r.acknowledged.length) {
    out.push('', `Not alerted again, acknowledged in this state: ${r.acknowledged.map((a) => `\`${a.model}\` ${a.to} (by ${mdEscape(a.by)}${a.until ? ` until ${a.until}` : ''})`).join(', ')}.`);
  }
  out.push('', '#### Needs attention now', '');
  if (r.attention.length === 0) out.push('Every model is green.');
  else {
    out.push('| model | health | since | lifecycle | why | owners |', '|---|---|---|---|---|---|');
    for (const a of r.attention) {
      const l = link(r, a.model);
      const ack = ackText(a.acknowledged);
      out.push(`| ${l ? `[${a.model}](${l})` : `\`${a.model}\``} | ${DOT[a.health]} ${a.health} | ${sinceOf(a) ?? '—'} | ${a.lifecycle} | ${mdEscape(a.reason)}${ack ? ` <br>${mdEscape(ack)}` : ''} | ${mdEscape(a.owners.join(', '))} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Escape Slack mrkdwn control characters. */
export function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(lines: string[], heading: string): string {
  let text = heading;
  for (let i = 0; i < lines.length; i++) {
    const more = `\n… and ${lines.length - i} more`;
    if (text.length + 1 + lines[i].length + more.length > SLACK_TEXT_LIMIT) return text + more;
    text += `\n${lines[i]}`;
  }
  return text;
}

function slackName(r: AlertReport, model: string): string {
  const l = link(r, model);
  return l ? `<${l}|${slackEscape(model)}>` : `*${slackEscape(model)}*`;
}

function slackTransition(r: AlertReport, t: AlertTransition): string {
  const ack = ackText(t.acknowledged);
  return `${SLACK[t.to]} ${slackName(r, t.model)} ${t.from ? `${t.from} → *${t.to}*` : `new, *${t.to}*`}${flapped(t)} (${t.date}): ${slackEscape(t.reason)}${ack ? ` _(${slackEscape(ack)})_` : ''}`;
}

function slackAttention(r: AlertReport, a: AttentionItem): string {
  const ack = ackText(a.acknowledged);
  return `${SLACK[a.health]} ${slackName(r, a.model)} *${a.health}*${sinceOf(a) ? ` since ${sinceOf(a)}` : ''}: ${slackEscape(a.reason)}${ack ? ` _(${slackEscape(ack)})_` : ''}`;
}

/** A Slack incoming-webhook payload: `text` (notification fallback) and Block Kit `blocks`. */
export function slackPayload(r: AlertReport): { text: string; blocks: object[] } {
  const blocks: object[] = [
    { type: 'header', text: { type: 'plain_text', text: 'spog: model health', emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(r.transitions.map((t) => slackTransition(r, t)), `*Status changes ${slackEscape(sinceText(r))}*${r.transitions.length ? '' : '\nNone.'}`) } },
  ];
  const red = r.attention.filter((a) => isAlarm(a.health));
  const unknown = r.attention.filter((a) => a.health === 'unknown');
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(red.map((a) => slackAttention(r, a)), `*Needs attention now* (${r.fleet.red} red, ${r.fleet.amber} amber)${red.length ? '' : '\nNothing red or amber.'}`) } });
  if (unknown.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(unknown.map((a) => `${slackEscape(a.model)}: ${slackEscape(a.reason)}`), `${SLACK.unknown} ${unknown.length} unknown (too little data to judge):`) }] });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `as of ${r.as_of.date}${r.site_url ? ` · <${r.site_url}|open the dashboard>` : ''}` }] });
  return { text: headlineOf(r), blocks };
}
