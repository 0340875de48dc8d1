// Client-side throttle for Trello's limits (docs/trello.md §8: 100 req/10 s per token, 300 per key).
// We stay under them with margin (90 / 270) using a sliding window: at most `max` requests were
// *started* in any `windowMs` span, which also holds for Trello's own fixed windows.

export interface Window {
  readonly max: number;
  readonly windowMs: number;
  /** Start times (ms) of requests inside the current window, oldest first. */
  stamps: number[];
}

export function createWindow(max: number, windowMs: number): Window {
  if (!(max >= 1)) throw new Error(`rate limit must be ≥ 1 request per window (got ${max})`);
  return { max, windowMs, stamps: [] };
}

function prune(w: Window, now: number): void {
  for (let first = w.stamps[0]; first !== undefined && first <= now - w.windowMs; first = w.stamps[0]) w.stamps.shift();
}

/** ms to wait before all windows have room (0 = go now). */
export function waitTime(windows: Window[], now: number): number {
  let wait = 0;
  for (const w of windows) {
    prune(w, now);
    const oldest = w.stamps[w.stamps.length - w.max];
    if (oldest !== undefined) wait = Math.max(wait, oldest + w.windowMs - now);
  }
  return wait;
}

/**
 * Wait until every window has room, then take one slot in each (atomically: no await between check and take).
 * @example await acquire([tokenWindow, keyWindow], Date.now, sleep)
 */
export async function acquire(windows: Window[], now: () => number, sleep: (ms: number) => Promise<void>): Promise<number> {
  let waited = 0;
  for (;;) {
    const t = now();
    const wait = waitTime(windows, t);
    if (wait <= 0) {
      for (const w of windows) w.stamps.push(t);
      return waited;
    }
    waited += wait;
    await sleep(wait);
  }
}

/**
 * Windows shared by every client of one API key (or token) in this process: two clients of the same key
 * must not together exceed the key's limit. Callers may pass their own registry (tests, bench).
 */
export class LimiterRegistry {
  private readonly windows = new Map<string, Window>();
  get(id: string, max: number, windowMs: number): Window {
    const k = `${id}|${max}|${windowMs}`;
    let w = this.windows.get(k);
    if (!w) {
      w = createWindow(max, windowMs);
      this.windows.set(k, w);
    }
    return w;
  }
}

export const processLimiters = new LimiterRegistry();
