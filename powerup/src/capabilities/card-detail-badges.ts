// card-detail-badges: the front badges plus "son günlük: bugün 10:42"; a click opens the matching form.
import { cardModel, trelloColor } from '../badge-model.js';
import type { ConnectorDeps } from '../connector-deps.js';
import { openForm, openGoLiveChoice } from '../pages-map.js';
import type { PowerUpT } from '../t.js';

export type CardDetailBadgeOut = Trello.PowerUp.CardDetailBadge;

export function cardDetailBadges(deps: ConnectorDeps) {
  return async (t: PowerUpT): Promise<CardDetailBadgeOut[]> => {
    const m = await cardModel(t, deps, true);
    return m.views.map((v) => {
      const form = v.form;
      return {
        title: v.title ?? v.id,
        text: v.text,
        ...trelloColor(v),
        ...(form
          ? {
              callback: (tc: Trello.PowerUp.CallbackHandler) => void (form === 'golive-choice' ? openGoLiveChoice(tc, m.locale) : openForm(tc, m.locale, form)),
            }
          : {}),
      };
    });
  };
}
