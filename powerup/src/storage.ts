// The only module that calls t.get / t.set (docs/conventions.md §9). Fixed keys and scopes; every write checks
// t.memberCanWriteToModel and Trello's 4096-character cap before Trello would refuse it.
import {
  BoardSettingsSchema,
  PROFILE_KEY,
  PluginDataTooLargeError,
  ProfileSchema,
  SETTINGS_KEY,
  formatZodError,
  serializeForPluginData,
  type BoardSettings,
  type Profile,
} from '../../shared/profile.js';
import type { PowerUpT } from './t.js';
import { isRecord } from '../../shared/guards.js';

/** Card-private key: when this member last posted an entry from a form (makes the connector refetch status). */
export const POSTED_KEY = 'posted';

export type StorageErrorCode = 'no-write' | 'too-large' | 'invalid';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    readonly detail?: string | number,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export interface Loaded<T> {
  value: T | null;
  /** Set when something is stored but fails the schema (shown, never thrown: the card still renders). */
  error?: string;
}

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } },
  raw: unknown,
  key: string,
): Loaded<T> {
  if (raw === undefined || raw === null) return { value: null };
  const r = schema.safeParse(raw);
  return r.success ? { value: r.data } : { value: null, error: formatZodError(r.error, key) };
}

/** The card's stored profile as Trello holds it (unvalidated): the badges read it with shared/profile's readProfile. */
export async function loadProfileRaw(t: Pick<PowerUpT, 'get'>, cardId = 'card'): Promise<unknown> {
  return t.get(cardId, 'shared', PROFILE_KEY);
}

/** The card's profile (card/shared `profile`). `cardId` reads another card on the board (board-wide views). */
export async function loadProfile(t: Pick<PowerUpT, 'get'>, cardId = 'card'): Promise<Loaded<Profile>> {
  return parse<Profile>(ProfileSchema, await t.get(cardId, 'shared', PROFILE_KEY), PROFILE_KEY);
}

export async function loadSettings(t: Pick<PowerUpT, 'get'>): Promise<Loaded<BoardSettings>> {
  return parse<BoardSettings>(BoardSettingsSchema, await t.get('board', 'shared', SETTINGS_KEY), SETTINGS_KEY);
}

/** `scope` is 'card', 'board', or the id of a card on this board (docs/trello.md §4). */
async function write(
  t: Pick<PowerUpT, 'get' | 'set' | 'memberCanWriteToModel'>,
  model: 'card' | 'board',
  key: string,
  value: unknown,
  scope: string = model,
): Promise<void> {
  if (!t.memberCanWriteToModel(model)) throw new StorageError('no-write', `member cannot write to this ${model}`);
  // The cap counts the whole shared map of the scope, other keys included.
  const stored = await t.get<unknown>(scope, 'shared');
  const others = isRecord(stored) ? stored : {};
  try {
    serializeForPluginData(key, value, others);
  } catch (e) {
    if (e instanceof PluginDataTooLargeError) throw new StorageError('too-large', e.message, e.length);
    throw e;
  }
  await t.set(scope, 'shared', key, value);
}

/** Validate with ProfileSchema and store (t.set re-renders the Power-Up everywhere). */
export async function saveProfile(t: Pick<PowerUpT, 'get' | 'set' | 'memberCanWriteToModel'>, input: unknown, cardId = 'card'): Promise<Profile> {
  const r = ProfileSchema.safeParse(input);
  if (!r.success) throw new StorageError('invalid', formatZodError(r.error, PROFILE_KEY));
  await write(t, 'card', PROFILE_KEY, r.data, cardId);
  return r.data;
}

export async function saveSettings(t: Pick<PowerUpT, 'get' | 'set' | 'memberCanWriteToModel'>, input: unknown): Promise<BoardSettings> {
  const r = BoardSettingsSchema.safeParse(input);
  if (!r.success) throw new StorageError('invalid', formatZodError(r.error, SETTINGS_KEY));
  await write(t, 'board', SETTINGS_KEY, r.data);
  return r.data;
}

/** When this member last posted from a form on this card (ms), 0 if never. */
export async function loadPostedAt(t: Pick<PowerUpT, 'get'>): Promise<number> {
  const v = await t.get('card', 'private', POSTED_KEY, 0);
  return typeof v === 'number' ? v : 0;
}

/** Mark "an entry was just posted": the t.set re-runs the capabilities, which then refetch the board status. */
export async function markPosted(t: Pick<PowerUpT, 'set'>, at: number): Promise<void> {
  await t.set('card', 'private', POSTED_KEY, at);
}
