// Fault injection for tests and demos: latency, bursts of 429/5xx, dropped sockets, changed rate limits.
import { DEFAULT_RATE_LIMITS, type RateLimits } from './limits.js';

export interface FaultControl {
  /** Delay before every response (ms). */
  latencyMs: number;
  /** Next n requests answer 429 API_TOKEN_LIMIT_EXCEEDED (a burst). */
  fail429Next(n: number): void;
  /** Next n requests answer a 5xx (default 500). */
  fail5xxNext(n: number, status?: number): void;
  /** Next n requests get their socket destroyed without a response. */
  dropNext(n: number): void;
  rateLimits: RateLimits;
  /** Clear faults, rate-limit windows and restore the default limits. */
  reset(): void;
}

/** What the server does with a request before handling it. */
export type FaultVerdict = { kind: 'drop' } | { kind: 'answer'; status: number; body: unknown } | { kind: 'none' };

export interface Faults {
  control: FaultControl;
  /** Consume the next pending fault (after waiting out the latency). */
  next(): Promise<FaultVerdict>;
}

export function createFaults(onReset: () => void): Faults {
  const pending = { r429: 0, r5xx: 0, status5xx: 500, drop: 0 };
  const control: FaultControl = {
    latencyMs: 0,
    fail429Next: (n) => void (pending.r429 += n),
    fail5xxNext: (n, status = 500) => {
      pending.r5xx += n;
      pending.status5xx = status;
    },
    dropNext: (n) => void (pending.drop += n),
    rateLimits: { ...DEFAULT_RATE_LIMITS },
    reset() {
      control.latencyMs = 0;
      pending.r429 = pending.r5xx = pending.drop = 0;
      control.rateLimits = { ...DEFAULT_RATE_LIMITS };
      onReset();
    },
  };
  return {
    control,
    async next() {
      if (pending.drop > 0) {
        pending.drop--;
        return { kind: 'drop' };
      }
      if (control.latencyMs > 0) await new Promise((r) => setTimeout(r, control.latencyMs));
      if (pending.r429 > 0) {
        pending.r429--;
        return { kind: 'answer', status: 429, body: { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' } };
      }
      if (pending.r5xx > 0) {
        pending.r5xx--;
        return { kind: 'answer', status: pending.status5xx, body: pending.status5xx === 503 ? 'Service Unavailable' : 'Internal Server Error' };
      }
      return { kind: 'none' };
    },
  };
}
