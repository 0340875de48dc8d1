// A small typed fake of Trello's `t` (docs/trello.md §14): pluginData per scope with Trello's 4096-character
// cap, a card/board context, and a record of the UI calls (popups, modals) the capability modules make.
import type { PowerUpT, RestApiClient } from '../../powerup/src/t.js';

export interface FakeCard {
  id: string;
  name: string;
  idMembers?: string[];
}

export interface FakeWorld {
  board: { id: string; name: string; members: Array<{ id: string; fullName: string }> };
  cards: FakeCard[];
  /** `${model}:${visibility}` → map. */
  data: Map<string, Record<string, unknown>>;
  calls: Array<{ fn: string; arg: unknown }>;
  jwtCalls: number;
  canWrite: boolean;
  rest: RestApiClient | null;
}

export function fakeWorld(cards: FakeCard[] = [{ id: '6921f5800000000000000001', name: 'ornek.com.tr', idMembers: ['m1'] }]): FakeWorld {
  return {
    board: {
      id: 'b1',
      name: 'Gelişmiş Destek',
      members: [
        { id: 'm1', fullName: 'Ayşe Yılmaz' },
        { id: 'm2', fullName: 'Mehmet Kaya' },
      ],
    },
    cards,
    data: new Map(),
    calls: [],
    jwtCalls: 0,
    canWrite: true,
    rest: null,
  };
}

export function fakeT(world: FakeWorld, ctx: { card?: string; locale?: string; member?: string } = {}): PowerUpT {
  const model = (scope: string) =>
    scope === 'card'
      ? (ctx.card ??
        (() => {
          throw new Error('no card in context');
        })())
      : scope === 'board'
        ? world.board.id
        : scope;
  const slot = (scope: string, vis: string) => `${model(scope)}:${vis}`;
  const pick = (o: Record<string, unknown>, fields: string[]) => (fields[0] === 'all' || !fields.length ? o : Object.fromEntries(fields.map((f) => [f, o[f]])));
  const cardJson = (c: FakeCard) => ({
    id: c.id,
    name: c.name,
    members: (c.idMembers ?? []).map((m) => world.board.members.find((x) => x.id === m) ?? { id: m, fullName: m }),
  });
  const record = (fn: string) => async (arg: unknown) => void world.calls.push({ fn, arg });
  const t = {
    getContext: () => ({
      board: world.board.id,
      ...(ctx.card ? { card: ctx.card } : {}),
      member: ctx.member ?? 'm1',
      locale: ctx.locale ?? 'tr',
      version: 'test',
      theme: 'light',
      initialTheme: 'light',
      el: '',
      plugin: 'p1',
    }),
    isMemberSignedIn: () => true,
    memberCanWriteToModel: () => world.canWrite,
    get: (async (scope: string, vis: string, key?: string, def?: unknown) => {
      const d = world.data.get(slot(scope, vis)) ?? {};
      if (key === undefined) return { ...d };
      return key in d ? d[key] : def;
    }) as PowerUpT['get'],
    set: (async (scope: string, vis: string, key: string, value: unknown) => {
      const d = { ...(world.data.get(slot(scope, vis)) ?? {}), [key]: value };
      if (JSON.stringify(d).length > 4096) throw new Error('PluginData length of 4096 characters exceeded');
      world.data.set(slot(scope, vis), d);
      world.calls.push({ fn: 'set', arg: { scope, vis, key, value } });
    }) as PowerUpT['set'],
    remove: (async () => undefined) as PowerUpT['remove'],
    card: (async (...fields: string[]) => pick(cardJson(world.cards.find((c) => c.id === ctx.card)!), fields)) as unknown as PowerUpT['card'],
    cards: (async (...fields: string[]) => world.cards.map((c) => pick(cardJson(c), fields))) as unknown as PowerUpT['cards'],
    board: (async (...fields: string[]) => pick(world.board, fields)) as unknown as PowerUpT['board'],
    lists: (async () => []) as unknown as PowerUpT['lists'],
    member: (async () => world.board.members[0]) as unknown as PowerUpT['member'],
    popup: record('popup') as PowerUpT['popup'],
    modal: record('modal') as PowerUpT['modal'],
    closePopup: async () => void world.calls.push({ fn: 'closePopup', arg: null }),
    closeModal: async () => void world.calls.push({ fn: 'closeModal', arg: null }),
    alert: record('alert') as PowerUpT['alert'],
    signUrl: (url: string) => `${url}#signed`,
    arg: ((_n: string, d?: unknown) => d) as PowerUpT['arg'],
    sizeTo: async () => undefined,
    jwt: (async () => {
      world.jwtCalls++;
      return 'jwt-token';
    }) as PowerUpT['jwt'],
    safe: (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
    notifyParent: async () => undefined,
    ...(world.rest ? { getRestApi: () => world.rest! } : {}),
  } satisfies PowerUpT;
  return t;
}
