// Our iframe pages (relative to the connector URL, as Trello resolves them) and how each opens.
import type { Locale } from '../../shared/types.js';
import { msg, type MsgKey } from './i18n.js';
import type { PowerUpT } from './t.js';

export type FormId = 'daily' | 'weekly' | 'monthly' | 'profile' | 'golive' | 'delay' | 'escalation';

export const FORMS: Record<FormId, { url: string; height: number; title: MsgKey }> = {
  daily: { url: './daily.html', height: 420, title: 'btn.daily' },
  weekly: { url: './weekly.html', height: 620, title: 'btn.weekly' },
  monthly: { url: './monthly.html', height: 380, title: 'btn.monthly' },
  profile: { url: './profile.html', height: 640, title: 'btn.profile' },
  golive: { url: './golive.html', height: 340, title: 'btn.golive' },
  delay: { url: './delay.html', height: 360, title: 'btn.delay' },
  escalation: { url: './escalation.html', height: 460, title: 'btn.escalation' },
};

export const PAGES: Record<'settings' | 'authorize' | 'overview' | 'schedule', { url: string; height: number; title: MsgKey }> & {
  cardBack: { url: string; height: number };
} = {
  settings: { url: './settings.html', height: 520, title: 'settings.title' },
  authorize: { url: './authorize.html', height: 180, title: 'auth.title' },
  overview: { url: './overview.html', height: 640, title: 'overview.title' },
  schedule: { url: './schedule.html', height: 560, title: 'schedule.title' },
  cardBack: { url: './card-back.html', height: 320 },
};

/** Opens a form; `prefill` (a one-click fix, powerup/src/fix-model.ts) reaches the form as `t.arg('prefill')`. */
export function openForm(t: Pick<PowerUpT, 'popup'>, locale: Locale, form: FormId, prefill?: object): Promise<void> {
  const f = FORMS[form];
  return t.popup({ title: msg(locale, f.title), url: f.url, height: f.height, ...(prefill ? { args: { prefill } } : {}) });
}

/** The overdue go-live badge once a reason exists: a neutral choice between a new reason and the go-live entry. */
export function openGoLiveChoice(t: Pick<PowerUpT, 'popup'>, locale: Locale): Promise<void> {
  return t.popup({
    title: msg(locale, 'choice.golive.title'),
    items: [
      { text: msg(locale, 'choice.golive.delay'), callback: (tc: Pick<PowerUpT, 'popup'>) => openForm(tc, locale, 'delay') },
      { text: msg(locale, 'choice.golive.live'), callback: (tc: Pick<PowerUpT, 'popup'>) => openForm(tc, locale, 'golive') },
    ],
  });
}

/** Icons are served beside the connector (Trello appends ?color= to card-button icons). */
export function iconUrl(name: string, base: string): string {
  return `${base}/powerup/icons/${name}.svg`;
}
