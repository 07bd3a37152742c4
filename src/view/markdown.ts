/**
 * The model card's Markdown, rendered with marked and sanitised with sanitize-html. A model card
 * is written by whoever can open a pull request, so the output keeps only inert formatting: no
 * script, style, iframe, form or embedded object, no event-handler or style attribute, and links
 * only to http(s), mailto and site-relative addresses. The card sits under the page's h2 "Model
 * card", so its headings move down (its shallowest level, usually h1, becomes h3) and none goes
 * more than one level deeper than the one before it: the page keeps one h1 and an outline with
 * no skipped level (the W3C Nu checker reports a skip as an error), whatever levels a card uses.
 *
 * marked nests a call per block level (and per emphasis level): a card of 10,000 nested `>`
 * overflows the stack, and 2,000 nested list items exhaust the heap, which no catch can stop. So
 * the nesting is measured before parsing, and a card deeper than MARKDOWN_MAX_DEPTH is shown as
 * plain text under a note saying why (as is one marked still cannot parse), never a crash.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { outputMsg } from '../messages.ts';

/**
 * The deepest block nesting a card may have: `>` quotes and list levels, counted on each line as
 * its quote and list markers plus one level per two columns of indentation (outside fenced code).
 * Real cards nest a few levels; marked takes quadratic time in the depth of nested lists.
 */
export const MARKDOWN_MAX_DEPTH = 40;

const marked = new Marked({ gfm: true, breaks: false, async: false });

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'sub', 'sup',
    'em', 'strong', 'b', 'i', 'del', 's', 'ins', 'mark', 'small', 'abbr', 'q', 'cite', 'dfn', 'time',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'details', 'summary', 'figure', 'figcaption',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    abbr: ['title'],
    th: ['scope', 'colspan', 'rowspan', 'align'],
    td: ['colspan', 'rowspan', 'align'],
    ol: ['start'],
    time: ['datetime'],
    code: ['class'],
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'cite'],
  allowProtocolRelative: false,
  // Dropped together with their content (not shown as text).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template'],
  disallowedTagsMode: 'discard',
  transformTags: {
    // Remote images would break the page's Content-Security-Policy (img-src 'self'); show them as links.
    img: (_tag, attribs) => ({ tagName: 'a', attribs: { href: attribs.src ?? '', rel: 'nofollow noopener' }, text: attribs.alt ? `image: ${attribs.alt}` : 'image' }),
    a: (_tag, attribs) => ({ tagName: 'a', attribs: { ...(attribs.href !== undefined ? { href: attribs.href } : {}), ...(attribs.title ? { title: attribs.title } : {}), rel: 'nofollow noopener' } }),
  },
};

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** The container markers at the start of a line: `>` quotes and list bullets or numbers. */
const CONTAINER = /^[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;

/** The deepest block nesting of `markdown` and the first line (1-based) that reaches it. */
export function markdownDepth(markdown: string): { depth: number; line: number } {
  let max = { depth: 0, line: 0 };
  let fence: string | null = null;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    const f = FENCE.exec(text);
    if (fence !== null) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = null;
      continue;
    }
    if (f) fence = f[1];
    const indent = /^[ \t]*/.exec(text)![0].replace(/\t/g, '    ').length;
    let markers = 0;
    for (let rest = text, m = CONTAINER.exec(rest); m; m = CONTAINER.exec(rest)) {
      markers++;
      rest = rest.slice(m[0].length);
    }
    const depth = markers + Math.floor(indent / 2);
    if (depth > max.depth) max = { depth, line: i + 1 };
  }
  return max;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** The card as plain text under a note saying why it is not formatted. */
function asPlainText(markdown: string, why: string): string {
  return `<p class="md-note"><strong>${escapeHtml(why)}</strong></p>\n<pre class="md-plain">${escapeHtml(markdown)}</pre>`;
}

/** Markdown -> sanitised HTML, safe to inline in a page; too deep a card comes back as plain text with a note. */
export function renderMarkdown(markdown: string): string {
  const deep = markdownDepth(markdown);
  if (deep.depth > MARKDOWN_MAX_DEPTH) return asPlainText(markdown, outputMsg.markdownTooDeep(deep.depth, deep.line, MARKDOWN_MAX_DEPTH));
  let raw: string;
  try {
    raw = marked.parse(markdown) as string;
  } catch (e) {
    // Nesting this guard does not count (e.g. thousands of nested emphasis marks) overflows marked's stack.
    if (e instanceof RangeError) return asPlainText(markdown, outputMsg.markdownUnparsable());
    throw e;
  }
  return boxTables(nestHeadings(unlinkDropped(sanitizeHtml(raw, OPTIONS).trim())));
}

/** The page's own heading the card sits under (h2 "Model card"). */
const CARD_PARENT_LEVEL = 2;

/**
 * Renumber the card's headings under the page's h2: the card's shallowest heading level becomes
 * h3, each heading keeps its depth below that, but goes at most one level deeper than the heading
 * before it, and h6 at most. So `## Purpose` first becomes h3, and `# A` then `### B` becomes h3
 * then h4. Runs on the sanitised HTML, where a heading tag carries no attribute.
 */
function nestHeadings(html: string): string {
  const levels = [...html.matchAll(/<h([1-6])>/g)].map((m) => Number(m[1]));
  if (!levels.length) return html;
  const top = Math.min(...levels);
  let previous = CARD_PARENT_LEVEL;
  const open: number[] = [];
  return html.replace(/<(\/?)h([1-6])>/g, (_tag, close: string, level: string) => {
    if (close) return `</h${open.pop() ?? previous}>`;
    previous = Math.min(6, previous + 1, CARD_PARENT_LEVEL + 1 + Number(level) - top);
    open.push(previous);
    return `<h${previous}>`;
  });
}

/**
 * A link whose address the sanitiser dropped (javascript:, data:, ...) is left as `<a>` with only
 * the `rel` the link transform gave it, and HTML allows `rel` only on a link with an address (the
 * Nu checker's "missing required attribute href"). Such a link becomes a bare `<a>`, its text
 * kept. The transform writes `href` first, so a tag that starts `<a title=` or `<a rel=` has none.
 */
function unlinkDropped(html: string): string {
  return html.replace(/<a( title="[^"]*")? rel="nofollow noopener">/g, '<a$1>');
}

/**
 * Each table in its own scrolling box, a named region in the tab order as the page's own tables
 * are (TableBox.astro): a keyboard reader can scroll a card's wide table on a phone. Runs on the
 * sanitised HTML, where every table tag is bare and balanced.
 */
function boxTables(html: string): string {
  let n = 0;
  return html
    .replace(/<table>/g, () => `<div class="tw" role="region" tabindex="0" aria-label="Table ${++n} of the model card"><table>`)
    .replaceAll('</table>', '</table></div>');
}
