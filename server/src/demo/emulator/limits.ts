// Trello's rate limits: 300 requests / 10 s per API key, 100 / 10 s per token; more than 200 429s for a key in
// a window refuse the rest of that window; rate-limit headers on every answer
// (developer.atlassian.com/cloud/trello/guides/rest-api/rate-limits).

export interface RateLimits {
  perToken: number;
  perKey: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perToken: 100, perKey: 300, windowMs: 10_000 };

export type LimitVerdict = { ok: true; headers: Record<string, string> } | { ok: false; body: { error: string; message: string } };

export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private key429: { times: number[]; blockedUntil: number } = { times: [], blockedUntil: 0 };

  constructor(private readonly limits: () => RateLimits) {}

  /** Sliding window: true when a request may pass (and records it). */
  private admit(bucket: string, max: number, now: number): boolean {
    const w = this.limits().windowMs;
    let arr = this.windows.get(bucket);
    if (!arr) this.windows.set(bucket, (arr = []));
    while (arr.length > 0 && (arr[0] ?? Infinity) <= now - w) arr.shift();
    if (arr.length >= max) return false;
    arr.push(now);
    return true;
  }

  private note429(now: number): void {
    const w = this.limits().windowMs;
    this.key429.times = this.key429.times.filter((t) => t > now - w);
    this.key429.times.push(now);
    // Trello: more than 200 429s for a key in a window ⇒ the rest of that window is refused.
    if (this.key429.times.length > 200) this.key429.blockedUntil = now + w;
  }

  private remaining(bucket: string, max: number): string {
    return String(Math.max(0, max - (this.windows.get(bucket)?.length ?? 0)));
  }

  /** Count one request of `key`/`token` at `now` (ms, monotonic). */
  check(key: string, token: string, now: number): LimitVerdict {
    const lim = this.limits();
    if (now < this.key429.blockedUntil || !this.admit(`key:${key}`, lim.perKey, now)) {
      this.note429(now);
      return { ok: false, body: { error: 'API_KEY_LIMIT_EXCEEDED', message: 'Rate limit exceeded' } };
    }
    if (!this.admit(`token:${token}`, lim.perToken, now)) {
      this.windows.get(`key:${key}`)?.pop(); // refused requests do not use the key's budget
      this.note429(now);
      return { ok: false, body: { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' } };
    }
    return {
      ok: true,
      headers: {
        'x-rate-limit-api-key-interval-ms': String(lim.windowMs),
        'x-rate-limit-api-key-max': String(lim.perKey),
        'x-rate-limit-api-key-remaining': this.remaining(`key:${key}`, lim.perKey),
        'x-rate-limit-api-token-interval-ms': String(lim.windowMs),
        'x-rate-limit-api-token-max': String(lim.perToken),
        'x-rate-limit-api-token-remaining': this.remaining(`token:${token}`, lim.perToken),
      },
    };
  }

  reset(): void {
    this.windows.clear();
    this.key429 = { times: [], blockedUntil: 0 };
  }
}
