// board-buttons: the team lead's Uyum tablosu (every customer × daily/weekly/monthly), Bugünkü program, and the
// Yönetici paneli (issue 5 §4): the server's /dashboard in a fullscreen modal, signed in with t.jwt() (powerup=1);
// the server answers 403 for anyone who is not a configured manager/team lead.
import type { Locale } from '../../../shared/types.js';
import type { ConnectorDeps } from '../connector-deps.js';
import { localeOf, msg } from '../i18n.js';
import { PAGES, iconUrl } from '../pages-map.js';
import type { PowerUpT } from '../t.js';

export function boardButtons(deps: ConnectorDeps) {
  return async (t: PowerUpT): Promise<Trello.PowerUp.BoardButtonCallback[]> => {
    const locale = localeOf(t);
    const icon = (n: string) => ({ dark: iconUrl(`${n}-light`, deps.baseUrl), light: iconUrl(n, deps.baseUrl) });
    return [
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
      {
        icon: icon('chart'),
        text: msg(locale, 'btn.dashboard'),
        condition: 'signedIn',
        callback: (tc) => tc.modal({ url: dashboardUrl(deps.baseUrl, locale), title: msg(locale, 'btn.dashboard'), fullscreen: true }),
      },
    ];
  };
}

/** Absolute: the dashboard is a server page, not one of the Power-Up's own iframe pages beside the connector. */
export function dashboardUrl(baseUrl: string, locale: Locale): string {
  return `${baseUrl}/dashboard?powerup=1${locale === 'en' ? '&lang=en' : ''}`;
}
