import { describe, expect, it } from 'vitest';
import { MARKDOWN_MAX_DEPTH, markdownDepth, renderMarkdown } from '../../src/view/markdown.ts';

describe('model card Markdown', () => {
  it('renders ordinary Markdown: emphasis, lists, tables, code and links', () => {
    const html = renderMarkdown('Some **bold** and `code`.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[docs](https://example.org/docs)');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<table>');
    expect(html).toMatch(/<a href="https:\/\/example.org\/docs" rel="nofollow noopener">docs<\/a>/);
  });

  it('puts each table in a named scrolling box a keyboard can reach, as the page\'s own tables are', () => {
    const html = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\ntext\n\n| c |\n|---|\n| 3 |');
    expect(html.match(/<div class="tw" role="region" tabindex="0" aria-label="Table \d of the model card"><table>/g)).toEqual([
      '<div class="tw" role="region" tabindex="0" aria-label="Table 1 of the model card"><table>',
      '<div class="tw" role="region" tabindex="0" aria-label="Table 2 of the model card"><table>',
    ]);
    expect(html.match(/<\/table><\/div>/g)).toHaveLength(2);
  });

  it('moves headings down two levels so the page keeps one h1', () => {
    const html = renderMarkdown('# Title\n\n## Section\n\n### Sub\n\n#### Deeper\n\n##### Deepest\n\n## Next');
    expect(html.match(/<h\d>[^<]*<\/h\d>/g)).toEqual(['<h3>Title</h3>', '<h4>Section</h4>', '<h5>Sub</h5>', '<h6>Deeper</h6>', '<h6>Deepest</h6>', '<h4>Next</h4>']);
  });

  it('starts a card that has no h1 at h3, and never skips a heading level (the page\'s card heading is an h2)', () => {
    expect(renderMarkdown('## Purpose\n\n### Data\n\n## Model').match(/<h\d>[^<]*<\/h\d>/g)).toEqual(['<h3>Purpose</h3>', '<h4>Data</h4>', '<h3>Model</h3>']);
    expect(renderMarkdown('# Title\n\n### Skipped\n\n###### Far').match(/<h\d>[^<]*<\/h\d>/g)).toEqual(['<h3>Title</h3>', '<h4>Skipped</h4>', '<h5>Far</h5>']);
    expect(renderMarkdown('<h2>raw</h2><h5>raw too</h5>')).toBe('<h3>raw</h3><h4>raw too</h4>');
  });

  it('drops script elements with their content', () => {
    const html = renderMarkdown('Hello\n\n<script>window.pwned = 1; alert(1)</script>\n\n<SCRIPT src="https://evil.example/x.js"></SCRIPT>');
    expect(html).not.toMatch(/script/i);
    expect(html).not.toContain('pwned');
    expect(html).toContain('Hello');
  });

  it('drops event-handler and style attributes', () => {
    const html = renderMarkdown('<img src="x" onerror="alert(1)">\n\n<p onclick="alert(2)" style="color:red">text</p>\n\n<a href="https://example.org" onmouseover="alert(3)">link</a>');
    expect(html).not.toMatch(/on(error|click|mouseover)/i);
    expect(html).not.toContain('style=');
    expect(html).toContain('text');
  });

  it('removes javascript:, data: and vbscript: link targets', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox(1)']) {
      const html = renderMarkdown(`[click](${href}) <a href="${href}">raw</a>`);
      expect(html, href).not.toMatch(/javascript|data:|vbscript/i);
    }
  });

  it('leaves a link whose target was removed as its text in a bare <a> (HTML allows rel only with an href)', () => {
    expect(renderMarkdown('[click](javascript:alert(1)) <a href="javascript:x()" title="t">raw</a> ![pic](data:image/png;base64,AA==)')).toBe(
      '<p><a>click</a> <a title="t">raw</a> <a>image: pic</a></p>',
    );
  });

  it('drops iframes, objects, embeds, forms, svg and inline styles', () => {
    const html = renderMarkdown('<iframe src="https://evil.example"></iframe><object data="x"></object><embed src="y"><form action="/x"><input name="q"></form><svg onload="alert(1)"><circle r="1"/></svg><style>body{display:none}</style>ok');
    expect(html).not.toMatch(/iframe|object|embed|form|input|svg|style|onload/i);
    expect(html).toContain('ok');
  });

  it('shows remote images as links (the page allows images only from itself)', () => {
    const html = renderMarkdown('![roc curve](https://example.org/roc.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="https://example.org/roc.png"');
    expect(html).toContain('image: roc curve');
  });

  it('keeps relative links and mailto', () => {
    const html = renderMarkdown('[other](../other/) [mail](mailto:ana@example.org)');
    expect(html).toContain('href="../other/"');
    expect(html).toContain('href="mailto:ana@example.org"');
  });

  it('shows a card of 10,000 nested quotes as plain text under a note, instead of overflowing the stack', () => {
    const html = renderMarkdown(`Intro\n\n${'>'.repeat(10_000)} deep <script>alert(1)</script>`);
    expect(html).toContain(`it nests quotes or lists 10000 levels deep (its line 3), over the limit of ${MARKDOWN_MAX_DEPTH}.`);
    expect(html).toContain('<pre class="md-plain">Intro');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('shows 2,000 nested list items as plain text (marked would run out of memory, which no catch stops)', () => {
    const list = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n');
    expect(renderMarkdown(list)).toContain('it nests quotes or lists 2000 levels deep (its line 2000)');
  });

  it('shows 10,000 nested emphasis marks as plain text (the stack overflow is caught)', () => {
    expect(renderMarkdown(`${'*'.repeat(10_000)}x${'*'.repeat(10_000)}`)).toContain('it nests its formatting too deeply to be rendered');
  });

  it('formats a card up to the limit, and does not count indentation inside fenced code', () => {
    const quotes = `${'> '.repeat(MARKDOWN_MAX_DEPTH)}deep`;
    expect(markdownDepth(quotes)).toEqual({ depth: MARKDOWN_MAX_DEPTH, line: 1 });
    expect(renderMarkdown(quotes)).toContain('<blockquote>');
    const code = `\`\`\`python\n${' '.repeat(200)}x = 1\n\`\`\`\n\n- one\n  - two`;
    expect(markdownDepth(code)).toEqual({ depth: 2, line: 6 });
    expect(renderMarkdown(code)).toContain('<pre><code class="language-python">');
  });
});
