// card-buttons: the one-click forms (Günlük kayıt, Haftalık kayıt, Aylık rapor, Canlıya geçiş, Gecikme nedeni,
// Yöneticiye bildirildi, Müşteri profili). The go-live form is offered while the card is not live yet (R26), the delay form once the
// go-live is overdue (R28 counts a #gecikme posted since the deadline); both when the server cannot be reached.
import { cardModel } from '../badge-model.js';
import type { ConnectorDeps } from '../connector-deps.js';
import { localeOf, msg } from '../i18n.js';
import { FORMS, iconUrl, openForm, type FormId } from '../pages-map.js';
import type { PowerUpT } from '../t.js';

const ORDER: FormId[] = ['daily', 'weekly', 'monthly', 'golive', 'delay', 'escalation', 'profile'];

export function cardButtons(deps: ConnectorDeps) {
  return async (t: PowerUpT): Promise<Trello.PowerUp.CardButton[]> => {
    const locale = localeOf(t);
    const m = await cardModel(t, deps, false).catch(() => null);
    const live = m?.live === true;
    const daysLeft = m?.status?.goLive.daysLeft;
    const offered = (f: FormId) => (f === 'golive' ? !live : f === 'delay' ? !live && !(typeof daysLeft === 'number' && daysLeft >= 0) : true);
    return ORDER.filter(offered).map((form) => ({
      icon: iconUrl(form, deps.baseUrl),
      text: msg(locale, FORMS[form].title),
      // Entries are comments: anyone who may comment (edit) sees the buttons.
      condition: 'edit' as const,
      callback: (tc: Trello.PowerUp.CallbackHandler) => openForm(tc, locale, form),
    }));
  };
}
