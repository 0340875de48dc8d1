// The card back's «Hatırlat» (docs/powerup.md "Nudges"): a team lead or manager of the card (decided by the server
// from NABIZ_PEOPLE) posts one @mention reminder to the responsible specialist while today's daily is pending; one
// per card per day. Everyone on the board sees the day's reminder ("Hatırlatıldı 14:05 · Mehmet"). Page bundle
// only (the connector's gzip budget is tight): the texts live here, not in i18n.ts.
import type { Locale } from '../../../shared/types.js';
import { h } from '../dom.js';
import type { PageCtx } from './common.js';
import { serverError } from '../errors.js';
import { isRecord } from '../../../shared/guards.js';
import { z } from 'zod';

/** GET /api/cards/:id/nudges (server/src/http/routes/nudge.ts): the fields this section reads. */
const NudgesSchema = z.object({
  canNudge: z.boolean(),
  today: z.object({ line: z.string(), byName: z.string().optional(), by: z.string(), at: z.string() }).nullable(),
});

const TEXT: Record<Locale, { title: string; button: string; hint: string; failed: string; unavailable: string; sent: string }> = {
  tr: {
    title: 'Hatırlatma',
    button: 'Hatırlat',
    hint: 'Uzmana bu kartta @bahsetme ile bir yorum gider; bir karta günde bir kez.',
    failed: 'Hatırlatma gönderilemedi',
    unavailable: 'Hatırlatma bilgisi şu an alınamıyor.',
    sent: 'Hatırlatma gönderildi.',
  },
  en: {
    title: 'Reminder',
    button: 'Remind',
    hint: 'The specialist gets one @mention comment on this card; once per card per day.',
    failed: 'The reminder was not sent',
    unavailable: 'Reminders cannot be read right now.',
    sent: 'Reminder sent.',
  },
};

async function call(ctx: PageCtx, path: string, method = 'GET'): Promise<{ ok: boolean; status: number; body: unknown }> {
  const token = String(await ctx.t.jwt({}));
  const res = await window.fetch(`${window.location.origin}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    cache: 'no-store',
  });
  return { ok: res.ok, status: res.status, body: await res.json().catch(() => null) };
}

/** The section: today's reminder when one was sent; the button for a lead while today's daily is pending. Null when there is nothing to show. */
export async function nudgeSection(ctx: PageCtx, cardId: string, pending: boolean): Promise<HTMLElement | null> {
  const w = TEXT[ctx.locale];
  const r = await call(ctx, `/api/cards/${encodeURIComponent(cardId)}/nudges`).catch(() => null);
  const parsed = r?.ok ? NudgesSchema.safeParse(r.body) : null;
  if (!parsed?.success) return pending ? h('section', { id: 'nudge' }, h('h3', {}, w.title), h('p', { class: 'hint' }, w.unavailable)) : null;
  const data = parsed.data;
  if (!data.today && !(pending && data.canNudge)) return null;
  const note = h('p', { class: 'messages', role: 'status' });
  const line = h('p', { id: 'nudged', class: 'green' }, data.today ? data.today.line : '');
  const section = h('section', { id: 'nudge' }, h('h3', {}, w.title));
  if (data.today) section.append(line);
  else if (pending && data.canNudge) {
    const hint = h('p', { class: 'hint' }, w.hint);
    const btn = h('button', { type: 'button', class: 'mod-primary', id: 'nudge-button' }, w.button);
    btn.addEventListener('click', async () => {
      btn.setAttribute('disabled', '');
      const p = await call(ctx, `/api/cards/${encodeURIComponent(cardId)}/nudge`, 'POST').catch(() => null);
      const error = serverError(p?.body);
      const nudge = isRecord(p?.body) ? p.body.nudge : undefined;
      if (p?.ok) {
        line.textContent = isRecord(nudge) && typeof nudge.line === 'string' ? nudge.line : w.sent;
        btn.replaceWith(line);
        hint.remove();
        note.textContent = '';
      } else {
        // 429 says when and by whom; 403/409/503 say why, in Turkish (the server's text).
        if (p?.status === 429 && error) btn.remove();
        else btn.removeAttribute('disabled');
        note.textContent = `${w.failed}: ${error ?? (p ? `HTTP ${p.status}` : w.unavailable)}`;
        note.className = 'messages error';
      }
    });
    section.append(hint, btn);
  }
  section.append(note);
  return section;
}
