/**
 * Helpers for the chart tests: a strict XML well-formedness check, and readers for the parts of
 * a chart SVG the tests compare (tick labels, line vertices, bars), for both the static SVG
 * (src/charts/svg.ts) and Vega's own rendering (chart-vega.ts).
 */

const NAME = /[A-Za-z_][-A-Za-z0-9_.:]*/y;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether `xml` is one well-formed XML element (no prolog, comments or CDATA: the charts write
 * none): tags nest and match, attribute values are quoted and unique per element, text and
 * values hold no "<" and no "&" but in the five entities or character references, and no
 * character XML 1.0 forbids. Returns the first problem, or null.
 */
export function xmlProblem(xml: string): string | null {
  const bad = BAD_CHAR.exec(xml);
  if (bad) return `forbidden character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`;
  const stack: string[] = [];
  let i = 0;
  let roots = 0;
  const name = (): string | null => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (!m) return null;
    i += m[0].length;
    return m[0];
  };
  const checkText = (text: string, at: number): string | null => {
    for (let k = text.indexOf('&'); k >= 0; k = text.indexOf('&', k + 1)) {
      ENTITY.lastIndex = k;
      if (!ENTITY.test(text)) return `bare "&" at ${at + k}`;
    }
    return text.includes('<') ? `"<" in text at ${at}` : null;
  };
  const ws = () => {
    while (i < xml.length && /\s/.test(xml[i])) i++;
  };
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const end = xml.indexOf('<', i);
      const text = xml.slice(i, end < 0 ? xml.length : end);
      if (stack.length === 0 && text.trim()) return `text outside the root at ${i}`;
      const p = checkText(text, i);
      if (p) return p;
      i += text.length;
      continue;
    }
    if (xml.startsWith('</', i)) {
      i += 2;
      const n = name();
      ws();
      if (!n || xml[i] !== '>') return `bad end tag at ${i}`;
      if (stack.pop() !== n) return `</${n}> does not close the open element at ${i}`;
      i++;
      continue;
    }
    i++;
    const n = name();
    if (!n) return `bad tag name at ${i}`;
    if (stack.length === 0 && ++roots > 1) return `a second root element at ${i}`;
    const seen = new Set<string>();
    for (;;) {
      const before = i;
      ws();
      if (xml.startsWith('/>', i)) {
        i += 2;
        break;
      }
      if (xml[i] === '>') {
        i++;
        stack.push(n);
        break;
      }
      if (i === before) return `attributes must be separated by space at ${i}`;
      const a = name();
      if (!a) return `bad attribute name at ${i}`;
      if (seen.has(a)) return `repeated attribute ${a} at ${i}`;
      seen.add(a);
      if (xml[i] !== '=') return `attribute ${a} without a value at ${i}`;
      const q = xml[i + 1];
      if (q !== '"' && q !== "'") return `unquoted attribute ${a} at ${i}`;
      const end = xml.indexOf(q, i + 2);
      if (end < 0) return `unterminated attribute ${a}`;
      const p = checkText(xml.slice(i + 2, end), i + 2);
      if (p) return p;
      i = end + 1;
    }
  }
  if (stack.length) return `unclosed <${stack.at(-1)}>`;
  return roots === 1 ? null : 'no root element';
}

/** The text of XML character data: entities and character references decoded. */
export function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))));
}

const texts = (group: string) => [...group.matchAll(/<text(?![^>]*class="at")[^>]*>([^<]*)<\/text>/g)].map((m) => unescapeXml(m[1]));

/** Static SVG: the visible tick labels of each left axis (class "yl") or bottom axis ("xl"), in order. */
export function staticLabels(svg: string, axis: 'x' | 'y'): string[][] {
  return [...svg.matchAll(new RegExp(`<g class="${axis}l"[^>]*>([\\s\\S]*?)</g>`, 'g'))].map((m) => texts(m[1]));
}

/** Static SVG: the number of tick lines of each axis of one orientation. */
export function staticTickCounts(svg: string, axis: 'x' | 'y'): number[] {
  return [...svg.matchAll(/<g class="ax"[^>]*>([\s\S]*?)<\/g>/g)]
    .map((m) => [...m[1].matchAll(/<line ([^>]*)\/>/g)].map((l) => l[1]))
    .filter((lines) => {
      // The last line is the domain: horizontal for a bottom axis, vertical for a left one.
      const d = lines.at(-1)!;
      const horizontal = /y1="([^"]*)" y2="\1"/.test(d);
      return axis === 'x' ? horizontal : !horizontal;
    })
    .map((lines) => lines.length - 1);
}

/** Vega's SVG: every tick label of each X or Y axis, with whether Vega shows it (opacity 1). */
export function vegaLabels(svg: string, axis: 'x' | 'y'): { text: string; shown: boolean }[][] {
  const re = new RegExp(`aria-label="${axis.toUpperCase()}-axis[^"]*"[\\s\\S]*?<g class="mark-text role-axis-label"[^>]*>([\\s\\S]*?)</g>`, 'g');
  return [...svg.matchAll(re)].map((m) => [...m[1].matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((t) => ({ text: unescapeXml(t[2]), shown: !/opacity="0"/.test(t[1]) })));
}

/** Vertices of an SVG path made of M and L commands. */
export function vertices(d: string): [number, number][] {
  return d.split(/[ML]/).filter(Boolean).map((p) => p.split(',').map(Number) as [number, number]);
}

/** Static SVG: the `d` of every line path (class "line"). */
export const staticLines = (svg: string) => [...svg.matchAll(/<path class="line" d="([^"]*)"/g)].map((m) => m[1]);

/** Vega's SVG: the `d` of every line mark. */
export const vegaLines = (svg: string) => [...svg.matchAll(/aria-roledescription="line mark" d="([^"]*)"/g)].map((m) => m[1]);

/** Static SVG: the rectangles in a group of class "bars", as [x, y, width, height]. */
export function staticBars(svg: string): number[][] {
  const group = /<g class="bars">([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? '';
  return [...group.matchAll(/<rect x="([^"]*)" y="([^"]*)" width="([^"]*)" height="([^"]*)"/g)].map((m) => m.slice(1, 5).map(Number));
}

/** Vega's SVG: bar marks ("M x,y h w v h h -w Z") as [x, y, width, height]. */
export function vegaBars(svg: string): number[][] {
  return [...svg.matchAll(/aria-roledescription="bar" d="M([-\d.]+),([-\d.]+)h([-\d.]+)v([-\d.]+)h/g)].map((m) => m.slice(1, 5).map(Number));
}

/** The natural size and the viewBox of an SVG document. */
export function svgSize(svg: string): { width: number; height: number; viewBox: number[] } {
  const head = svg.slice(0, svg.indexOf('>'));
  return {
    width: Number(/ width="([^"]*)"/.exec(head)?.[1]),
    height: Number(/ height="([^"]*)"/.exec(head)?.[1]),
    viewBox: (/ viewBox="([^"]*)"/.exec(head)?.[1] ?? '').split(' ').map(Number),
  };
}
