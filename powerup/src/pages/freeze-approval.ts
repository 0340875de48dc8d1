// The card back's freeze approvals (R20, docs/powerup.md): the card's frozen ranges, each approved (by whom, when)
// or not; a team lead or manager of the card (NABIZ_PEOPLE, decided by the server) gets "Onayla" on the unapproved
// ones. The approval is recorded by the server as a dated fact (POST /api/cards/:cardId/freeze-approval, t.jwt()).
import { formatDate, formatInstant } from '../../../shared/i18n.js';
import type { Locale } from '../../../shared/types.js';
import { h } from '../dom.js';
import { msg } from '../i18n.js';
import type { PageCtx } from './common.js';
import { serverError } from '../errors.js';
import { z } from 'zod';

interface Approvals {
  canApprove: boolean;
  approvals: Array<{ from: string; to: string; by: string; byName?: string; at: string }>;
}

/** GET /api/cards/:id/freeze-approvals (server/src/http/routes/approvals.ts `FreezeApprovals`). */
const ApprovalsSchema = z.object({
  canApprove: z.boolean(),
  approvals: z.array(z.object({ from: z.string(), to: z.string(), by: z.string(), byName: z.string().optional(), at: z.string() })),
});

/** An approval covers a range when it spans all of it (a wider approval covers a narrower freeze). */
export function approvalFor(range: { from: string; to: string }, approvals: Approvals['approvals']): Approvals['approvals'][number] | undefined {
  return approvals.find((a) => a.from <= range.from && a.to >= range.to);
}

async function call(ctx: PageCtx, path: string, init: { method?: string; body?: string } = {}): Promise<{ ok: boolean; status: number; body: unknown }> {
  const token = String(await ctx.t.jwt({}));
  const res = await window.fetch(`${window.location.origin}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
    cache: 'no-store',
  });
  return { ok: res.ok, status: res.status, body: await res.json().catch(() => null) };
}

/** The section, or null when the card has no frozen range. */
export async function freezeSection(
  ctx: PageCtx,
  cardId: string,
  frozen: ReadonlyArray<{ from: string; to: string; note?: string }>,
): Promise<HTMLElement | null> {
  if (!frozen.length) return null;
  const L: Locale = ctx.locale;
  const path = `/api/cards/${encodeURIComponent(cardId)}/freeze-approvals`;
  let data: Approvals = { canApprove: false, approvals: [] };
  const list = h('ul', { class: 'findings', id: 'freeze-approvals' });
  const note = h('p', { class: 'messages', role: 'status' });
  const item = (r: { from: string; to: string; note?: string }): HTMLElement => {
    const ok = approvalFor(r, data.approvals);
    const range = `${formatDate(r.from, L)} – ${formatDate(r.to, L)}${r.note ? ` (${r.note})` : ''}`;
    const li = h('li', { class: ok ? 'green' : 'yellow', 'data-from': r.from, 'data-to': r.to }, range, ' — ');
    if (ok) li.append(msg(L, 'back.freezeApproved', { by: ok.byName ?? ok.by, at: formatInstant(ok.at, L) }));
    else {
      li.append(msg(L, 'back.freezeUnapproved'));
      if (data.canApprove) {
        const btn = h('button', { type: 'button', class: 'mod-primary' }, msg(L, 'back.approve'));
        btn.addEventListener('click', async () => {
          btn.setAttribute('disabled', '');
          const r2 = await call(ctx, `/api/cards/${encodeURIComponent(cardId)}/freeze-approval`, {
            method: 'POST',
            body: JSON.stringify({ from: r.from, to: r.to }),
          }).catch(() => null);
          if (r2?.ok) {
            await load();
            void ctx.status.refresh(ctx.t);
          } else {
            const err = serverError(r2?.body);
            note.textContent = msg(L, 'back.approveFailed', { error: err ?? (r2 ? `HTTP ${r2.status}` : msg(L, 'back.unavailable')) });
            note.className = 'messages error';
            btn.removeAttribute('disabled');
          }
        });
        li.append(' ', btn);
      }
    }
    return li;
  };
  const render = () => {
    list.replaceChildren();
    for (const r of frozen) list.append(item(r));
  };
  const load = async () => {
    const r = await call(ctx, path).catch(() => null);
    const approvals = r?.ok ? ApprovalsSchema.safeParse(r.body) : null;
    if (approvals?.success) data = approvals.data;
    else note.textContent = msg(L, 'back.unavailable');
    render();
  };
  await load();
  return h('section', {}, h('h3', {}, msg(L, 'back.freeze')), list, note);
}
