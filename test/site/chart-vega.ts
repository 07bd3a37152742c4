/**
 * The test oracle: a Vega-Lite spec rendered to SVG by Vega itself (vega-lite compile, then a
 * headless Vega view), as the site did at build time before it drew its charts directly
 * (src/charts/svg.ts). Tests compare the static SVG's tick labels and vertices with it.
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

export async function renderSvg(spec: TopLevelSpec): Promise<RenderedChart> {
  const t0 = performance.now();
  const { vega, warnings } = compileSpec(spec);
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    const svg = compactSvg(await view.toSVG());
    return { svg, warnings, ms: performance.now() - t0 };
  } finally {
    view.finalize();
  }
}
