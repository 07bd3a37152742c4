/**
 * The overview's filters: team, health, lifecycle and tag. Rows carry data-h (health),
 * data-l (lifecycle) and data-g (tags); team groups carry data-team. The choice is mirrored in
 * the address (?team=...&health=...) so a filtered view can be shared.
 */
const KEYS = ['team', 'health', 'lifecycle', 'tag'] as const;
type Key = (typeof KEYS)[number];

function apply(form: HTMLFormElement): void {
  const v = Object.fromEntries(KEYS.map((k) => [k, (form.elements.namedItem(k) as HTMLSelectElement | null)?.value ?? ''])) as Record<Key, string>;
  const active = KEYS.some((k) => v[k]);
  let shown = 0;
  for (const group of document.querySelectorAll<HTMLDetailsElement>('[data-team]')) {
    let inGroup = 0;
    const teamOk = !v.team || group.dataset.team === v.team;
    for (const row of group.querySelectorAll<HTMLTableRowElement>('tr[data-h]')) {
      const ok = teamOk
        && (!v.health || row.dataset.h === v.health)
        && (!v.lifecycle || row.dataset.l === v.lifecycle)
        && (!v.tag || (row.dataset.g ?? '').split(' ').includes(v.tag));
      row.hidden = !ok;
      if (ok) inGroup++;
    }
    group.hidden = inGroup === 0;
    if (active && inGroup > 0) group.open = true;
    else if (!active) group.open = group.dataset.open === 'true';
    shown += inGroup;
  }
  const out = form.elements.namedItem('shown') as HTMLOutputElement | null;
  if (out) out.value = active ? `${shown} of ${form.dataset.total} models shown` : `${form.dataset.total} models`;
  const params = new URLSearchParams();
  for (const k of KEYS) if (v[k]) params.set(k, v[k]);
  const query = params.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

/** A closed group prints as its summary alone: open every group the filters show while printing, and close them again after. */
function initPrint(): void {
  let opened: HTMLDetailsElement[] = [];
  addEventListener('beforeprint', () => {
    opened = [...document.querySelectorAll<HTMLDetailsElement>('details[data-team]:not([open]):not([hidden])')];
    for (const g of opened) g.open = true;
  });
  addEventListener('afterprint', () => {
    for (const g of opened) g.open = false;
    opened = [];
  });
}

export function initFilters(): void {
  initPrint();
  const form = document.querySelector<HTMLFormElement>('#filters');
  if (!form) return;
  const params = new URLSearchParams(location.search);
  for (const k of KEYS) {
    const el = form.elements.namedItem(k) as HTMLSelectElement | null;
    const want = params.get(k);
    if (el && want && [...el.options].some((o) => o.value === want)) el.value = want;
  }
  form.hidden = false;
  form.addEventListener('change', () => apply(form));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply(form);
  });
  // "reset" fires before the fields are cleared.
  form.addEventListener('reset', () => setTimeout(() => apply(form), 0));
  if (KEYS.some((k) => params.get(k))) apply(form);
}
