// Trello-style ids and a seeded PRNG. Trello ids are Mongo ObjectIds: 24 hex digits whose first 8 are the
// creation time in seconds (docs/architecture.md: `assignedAt` defaults to it), so ids sort in creation order.
import { present } from '../../../shared/guards.js';

/** Seconds-since-epoch prefix of a Trello id, as a Date. */
export function idTime(id: string): Date {
  return new Date(parseInt(id.slice(0, 8), 16) * 1000);
}

export function isTrelloId(s: string): boolean {
  return /^[0-9a-f]{24}$/.test(s);
}

/**
 * Makes ids `tttttttt mmmmmmmmmm cccccc` (time, constant middle, counter): within one generator the order of
 * ids is (creation second, creation order), like Mongo's ObjectId on one machine.
 */
export class IdFactory {
  private counter: number;
  private readonly middle: string;
  constructor(seed = 0x5eed) {
    const r = mulberry32(seed);
    this.middle = Array.from({ length: 10 }, () => Math.floor(r() * 16).toString(16)).join('');
    this.counter = Math.floor(r() * 0x1000);
  }
  next(at: Date): string {
    const secs = Math.max(0, Math.floor(at.getTime() / 1000));
    this.counter = (this.counter + 1) % 0x1000000;
    return secs.toString(16).padStart(8, '0').slice(-8) + this.middle + this.counter.toString(16).padStart(6, '0');
  }
  /** Lowest possible id of a second (for `since`/`before` given as a date). */
  static floor(at: Date): string {
    return (
      Math.floor(at.getTime() / 1000)
        .toString(16)
        .padStart(8, '0') + '0'.repeat(16)
    );
  }
}

/** Deterministic PRNG (mulberry32): every demo value comes from the seed, never Math.random. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  (): number;
  int(min: number, max: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  const f = mulberry32(seed);
  return Object.assign(f, {
    int: (min: number, max: number) => min + Math.floor(f() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => {
      if (xs.length === 0) throw new Error('pick from empty list');
      return present(xs[Math.floor(f() * xs.length)], 'a pick from a non-empty list');
    },
    chance: (p: number) => f() < p,
  });
}

/** 8-character base62 short link (card/board URLs). */
export function shortLinkFrom(id: string): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const r = mulberry32(parseInt(id.slice(-8), 16) ^ parseInt(id.slice(0, 8), 16));
  return Array.from({ length: 8 }, () => chars[Math.floor(r() * chars.length)]).join('');
}
