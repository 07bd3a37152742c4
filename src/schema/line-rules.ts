/**
 * The limits of a metric or feature-window line, stated once: the Zod schemas (metric.ts,
 * features.ts) and the fast line readers (src/registry/fast-metric.ts, fast-feature.ts, scan.ts)
 * take them from here, and test/registry/scan.test.ts holds the readers to the schemas at each limit.
 */

/** A slice key: a lowercase slug, e.g. "sex" or "age_band". */
export const SLICE_KEY_RE = /^[a-z0-9][a-z0-9_-]*$/;
/** Longest metric name, in characters. */
export const METRIC_NAME_MAX = 100;
/** Longest pipeline run id, in characters. */
export const RUN_MAX = 200;
/** Most raw values in one window's sample. */
export const MAX_SAMPLE = 100_000;

/**
 * Deepest nesting of objects and arrays in any parsed registry document (a card's front matter,
 * a version, reference.json, a metric or feature line, a `spog log --file` record): the deepest
 * the schemas ask for is six (reference.json's by_month histograms), and a deeper document is
 * refused before any walk over it, so no walk can run out of call stack.
 */
export const MAX_DEPTH = 64;
