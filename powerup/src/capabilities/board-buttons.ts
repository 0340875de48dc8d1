// board-buttons: the team lead's Uyum tablosu (every customer × today/daily/weekly/monthly), Bugünkü program, and the
// Yönetici paneli: the server's /dashboard in a fullscreen modal, signed in with t.jwt() (powerup=1). Only the
// configured managers and team leads may use it, so the button shows only when the board status says the member may
// (`viewer.dashboard`); the server still refuses anyone else.
import type { Locale } from '../../../shared/types.js';
import type { ConnectorDeps } from '../connector-deps.js';
import { localeOf, msg } from '../i18n.js';
import { PAGES, iconUrl } from '../pages-map.js';
import type { PowerUpT } from '../t.js';

export function boardButtons(deps: ConnectorDeps) {
  return async (t: PowerUpT): Promise<Trello.PowerUp.BoardButtonCallback[]> => {
    const locale = localeOf(t);
    const icon = (n: string) => ({ dark: iconUrl(`${n}-light`, deps.baseUrl), light: iconUrl(n, deps.baseUrl) });
    const res = await deps.status.get(t);
    const manager = res.status?.viewer?.dashboard === true;
    const buttons: Trello.PowerUp.BoardButtonCallback[] = [
      {
        icon: icon('table'),
        text: msg(locale, 'btn.overview'),
        condition: 'always',
        callback: (tc) => tc.modal({ url: PAGES.overview.url, title: msg(locale, 'overview.title'), height: PAGES.overview.height, fullscreen: false }),
      },
      {
        icon: icon('clock'),
        text: msg(locale, 'btn.schedule'),
        condition: 'always',
        callback: (tc) => tc.modal({ url: PAGES.schedule.url, title: msg(locale, 'schedule.title'), height: PAGES.schedule.height, fullscreen: false }),
      },
    ];
    if (manager) {
      buttons.push({
        icon: icon('chart'),
        text: msg(locale, 'btn.dashboard'),
        condition: 'signedIn',
        callback: (tc) => tc.modal({ url: dashboardUrl(deps.baseUrl, locale), title: msg(locale, 'btn.dashboard'), fullscreen: true }),
      });
    }
    return buttons;
  };
}

/** Absolute: the dashboard is a server page, not one of the Power-Up's own iframe pages beside the connector. */
export function dashboardUrl(baseUrl: string, locale: Locale): string {
  return `${baseUrl}/dashboard?powerup=1${locale === 'en' ? '&lang=en' : ''}`;
}
