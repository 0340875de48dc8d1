// show-settings: board settings (Saturday rota, leaves, tracking start) → board pluginData `settings`.
import { localeOf, msg } from '../i18n.js';
import { PAGES } from '../pages-map.js';
import type { PowerUpT } from '../t.js';

export function showSettings() {
  return async (t: PowerUpT): Promise<void> => t.popup({ title: msg(localeOf(t), 'settings.title'), url: PAGES.settings.url, height: PAGES.settings.height });
}
