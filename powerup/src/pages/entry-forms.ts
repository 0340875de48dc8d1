// Günlük kayıt / Haftalık kayıt / Aylık rapor / Canlıya geçiş / Gecikme nedeni: keyboard-first forms (the first field
// takes the focus, Enter saves, Escape closes), each asking exactly what shared/requirements says the entry needs.
import { monthKey, weekKey } from '../../../shared/dates.js';
import { formatEntry, parseEntry } from '../../../shared/entries.js';
import { formatDate, formatInstant, formatMonth, formatNumber, formatWeek } from '../../../shared/i18n.js';
import { DEFAULT_THRESHOLDS, thresholdsOf } from '../../../shared/profile.js';
import { DAILY_ENTRY_KINDS } from '../../../shared/requirements.js';
import type { CardStatus, EntryDraft, Locale, QuotaAction } from '../../../shared/types.js';
import { h } from '../dom.js';
import {
  criticalReadings,
  parseDecimal,
  percentOf,
  validateDaily,
  validateDelay,
  validateEscalation,
  validateGoLive,
  validateMonthly,
  validateWeekly,
  weekRange,
  type DailyKind,
  type FormContext,
  type FormResult,
} from '../forms/validate.js';
import { msg } from '../i18n.js';
import { openStepsNote } from '../../../shared/open-steps-note.js';
import type { EscalationTo, EscalationTopic } from '../../../shared/escalations.js';
import { loadProfile, loadSettings } from '../storage.js';
import { listComments, type CommentAction } from '../trello-rest.js';
import { OTHER_WEEK_HINT, lastReadingFits, readPrefill, type Prefill } from '../fix-model.js';
import { AskFirst, fit, keyboardForm, onSubmit, postEntry, postErrorMessage, valueEcho, type PageCtx } from './common.js';

function field(id: string, label: string, input: HTMLElement, extra?: HTMLElement): HTMLElement {
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, extra ?? null);
}

interface FormOptions {
  /** Runs after every validation (live hints: percentages, invalid marks). */
  after?: (r: FormResult) => void;
  /** The field that takes the focus (default: the first one). */
  focus?: HTMLElement;
  /** A message when this draft would be a second entry for its period (asked once, then saved on confirm). */
  duplicate?: (draft: EntryDraft) => Promise<string | null>;
}

/** Form chrome shared by the entry forms: preview, messages, submit with a busy state, keyboard, duplicate guard. */
function entryForm(ctx: PageCtx, name: string, fields: HTMLElement[], validate: () => FormResult, opts: FormOptions = {}): HTMLFormElement {
  const messages = h('div', { class: 'messages', role: 'alert', 'aria-live': 'polite', id: 'messages' });
  // A figure named by its visible label: a plain <pre> may not carry a name (axe aria-prohibited-attr, WCAG 4.1.2).
  const preview = h('pre', {
    class: 'preview',
    id: 'preview',
    role: 'figure',
    'aria-labelledby': 'preview-label',
    'data-empty': msg(ctx.locale, 'form.previewEmpty'),
  });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'submit' }, msg(ctx.locale, 'form.submit'));
  const keys = h('p', { class: 'hint keys' }, msg(ctx.locale, 'form.keys'));
  const form = h(
    'form',
    { class: 'entry-form', id: `${name}-form`, novalidate: true },
    ...fields,
    h('div', { class: 'preview-label', id: 'preview-label' }, msg(ctx.locale, 'form.preview')),
    preview,
    messages,
    submit,
    keys,
  );
  // The text the member already confirmed as a second entry for its period.
  let confirmed: string | null = null;
  const update = () => {
    const r = validate();
    preview.textContent = r.ok ? formatEntry(r.draft) : '';
    opts.after?.(r);
    if (r.ok ? formatEntry(r.draft) !== confirmed : confirmed !== null) {
      confirmed = null;
      submit.textContent = msg(ctx.locale, 'form.submit');
    }
    fit(ctx);
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  onSubmit(
    ctx,
    { form, submit, messages },
    () => {
      const r = validate();
      opts.after?.(r);
      return r.ok ? { ok: true, value: r.draft } : r;
    },
    async (draft) => {
      const text = formatEntry(draft);
      if (opts.duplicate && confirmed !== text) {
        const dup = await opts.duplicate(draft);
        if (dup) {
          confirmed = text;
          throw new AskFirst(dup, msg(ctx.locale, 'form.submitAnyway'));
        }
      }
      return postEntry(ctx, draft);
    },
    { ok: msg(ctx.locale, 'form.saved'), error: (e) => postErrorMessage(ctx.locale, e), busy: msg(ctx.locale, 'form.saving'), closeAfterMs: 1200 },
  );
  keyboardForm(form, opts.focus);
  queueMicrotask(update);
  return form;
}

/**
 * The card's entries for the same period as `draft` (read from Trello with the member's token, so an entry
 * posted seconds ago counts before any scan): the newest one's time and author, or null.
 */
async function samePeriod(ctx: PageCtx, draft: EntryDraft): Promise<{ posted: string; author: string } | null> {
  let comments: CommentAction[];
  try {
    const card = await ctx.t.card('id');
    comments = await listComments(ctx.t, card.id, 100);
  } catch {
    return null; // not authorized or offline: posting will say so
  }
  for (const c of comments) {
    const e = parseEntry(c.text, c.date);
    if (!e) continue;
    const same = draft.forMonth
      ? e.kinds.includes('monthly') && (e.forMonth ?? monthKey(e.forDate)) === draft.forMonth
      : draft.forWeek
        ? e.kinds.includes('weekly') && (e.forWeek ?? weekKey(e.forDate)) === draft.forWeek
        : e.kinds.some((k) => DAILY_ENTRY_KINDS.includes(k)) && e.forDate === draft.forDate;
    if (same) return { posted: c.date, author: c.author };
  }
  return null;
}

function duplicateText(ctx: PageCtx, key: 'dup.daily' | 'dup.weekly' | 'dup.monthly') {
  return async (draft: EntryDraft): Promise<string | null> => {
    const hit = await samePeriod(ctx, draft);
    if (!hit) return null;
    const vars = {
      posted: formatInstant(hit.posted, ctx.locale),
      author: hit.author ? `, ${hit.author}` : '',
      date: formatDate(draft.forDate ?? '', ctx.locale),
      month: formatMonth(draft.forMonth ?? '', ctx.locale),
      week: formatWeek(draft.forWeek ?? '', ctx.locale),
    };
    return msg(ctx.locale, key, vars);
  };
}

/** Marks a field the member must fix (red border; screen readers announce it as invalid). */
function invalid(el: HTMLElement, on: boolean): void {
  if (on) el.setAttribute('aria-invalid', 'true');
  else el.removeAttribute('aria-invalid');
}

/** What a one-click fix opened this form with (`t.arg('prefill')`, checked by its schema; docs/powerup.md). */
function prefillOf(ctx: PageCtx): Prefill {
  try {
    return readPrefill(ctx.t.arg('prefill'));
  } catch {
    return {};
  }
}

export function renderDaily(ctx: PageCtx): void {
  const pre = prefillOf(ctx);
  const kinds: DailyKind[] = ['daily', 'intro', 'unreachable'];
  const start = pre.kind ?? 'daily';
  const choices = kinds.map((k) => ({ k, input: h('input', { type: 'radio', name: 'kind', value: k, checked: k === start, id: `kind-${k}` }) }));
  const radios = choices.map(({ k, input }) => h('label', { class: 'radio' }, input, ' ', msg(ctx.locale, `kind.${k}` as const)));
  const startInput = choices.find((c) => c.k === start)?.input;
  // A fix may name a past day (never a future one: the field's max stays today).
  const day = pre.date && pre.date <= ctx.today ? pre.date : ctx.today;
  const date = h('input', { type: 'date', value: day, max: ctx.today, required: true });
  const note = h('textarea', { rows: 3, placeholder: msg(ctx.locale, 'form.notePlaceholder') });
  const form = entryForm(
    ctx,
    'daily',
    [
      h('fieldset', {}, h('legend', {}, msg(ctx.locale, 'form.kind')), ...radios),
      field('date', msg(ctx.locale, 'form.date'), date, valueEcho(Object.assign(date, { id: 'date' }), ctx.locale)),
      field('note', msg(ctx.locale, 'form.note'), note),
    ],
    () => {
      const kind = choices.find((c) => c.input.checked)?.k ?? 'daily';
      return validateDaily({ kind, date: date.value, note: note.value }, ctx);
    },
    { ...(startInput ? { focus: startInput } : {}), duplicate: duplicateText(ctx, 'dup.daily') },
  );
  ctx.root.append(form);
}

/**
 * `#canlı`: the day the site went live (R26–R28). It ends the countdown, so nothing is pre-filled: the day is typed or
 * picked, and a box confirms it (one stray Enter cannot record a go-live). With go-live steps still open on the card's
 * "Nabız: canlıya geçiş" checklist (R29, from the board status), the form shows them, asks once before saving, and
 * the entry says which steps were open.
 */
export async function renderGoLive(ctx: PageCtx): Promise<void> {
  const L = ctx.locale;
  const card = await ctx.t.card('id');
  const steps = (await ctx.status.get(ctx.t)).status?.cards[card.id]?.goLive.steps;
  const open = steps && steps.open.length > 0 ? steps : null;
  const date = h('input', { type: 'date', value: '', max: ctx.today, required: true });
  const confirmed = h('input', { type: 'checkbox', id: 'live-confirm' });
  const note = h('textarea', { rows: 2, placeholder: msg(L, 'form.notePlaceholder') });
  const hint = open
    ? h('p', { class: 'hint', id: 'open-steps' }, msg(L, 'form.openSteps', { open: open.open.length, total: open.total, names: open.open.join('; ') }))
    : null;
  ctx.root.append(
    entryForm(
      ctx,
      'golive',
      [
        ...(hint ? [hint] : []),
        field('date', msg(L, 'form.liveDate'), date, valueEcho(Object.assign(date, { id: 'date' }), L)),
        h('label', { class: 'confirm', for: 'live-confirm' }, confirmed, ' ', msg(L, 'form.liveConfirm')),
        field('note', msg(L, 'form.note'), note),
      ],
      () =>
        validateGoLive(
          { date: date.value, note: open ? [note.value.trim(), openStepsNote(open)].filter(Boolean).join('\n') : note.value, confirmed: confirmed.checked },
          ctx,
        ),
      open ? { duplicate: async () => msg(L, 'form.openStepsConfirm', { open: open.open.length, total: open.total }) } : {},
    ),
  );
}

/** `#gecikme`: why an overdue go-live is late (R28), with the deadline it missed. */
export async function renderDelay(ctx: PageCtx): Promise<void> {
  const L = ctx.locale;
  const card = await ctx.t.card('id');
  const res = await ctx.status.get(ctx.t);
  const gl = res.status?.cards[card.id]?.goLive;
  const reason = h('textarea', { rows: 3, placeholder: msg(L, 'form.reasonPlaceholder'), required: true });
  const hint =
    gl?.deadline && gl.daysLeft !== null && gl.daysLeft < 0
      ? h('p', { class: 'hint', id: 'delay-hint' }, msg(L, 'form.delayHint', { deadline: formatDate(gl.deadline, L), days: -gl.daysLeft }))
      : null;
  ctx.root.append(
    entryForm(ctx, 'delay', [...(hint ? [hint] : []), field('reason', msg(L, 'form.reason'), reason)], () => validateDelay({ reason: reason.value }, ctx)),
  );
}

// The escalation form's words live here, in the pages bundle: the connector only carries the button label.
const ESC_TEXT: Record<Locale, { to: string; topic: string; who: Record<EscalationTo, string>; what: Record<EscalationTopic, string> }> = {
  tr: {
    to: 'Kime bildirildi',
    topic: 'Konu',
    who: { manager: 'Yönetici', teamLead: 'Takım lideri', keyAccount: 'Kilit müşteri yöneticisi' },
    what: { unreachable: 'Müşteriye ulaşılamıyor', training: 'Müşteri eğitim istemiyor (entegrasyon süresince)', department: 'Departman takıldı' },
  },
  en: {
    to: 'Who was told',
    topic: 'About',
    who: { manager: 'Manager', teamLead: 'Team lead', keyAccount: 'Key-account manager' },
    what: { unreachable: 'Customer unreachable', training: 'Customer does not want training (during the integration)', department: 'A department is stuck' },
  },
};

// The radios' order (the first is checked).
const ESC_TO: readonly EscalationTo[] = ['manager', 'teamLead', 'keyAccount'];
const ESC_TOPIC: readonly EscalationTopic[] = ['unreachable', 'training', 'department'];

/** `#bildirildi`: the specialist told a manager, the team lead or the key-account manager (P11, P20, R14). */
export function renderEscalation(ctx: PageCtx): void {
  const T = ESC_TEXT[ctx.locale];
  // The first key is checked; `value()` is the checked one.
  const group = <K extends string>(name: string, legend: string, keys: readonly K[], labels: Record<K, string>) => {
    const fs = h('fieldset', {}, h('legend', {}, legend));
    const rows = keys.map((k, i) => ({ k, input: h('input', { type: 'radio', name, value: k, checked: i === 0, id: `${name}-${k}` }) }));
    for (const { k, input } of rows) fs.appendChild(h('label', { class: 'radio' }, input, ' ', labels[k]));
    return { fs, value: (): K | undefined => rows.find((r) => r.input.checked)?.k };
  };
  const to = group('to', T.to, ESC_TO, T.who);
  const topic = group('topic', T.topic, ESC_TOPIC, T.what);
  const note = h('textarea', { rows: 2, placeholder: msg(ctx.locale, 'form.notePlaceholder') });
  const form = entryForm(ctx, 'escalation', [to.fs, topic.fs, field('note', msg(ctx.locale, 'form.note'), note)], () =>
    validateEscalation(
      {
        to: to.value() ?? 'manager',
        topic: topic.value() ?? 'unreachable',
        note: note.value,
      },
      ctx,
    ),
  );
  ctx.root.append(form);
}

/** How far back the week and month choices reach (late entries still count, A26). */
const WEEKS_BACK = 12;
const MONTHS_BACK = 12;

/** This week and the ones before it, newest first, as choices: `49. hafta (30.11–06.12.2026)` (docs/glossary.md). */
export function weekChoices(today: string, n = WEEKS_BACK): string[] {
  const out: string[] = [];
  for (let i = 0; i <= n; i++) {
    const d = new Date(`${today}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 7 * i);
    out.push(weekKey(d.toISOString().slice(0, 10)));
  }
  return out;
}

/** This month and the ones before it, newest first: `Kasım 2026`. */
export function monthChoices(today: string, n = MONTHS_BACK): string[] {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return Array.from({ length: n + 1 }, (_, i) => {
    const k = y * 12 + (m - 1) - i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/** The choices plus `extra` (a fix's period older than the list reaches), newest first. */
function withChoice(values: string[], extra: string | undefined): string[] {
  return extra && !values.includes(extra) ? [...values, extra].sort().reverse() : values;
}

function choiceSelect(values: string[], selected: string, label: (v: string) => string): HTMLSelectElement {
  return h('select', { required: true }, ...values.map((v) => h('option', { value: v, selected: v === selected }, label(v))));
}

export function renderMonthly(ctx: PageCtx): void {
  // The monthly report is usually written early in the next month (on time until its 3rd working day).
  const pre = prefillOf(ctx).month;
  const months = withChoice(monthChoices(ctx.today), pre && pre <= monthKey(ctx.today) ? pre : undefined);
  const day = Number(ctx.today.slice(8, 10));
  // monthChoices gives this month first, then the earlier ones (the defaults never apply).
  const [newest = monthKey(ctx.today), previous = newest] = months;
  const month = choiceSelect(months, pre && months.includes(pre) ? pre : day <= 10 ? previous : newest, (m) => formatMonth(m, ctx.locale));
  const note = h('textarea', { rows: 4, placeholder: msg(ctx.locale, 'form.notePlaceholder') });
  ctx.root.append(
    entryForm(
      ctx,
      'monthly',
      [field('month', msg(ctx.locale, 'form.month'), month), field('note', msg(ctx.locale, 'form.note'), note)],
      () => validateMonthly({ month: month.value, note: note.value }, ctx),
      { duplicate: duplicateText(ctx, 'dup.monthly') },
    ),
  );
}

type Res = 'disk' | 'traffic';

/** `3,1 / 4 GB` for a hint (the form's own numbers, decimal comma in Turkish). */
function readingText(r: { usedGB?: number; totalGB?: number }, L: Locale): string {
  return `${r.usedGB !== undefined ? formatNumber(r.usedGB, L) : '?'} / ${r.totalGB !== undefined ? formatNumber(r.totalGB, L) : '?'} GB`;
}

/**
 * Haftalık kayıt, prefilled: totals from the customer profile (else the last reading's), used values from the last
 * reading, the week = this week. The % is live; at the board's `high` threshold the R38 actions appear and the form
 * refuses to save until "informed" and ("optimised" or "extra quota suggested") are ticked (shared/requirements).
 */
export async function renderWeekly(ctx: PageCtx): Promise<void> {
  const L = ctx.locale;
  const card = await ctx.t.card('id');
  const [profile, settings, res] = await Promise.all([loadProfile(ctx.t), loadSettings(ctx.t), ctx.status.get(ctx.t)]);
  const limits = settings.value ? thresholdsOf(settings.value) : DEFAULT_THRESHOLDS;
  const fctx: FormContext = { ...ctx, thresholds: limits };
  const status: CardStatus | undefined = res.status?.cards[card.id];
  const last = { disk: status?.readings.disk, traffic: status?.readings.traffic };
  const profileTotal = { disk: profile.value?.quotaTotalGB, traffic: profile.value?.trafficTotalGB };
  const gb = (n: number | undefined) => (n === undefined ? '' : formatNumber(n, L));

  // Weeks are offered as choices in words (`49. hafta (30.11–06.12.2026)`), never typed as `2026-W49`.
  // A fix names the week it mends (and the R38 actions to tick); the form still waits for Kaydet.
  const pre = prefillOf(ctx);
  const preWeek = pre.week && pre.week <= weekKey(ctx.today) ? pre.week : undefined;
  const week = choiceSelect(withChoice(weekChoices(ctx.today), preWeek), preWeek ?? weekKey(ctx.today), (w) => formatWeek(w, L));
  week.setAttribute('aria-describedby', 'week-range');
  // The chosen week's Monday–Sunday in full, as 30.11.2026–06.12.2026.
  const weekHint = h('small', { class: 'hint', id: 'week-range' });
  const num = (id: string, value: string) => h('input', { type: 'text', inputmode: 'decimal', id, autocomplete: 'off', placeholder: '0,0', value });
  const lastUsed = (f: Res) => (lastReadingFits(pre, last[f]?.week) ? gb(last[f]?.usedGB) : '');
  const inputs = {
    diskUsed: num('disk-used', lastUsed('disk')),
    diskTotal: num('disk-total', gb(profileTotal.disk ?? last.disk?.totalGB)),
    trafficUsed: num('traffic-used', lastUsed('traffic')),
    trafficTotal: num('traffic-total', gb(profileTotal.traffic ?? last.traffic?.totalGB)),
  };
  const prefilled = Object.values(inputs).some((i) => i.value);
  const usedPrefilled = Boolean(inputs.diskUsed.value || inputs.trafficUsed.value);
  const pct = { disk: h('output', { class: 'pct', id: 'disk-pct' }), traffic: h('output', { class: 'pct', id: 'traffic-pct' }) };
  const confirm = { disk: h('input', { type: 'checkbox', id: 'disk-confirm' }), traffic: h('input', { type: 'checkbox', id: 'traffic-confirm' }) };
  const name = (f: Res) => msg(L, f === 'disk' ? 'form.disk' : 'form.traffic').replace(/\s*\(.*\)$/, '');
  const confirmRow = (f: Res) =>
    h(
      'label',
      { class: 'confirm', hidden: true, id: `${f}-confirm-row`, for: `${f}-confirm` },
      confirm[f],
      ' ',
      msg(L, 'form.confirmOver', { field: name(f) }),
    );
  const lastHint = (f: Res) => {
    const r = last[f];
    return r && r.usedGB !== undefined
      ? h('small', { class: 'hint', id: `${f}-last` }, msg(L, 'form.lastReading', { value: readingText(r, L), week: weekRange(r.week, L) }))
      : null;
  };
  const reading = (f: Res, used: HTMLInputElement, total: HTMLInputElement) =>
    h(
      'fieldset',
      { class: 'reading' },
      h('legend', {}, msg(L, f === 'disk' ? 'form.disk' : 'form.traffic')),
      h(
        'div',
        { class: 'pair' },
        h('label', { for: used.id }, msg(L, 'form.used')),
        used,
        h('span', { class: 'slash' }, '/'),
        h('label', { for: total.id, class: 'sr-only' }, msg(L, 'form.total')),
        total,
        h('span', { class: 'unit' }, 'GB'),
        pct[f],
      ),
      lastHint(f),
      confirmRow(f),
    );
  const actionKeys: QuotaAction[] = ['informed', 'optimized', 'upgradeSuggested'];
  const actionRows = actionKeys.map((a) => ({
    a,
    box: h('input', { type: 'checkbox', value: a, id: `action-${a}`, checked: pre.actions?.includes(a) === true }),
  }));
  // Ticked by a fix: shown whatever the reading, so nothing the member did not see is posted.
  const preActions = (pre.actions?.length ?? 0) > 0;
  const actions = h(
    'fieldset',
    { class: 'actions', id: 'actions', hidden: true },
    h('legend', {}, msg(L, 'form.actions', { high: limits.high })),
    ...actionRows.map(({ a, box }) => h('label', { class: 'check', for: box.id }, box, ' ', msg(L, `action.${a}` as const))),
  );
  const critical = h('p', { class: 'messages warn', id: 'critical', hidden: true, role: 'status' });
  const note = h('textarea', { rows: 2, placeholder: msg(L, 'form.notePlaceholder') });

  const showPct = (f: Res, usedRaw: string, totalRaw: string) => {
    const used = parseDecimal(usedRaw);
    const total = parseDecimal(totalRaw);
    const ok = used !== null && total !== null && total > 0 && used >= 0;
    const p = ok ? percentOf(used, total) : null;
    pct[f].textContent = p === null ? '' : L === 'tr' ? `%${String(p).replace('.', ',')}` : `${p}%`;
    pct[f].className = `pct ${p === null ? '' : p >= 90 ? 'red' : p >= 70 ? 'yellow' : ''}`;
    document.getElementById(`${f}-confirm-row`)?.toggleAttribute('hidden', !(ok && used > total));
    return p;
  };
  const values = () => ({
    week: week.value,
    diskUsed: inputs.diskUsed.value,
    diskTotal: inputs.diskTotal.value,
    trafficUsed: inputs.trafficUsed.value,
    trafficTotal: inputs.trafficTotal.value,
    actions: actionRows.filter((r) => r.box.checked).map((r) => r.a),
    confirmOver: { disk: confirm.disk.checked, traffic: confirm.traffic.checked },
    note: note.value,
  });
  const form = entryForm(
    ctx,
    'weekly',
    [
      field('week', msg(L, 'form.week'), week, weekHint),
      prefilled ? h('p', { class: 'hint', id: 'prefilled' }, usedPrefilled ? msg(L, 'form.prefilled') : OTHER_WEEK_HINT[L]) : null,
      reading('disk', inputs.diskUsed, inputs.diskTotal),
      reading('traffic', inputs.trafficUsed, inputs.trafficTotal),
      actions,
      critical,
      field('note', msg(L, 'form.note'), note),
    ].filter((x): x is HTMLElement => x !== null),
    () => validateWeekly(values(), fctx),
    {
      focus: inputs.diskUsed,
      // A second weekly for the same week asks first, like the daily and the monthly.
      duplicate: duplicateText(ctx, 'dup.weekly'),
      after: (r) => {
        const range = weekRange(week.value.trim(), L);
        weekHint.textContent = range !== week.value.trim() ? range : '';
        invalid(week, Boolean(week.value.trim()) && !weekHint.textContent);
        for (const i of Object.values(inputs)) invalid(i, Boolean(i.value.trim()) && parseDecimal(i.value) === null);
        const pd = showPct('disk', inputs.diskUsed.value, inputs.diskTotal.value);
        const pt = showPct('traffic', inputs.trafficUsed.value, inputs.trafficTotal.value);
        actions.hidden = !(preActions || (pd ?? 0) >= limits.high || (pt ?? 0) >= limits.high);
        const crit = r.ok ? criticalReadings(r.draft, fctx) : [];
        critical.hidden = crit.length === 0;
        critical.textContent = crit
          .map((f) => msg(L, 'warn.critical', { field: name(f), percent: formatNumber((f === 'disk' ? pd : pt) ?? 0, L), critical: limits.critical }))
          .join(' ');
      },
    },
  );
  ctx.root.append(form);
  fit(ctx);
}
