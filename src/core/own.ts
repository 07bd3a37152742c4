/**
 * A name from the registry (a metric, a feature, a slice key) read as a key of a plain object
 * must find only what the registry put there: `{}.constructor` is Object, `{}.toString` a
 * function. The schemas refuse such names; the engine does not rely on it.
 */

/** `obj[key]` when `obj` has it as its own property, else undefined (never an inherited one). */
export function own<T>(obj: Readonly<Record<string, T>> | undefined | null, key: string): T | undefined {
  return obj != null && Object.hasOwn(obj, key) ? obj[key] : undefined;
}
