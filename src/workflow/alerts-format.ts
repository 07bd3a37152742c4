/** Render an alert report: Markdown (terminals, issues, PR comments) and a Slack-compatible payload. */
import { countsLine } from '../core/counts.ts';
import { isAlarm } from '../core/health.ts';
import type { Health, OpenIncident } from '../core/types.ts';
import type { AlertReport, AlertTransition, AttentionItem } from './alerts.ts';

/** Health as a coloured dot, for Markdown (alerts and the pull-request report). */
export const DOT: Record<Health, string> = { green: '🟢', amber: '🟠', red: '🔴', unknown: '⚪' };
const SLACK: Record<Health, string> = { green: ':large_green_circle:', amber: ':large_orange_circle:', red: ':red_circle:', unknown: ':white_circle:' };

/**
 * The one escaping of registry text (names, labels, reasons, versions, authors, owners, notes,
 * field values) for the Markdown reports: the alerts and the pull-request report (diff-markdown.ts).
 * Every character that Markdown or HTML could read as structure becomes a numeric character
 * reference, which GitHub shows as the character and never as structure (CommonMark 6.2), in
 * table cells, in text and in HTML blocks such as <summary>: `<img onerror>`, `<script>`, a "|"
 * that would add a table cell, a backtick that would open code, `[text](url)` links and
 * `*emphasis*` come out as the text they are. An underscore inside a word stays (it cannot make
 * emphasis, and field names are full of them). Line breaks become spaces, so the text stays on
 * its line; the reports never start a line with it (where a "#" or ">" would make a heading).
 * Inside code, which shows references as they are, use code().
 */
export function md(s: string): string {
  return s
    .replace(/[&<|`*[\]~\\]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/\r\n?|\n/g, ' ');
}

/**
 * Registry text as code: a code span, whose content Markdown shows as it is, when the text holds
 * nothing that could end it or a table cell (a backtick, "|", a line break); otherwise an HTML
 * <code> element around md(text).
 */
export function code(s: string): string {
  return /[`|\r\n]/.test(s) ? `<code>${md(s)}</code>` : `\`${s}\``;
}

/** Slack section text is limited to 3,000 characters; lists are cut with "... and N more". */
const SLACK_TEXT_LIMIT = 2900;

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
  const changes = r.transitions.length ? `${r.transitions.length} model${r.transitions.length === 1 ? '' : 's'} changed status` : 'no status changes';
  const acked = r.acknowledged.length ? ` (${r.acknowledged.length} more acknowledged by their owners)` : '';
  return `spog: ${changes}${acked} ${sinceText(r)}; now ${countsLine(r.fleet)} (as of ${r.as_of.date})`;
}


/** "(5 changes)" when the model went back and forth in the period. */
function flapped(t: AlertTransition): string {
  return t.changes > 1 ? ` (${t.changes} changes)` : '';
}

function arrow(t: AlertTransition, dots: Record<Health, string>): string {
  return `${t.from ? `${dots[t.from]} ${t.from} → ${dots[t.to]} ${t.to}` : `new: ${dots[t.to]} ${t.to}`}${flapped(t)}`;
}

/** An address in a Markdown link (url): the characters that would end it or a table cell, percent-encoded. */
function mdUrl(url: string): string {
  return url.replace(/[\s|<>()[\]`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A model's cell: its link to the site, or its id as code. */
function modelCell(model: string, l: string | null): string {
  return l ? `[${md(model)}](${mdUrl(l)})` : code(model);
}

export function alertsMarkdown(r: AlertReport): string {
  const out = [`### ${md(headlineOf(r).replace(/^spog: /, 'spog alerts: '))}`, ''];
  out.push(`#### Status changes ${md(sinceText(r))}`, '');
  if (r.transitions.length === 0) out.push('None.');
  else {
    out.push('| model | date | change | why | owners |', '|---|---|---|---|---|');
    for (const t of r.transitions) {
      const l = link(r, t.model);
      const ack = ackText(t.acknowledged);
      out.push(`| ${modelCell(t.model, l)} | ${t.date} | ${arrow(t, DOT)} | ${md(t.reason)}${ack ? ` (${md(ack)})` : ''} | ${md(t.owners.join(', '))} |`);
    }
  }
  if (r.acknowledged.length) {
    out.push('', `Not alerted again, acknowledged in this state: ${r.acknowledged.map((a) => `${code(a.model)} ${a.to} (by ${md(a.by)}${a.until ? ` until ${a.until}` : ''})`).join(', ')}.`);
  }
  out.push('', '#### Needs attention now', '');
  if (r.attention.length === 0) out.push('Every model is green.');
  else {
    out.push('| model | health | since | lifecycle | why | owners |', '|---|---|---|---|---|---|');
    for (const a of r.attention) {
      const l = link(r, a.model);
      const ack = ackText(a.acknowledged);
      out.push(`| ${modelCell(a.model, l)} | ${DOT[a.health]} ${a.health} | ${md(a.since)} | ${a.lifecycle} | ${md(a.reason)}${ack ? ` <br>${md(ack)}` : ''} | ${md(a.owners.join(', '))} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * The one escaping of registry text for Slack mrkdwn: &, < and > as Slack asks, so no text can
 * write a <!channel> or <!here> mention or a <url|link>, and line breaks as spaces, so a reason
 * cannot add a line that looks like another alert.
 */
export function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r\n?|\n/g, ' ');
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

/** An address inside a Slack link <url|text>: its own escaping, and no "|" that would end it. */
function slackUrl(url: string): string {
  return slackEscape(url).replace(/\|/g, '%7C');
}

function slackName(r: AlertReport, model: string): string {
  const l = link(r, model);
  return l ? `<${slackUrl(l)}|${slackEscape(model)}>` : `*${slackEscape(model)}*`;
}

function slackTransition(r: AlertReport, t: AlertTransition): string {
  const ack = ackText(t.acknowledged);
  return `${SLACK[t.to]} ${slackName(r, t.model)} ${t.from ? `${t.from} → *${t.to}*` : `new, *${t.to}*`}${flapped(t)} (${t.date}): ${slackEscape(t.reason)}${ack ? ` _(${slackEscape(ack)})_` : ''}`;
}

function slackAttention(r: AlertReport, a: AttentionItem): string {
  const ack = ackText(a.acknowledged);
  return `${SLACK[a.health]} ${slackName(r, a.model)} *${a.health}* since ${slackEscape(a.since)}: ${slackEscape(a.reason)}${ack ? ` _(${slackEscape(ack)})_` : ''}`;
}

/** A Slack incoming-webhook payload: `text` (notification fallback) and Block Kit `blocks`. */
export function slackPayload(r: AlertReport): { text: string; blocks: object[] } {
  const blocks: object[] = [
    { type: 'header', text: { type: 'plain_text', text: 'spog: model health', emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(r.transitions.map((t) => slackTransition(r, t)), `*Status changes ${slackEscape(sinceText(r))}*${r.transitions.length ? '' : '\nNone.'}`) } },
  ];
  const red = r.attention.filter((a) => isAlarm(a.health));
  const unknown = r.attention.filter((a) => a.health === 'unknown');
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(red.map((a) => slackAttention(r, a)), `*Needs attention now* (${red.filter((a) => a.health === 'red').length} red, ${red.filter((a) => a.health === 'amber').length} amber)${red.length ? '' : '\nNothing red or amber.'}`) } });
  if (unknown.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(unknown.map((a) => `${slackEscape(a.model)}: ${slackEscape(a.reason)}`), `${SLACK.unknown} ${unknown.length} unknown (too little data to judge):`) }] });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `as of ${r.as_of.date}${r.site_url ? ` · <${slackUrl(r.site_url)}|open the dashboard>` : ''}` }] });
  return { text: slackEscape(headlineOf(r)), blocks };
}
