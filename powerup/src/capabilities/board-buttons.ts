// board-buttons: the team lead's Uyum tablosu (every customer × daily/weekly/monthly) and Bugünkü program.
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
    ];
  };
}
