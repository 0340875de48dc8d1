// card-badges (docs/powerup.md): disk, traffic, go-live, compliance, slot/pool. Each badge is `dynamic` with a 60 s
// refresh; every refresh of every card reads the one cached board status (no request per card), and the
// card's badges share one card model per refresh (not one each).
import { cardModel, trelloColor, type CardModel } from '../badge-model.js';
import type { ConnectorDeps } from '../connector-deps.js';
import type { PowerUpT } from '../t.js';
import { iconUrl } from '../pages-map.js';

// The badge's icon (Trello badge `icon`, a URL our server serves): what the badge is about at a glance.
const ICON: Record<string, string> = { disk: 'chart', traffic: 'chart', golive: 'golive', today: 'daily', compliance: 'pulse', slot: 'clock' };

export const BADGE_REFRESH_S = 60;

export type CardBadgeOut = { dynamic: () => Promise<Trello.PowerUp.CardBadge> };

export function cardBadges(deps: ConnectorDeps) {
  return async (t: PowerUpT): Promise<CardBadgeOut[]> => {
    const first = await cardModel(t, deps, false);
    // Refresh n of every badge of this card reads model n: the first badge to ask computes it, the others reuse
    // it (a badge lagging behind reuses the newest one). Refresh 0 is the answer just computed.
    let latest = { round: 0, model: Promise.resolve(first) };
    const modelFor = (round: number): Promise<CardModel> => {
      if (round > latest.round) {
        const prev = latest;
        const cur = { round, model: cardModel(t, deps, false) };
        latest = cur;
        // A failed model is not kept: the next badge asking for this refresh tries again.
        cur.model.catch(() => {
          if (latest === cur) latest = prev;
        });
      }
      return latest.model;
    };
    return first.views.map((v) => {
      let round = 0;
      return {
        dynamic: async () => {
          const { views } = await modelFor(round++);
          const cur = views.find((x) => x.id === v.id);
          const icon = ICON[v.id];
          return cur
            ? { text: cur.text, ...(icon ? { icon: iconUrl(icon, deps.baseUrl) } : {}), ...trelloColor(cur), refresh: BADGE_REFRESH_S }
            : { text: '', refresh: BADGE_REFRESH_S };
        },
      };
    });
  };
}
