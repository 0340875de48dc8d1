// card-back-section: one iframe with the recent entries timeline, open findings and go-live progress.
// The iframe reloads whenever the card's pluginData changes (TRELLO-PLATFORM §1.2).
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
