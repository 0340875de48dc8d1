// Günlük kayıt / Haftalık kayıt / Aylık rapor: keyboard-usable forms (labels, native inputs, Enter submits).
import { formatEntry } from '../../../shared/entries.js';
import { weekKey, monthKey } from '../../../shared/dates.js';
import { formatPeriod } from '../../../shared/i18n.js';
import type { EntryDraft, QuotaAction } from '../../../shared/types.js';
import { h } from '../dom.js';
import { validateDaily, validateMonthly, validateWeekly, parseDecimal, percentOf, HIGH_PERCENT, type DailyKind, type FormResult } from '../forms/validate.js';
import { msg } from '../i18n.js';
import { fit, onSubmit, postEntry, postErrorMessage, valueEcho, type PageCtx } from './common.js';

function field(id: string, label: string, input: HTMLElement, extra?: HTMLElement): HTMLElement {
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, extra ?? null);
}

/** Form chrome shared by the three entry forms: preview, messages, submit with a busy state. */
function entryForm(ctx: PageCtx, name: string, fields: HTMLElement[], validate: () => FormResult, after?: (r: FormResult) => void): HTMLFormElement {
  const messages = h('div', { class: 'messages', role: 'alert', 'aria-live': 'polite', id: 'messages' });
  const preview = h('pre', { class: 'preview', id: 'preview', 'aria-label': msg(ctx.locale, 'form.preview'), 'data-empty': msg(ctx.locale, 'form.previewEmpty') });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'submit' }, msg(ctx.locale, 'form.submit'));
  const form = h('form', { class: 'entry-form', id: `${name}-form`, novalidate: true }, ...fields, h('div', { class: 'preview-label' }, msg(ctx.locale, 'form.preview')), preview, messages, submit);
  const update = () => {
    const r = validate();
    preview.textContent = r.ok ? formatEntry(r.draft) : '';
    after?.(r);
    fit(ctx);
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  onSubmit(
    ctx,
    { form, submit, messages },
    () => {
      const r = validate();
      after?.(r);
      return r.ok ? { ok: true, value: r.draft } : r;
    },
    (draft) => post(ctx, draft),
    { ok: msg(ctx.locale, 'form.saved'), error: (e) => postErrorMessage(ctx.locale, e), busy: msg(ctx.locale, 'form.saving'), closeAfterMs: 1200 },
  );
  queueMicrotask(update);
  return form;
}

/** Marks a field the member must fix (red border; screen readers announce it as invalid). */
function invalid(el: HTMLElement, on: boolean): void {
  if (on) el.setAttribute('aria-invalid', 'true');
  else el.removeAttribute('aria-invalid');
}

const post = (ctx: PageCtx, draft: EntryDraft) => postEntry(ctx, draft);

export function renderDaily(ctx: PageCtx): void {
  const kinds: DailyKind[] = ['daily', 'intro', 'unreachable'];
  const radios = kinds.map((k, i) =>
    h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'kind', value: k, checked: i === 0 }), ' ', msg(ctx.locale, `kind.${k}` as const)),
  );
  const date = h('input', { type: 'date', value: ctx.today, max: ctx.today, required: true });
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
      const kind = (form.querySelector<HTMLInputElement>('input[name=kind]:checked')?.value ?? 'daily') as DailyKind;
      return validateDaily({ kind, date: date.value, note: note.value }, ctx);
    },
  );
  ctx.root.append(form);
}

export function renderMonthly(ctx: PageCtx): void {
  // The monthly report is usually written early in the next month (on time until its 3rd working day).
  const thisMonth = monthKey(ctx.today);
  const day = Number(ctx.today.slice(8, 10));
  const prev = (() => {
    const [y, m] = thisMonth.split('-').map(Number) as [number, number];
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  })();
  const month = h('input', { type: 'month', value: day <= 10 ? prev : thisMonth, max: thisMonth, required: true });
  const note = h('textarea', { rows: 4, placeholder: msg(ctx.locale, 'form.notePlaceholder') });
  ctx.root.append(
    entryForm(ctx, 'monthly', [field('month', msg(ctx.locale, 'form.month'), month, valueEcho(Object.assign(month, { id: 'month' }), ctx.locale)), field('note', msg(ctx.locale, 'form.note'), note)], () =>
      validateMonthly({ month: month.value, note: note.value }, ctx),
    ),
  );
}

export function renderWeekly(ctx: PageCtx): void {
  const L = ctx.locale;
  const week = h('input', { type: 'text', value: weekKey(ctx.today), pattern: '\\d{4}-W\\d{2}', placeholder: 'YYYY-Www', required: true, inputmode: 'text', 'aria-describedby': 'week-range' });
  // "2026-W48" alone means little to most people: show its Monday–Sunday as 23.11.2026–29.11.2026.
  const weekRange = h('small', { class: 'hint', id: 'week-range' });
  const num = (id: string) => h('input', { type: 'text', inputmode: 'decimal', id, autocomplete: 'off', placeholder: '0,0' });
  const inputs = { diskUsed: num('disk-used'), diskTotal: num('disk-total'), trafficUsed: num('traffic-used'), trafficTotal: num('traffic-total') };
  const pct = { disk: h('output', { class: 'pct', id: 'disk-pct' }), traffic: h('output', { class: 'pct', id: 'traffic-pct' }) };
  const confirm = {
    disk: h('input', { type: 'checkbox', id: 'disk-confirm' }),
    traffic: h('input', { type: 'checkbox', id: 'traffic-confirm' }),
  };
  const confirmRow = (f: 'disk' | 'traffic') =>
    h('label', { class: 'confirm', hidden: true, id: `${f}-confirm-row`, for: `${f}-confirm` }, confirm[f], ' ', msg(L, 'form.confirmOver', { field: msg(L, f === 'disk' ? 'form.disk' : 'form.traffic').replace(/\s*\(.*\)$/, '') }));
  const reading = (f: 'disk' | 'traffic', used: HTMLInputElement, total: HTMLInputElement) =>
    h(
      'fieldset',
      { class: 'reading' },
      h('legend', {}, msg(L, f === 'disk' ? 'form.disk' : 'form.traffic')),
      h('div', { class: 'pair' }, h('label', { for: used.id }, msg(L, 'form.used')), used, h('span', { class: 'slash' }, '/'), h('label', { for: total.id, class: 'sr-only' }, msg(L, 'form.total')), total, h('span', { class: 'unit' }, 'GB'), pct[f]),
      confirmRow(f),
    );
  const actionKeys: QuotaAction[] = ['informed', 'optimized', 'upgradeSuggested'];
  const actionBoxes = actionKeys.map((a) => h('input', { type: 'checkbox', value: a, id: `action-${a}` }));
  const actions = h(
    'fieldset',
    { class: 'actions', id: 'actions', hidden: true },
    h('legend', {}, msg(L, 'form.actions')),
    ...actionBoxes.map((b, i) => h('label', { class: 'check', for: b.id }, b, ' ', msg(L, `action.${actionKeys[i]!}` as const))),
  );
  const note = h('textarea', { rows: 2, placeholder: msg(L, 'form.notePlaceholder') });

  const showPct = (f: 'disk' | 'traffic', usedRaw: string, totalRaw: string) => {
    const used = parseDecimal(usedRaw);
    const total = parseDecimal(totalRaw);
    const ok = used !== null && total !== null && total > 0 && used >= 0;
    const p = ok ? percentOf(used, total) : null;
    pct[f].textContent = p === null ? '' : L === 'tr' ? `%${String(p).replace('.', ',')}` : `${p}%`;
    pct[f].className = `pct ${p === null ? '' : p >= 90 ? 'red' : p >= 70 ? 'yellow' : ''}`;
    (document.getElementById(`${f}-confirm-row`) as HTMLElement | null)?.toggleAttribute('hidden', !(ok && used > total));
    return p;
  };
  const form = entryForm(
    ctx,
    'weekly',
    [
      field('week', msg(L, 'form.week'), week, weekRange),
      reading('disk', inputs.diskUsed, inputs.diskTotal),
      reading('traffic', inputs.trafficUsed, inputs.trafficTotal),
      actions,
      field('note', msg(L, 'form.note'), note),
    ],
    () =>
      validateWeekly(
        {
          week: week.value,
          diskUsed: inputs.diskUsed.value,
          diskTotal: inputs.diskTotal.value,
          trafficUsed: inputs.trafficUsed.value,
          trafficTotal: inputs.trafficTotal.value,
          actions: actionBoxes.filter((b) => b.checked).map((b) => b.value as QuotaAction),
          confirmOver: { disk: confirm.disk.checked, traffic: confirm.traffic.checked },
          note: note.value,
        },
        ctx,
      ),
    () => {
      const range = formatPeriod(week.value.trim(), L);
      weekRange.textContent = range !== week.value.trim() ? range.replace(/^\S+ \((.*)\)$/, '$1') : '';
      invalid(week, Boolean(week.value.trim()) && !weekRange.textContent);
      for (const i of Object.values(inputs)) invalid(i, Boolean(i.value.trim()) && parseDecimal(i.value) === null);
      const pd = showPct('disk', inputs.diskUsed.value, inputs.diskTotal.value);
      const pt = showPct('traffic', inputs.trafficUsed.value, inputs.trafficTotal.value);
      actions.hidden = !((pd ?? 0) >= HIGH_PERCENT || (pt ?? 0) >= HIGH_PERCENT);
    },
  );
  ctx.root.append(form);
}
