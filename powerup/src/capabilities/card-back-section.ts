// card-back-section: one iframe with Nabız's own view of the card: entries per period, readings trend, open findings,
// go-live progress (Trello's activity below already lists the comments).
// The iframe reloads whenever the card's pluginData changes (docs/trello.md §2).
import type { ConnectorDeps } from '../connector-deps.js';
import { localeOf, msg } from '../i18n.js';
import { PAGES, iconUrl } from '../pages-map.js';
import type { PowerUpT } from '../t.js';

export function cardBackSection(deps: ConnectorDeps) {
  return async (t: PowerUpT): Promise<Trello.PowerUp.CardBackSection> => ({
    title: msg(localeOf(t), 'section.title'),
    icon: iconUrl('pulse', deps.baseUrl),
    content: { type: 'iframe', url: t.signUrl(PAGES.cardBack.url), height: PAGES.cardBack.height },
  });
}
