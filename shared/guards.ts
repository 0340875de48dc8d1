// Type guards for values read from outside (JSON, pluginData, Trello): a checked narrowing instead of an `as`
// (docs/conventions.md "Casts").

/** A plain JSON object (not null, not an array): its fields can be read as `unknown`. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/**
 * `x`, which the caller knows is there (an index inside its array, a key just set, a value a mode guarantees): a
 * broken invariant throws here, naming `what`, instead of later as "cannot read properties of undefined".
 */
export function present<T>(x: T | null | undefined, what: string): T {
  if (x === undefined || x === null) throw new Error(`internal error: ${what} is missing`);
  return x;
}
