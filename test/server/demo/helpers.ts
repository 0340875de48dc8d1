// A small hand-made Trello board for emulator tests (ids are time-prefixed like Trello's).
import type { EmulatedBoardInput } from '../../../server/src/demo/model.js';
import { IdFactory } from '../../../server/src/demo/ids.js';

export const KEY = 'k'.repeat(32);
export const TOKEN = 't'.repeat(64);
export const OTHER_TOKEN = 'o'.repeat(64);
export const NOW = new Date('2026-11-23T12:00:00Z');

const ids = new IdFactory(7);
const t0 = new Date('2026-01-05T09:00:00Z');
export const MEMBER = { id: ids.next(t0), fullName: 'Elif Yılmaz', username: 'elifyilmaz' };
export const LEAD = { id: ids.next(t0), fullName: 'Deniz Koç', username: 'denizkoc' };
export const BOARD_ID = ids.next(new Date('2026-02-01T08:00:00Z'));
export const LIST_ID = ids.next(new Date('2026-02-01T08:01:00Z'));
export const ARCHIVE_LIST_ID = ids.next(new Date('2026-02-01T08:02:00Z'));
export const LABEL_ID = ids.next(new Date('2026-02-01T08:03:00Z'));
export const CARD_ID = ids.next(new Date('2026-03-02T07:30:00Z'));
export const CLOSED_CARD_ID = ids.next(new Date('2026-03-03T07:30:00Z'));

export function smallBoard(): EmulatedBoardInput {
  return {
    id: BOARD_ID,
    name: 'Gelişmiş Destek — Elif Yılmaz',
    lists: [
      { id: LIST_ID, name: 'Canlı', closed: false },
      { id: ARCHIVE_LIST_ID, name: 'Arşiv', closed: true },
    ],
    labels: [{ id: LABEL_ID, name: 'Havuz', color: 'green' }],
    members: [MEMBER, LEAD],
    memberships: [
      { idMember: MEMBER.id, memberType: 'normal' },
      { idMember: LEAD.id, memberType: 'admin' },
    ],
    cards: [
      {
        id: CARD_ID,
        name: 'ahsapdekor.com.tr',
        idList: LIST_ID,
        idMembers: [MEMBER.id],
        pluginData: [
          {
            id: ids.next(new Date('2026-03-02T07:31:00Z')),
            idPlugin: 'nabiz-demo-plugin',
            value: JSON.stringify({ profile: { v: 1, site: 'ahsapdekor.com.tr', assignedAt: '2026-03-02', trainingSlot: '10:00' } }),
          },
        ],
      },
      { id: CLOSED_CARD_ID, name: 'eski-musteri.com', idList: ARCHIVE_LIST_ID, closed: true, idMembers: [MEMBER.id] },
    ],
    pluginData: [
      { id: ids.next(new Date('2026-02-01T08:05:00Z')), idPlugin: 'nabiz-demo-plugin', scope: 'board', value: JSON.stringify({ settings: { v: 1 } }) },
    ],
    actions: [],
  };
}

export async function call(
  base: string,
  method: string,
  path: string,
  opts: {
    query?: Record<string, string>;
    auth?: boolean | { key?: string; token?: string };
    body?: unknown;
    form?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const url = new URL(base + path);
  const auth = opts.auth === undefined || opts.auth === true ? { key: KEY, token: TOKEN } : opts.auth === false ? {} : opts.auth;
  if (auth.key !== undefined) url.searchParams.set('key', auth.key);
  if (auth.token !== undefined) url.searchParams.set('token', auth.token);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  } else if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  }
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}
