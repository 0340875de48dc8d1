// Badge view models for one card: its pluginData profile + the board status from the server (cached), through
// shared/badges (the one place that decides texts and colours, docs/powerup.md).
import { cardBadges, cardDetailBadges } from '../../shared/badges.js';
import { readProfile, PROFILE_KEY } from '../../shared/profile.js';
import type { BadgeView, CardStatus, Locale } from '../../shared/types.js';
import type { ConnectorDeps } from './connector-deps.js';
import { localeOf } from './i18n.js';
import { loadPostedAt, loadProfileRaw } from './storage.js';
import type { PowerUpT } from './t.js';

export interface CardModel {
  locale: Locale;
  cardId: string;
  /** Server status of this card; undefined when the server is unreachable or the card is no customer. */
  status?: CardStatus;
  /** The server answered (so a card missing from it is not a customer). */
  serverOk: boolean;
  profileFound: boolean;
  profileError?: string;
  /** The site is live (profile `liveAt` or a #canlı entry): no go-live/delay forms. */
  live: boolean;
  views: BadgeView[];
}

export async function cardModel(t: Pick<PowerUpT, 'get' | 'getContext' | 'jwt' | 'card'>, deps: ConnectorDeps, detail: boolean): Promise<CardModel> {
  const locale = localeOf(t);
  const [card, raw, postedAt] = await Promise.all([t.card('id', 'name', 'members'), loadProfileRaw(t), loadPostedAt(t)]);
  // The same reader the server uses: defaults (site = card name, assignedAt = creation day) when absent.
  const { profile, error, found } = readProfile({
    id: card.id,
    name: card.name,
    idList: '',
    closed: false,
    idMembers: (card.members ?? []).map((m) => m.id),
    pluginData: raw ? [{ value: JSON.stringify({ [PROFILE_KEY]: raw }) }] : [],
  });
  const res = await deps.status.get(t, { notBefore: postedAt });
  const status = res.status?.cards[card.id];
  const now = deps.now();
  const serverOk = res.status !== null;
  if (serverOk && !status) {
    // The server answered and this card is no customer (untracked list, archived): no badges.
    return { locale, cardId: card.id, serverOk, profileFound: found, live: Boolean(profile.liveAt), views: [] };
  }
  // One threshold set: the board's, as the rules judged it (BoardStatus.thresholds = thresholdsOf(settings)).
  const thresholds = res.status?.thresholds;
  const input = { profile, now, locale, ...(status ? { status } : {}), ...(thresholds ? { thresholds } : {}) };
  const views = detail ? cardDetailBadges(input) : cardBadges(input);
  // Server unreachable: shared/badges keeps the local badges (go-live, slot) and shows compliance `?`.
  const live = Boolean(profile.liveAt) || status?.goLive.live === true;
  return { locale, cardId: card.id, ...(status ? { status } : {}), serverOk, profileFound: found, ...(error ? { profileError: error } : {}), live, views };
}

/** Trello badge colour (null = Trello's default grey: omit the field). */
export function trelloColor(v: BadgeView): { color?: Trello.Theming.ColorName } {
  // biome-ignore lint/nursery/noUnsafeTypeAssertion: 'light-gray' is a Trello badge colour (docs/trello.md §2) the typings' ColorName lacks.
  return v.color ? { color: v.color as Trello.Theming.ColorName } : {};
}
