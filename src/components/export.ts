/**
 * "Export shown rows as CSV": the site's own CSV of the whole fleet (/api/models.csv, linked on the
 * page for readers without JavaScript) cut down to the rows the filters show, in the order shown.
 * It keeps whole records of that file, picked by their first field (the model id), and never
 * rebuilds a cell: the columns, the quoting and the formula guard are the build's (view/fleet-csv.ts).
 */
import { tableToolsMsg as t } from '../messages.ts';
import { CRLF, csvFields, csvRecords } from '../view/csv.ts';
import { rowId } from './address.ts';

/** The records of the site's CSV by model id, and its header; fetched once. */
let table: Promise<{ header: string; byId: Map<string, string> }> | null = null;

async function load(url: string): Promise<{ header: string; byId: Map<string, string> }> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  const [header = '', ...records] = csvRecords(await res.text());
  return { header, byId: new Map(records.map((r) => [csvFields(r)[0], r])) };
}

/** The ids of the rows the filters show, in the order the page shows them (team groups, then each table's sort). */
function shownIds(): string[] {
  const rows = document.querySelectorAll<HTMLTableRowElement>('details[data-team]:not([hidden]) tr[data-h]:not([hidden])');
  return [...rows].map(rowId).filter((id): id is string => id !== null);
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function initExport(): void {
  const button = document.querySelector<HTMLButtonElement>('#export-csv');
  const link = document.querySelector<HTMLAnchorElement>('a[data-csv]');
  const out = button?.form?.elements.namedItem('shown') as HTMLOutputElement | null | undefined;
  if (!button || !link) return;
  // Not `disabled` while busy: disabling the focused button would drop focus to the page.
  let busy = false;
  button.addEventListener('click', async () => {
    if (busy) return;
    busy = true;
    button.setAttribute('aria-busy', 'true');
    try {
      table ??= load(link.href);
      const { header, byId } = await table;
      const ids = shownIds();
      const missing = ids.filter((id) => !byId.has(id));
      if (missing.length) throw new Error(t.exportMissing(missing));
      const file = link.download || 'models.csv';
      download([header, ...ids.map((id) => byId.get(id)!)].map((r) => r + CRLF).join(''), file);
      if (out) out.value = t.exported(ids.length, file);
    } catch (e) {
      table = null;
      if (out) out.value = t.exportFailed(e instanceof Error ? e.message : String(e));
    } finally {
      busy = false;
      button.removeAttribute('aria-busy');
    }
  });
}
