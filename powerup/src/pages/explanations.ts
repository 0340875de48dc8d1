// The card back's explanations (docs/rules.md "Explanations and excused periods", docs/powerup.md): beside each
// exception (missing, late, reading missing) the explanations written for its period (from here or as
// `#açıklama` comments) and whether a lead or manager accepted it; "Açıkla" records one, "Kabul et" (only for
// a lead or manager of the card, decided by the server) accepts. Texts live here, in the card back's bundle,
// not in the connector (its gzip budget is tight).
import { formatInstant, formatPeriodWords } from '../../../shared/i18n.js';
import type { Locale } from '../../../shared/types.js';
import { h } from '../dom.js';
import type { PageCtx } from './common.js';
import { serverError } from '../errors.js';
import { z } from 'zod';

export interface ExplanationRecord {
  type: 'explanation' | 'explanation-accept';
  period: string;
  text?: string;
  by: string;
  byName?: string;
  at: string;
  via: 'powerup' | 'comment';
}

interface Listing {
  canAccept: boolean;
  records: ExplanationRecord[];
}

/** GET /api/cards/:id/explanations (server/src/http/routes/approvals.ts `CardExplanations`). */
const ListingSchema = z.object({
  canAccept: z.boolean(),
  records: z.array(
    z.object({
      type: z.enum(['explanation', 'explanation-accept']),
      period: z.string(),
      text: z.string().optional(),
      by: z.string(),
      byName: z.string().optional(),
      at: z.string(),
      via: z.enum(['powerup', 'comment']),
    }),
  ),
});

const TEXTS = {
  tr: {
    title: 'Açıklamalar',
    lead: 'Her istisnaya sorumlu uzman açıklama yazabilir; ekip lideri ya da yönetici kabul ederse dönem mazeretli sayılır (raporlarda ayrıca gösterilir).',
    none: 'Açıklanacak istisna yok.',
    explain: 'Açıkla',
    accept: 'Kabul et',
    save: 'Kaydet',
    label: 'Açıklama',
    accepted: 'kabul eden {by} ({at})',
    pending: 'henüz kabul edilmedi',
    noText: 'Açıklama boş olamaz.',
    failed: 'Kaydedilemedi: {error}',
    unavailable: 'Nabız sunucusuna ulaşılamadı.',
    missing: 'eksik',
    late: 'geç',
    incomplete: 'okuma yok',
  },
  en: {
    title: 'Explanations',
    lead: 'The responsible specialist may explain each exception; once a team lead or manager accepts it, the period counts as excused (shown separately in reports).',
    none: 'No exception to explain.',
    explain: 'Explain',
    accept: 'Accept',
    save: 'Save',
    label: 'Explanation',
    accepted: 'accepted by {by} ({at})',
    pending: 'not accepted yet',
    noText: 'The explanation cannot be empty.',
    failed: 'Not recorded: {error}',
    unavailable: 'The Nabız server could not be reached.',
    missing: 'missing',
    late: 'late',
    incomplete: 'reading missing',
  },
} as const;
type Key = keyof (typeof TEXTS)['tr'];
const tx = (L: Locale, k: Key, vars: Record<string, string> = {}): string => TEXTS[L][k].replace(/\{(\w+)\}/g, (_, v: string) => vars[v] ?? '');

/** A period's explanations (oldest first) and the first acceptance made after one of them. */
export function periodStory(records: readonly ExplanationRecord[], period: string): { said: ExplanationRecord[]; accepted?: ExplanationRecord } {
  const said = records.filter((r) => r.type === 'explanation' && r.period === period);
  const first = said[0];
  const accepted = first ? records.find((r) => r.type === 'explanation-accept' && r.period === period && Date.parse(r.at) >= Date.parse(first.at)) : undefined;
  return accepted ? { said, accepted } : { said };
}

async function call(ctx: PageCtx, path: string, body?: unknown): Promise<{ ok: boolean; status: number; body: unknown }> {
  const token = String(await ctx.t.jwt({}));
  const res = await window.fetch(`${window.location.origin}${path}`, {
    ...(body !== undefined ? { method: 'POST', body: JSON.stringify(body) } : {}),
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    cache: 'no-store',
  });
  return { ok: res.ok, status: res.status, body: await res.json().catch(() => null) };
}

/** The section for the card's exceptions (`period`, `status`), oldest first. */
export async function explanationSection(ctx: PageCtx, cardId: string, exceptions: ReadonlyArray<{ period: string; status: string }>): Promise<HTMLElement> {
  const L: Locale = ctx.locale;
  const base = `/api/cards/${encodeURIComponent(cardId)}`;
  let data: Listing = { canAccept: false, records: [] };
  const list = h('ul', { class: 'findings', id: 'explanations' });
  const note = h('p', { class: 'messages', role: 'status' });
  const periods = [...new Map(exceptions.map((e) => [e.period, e])).values()];

  const fail = (r: { status: number; body: unknown } | null): void => {
    const err = serverError(r?.body);
    note.textContent = tx(L, 'failed', { error: err ?? (r ? `HTTP ${r.status}` : tx(L, 'unavailable')) });
    note.className = 'messages error';
  };
  const post = async (path: string, body: unknown): Promise<boolean> => {
    const r = await call(ctx, `${base}/${path}`, body).catch(() => null);
    if (r?.ok) {
      note.textContent = '';
      note.className = 'messages';
      await load();
      void ctx.status.refresh(ctx.t);
      return true;
    }
    fail(r);
    return false;
  };

  const item = (ex: { period: string; status: string }): HTMLElement => {
    const story = periodStory(data.records, ex.period);
    const statusWord = ex.status === 'late' || ex.status === 'incomplete' ? tx(L, ex.status) : tx(L, 'missing');
    const li = h(
      'li',
      { class: story.accepted ? 'green' : 'yellow', 'data-period': ex.period },
      h('strong', {}, formatPeriodWords(ex.period, L)),
      ` — ${statusWord}`,
    );
    for (const s of story.said) li.append(h('br', {}), `${tx(L, 'label')} (${s.byName ?? s.by}, ${formatInstant(s.at, L)}): “${s.text ?? ''}”`);
    if (story.said.length)
      li.append(
        h('br', {}),
        story.accepted ? tx(L, 'accepted', { by: story.accepted.byName ?? story.accepted.by, at: formatInstant(story.accepted.at, L) }) : tx(L, 'pending'),
      );
    const explain = h('button', { type: 'button', class: 'explain' }, tx(L, 'explain'));
    explain.addEventListener('click', () => {
      const id = `explain-${ex.period}`;
      const area = h('textarea', { id, rows: '2', maxlength: '1000' });
      const save = h('button', { type: 'button', class: 'mod-primary' }, tx(L, 'save'));
      save.addEventListener('click', async () => {
        const text = area.value.trim();
        if (!text) {
          note.textContent = tx(L, 'noText');
          note.className = 'messages error';
          area.focus();
          return;
        }
        save.setAttribute('disabled', '');
        if (!(await post('explanation', { period: ex.period, text }))) save.removeAttribute('disabled');
      });
      explain.replaceWith(h('div', { class: 'explain-form' }, h('label', { for: id }, tx(L, 'label')), area, save));
      area.focus();
    });
    li.append(h('br', {}), explain);
    if (data.canAccept && story.said.length && !story.accepted) {
      const accept = h('button', { type: 'button', class: 'mod-primary accept' }, tx(L, 'accept'));
      accept.addEventListener('click', async () => {
        accept.setAttribute('disabled', '');
        if (!(await post('explanation-accept', { period: ex.period }))) accept.removeAttribute('disabled');
      });
      li.append(' ', accept);
    }
    return li;
  };
  const render = (): void => {
    list.replaceChildren();
    for (const p of periods) list.append(item(p));
  };
  async function load(): Promise<void> {
    const r = await call(ctx, `${base}/explanations`).catch(() => null);
    const listing = r?.ok ? ListingSchema.safeParse(r.body) : null;
    if (listing?.success) data = listing.data;
    else {
      note.textContent = tx(L, 'unavailable');
      note.className = 'messages error';
    }
    render();
  }
  if (!periods.length) return h('section', {}, h('h3', {}, tx(L, 'title')), h('p', { class: 'hint', id: 'explanations' }, tx(L, 'none')));
  await load();
  return h('section', {}, h('h3', {}, tx(L, 'title')), h('p', { class: 'hint' }, tx(L, 'lead')), list, note);
}
