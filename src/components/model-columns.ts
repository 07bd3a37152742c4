/**
 * The model table's columns, in order: the heading and the key it sorts by (null: not sortable).
 * ModelTable.astro writes the headings from it and sort.ts reads it to know which heading sorts
 * by what, so the HTML carries no sort attribute: the overview repeats the heading row in every
 * team group, and 24 groups' data-sort attributes cost 0.7 KB gzip at 1,000 models.
 */
export const MODEL_COLUMNS: readonly { heading: string; sort: string | null; num?: true }[] = [
  { heading: 'Model', sort: 'name' },
  { heading: 'Health', sort: 'health' },
  { heading: 'Lifecycle', sort: 'lifecycle' },
  { heading: 'Primary now / expected', sort: 'change', num: true },
  { heading: 'Trend', sort: null },
  { heading: 'Drift', sort: 'drift' },
  { heading: 'Retrained (age)', sort: 'retrained' },
  { heading: 'Owner', sort: 'owner' },
];
