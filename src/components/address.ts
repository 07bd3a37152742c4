/**
 * The page's address as the place its controls keep their state (filters, search, sort), so that
 * a view can be shared and comes back on reload. Each control sets its own parameters and keeps
 * the others'.
 */

/** Set the parameters given (an empty value removes one), keeping the rest of the query and the hash, without a history entry. */
export function setQuery(values: Record<string, string>): void {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v) params.set(k, v);
    else params.delete(k);
  }
  const query = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

/** The model id a row's link points to (…/models/<id>/): rows carry no id of their own. */
export function rowId(row: HTMLTableRowElement): string | null {
  const a = row.cells[0]?.querySelector('a');
  if (!a) return null;
  const parts = new URL(a.href).pathname.split('/').filter(Boolean);
  return parts.length >= 2 && parts.at(-2) === 'models' ? decodeURIComponent(parts.at(-1)!) : null;
}
