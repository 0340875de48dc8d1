// card-badges (DESIGN §6): disk, traffic, go-live, compliance, slot/pool. Each badge is `dynamic` with a 60 s
// refresh; every refresh of every card reads the one cached board status (no request per card).
import { cardModel, trelloColor } from '../badge-model.js';
import type { ConnectorDeps } from '../connector-deps.js';
import type { PowerUpT } from '../t.js';

export const BADGE_REFRESH_S = 60;

export type CardBadgeOut = { dynamic: () => Promise<Trello.PowerUp.CardBadge> };

export function cardBadges(deps: ConnectorDeps) {
  return async (t: PowerUpT): Promise<CardBadgeOut[]> => {
    const first = await cardModel(t, deps, false);
    return first.views.map((v) => {
      let initial = true;
      return {
        // The first call reuses the answer just computed; later refreshes recompute from the cached status.
        dynamic: async () => {
          const views = initial ? first.views : (await cardModel(t, deps, false)).views;
          initial = false;
          const cur = views.find((x) => x.id === v.id);
          return cur ? { text: cur.text, ...trelloColor(cur), refresh: BADGE_REFRESH_S } : { text: '', refresh: BADGE_REFRESH_S };
        },
      };
    });
  };
}
