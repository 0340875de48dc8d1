// Board settings popup (show-settings): Saturday rota, leaves, tracking start, customer lists → board pluginData `settings`.
import { h } from '../dom.js';
import { readProfile } from '../../../shared/profile.js';
import type { Profile } from '../../../shared/profile.js';
import { parseSettingsForm, settingsToInputs, withCover, type LeaveCover } from '../forms/profile-form.js';
import { msg } from '../i18n.js';
import { loadProfileRaw, loadSettings, saveProfile, saveSettings } from '../storage.js';
import { formatDate } from '../../../shared/i18n.js';
import type { Locale } from '../../../shared/types.js';
import { fit, onSubmit, storedForm, valueEcho, type PageCtx } from './common.js';
import { storageMessage } from './profile.js';

export async function renderSettings(ctx: PageCtx): Promise<void> {
  const L = ctx.locale;
  const [loaded, cards, board, lists] = await Promise.all([loadSettings(ctx.t), ctx.t.cards('id', 'name', 'members'), ctx.t.board('id', 'members'), ctx.t.lists('id', 'name')]);
  const names = new Map((board.members ?? []).map((m) => [m.id, m.fullName ?? m.id]));
  // Each card's profile as the server reads it (defaults when none is stored): covers live there (DESIGN §3).
  const profiles = await Promise.all(
    cards.map(async (c) => {
      const raw = await loadProfileRaw(ctx.t, c.id);
      const idMembers = (c.members ?? []).map((m) => m.id);
      const { profile, found } = readProfile({ id: c.id, name: c.name, idList: '', closed: false, idMembers, pluginData: raw ? [{ value: JSON.stringify({ profile: raw }) }] : [] });
      return { id: c.id, profile, found, specialist: profile.specialist ?? idMembers[0] ?? '' };
    }),
  );
  const coverOf = (l: { memberId: string; from: string; to: string }) =>
    profiles.filter((p) => p.specialist === l.memberId).flatMap((p) => p.profile.cover ?? []).find((c) => c.from === l.from && c.to === l.to)?.memberId;
  const applyCovers = async (covers: LeaveCover[]) => {
    for (const c of covers) {
      for (const p of profiles.filter((x) => x.specialist === c.memberId)) {
        const next: Profile | null = withCover(p.profile, c);
        if (next) p.profile = await saveProfile(ctx.t, next, p.id);
      }
    }
  };
  const init = settingsToInputs(loaded.value, coverOf);
  const rota = h('textarea', { id: 'rota', rows: 4, placeholder: '2026-11-28 5e0b…, 5e0c…' });
  rota.value = init.rota;
  const leaves = h('textarea', { id: 'leaves', rows: 4, placeholder: '5e0b… 2026-12-01 2026-12-05' });
  leaves.value = init.leaves;
  const start = h('input', { type: 'date', id: 'trackingStart', value: init.trackingStart });
  // Which lists hold customers (none ticked = every list): other cards are never judged.
  const listRows = lists.map((l) => ({ l, box: h('input', { type: 'checkbox', id: `list-${l.id}`, value: l.id, checked: (init.customerLists ?? []).includes(l.id) }) }));
  const listBoxes = listRows.map((r) => r.box);
  const listField = h(
    'fieldset',
    { class: 'field', id: 'customer-lists' },
    h('legend', {}, msg(L, 'settings.customerLists')),
    ...listRows.map(({ l, box }) => h('label', { for: `list-${l.id}` }, box, ` ${l.name}`)),
  );
  const rotaRead = readBack(rota, names, L);
  const leavesRead = readBack(leaves, names, L);
  // Who is who: the lines take member ids; this list lets a manager copy the right one.
  const legend = h(
    'details',
    { class: 'members', id: 'member-ids' },
    h('summary', {}, msg(L, 'settings.members')),
    h('ul', {}, ...[...names].sort((a, b) => a[1].localeCompare(b[1], 'tr')).map(([id, n]) => h('li', {}, `${n}: `, h('code', {}, id)))),
  );
  const parts = storedForm(
    ctx,
    'settings-form',
    [
      h('div', { class: 'field' }, h('label', { for: 'rota' }, msg(L, 'settings.rota')), rota, rotaRead),
      h('div', { class: 'field' }, h('label', { for: 'leaves' }, msg(L, 'settings.leaves')), leaves, leavesRead),
      h('p', { class: 'hint' }, msg(L, 'settings.covers')),
      legend,
      h('div', { class: 'field' }, h('label', { for: 'trackingStart' }, msg(L, 'settings.trackingStart')), start, valueEcho(start, L)),
      listField,
    ],
    loaded.error,
  );
  onSubmit(
    ctx,
    parts,
    () =>
      parseSettingsForm(
        { rota: rota.value, leaves: leaves.value, trackingStart: start.value, customerLists: listBoxes.filter((b) => b.checked).map((b) => b.value) },
        loaded.value,
        L,
      ),
    (r) => saveSettings(ctx.t, r.settings).then(() => applyCovers(r.covers)),
    { ok: msg(L, 'settings.saved'), error: (e) => storageMessage(L, e) },
  );
  ctx.root.append(parts.form);
  fit(ctx);
}

/** The textarea's lines with ids shown as names and dates as 23.11.2026, so a typo'd id stands out. */
function readBack(area: HTMLTextAreaElement, names: Map<string, string>, L: Locale): HTMLElement {
  const out = h('ul', { class: 'read-back hint', id: `${area.id}-read`, 'aria-label': msg(L, 'settings.readsAs') });
  const update = () => {
    out.replaceChildren(
      ...area.value
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) =>
          h(
            'li',
            {},
            l.replace(/\b[0-9a-f]{24}\b/gi, (id) => names.get(id) ?? `${id.slice(0, 8)}… (${msg(L, 'settings.notOnBoard')})`).replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (d) => formatDate(d, L)),
          ),
        ),
    );
  };
  area.addEventListener('input', update);
  update();
  return out;
}
