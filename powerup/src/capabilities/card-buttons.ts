// card-buttons: the one-click forms (Günlük kayıt, Haftalık kayıt, Aylık rapor, Canlıya geçiş, Gecikme nedeni,
// Müşteri profili). The go-live and delay forms are offered only while the card is not live yet (R26–R28).
import { cardModel } from '../badge-model.js';
import type { ConnectorDeps } from '../connector-deps.js';
import { localeOf, msg } from '../i18n.js';
import { FORMS, iconUrl, openForm, type FormId } from '../pages-map.js';
import type { PowerUpT } from '../t.js';

const ORDER: FormId[] = ['daily', 'weekly', 'monthly', 'golive', 'delay', 'profile'];

export function cardButtons(deps: ConnectorDeps) {
  return async (t: PowerUpT): Promise<Trello.PowerUp.CardButton[]> => {
    const locale = localeOf(t);
    const m = await cardModel(t, deps, false).catch(() => null);
    const live = m?.live === true;
    return ORDER.filter((f) => !(live && (f === 'golive' || f === 'delay'))).map((form) => ({
      icon: iconUrl(form, deps.baseUrl),
      text: msg(locale, FORMS[form].title),
      // Entries are comments: anyone who may comment (edit) sees the buttons.
      condition: 'edit' as const,
      callback: (tc: Trello.PowerUp.CallbackHandler) => openForm(tc, locale, form),
    }));
  };
}
