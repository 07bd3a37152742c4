/**
 * Build-time rendering of a Vega-Lite spec to an SVG string (no browser, no canvas): vega-lite
 * compile, then a headless Vega view. The SVG is inlined in the page so charts read with
 * JavaScript off and print; the client may later swap in an interactive vega-embed view.
 */
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';

export interface RenderedChart {
  svg: string;
  warnings: string[];
  ms: number;
}

/** Shorten the 3-decimal coordinates Vega writes: a tenth of a pixel is below what a screen shows. */
export function compactSvg(svg: string): string {
  // Only geometry attributes: axis and text labels are left exactly as Vega formatted them.
  return svg.replace(/ (d|transform)="([^"]*)"/g, (_, name: string, value: string) =>
    ` ${name}="${value.replace(/(\d+\.\d)\d+/g, '$1').replace(/(\d)\.0(?!\d)/g, '$1')}"`);
}

/** Compile a spec, collecting vega-lite's warnings instead of printing them. */
export function compileSpec(spec: TopLevelSpec): { vega: ReturnType<typeof compile>['spec']; warnings: string[] } {
  const warnings: string[] = [];
  const logger = {
    level(): number { return 0; },
    error: (...a: unknown[]) => { warnings.push(a.map(String).join(' ')); return logger; },
    warn: (...a: unknown[]) => { warnings.push(a.map(String).join(' ')); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  // The logger type asks for a full vega-util LoggerInterface; these methods are all compile uses.
  // A copy: Vega tags the data objects it ingests, and the spec is also embedded in the page.
  const { spec: vega } = compile(structuredClone(spec), { logger: logger as never });
  return { vega, warnings };
}

declare global {
  var __spogChartStats: { charts: number; ms: number } | undefined;
}

/**
 * Charts rendered so far in this process and the time spent (for the build report). Kept on
 * globalThis: the pages run from Astro's bundle, which has its own copy of this module.
 */
export function chartStats(): { charts: number; ms: number } {
  return { ...(globalThis.__spogChartStats ?? { charts: 0, ms: 0 }) };
}

export async function renderSvg(spec: TopLevelSpec): Promise<RenderedChart> {
  const t0 = performance.now();
  const { vega, warnings } = compileSpec(spec);
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    const svg = compactSvg(await view.toSVG());
    const ms = performance.now() - t0;
    const t = (globalThis.__spogChartStats ??= { charts: 0, ms: 0 });
    t.charts++;
    t.ms += ms;
    return { svg, warnings, ms };
  } finally {
    view.finalize();
  }
}
