/**
 * The Atom feed of status transitions (RFC 4287), newest first. Ids and dates come only from the
 * snapshot (transition days and the as-of day), never from the build clock, so two builds of the
 * same registry give the same bytes.
 */
import { esc } from '../charts/svg.ts';
import type { FleetSnapshot } from '../core/types.ts';
import { TRANSITIONS_LIMIT } from '../view/alerts.ts';
import { HEALTH_LABEL } from '../view/format.ts';
import { ackSentence } from '../view/incidents.ts';

/**
 * Text for the feed: the same escaping as the SVG charts (charts/svg.ts esc), which also replaces
 * the characters XML 1.0 cannot hold (control characters in a site title or a reason would make
 * the whole feed unreadable to every feed reader) by U+FFFD.
 */
export const xmlEscape = esc;

/** Midnight UTC of a day as an RFC 3339 date-time. */
function stamp(day: string): string {
  return `${day.slice(0, 10)}T00:00:00Z`;
}

/**
 * The id of a feed entry: the registry's id (spog.yaml site.id), the model, the day and the
 * change, and no host, so that moving the site (a new domain, a new base path) does not make
 * every entry new to feed readers. RFC 4287 asks for a permanent, unique IRI; a URN is one.
 */
export function entryId(feedId: string, t: { model: string; date: string; from: string; to: string }): string {
  return `urn:spog:${feedId}:${t.model}:status:${t.date.slice(0, 10)}:${t.from}-${t.to}`;
}

/**
 * `siteUrl` is the absolute URL of the site root including the base path, ending in "/" (the
 * entries' links); `feedId` names the registry in the ids (entryId).
 */
export function atomFeed(snap: FleetSnapshot, siteUrl: string, feedId = 'spog'): string {
  const root = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  const names = new Map(snap.models.map((m) => [m.id, m.name]));
  // A model's newest entry (entries are newest first) says who is acting on it, if anyone is.
  const acks = new Map(snap.models.flatMap((m) => (m.incidents.open ? [[m.id, ` ${ackSentence(m.incidents.open)}.`] as const] : [])));
  const entries = snap.transitions.slice(0, TRANSITIONS_LIMIT).map((t) => {
    const link = `${root}models/${t.model}/`;
    const title = `${names.get(t.model) ?? t.model}: ${HEALTH_LABEL[t.from]} to ${HEALTH_LABEL[t.to]}`;
    const id = entryId(feedId, t);
    const ack = acks.get(t.model) ?? '';
    acks.delete(t.model);
    return [
      '  <entry>',
      `    <id>${xmlEscape(id)}</id>`,
      `    <title>${xmlEscape(title)}</title>`,
      `    <updated>${stamp(t.date)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(`${link}#status-${t.date.slice(0, 10)}-${t.from}-${t.to}`)}"/>`,
      `    <category term="${t.to}" label="${HEALTH_LABEL[t.to]}"/>`,
      `    <summary>${xmlEscape(`${t.date.slice(0, 10)}: ${t.model} went from ${t.from} to ${t.to}: ${t.reason}${ack}`)}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>urn:spog:${xmlEscape(feedId)}:feed</id>`,
    `  <title>${xmlEscape(`${snap.title}: model status changes`)}</title>`,
    `  <subtitle>${xmlEscape(`Health transitions of every model, as of ${snap.as_of.date}`)}</subtitle>`,
    `  <updated>${stamp(snap.as_of.date)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(root)}feed.xml"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(root)}alerts/"/>`,
    '  <author><name>spog</name></author>',
    `  <generator version="${xmlEscape(snap.spog.version)}">spog</generator>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
