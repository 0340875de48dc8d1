// Type guards for values read from outside (JSON, pluginData, Trello): a checked narrowing instead of an `as`
// (docs/conventions.md "Casts").

/** A plain JSON object (not null, not an array): its fields can be read as `unknown`. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}
