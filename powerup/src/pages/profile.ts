// Müşteri profili: card pluginData `profile` via the storage wrapper (t.set; REST cannot write pluginData).
import { assignedAtFromCardId } from '../../../shared/profile.js';
import { h } from '../dom.js';
import { parseProfileForm, type ProfileInputs } from '../forms/profile-form.js';
import { msg, type MsgKey } from '../i18n.js';
import { StorageError, loadProfile, saveProfile } from '../storage.js';
import { fit, onSubmit, storedForm, valueEcho, type PageCtx } from './common.js';
import { errorMessage } from '../errors.js';

export async function renderProfile(ctx: PageCtx): Promise<void> {
  const L = ctx.locale;
  const [card, loaded, board] = await Promise.all([ctx.t.card('id', 'name', 'members'), loadProfile(ctx.t), ctx.t.board('id', 'members')]);
  const p = loaded.value;
  let assigned = p?.assignedAt ?? '';
  if (!assigned) {
    try {
      assigned = assignedAtFromCardId(card.id);
    } catch {
      assigned = ctx.today;
    }
  }
  const text = (id: keyof ProfileInputs, value: string, attrs: Record<string, string> = {}) => h('input', { type: 'text', id, value, ...attrs });
  const check = (id: keyof ProfileInputs, value: boolean) => h('input', { type: 'checkbox', id, checked: value });
  // Date/time fields get a line repeating the value as 23.11.2026 / 15:30 (the native widget follows the browser's language).
  const row = (key: MsgKey, input: HTMLElement) =>
    h(
      'div',
      { class: input instanceof HTMLInputElement && input.type === 'checkbox' ? 'field check' : 'field' },
      h('label', { for: input.id }, msg(L, key)),
      input,
      input instanceof HTMLInputElement && ['date', 'time'].includes(input.type) ? valueEcho(input, L) : null,
    );
  // The specialist by name (a Trello member id means nothing to people); an id not on the board stays selectable.
  const members = (board.members ?? []).map((m) => ({ id: m.id, name: m.fullName ?? m.username ?? m.id }));
  const currentSpecialist = p?.specialist ?? card.members?.[0]?.id ?? '';
  if (currentSpecialist && !members.some((m) => m.id === currentSpecialist)) members.push({ id: currentSpecialist, name: currentSpecialist });
  const specialist = h(
    'select',
    { id: 'specialist' },
    h('option', { value: '' }, '—'),
    ...members.sort((a, b) => a.name.localeCompare(b.name, 'tr')).map((m) => h('option', { value: m.id, selected: m.id === currentSpecialist }, m.name)),
  );
  const pkg = h(
    'select',
    { id: 'package' },
    h('option', { value: '' }, '—'),
    ...(['monthly', 'fixedTerm', 'other'] as const).map((v) => h('option', { value: v, selected: p?.package === v }, msg(L, `package.${v}` as const))),
  );
  const f = {
    site: text('site', p?.site ?? card.name, { required: 'true' }),
    assignedAt: h('input', { type: 'date', id: 'assignedAt', value: assigned, max: ctx.today }),
    specialist,
    trainingSlot: h('input', { type: 'time', id: 'trainingSlot', value: p?.trainingSlot ?? '', step: '60' }),
    pool: check('pool', p?.pool ?? false),
    integration: check('integration', p?.integration ?? false),
    design: check('design', p?.design ?? false),
    notCustomer: check('notCustomer', p?.notCustomer ?? false),
    goLiveTargetDays: text('goLiveTargetDays', p?.goLiveTargetDays ? String(p.goLiveTargetDays) : '', { inputmode: 'numeric' }),
    liveAt: h('input', { type: 'date', id: 'liveAt', value: p?.liveAt ?? '', max: ctx.today }),
    contactName: text('contactName', p?.contactName ?? '', { autocomplete: 'off' }),
    contactPhone: h('input', { type: 'tel', id: 'contactPhone', value: p?.contactPhone ?? '', autocomplete: 'off' }),
    quotaTotalGB: text('quotaTotalGB', p?.quotaTotalGB ? String(p.quotaTotalGB).replace('.', L === 'tr' ? ',' : '.') : '', { inputmode: 'decimal' }),
    trafficTotalGB: text('trafficTotalGB', p?.trafficTotalGB ? String(p.trafficTotalGB).replace('.', L === 'tr' ? ',' : '.') : '', { inputmode: 'decimal' }),
  };
  const parts = storedForm(
    ctx,
    'profile-form',
    [
      row('profile.site', f.site),
      row('profile.package', pkg),
      row('profile.assignedAt', f.assignedAt),
      row('profile.specialist', f.specialist),
      row('profile.trainingSlot', f.trainingSlot),
      row('profile.pool', f.pool),
      row('profile.integration', f.integration),
      row('profile.design', f.design),
      row('profile.goLiveTargetDays', f.goLiveTargetDays),
      row('profile.liveAt', f.liveAt),
      row('profile.contactName', f.contactName),
      row('profile.contactPhone', f.contactPhone),
      row('profile.quotaTotalGB', f.quotaTotalGB),
      row('profile.trafficTotalGB', f.trafficTotalGB),
      row('profile.notCustomer', f.notCustomer),
    ],
    loaded.error,
  );
  onSubmit(
    ctx,
    parts,
    () =>
      parseProfileForm(
        {
          site: f.site.value,
          package: pkg.value,
          assignedAt: f.assignedAt.value,
          specialist: f.specialist.value,
          trainingSlot: f.trainingSlot.value,
          pool: f.pool.checked,
          integration: f.integration.checked,
          design: f.design.checked,
          goLiveTargetDays: f.goLiveTargetDays.value,
          liveAt: f.liveAt.value,
          contactName: f.contactName.value,
          contactPhone: f.contactPhone.value,
          quotaTotalGB: f.quotaTotalGB.value,
          trafficTotalGB: f.trafficTotalGB.value,
          notCustomer: f.notCustomer.checked,
        },
        p,
        L,
      ),
    // The server reads profiles from pluginData on its next scan: ask for it now so badges follow.
    (profile) => saveProfile(ctx.t, profile).then(() => ctx.status.refresh(ctx.t)),
    { ok: msg(L, 'profile.saved'), error: (e) => storageMessage(L, e), closeAfterMs: 1000 },
  );
  ctx.root.append(parts.form);
  fit(ctx);
}

export function storageMessage(L: 'tr' | 'en', e: unknown): string {
  if (e instanceof StorageError) {
    if (e.code === 'no-write') return msg(L, 'err.noWrite');
    if (e.code === 'too-large') return msg(L, 'err.tooLarge', { size: String(e.detail ?? '') });
    return msg(L, 'err.invalid', { detail: e.message });
  }
  return msg(L, 'err.invalid', { detail: errorMessage(e) });
}
