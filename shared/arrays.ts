// Array helpers that hold for any length. A call spread (`xs.push(...ys)`, `Math.max(...ys)`) passes every
// element as an argument and V8 throws "Maximum call stack size exceeded" past ~100k of them, so arrays whose
// length the data decides (findings, records, comments) go through these instead (test/arch/no-unbounded-spread.test.ts).

/** Appends every item to `target` (in order) and returns it: `target.push(...items)` for any length. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}

/** The smallest number, Infinity when empty (as `Math.min()`), for any length. */
export function minOf(xs: Iterable<number>): number {
  let m = Infinity;
  for (const x of xs) if (x < m || Number.isNaN(x)) m = x;
  return m;
}

/** The largest number, -Infinity when empty (as `Math.max()`), for any length. */
export function maxOf(xs: Iterable<number>): number {
  let m = -Infinity;
  for (const x of xs) if (x > m || Number.isNaN(x)) m = x;
  return m;
}

/** An array with at least one element: its first is always there (no `!` or cast to read it). */
export type NonEmpty<T> = readonly [T, ...T[]];

/** `xs.map(f)` that keeps the non-empty type. */
export function mapNonEmpty<T, U>(xs: NonEmpty<T>, f: (x: T, i: number) => U): NonEmpty<U> {
  const [first, ...rest] = xs;
  return [f(first, 0), ...rest.map((x, i) => f(x, i + 1))];
}

/** The element at `i`, clamped to the array's ends (an index from a search over `xs` is always inside). */
export function clampedAt<T>(xs: NonEmpty<T>, i: number): T {
  return xs[Math.min(Math.max(i, 0), xs.length - 1)] ?? xs[0];
}
