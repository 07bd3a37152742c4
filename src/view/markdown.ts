/**
 * The model card's Markdown, rendered with marked and sanitised with sanitize-html. A model card
 * is written by whoever can open a pull request, so the output keeps only inert formatting: no
 * script, style, iframe, form or embedded object, no event-handler or style attribute, and links
 * only to http(s), mailto and site-relative addresses. Card headings move down two levels
 * (h1 -> h3) so the page keeps a single h1 and the card sits under its own h2.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });

const HEADING_SHIFT: Record<string, string> = { h1: 'h3', h2: 'h4', h3: 'h5', h4: 'h6', h5: 'h6', h6: 'h6' };

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'sub', 'sup',
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
    ...Object.fromEntries(Object.entries(HEADING_SHIFT).map(([from, to]) => [from, to])),
    // Remote images would break the page's Content-Security-Policy (img-src 'self'); show them as links.
    img: (_tag, attribs) => ({ tagName: 'a', attribs: { href: attribs.src ?? '', rel: 'nofollow noopener' }, text: attribs.alt ? `image: ${attribs.alt}` : 'image' }),
    a: (_tag, attribs) => ({ tagName: 'a', attribs: { ...(attribs.href !== undefined ? { href: attribs.href } : {}), ...(attribs.title ? { title: attribs.title } : {}), rel: 'nofollow noopener' } }),
  },
};

/** Markdown -> sanitised HTML, safe to inline in a page. */
export function renderMarkdown(markdown: string): string {
  const raw = marked.parse(markdown) as string;
  return sanitizeHtml(raw, OPTIONS).trim();
}
