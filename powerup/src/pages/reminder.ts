// «Kişisel hatırlatmam» on the overview (docs/powerup.md "Nudges"): the viewer chooses, for themself, a time at which
// one @mention reminds them of today's pending dailies (GET/PUT /api/me/reminder, t.jwt()). Page bundle only: the
// texts live here, not in i18n.ts (the connector's gzip budget).
import { z } from 'zod';
import type { Locale } from '../../../shared/types.js';
import { h } from '../dom.js';
import type { PageCtx } from './common.js';

/** The server's answer (server/src/http/routes/reminder.ts), or its error; checked at this boundary. */
const ReminderBody = z.object({
  at: z.string().nullable().optional(),
  default: z.string().optional(),
  earliest: z.string().optional(),
  latest: z.string().optional(),
  line: z.string().optional(),
  warning: z.string().optional(),
  error: z.string().optional(),
});
type ReminderBody = z.infer<typeof ReminderBody>;

const TEXT: Record<Locale, { title: string; on: string; time: string; save: string; hint: string; saved: string; failed: string; unavailable: string }> = {
  tr: {
    title: 'Kişisel hatırlatmam',
    on: 'Bugünün günlük kaydı bekleyen kartım varsa bana hatırlat',
    time: 'Saat',
    save: 'Hatırlatmayı kaydet',
    hint: 'İş günlerinde, seçtiğin saatte bekleyen kartın varsa sana tek bir @bahsetme yorumu gelir; tatilde, izinde ve her şey yazılmışsa gelmez.',
    saved: 'Kaydedildi.',
    failed: 'Kaydedilemedi',
    unavailable: 'Hatırlatma ayarı şu an okunamıyor.',
  },
  en: {
    title: 'My reminder',
    on: 'Remind me while a card of mine has no daily for today',
    time: 'Time',
    save: 'Save reminder',
    hint: 'On working days, at the time you choose, one @mention comment if a card of yours is still pending; none on holidays, on leave or when all is written.',
    saved: 'Saved.',
    failed: 'Not saved',
    unavailable: 'The reminder setting cannot be read right now.',
  },
};

async function call(ctx: PageCtx, method: 'GET' | 'PUT', body?: unknown): Promise<{ ok: boolean; status: number; body: ReminderBody | null }> {
  const token = String(await ctx.t.jwt({}));
  const res = await window.fetch(`${window.location.origin}/api/me/reminder`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
    cache: 'no-store',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const parsed = ReminderBody.safeParse(await res.json().catch(() => null));
  return { ok: res.ok, status: res.status, body: parsed.success ? parsed.data : null };
}

/** `08:00`, `08:15`, … `18:00`. */
function quarterHours(from: string, to: string): string[] {
  const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const out: string[] = [];
  for (let m = min(from); m <= min(to); m += 15) out.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  return out;
}

export async function reminderSection(ctx: PageCtx): Promise<HTMLElement> {
  const w = TEXT[ctx.locale];
  const section = h('section', { id: 'my-reminder', class: 'my-reminder' }, h('h3', {}, w.title));
  const r = await call(ctx, 'GET').catch(() => null);
  if (!r?.ok || !r.body?.line || !r.body.default || !r.body.earliest || !r.body.latest) {
    section.append(h('p', { class: 'hint' }, w.unavailable));
    return section;
  }
  const data = { at: r.body.at ?? null, default: r.body.default, earliest: r.body.earliest, latest: r.body.latest, line: r.body.line, warning: r.body.warning };
  const on = h('input', { type: 'checkbox', id: 'reminder-on' });
  on.checked = data.at !== null;
  // A choice of quarter hours, not a free time field: the same 24-hour `17:30` whatever the browser's locale.
  const chosen = data.at ?? data.default;
  const times = quarterHours(data.earliest, data.latest);
  if (!times.includes(chosen)) times.push(chosen);
  times.sort();
  const time = h('select', { id: 'reminder-at' });
  for (const t of times) time.append(h('option', { value: t, selected: t === chosen }, t));
  time.disabled = !on.checked;
  on.addEventListener('change', () => {
    time.disabled = !on.checked;
  });
  const line = h('p', { id: 'reminder-line', class: data.at ? 'green' : 'hint' }, data.line);
  const note = h('p', { class: data.warning ? 'messages yellow' : 'messages', role: 'status', id: 'reminder-note' }, data.warning ?? '');
  const save = h('button', { type: 'submit', class: 'mod-primary', id: 'reminder-save' }, w.save);
  const form = h(
    'form',
    { id: 'reminder-form', novalidate: true },
    h('p', {}, on, ' ', h('label', { for: 'reminder-on' }, w.on)),
    h('p', {}, h('label', { for: 'reminder-at' }, `${w.time} `), time, ' ', save),
    h('p', { class: 'hint' }, w.hint),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    save.setAttribute('disabled', '');
    const p = await call(ctx, 'PUT', { at: on.checked ? time.value : null }).catch(() => null);
    save.removeAttribute('disabled');
    if (p?.ok && p.body) {
      line.textContent = p.body.line ?? '';
      line.className = p.body.at ? 'green' : 'hint';
      note.textContent = p.body.warning ?? w.saved;
      note.className = p.body.warning ? 'messages yellow' : 'messages';
    } else {
      // 400 says why (the time's range), 403 who may: the server's Turkish text.
      note.textContent = `${w.failed}: ${p?.body?.error ?? (p ? `HTTP ${p.status}` : w.unavailable)}`;
      note.className = 'messages error';
    }
  });
  section.append(line, form, note);
  return section;
}
