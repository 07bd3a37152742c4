/**
 * The overview's filters: search, team, health, lifecycle and tag. Rows carry data-h (health),
 * data-l (lifecycle) and data-g (tags); team groups carry data-team. The search matches, case
 * apart, every word of it in a model's name, id, team, any of its owners (the owner cell's title
 * lists them all) or tags. The choice is mirrored in the address (?q=...&team=...&health=...) so a filtered view
 * can be shared; the sort (sort.ts) keeps its own parameters there.
 */
import { tableToolsMsg as t } from '../messages.ts';
import { rowId, setQuery } from './address.ts';

const KEYS = ['q', 'team', 'health', 'lifecycle', 'tag'] as const;
type Key = (typeof KEYS)[number];
type Field = HTMLSelectElement | HTMLInputElement;

const field = (form: HTMLFormElement, k: Key) => form.elements.namedItem(k) as Field | null;

/** What the search looks in, lower-cased, one field a line (a query never matches across two). */
const haystacks = new WeakMap<HTMLTableRowElement, string>();
function haystack(row: HTMLTableRowElement): string {
  let h = haystacks.get(row);
  if (h === undefined) {
    const owners = row.querySelector<HTMLElement>('td.o')?.title ?? '';
    const team = row.closest<HTMLElement>('[data-team]')?.querySelector('summary strong')?.textContent ?? '';
    h = [row.cells[0]?.querySelector('a')?.textContent ?? '', rowId(row) ?? '', team, ...owners.split(', '), ...(row.dataset.g ?? '').split(' ')].join('\n').toLowerCase();
    haystacks.set(row, h);
  }
  return h;
}

function apply(form: HTMLFormElement): void {
  const v = Object.fromEntries(KEYS.map((k) => [k, field(form, k)?.value ?? ''])) as Record<Key, string>;
  // Every word of the search must be found (in any of the fields): "temp max" finds "New York next-day high temperature (max)".
  const words = v.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const q = words.join(' ');
  const active = KEYS.some((k) => (k === 'q' ? q : v[k]));
  let shown = 0;
  for (const group of document.querySelectorAll<HTMLDetailsElement>('[data-team]')) {
    let inGroup = 0;
    const teamOk = !v.team || group.dataset.team === v.team;
    for (const row of group.querySelectorAll<HTMLTableRowElement>('tr[data-h]')) {
      const ok = teamOk
        && (!v.health || row.dataset.h === v.health)
        && (!v.lifecycle || row.dataset.l === v.lifecycle)
        && (!v.tag || (row.dataset.g ?? '').split(' ').includes(v.tag))
        && words.every((w) => haystack(row).includes(w));
      row.hidden = !ok;
      if (ok) inGroup++;
    }
    group.hidden = inGroup === 0;
    // The group's caption counts the whole team; while filtering it also says how many are shown.
    const caption = group.querySelector<HTMLElement>('summary .c');
    if (caption) {
      caption.dataset.all ??= caption.textContent ?? '';
      caption.textContent = active ? t.groupShown(caption.dataset.all, inGroup) : caption.dataset.all;
    }
    if (active && inGroup > 0) group.open = true;
    else if (!active) group.open = group.dataset.open === 'true';
    shown += inGroup;
  }
  const out = form.elements.namedItem('shown') as HTMLOutputElement | null;
  const total = Number(form.dataset.total);
  if (out) out.value = active ? t.shown(shown, total) : t.all(total);
  setQuery({ ...v, q: v.q.trim() });
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
    const el = field(form, k);
    const want = params.get(k);
    if (!el || !want) continue;
    if (el instanceof HTMLInputElement) el.value = want;
    else if ([...el.options].some((o) => o.value === want)) el.value = want;
  }
  form.hidden = false;
  form.addEventListener('input', () => apply(form));
  form.addEventListener('change', () => apply(form));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply(form);
  });
  // "reset" fires before the fields are cleared.
  form.addEventListener('reset', () => setTimeout(() => apply(form), 0));
  if (KEYS.some((k) => params.get(k))) apply(form);
}
