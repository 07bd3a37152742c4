/**
 * Sortable model tables (overview and team pages): the sortable headings become buttons;
 * a button sorts the rows of every table on the page (within each team group) by that column,
 * first in the column's natural direction, then the other way, then back to the server's order
 * (worst first, then name). aria-sort marks the sorted heading; the choice is mirrored in the
 * address (?sort=health&dir=asc). Which heading sorts by what is model-columns.ts, and sort values
 * are read from what the rows already hold (cells and data-h / data-l): the HTML carries nothing
 * extra for sorting.
 */
import { SEVERITY } from '../core/health.ts';
import type { Health } from '../core/types.ts';
import { tableToolsMsg as t } from '../messages.ts';
import { setQuery } from './address.ts';
import { MODEL_COLUMNS } from './model-columns.ts';

type Dir = 'ascending' | 'descending';
/** A row's value for a key; null sorts last in both directions. */
type Value = string | number | null;

interface SortKey {
  /** The direction of the first press: the order a reader most likely wants first. */
  first: Dir;
  value: (row: HTMLTableRowElement, cell: HTMLTableCellElement) => Value;
}

const collator = new Intl.Collator('en', { numeric: true });
const text = (el: Element): string => (el.textContent ?? '').trim();
/** "−3.1%" (a minus sign) or "+0.4%" as a number; "–" (no value) as null. */
function signed(s: string): number | null {
  const x = Number.parseFloat(s.replace('\u2212', '-'));
  return Number.isFinite(x) ? x : null;
}

/** The keys, by the sort name model-columns.ts gives their heading (set on it as data-sort). */
const KEYS: Record<string, SortKey> = {
  name: { first: 'ascending', value: (_, c) => text(c.querySelector('a') ?? c) },
  // Worst first is ascending: the core's severity (red, amber, unknown, green), as the server's default order.
  health: { first: 'ascending', value: (r) => { const v = SEVERITY[r.dataset.h as Health]; return v === undefined ? null : -v; } },
  lifecycle: { first: 'ascending', value: (r) => r.dataset.l || null },
  // The change from expected, worse first whichever way the metric is better (the server marks a
  // worse change .w and a better one .g, view/common.ts deltaDirection); level is 0; no value,
  // or an old one (.st, the values are not current), last.
  change: { first: 'ascending', value: (_, c) => {
    if (c.querySelector('.st')) return null;
    const s = [...c.children].filter((e) => !e.classList.contains('ml-l')).at(-1);
    const x = s ? signed(text(s)) : null;
    if (x === null || !s) return null;
    return s.classList.contains('w') ? -Math.abs(x) : s.classList.contains('g') ? Math.abs(x) : 0;
  } },
  // How many drift checks are alarmed; "none" is 0.
  drift: { first: 'descending', value: (_, c) => (c.classList.contains('x') ? text(c).split(',').length : 0) },
  retrained: { first: 'ascending', value: (_, c) => /^\d{4}-\d\d-\d\d/.exec(text(c))?.[0] ?? null },
  owner: { first: 'ascending', value: (_, c) => { const s = text(c); return s && s !== '–' ? s : null; } },
};

interface State {
  key: string;
  dir: Dir;
}

const other = (d: Dir): Dir => (d === 'ascending' ? 'descending' : 'ascending');

function compare(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** Sort one table's rows; ties and missing values keep the server's order, missing values last. */
function sortTable(table: HTMLTableElement, state: State | null, serverOrder: Map<HTMLTableRowElement, number>): void {
  const body = table.tBodies[0];
  if (!body) return;
  const rows = [...body.rows];
  const index = (r: HTMLTableRowElement) => serverOrder.get(r) ?? 0;
  if (!state) {
    rows.sort((a, b) => index(a) - index(b));
  } else {
    const key = KEYS[state.key];
    const col = table.querySelector<HTMLTableCellElement>(`thead th[data-sort="${state.key}"]`)?.cellIndex ?? -1;
    const sign = state.dir === 'ascending' ? 1 : -1;
    const values = new Map(rows.map((r) => [r, col < 0 ? null : key.value(r, r.cells[col])]));
    rows.sort((a, b) => {
      const va = values.get(a) ?? null;
      const vb = values.get(b) ?? null;
      if (va === null || vb === null) return va === vb ? index(a) - index(b) : va === null ? 1 : -1;
      return sign * compare(va, vb) || index(a) - index(b);
    });
  }
  body.append(...rows);
}

function heading(th: HTMLTableCellElement): string {
  return text(th.querySelector('.sl') ?? th);
}

export function initSort(): void {
  const tables = [...document.querySelectorAll<HTMLTableElement>('table.ml')];
  if (!tables.length) return;
  const serverOrder = new Map<HTMLTableRowElement, number>();
  const headings: HTMLTableCellElement[] = [];
  for (const table of tables) {
    [...(table.tBodies[0]?.rows ?? [])].forEach((r, i) => serverOrder.set(r, i));
    const ths = [...(table.tHead?.rows[0]?.cells ?? [])];
    for (const [i, th] of ths.entries()) {
      const col = MODEL_COLUMNS[i];
      // Only a heading that is the column the list names (a table of another shape is left alone).
      if (ths.length !== MODEL_COLUMNS.length || !col?.sort || !KEYS[col.sort] || text(th) !== col.heading) continue;
      th.dataset.sort = col.sort;
      const button = document.createElement('button');
      button.type = 'button';
      const label = document.createElement('span');
      label.className = 'sl';
      label.append(...th.childNodes);
      const arrow = document.createElement('span');
      arrow.className = 'si';
      arrow.setAttribute('aria-hidden', 'true');
      button.append(label, arrow);
      const note = t.sortNote[th.dataset.sort!];
      if (note) {
        const sr = document.createElement('span');
        sr.className = 'sr';
        sr.textContent = ` (${note})`;
        button.append(sr);
        button.title = note;
      }
      th.append(button);
      headings.push(th);
    }
    table.classList.add('sortable');
  }
  // Said once the rows have moved: aria-sort alone is not announced by every screen reader.
  const status = document.createElement('p');
  status.className = 'sr';
  status.setAttribute('aria-live', 'polite');
  tables[0].closest('main')?.append(status);

  let state: State | null = null;
  const apply = (next: State | null, announce: boolean) => {
    state = next;
    for (const table of tables) sortTable(table, state, serverOrder);
    for (const th of headings) {
      if (state && th.dataset.sort === state.key) th.setAttribute('aria-sort', state.dir);
      else th.removeAttribute('aria-sort');
    }
    setQuery({ sort: state?.key ?? '', dir: state ? (state.dir === 'ascending' ? 'asc' : 'desc') : '' });
    if (announce) {
      const th = state && headings.find((h) => h.dataset.sort === state!.key);
      status.textContent = state && th ? t.sorted(heading(th), state.dir) : t.sortedDefault();
    }
  };

  for (const th of headings) {
    th.querySelector('button')!.addEventListener('click', () => {
      const key = th.dataset.sort!;
      const first = KEYS[key].first;
      // First press: the natural direction; second: the other; third: the server's order again.
      apply(state?.key !== key ? { key, dir: first } : state.dir === first ? { key, dir: other(first) } : null, true);
    });
  }

  const params = new URLSearchParams(location.search);
  const key = params.get('sort');
  if (key && KEYS[key] && headings.some((h) => h.dataset.sort === key)) {
    const dir = params.get('dir');
    apply({ key, dir: dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : KEYS[key].first }, false);
  }
}
