// Board settings popup (show-settings): Saturday rota, leaves, tracking start → board pluginData `settings`.
import { h, showMessages } from '../dom.js';
import { readProfile } from '../../../shared/profile.js';
import type { Profile } from '../../../shared/profile.js';
import { parseSettingsForm, settingsToInputs, withCover, type LeaveCover } from '../forms/profile-form.js';
import { msg } from '../i18n.js';
import { loadProfileRaw, loadSettings, saveProfile, saveSettings } from '../storage.js';
import { fit, type PageCtx } from './common.js';
import { storageMessage } from './profile.js';

export async function renderSettings(ctx: PageCtx): Promise<void> {
  const L = ctx.locale;
  const [loaded, cards] = await Promise.all([loadSettings(ctx.t), ctx.t.cards('id', 'name', 'members')]);
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
  const messages = h('div', { class: 'messages', role: 'alert', id: 'messages' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'submit' }, msg(L, 'form.submit'));
  const form = h(
    'form',
    { id: 'settings-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'rota' }, msg(L, 'settings.rota')), rota),
    h('div', { class: 'field' }, h('label', { for: 'leaves' }, msg(L, 'settings.leaves')), leaves),
    h('p', { class: 'hint' }, msg(L, 'settings.covers')),
    h('div', { class: 'field' }, h('label', { for: 'trackingStart' }, msg(L, 'settings.trackingStart')), start),
    messages,
    submit,
  );
  if (loaded.error) showMessages(messages, 'error', [msg(L, 'err.invalid', { detail: loaded.error })]);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const r = parseSettingsForm({ rota: rota.value, leaves: leaves.value, trackingStart: start.value }, loaded.value, L);
    if (!r.ok) {
      showMessages(messages, 'error', r.errors);
      fit(ctx);
      return;
    }
    submit.disabled = true;
    saveSettings(ctx.t, r.value.settings)
      .then(() => applyCovers(r.value.covers))
      .then(() => {
        showMessages(messages, 'ok', [msg(L, 'settings.saved')]);
        form.dataset.saved = 'true';
      })
      .catch((e: unknown) => showMessages(messages, 'error', [storageMessage(L, e)]))
      .finally(() => {
        submit.disabled = false;
        fit(ctx);
      });
  });
  ctx.root.append(form);
  fit(ctx);
}
