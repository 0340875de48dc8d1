// card-buttons: the four one-click forms (Günlük kayıt, Haftalık kayıt, Aylık rapor, Müşteri profili).
import type { ConnectorDeps } from '../connector-deps.js';
import { localeOf, msg } from '../i18n.js';
import { FORMS, iconUrl, openForm, type FormId } from '../pages-map.js';
import type { PowerUpT } from '../t.js';

const ORDER: FormId[] = ['daily', 'weekly', 'monthly', 'profile'];

export function cardButtons(deps: ConnectorDeps) {
  return async (t: PowerUpT): Promise<Trello.PowerUp.CardButton[]> => {
    const locale = localeOf(t);
    return ORDER.map((form) => ({
      icon: iconUrl(form, deps.baseUrl),
      text: msg(locale, FORMS[form].title),
      // Entries are comments: anyone who may comment (edit) sees the buttons.
      condition: 'edit' as const,
      callback: (tc: Trello.PowerUp.CallbackHandler) => openForm(tc, locale, form),
    }));
  };
}
