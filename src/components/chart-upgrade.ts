/**
 * Upgrade build-time SVG charts to interactive vega-embed views, lazily: vega-embed (~290 KB
 * gzip) and the model's JSON (the page's <link rel="alternate" type="application/json">, from
 * which src/view/charts.ts builds the specs, as the build did for the static SVG) are fetched
 * only when a reader hovers, taps or presses "Interactive view" on a chart.
 * Once it is loaded, the other charts upgrade as they scroll into view. Expressions run through
 * Vega's interpreter (ast: true), so the page's CSP needs no 'unsafe-eval'.
 */
type Embed = (el: HTMLElement, spec: object, opts: object) => Promise<unknown>;

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
    await embed(target, spec, {
      renderer: 'svg',
      ast: true,
      actions: { export: true, source: false, compiled: false, editor: false },
      downloadFileName: fig.id,
    });
    nameMenu(target, fig);
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
