// show-authorization: a popup with the "Yetki ver" button (t.authorize must come from a click).
import { localeOf, msg } from '../i18n.js';
import { PAGES } from '../pages-map.js';
import type { PowerUpT } from '../t.js';

export function showAuthorization() {
  return async (t: PowerUpT): Promise<void> => t.popup({ title: msg(localeOf(t), 'auth.title'), url: PAGES.authorize.url, height: PAGES.authorize.height });
}
