/**
 * Upgrade build-time SVG charts to interactive vega-embed views, lazily: vega-embed (~290 KB
 * gzip) and the model's JSON (the page's <link rel="alternate" type="application/json">, from
 * which src/view/charts.ts builds the specs, as the build did for the static SVG) are fetched
 * only when a reader hovers, taps or presses "Interactive view" on a chart.
 * Once it is loaded, the other charts upgrade as they scroll into view. Expressions run through
 * Vega's interpreter (ast: true), so the page's CSP needs no 'unsafe-eval'.
 */
import type { TimeZoom } from '../charts/primary.ts';

/** The part of a Vega view this script uses. */
interface View {
  signal(name: string, value: unknown): View;
  runAsync(): Promise<View>;
  addSignalListener(name: string, handler: (name: string, value: unknown) => void): View;
}
type Embed = (el: HTMLElement, spec: object, opts: object) => Promise<{ view: View }>;

let lib: Promise<Embed> | null = null;
let observer: IntersectionObserver | null = null;

let specs: Promise<Map<string, object>> | null = null;

function load(): Promise<Embed> {
  lib ??= import('vega-embed').then((m) => m.default as unknown as Embed);
  return lib;
}

/** The specs of this page's charts by element id, built from the model's JSON. */
function loadSpecs(): Promise<Map<string, object>> {
  specs ??= (async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="alternate"][type="application/json"]');
    const asOf = document.querySelector('.asof time')?.getAttribute('datetime');
    if (!link || !asOf) throw new Error('this page has no model JSON');
    const [res, { allChartViews }] = await Promise.all([fetch(link.href), import('../view/charts.ts')]);
    if (!res.ok) throw new Error(`${link.href}: ${res.status}`);
    return new Map(allChartViews(await res.json(), asOf).map((v) => [v.id, v.spec as object]));
  })();
  return specs;
}

async function upgrade(fig: HTMLElement): Promise<void> {
  if (fig.dataset.state) return;
  fig.dataset.state = 'loading';
  const holder = fig.querySelector<HTMLElement>('.cv');
  if (!holder) return;
  try {
    const [embed, byId] = await Promise.all([load(), loadSpecs()]);
    const spec = byId.get(fig.id);
    if (!spec) throw new Error(`no spec for #${fig.id}`);
    const target = document.createElement('div');
    target.className = 'cv live';
    target.setAttribute('role', 'group');
    target.setAttribute('aria-label', holder.getAttribute('aria-label') ?? 'chart');
    target.hidden = true;
    holder.after(target);
    const { view } = await embed(target, spec, {
      renderer: 'svg',
      ast: true,
      actions: { export: true, source: false, compiled: false, editor: false },
      downloadFileName: fig.id,
    });
    nameMenu(target, fig);
    const zoom = (spec as { usermeta?: { timeZoom?: TimeZoom } }).usermeta?.timeZoom;
    if (zoom) timeControls(fig, target, view, zoom);
    holder.remove();
    target.hidden = false;
    fig.dataset.state = 'live';
    // The button goes with the static picture; a reader who pressed it lands on the live chart, not on <body>.
    const btn = fig.querySelector<HTMLElement>('[data-live]');
    const hadFocus = btn !== null && btn === document.activeElement;
    btn?.remove();
    if (hadFocus) {
      target.tabIndex = -1;
      target.focus();
    }
    if (!observer) startObserver();
  } catch (e) {
    // The static SVG stays; the chart is still readable.
    fig.dataset.state = 'failed';
    console.warn('spog: interactive chart unavailable', e);
  }
}

const DAY = 86_400_000;
/** The date ranges offered, in days back from the as-of day (null: the whole period). */
const RANGES: { days: number | null; label: string }[] = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: null, label: 'All' },
];

/**
 * Date-range buttons and "Reset zoom" for a chart whose x scale is bound to an interval selection:
 * both set the selection's interval signal (null restores the spec's own domain), as a drag or a
 * wheel would. "Reset zoom" shows only while the view differs from the initial one.
 */
function timeControls(fig: HTMLElement, target: HTMLElement, view: View, zoom: TimeZoom): void {
  const bar = document.createElement('div');
  bar.className = 'ctools';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', `Time range of "${fig.querySelector('.ct')?.textContent?.trim() ?? 'the chart'}"`);
  const span = zoom.to - zoom.from;
  const ranges = RANGES.filter((r) => r.days === null || r.days * DAY < span);
  const buttons = ranges.map((r) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'live-btn';
    b.textContent = r.label;
    b.dataset.range = r.days === null ? 'all' : String(r.days);
    b.setAttribute('aria-pressed', String(r.days === null));
    b.addEventListener('click', () => void setRange(r.days === null ? null : [zoom.to - r.days * DAY, zoom.to], b));
    return b;
  });
  const reset = document.createElement('button');
  reset.type = 'button';
  reset.className = 'live-btn';
  reset.textContent = 'Reset zoom';
  reset.dataset.reset = '';
  reset.hidden = true;
  reset.addEventListener('click', () => {
    void setRange(null, buttons.find((b) => b.dataset.range === 'all') ?? null).then(() => {
      // The button hides itself: keep the reader's place on the range buttons.
      buttons.find((b) => b.dataset.range === 'all')?.focus();
    });
  });
  bar.append(...buttons, reset);
  target.before(bar);
  let setting = false;
  async function setRange(domain: [number, number] | null, pressed: HTMLButtonElement | null): Promise<void> {
    setting = true;
    for (const b of buttons) b.setAttribute('aria-pressed', String(b === pressed));
    await view.signal(`${zoom.param}_${zoom.field}`, domain).runAsync();
    setting = false;
    reset.hidden = domain === null;
  }
  // A drag or a wheel on the chart: the range buttons no longer describe the view.
  view.addSignalListener(zoom.param, () => {
    if (setting) return;
    reset.hidden = false;
    for (const b of buttons) b.setAttribute('aria-pressed', 'false');
  });
}

/** vega-embed's "..." menu is a <summary> holding only an icon: give it a name (axe summary-name). */
function nameMenu(target: HTMLElement, fig: HTMLElement): void {
  const title = fig.querySelector('.ct')?.textContent?.trim();
  const summary = target.querySelector('details > summary');
  summary?.setAttribute('aria-label', title ? `Save the chart "${title}" as an image` : 'Save the chart as an image');
}

function startObserver(): void {
  if (!('IntersectionObserver' in window)) return;
  observer = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) {
        observer?.unobserve(e.target);
        void upgrade(e.target as HTMLElement);
      }
    }
  }, { rootMargin: '200px' });
  for (const fig of document.querySelectorAll<HTMLElement>('[data-chart]:not([data-state])')) observer.observe(fig);
}

export function initCharts(): void {
  for (const fig of document.querySelectorAll<HTMLElement>('[data-chart]')) {
    const go = () => void upgrade(fig);
    fig.addEventListener('pointerenter', go, { once: true });
    fig.addEventListener('touchstart', go, { once: true, passive: true });
    const btn = fig.querySelector<HTMLButtonElement>('[data-live]');
    if (btn) {
      btn.hidden = false;
      btn.addEventListener('click', go);
    }
  }
}
