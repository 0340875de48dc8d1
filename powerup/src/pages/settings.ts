// Board settings popup (show-settings): Saturday rota, leaves with their cover, tracking start, customer lists → board
// pluginData `settings`. People are picked by name and avatar from the board's members; only their ids are stored.
import { readProfile } from '../../../shared/profile.js';
import type { Profile } from '../../../shared/profile.js';
import { h } from '../dom.js';
import { parseSettingsForm, withCover, type LeaveCover } from '../forms/profile-form.js';
import { msg } from '../i18n.js';
import { loadProfileRaw, loadSettings, saveProfile, saveSettings } from '../storage.js';
import { fit, onSubmit, storedForm, valueEcho, type PageCtx } from './common.js';
import { storageMessage } from './profile.js';

export interface PickMember {
  id: string;
  name: string;
  initials: string;
  avatar?: string;
}

let pickerSeq = 0;

/** An avatar: Trello's picture when the member has one, else the initials. */
function avatar(m: PickMember): HTMLElement {
  return m.avatar ? h('img', { class: 'avatar', src: m.avatar, alt: '' }) : h('span', { class: 'avatar', 'aria-hidden': 'true' }, m.initials);
}

/**
 * Members as avatar + name chips: checkboxes (several on duty) or radios (one member; `none` adds a "nobody"
 * choice). Native inputs, so Tab/arrows/Space work. `value()` gives the chosen ids.
 */
export function memberPicker(
  members: readonly PickMember[],
  opts: { multiple: boolean; selected: readonly string[]; label: string; none?: string; cls: string; notOnBoard: string },
) {
  const name = `pick-${++pickerSeq}`;
  const known = new Set(members.map((m) => m.id));
  // An id stored earlier but no longer on the board stays visible (and chosen) until someone unticks it.
  // Named in words, never by a piece of its Trello id (docs/glossary.md); several are numbered so they stay apart.
  const gone = opts.selected.filter((id) => !known.has(id));
  const all = [...members, ...gone.map((id, i) => ({ id, name: gone.length > 1 ? `${opts.notOnBoard} ${i + 1}` : opts.notOnBoard, initials: '?' }))];
  const inputs: HTMLInputElement[] = [];
  const chip = (id: string, label: Node[], checked: boolean) => {
    const input = h('input', { type: opts.multiple ? 'checkbox' : 'radio', name, value: id, checked });
    inputs.push(input);
    return h('label', { class: 'chip', 'data-member': id }, input, ...label);
  };
  const el = h(
    'fieldset',
    { class: `picker ${opts.cls}` },
    h('legend', { class: 'sr-only' }, opts.label),
    ...(opts.none !== undefined ? [chip('', [h('span', { class: 'chip-name' }, opts.none)], !opts.selected.length)] : []),
    ...all.map((m) => chip(m.id, [avatar(m), h('span', { class: 'chip-name' }, m.name)], opts.selected.includes(m.id))),
  );
  return { el, value: () => inputs.filter((i) => i.checked && i.value).map((i) => i.value) };
}

interface RotaRow {
  date: HTMLInputElement;
  members: ReturnType<typeof memberPicker>;
  el: HTMLElement;
}
interface LeaveRow {
  member: ReturnType<typeof memberPicker>;
  from: HTMLInputElement;
  to: HTMLInputElement;
  cover: ReturnType<typeof memberPicker>;
  el: HTMLElement;
}

export async function renderSettings(ctx: PageCtx): Promise<void> {
  const L = ctx.locale;
  const [loaded, cards, board, lists] = await Promise.all([
    loadSettings(ctx.t),
    ctx.t.cards('id', 'name', 'members'),
    ctx.t.board('id', 'members'),
    ctx.t.lists('id', 'name'),
  ]);
  const members: PickMember[] = (board.members ?? [])
    .map((m) => {
      const name = m.fullName || m.username || m.id;
      const initials =
        m.initials ||
        name
          .split(/\s+/)
          .map((w) => w[0] ?? '')
          .join('')
          .slice(0, 2)
          .toUpperCase();
      return { id: m.id, name, initials, ...(m.avatar ? { avatar: m.avatar } : {}) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'tr'));
  // Each card's profile as the server reads it (defaults when none is stored): covers live there (docs/architecture.md).
  const profiles = await Promise.all(
    cards.map(async (c) => {
      const raw = await loadProfileRaw(ctx.t, c.id);
      const idMembers = (c.members ?? []).map((m) => m.id);
      const { profile, found } = readProfile({
        id: c.id,
        name: c.name,
        idList: '',
        closed: false,
        idMembers,
        pluginData: raw ? [{ value: JSON.stringify({ profile: raw }) }] : [],
      });
      return { id: c.id, profile, found, specialist: profile.specialist ?? idMembers[0] ?? '' };
    }),
  );
  const coverOf = (l: { memberId: string; from: string; to: string }) =>
    profiles
      .filter((p) => p.specialist === l.memberId)
      .flatMap((p) => p.profile.cover ?? [])
      .find((c) => c.from === l.from && c.to === l.to)?.memberId;
  const applyCovers = async (covers: LeaveCover[]) => {
    for (const c of covers) {
      for (const p of profiles.filter((x) => x.specialist === c.memberId)) {
        const next: Profile | null = withCover(p.profile, c);
        if (next) p.profile = await saveProfile(ctx.t, next, p.id);
      }
    }
  };

  const remove = (row: () => HTMLElement, list: unknown[], item: () => unknown): void => {
    list.splice(list.indexOf(item()), 1);
    row().remove();
    fit(ctx);
  };
  const removeButton = (row: () => HTMLElement, list: unknown[], item: () => unknown) =>
    h('button', { type: 'button', class: 'remove', onclick: () => remove(row, list, item) }, msg(L, 'settings.remove'));

  // ── Saturday rota: a Saturday and who is on duty.
  const rotaRows: RotaRow[] = [];
  const rotaList = h('div', { class: 'rows', id: 'rota' });
  const addRota = (date: string, ids: readonly string[]) => {
    const input = h('input', { type: 'date', value: date, class: 'rota-date', 'aria-label': msg(L, 'settings.saturday') });
    const picker = memberPicker(members, {
      multiple: true,
      selected: ids,
      label: msg(L, 'settings.onDuty'),
      cls: 'rota-members',
      notOnBoard: msg(L, 'settings.notOnBoard'),
    });
    const row: RotaRow = { date: input, members: picker, el: h('div', { class: 'row rota-row' }) };
    row.el.append(
      h(
        'div',
        { class: 'row-head' },
        input,
        removeButton(
          () => row.el,
          rotaRows,
          () => row,
        ),
      ),
      valueEcho(input, L),
      picker.el,
    );
    rotaRows.push(row);
    rotaList.append(row.el);
    return row;
  };
  for (const [d, ids] of Object.entries(loaded.value?.saturdayRota ?? {}).sort(([a], [b]) => a.localeCompare(b))) addRota(d, ids);

  // ── Leaves: who, from, to, and (optionally) who covers their cards.
  const leaveRows: LeaveRow[] = [];
  const leaveList = h('div', { class: 'rows', id: 'leaves' });
  const addLeave = (l: { memberId: string; from: string; to: string; cover?: string | undefined }) => {
    const from = h('input', { type: 'date', value: l.from, class: 'leave-from', 'aria-label': msg(L, 'settings.from') });
    const to = h('input', { type: 'date', value: l.to, class: 'leave-to', 'aria-label': msg(L, 'settings.to') });
    const member = memberPicker(members, {
      multiple: false,
      selected: l.memberId ? [l.memberId] : [],
      label: msg(L, 'settings.member'),
      cls: 'leave-member',
      notOnBoard: msg(L, 'settings.notOnBoard'),
    });
    const cover = memberPicker(members, {
      multiple: false,
      selected: l.cover ? [l.cover] : [],
      label: msg(L, 'settings.cover'),
      none: msg(L, 'settings.noCover'),
      cls: 'leave-cover',
      notOnBoard: msg(L, 'settings.notOnBoard'),
    });
    const row: LeaveRow = { member, from, to, cover, el: h('div', { class: 'row leave-row' }) };
    row.el.append(
      h(
        'div',
        { class: 'row-head' },
        h('span', { class: 'sub' }, msg(L, 'settings.member')),
        removeButton(
          () => row.el,
          leaveRows,
          () => row,
        ),
      ),
      member.el,
      h('div', { class: 'dates' }, h('label', {}, msg(L, 'settings.from'), from), h('label', {}, msg(L, 'settings.to'), to)),
      h('span', { class: 'sub' }, msg(L, 'settings.cover')),
      cover.el,
    );
    leaveRows.push(row);
    leaveList.append(row.el);
    return row;
  };
  for (const l of loaded.value?.leaves ?? []) addLeave({ ...l, cover: coverOf(l) });

  const addButton = (id: string, key: 'settings.addRota' | 'settings.addLeave', add: () => { el: HTMLElement }) =>
    h(
      'button',
      {
        type: 'button',
        class: 'add',
        id,
        onclick: () => {
          const row = add();
          fit(ctx);
          row.el.querySelector<HTMLElement>('input')?.focus();
        },
      },
      msg(L, key),
    );

  const start = h('input', { type: 'date', id: 'trackingStart', value: loaded.value?.trackingStart ?? '' });
  // Which lists hold customers (none ticked = every list): other cards are never judged.
  const listRows = lists.map((l) => ({
    l,
    box: h('input', { type: 'checkbox', id: `list-${l.id}`, value: l.id, checked: (loaded.value?.customerLists ?? []).includes(l.id) }),
  }));
  const listBoxes = listRows.map((r) => r.box);
  const listField = h(
    'fieldset',
    { class: 'field', id: 'customer-lists' },
    h('legend', {}, msg(L, 'settings.customerLists')),
    ...listRows.map(({ l, box }) => h('label', { for: `list-${l.id}` }, box, ` ${l.name}`)),
  );
  const parts = storedForm(
    ctx,
    'settings-form',
    [
      h(
        'fieldset',
        { class: 'group' },
        h('legend', {}, msg(L, 'settings.rota')),
        rotaList,
        addButton('add-rota', 'settings.addRota', () => addRota('', [])),
      ),
      h(
        'fieldset',
        { class: 'group' },
        h('legend', {}, msg(L, 'settings.leaves')),
        leaveList,
        addButton('add-leave', 'settings.addLeave', () => addLeave({ memberId: '', from: '', to: '' })),
        h('p', { class: 'hint' }, msg(L, 'settings.covers')),
      ),
      h('div', { class: 'field' }, h('label', { for: 'trackingStart' }, msg(L, 'settings.trackingStart')), start, valueEcho(start, L)),
      listField,
    ],
    loaded.error,
  );
  onSubmit(
    ctx,
    parts,
    () => {
      // Rows → the grammar parseSettingsForm checks (one validation path for rota and leave, whatever the input).
      const errors: string[] = [];
      const rota = rotaRows.map((r, i) => {
        const ids = r.members.value();
        if ((r.date.value && !ids.length) || (!r.date.value && ids.length)) errors.push(msg(L, 'settings.rotaEmpty', { line: i + 1 }));
        return r.date.value || ids.length ? `${r.date.value || '?'} ${ids.join(', ')}` : '';
      });
      const leaves = leaveRows.map((r, i) => {
        const [member] = r.member.value();
        const [cover] = r.cover.value();
        if (!member || !r.from.value || !r.to.value) {
          if (member || r.from.value || r.to.value) errors.push(msg(L, 'settings.leaveEmpty', { line: i + 1 }));
          return '';
        }
        return [member, r.from.value, r.to.value, cover].filter(Boolean).join(' ');
      });
      if (errors.length) return { ok: false, errors };
      const customerLists = listBoxes.filter((b) => b.checked).map((b) => b.value);
      return parseSettingsForm({ rota: rota.join('\n'), leaves: leaves.join('\n'), trackingStart: start.value, customerLists }, loaded.value, L);
    },
    // Then a scan of the board, so the new settings version is noticed (and dated) now, not at the next scheduled scan.
    (r) =>
      saveSettings(ctx.t, r.settings)
        .then(() => applyCovers(r.covers))
        .then(() => void ctx.status.refresh(ctx.t)),
    { ok: msg(L, 'settings.saved'), error: (e) => storageMessage(L, e) },
  );
  ctx.root.append(parts.form);
  fit(ctx);
}
