// Shared by every iframe page: the iframe `t`, locale, today, status client and the entry-posting flow.
import { dateKey } from '../../../shared/dates.js';
import { formatDate, formatMonth } from '../../../shared/i18n.js';
import { formatEntry } from '../../../shared/entries.js';
import type { EntryDraft, Locale } from '../../../shared/types.js';
import { appOptions } from '../app-options.js';
import { localeOf, msg } from '../i18n.js';
import { createStatusClient, type StatusClient } from '../status-client.js';
import { h, showMessages } from '../dom.js';
import type { Parsed } from '../forms/profile-form.js';
import { markPosted } from '../storage.js';
import type { PowerUpT } from '../t.js';
import { RestError, postComment } from '../trello-rest.js';
import { errorMessage } from '../errors.js';

export interface PageCtx {
  t: PowerUpT;
  locale: Locale;
  today: string;
  status: StatusClient;
  root: HTMLElement;
}

export function boot(): PageCtx {
  // biome-ignore lint/nursery/noUnsafeTypeAssertion: the typings give getRestApi() only init/apiBase, the auth methods are on AuthMethods (docs/trello.md §1).
  const t = window.TrelloPowerUp.iframe(appOptions()) as unknown as PowerUpT;
  const locale = localeOf(t);
  document.documentElement.lang = locale;
  const status = createStatusClient({ baseUrl: window.location.origin, fetch: (u, i) => window.fetch(u, i), now: () => Date.now() });
  return { t, locale, today: dateKey(new Date()), status, root: document.getElementById('app') ?? document.body };
}

/** Post the canonical text as a comment, ask the server to scan, then mark the card so badges refetch. */
export async function postEntry(ctx: PageCtx, draft: EntryDraft): Promise<string> {
  const text = formatEntry(draft);
  const card = await ctx.t.card('id');
  await postComment(ctx.t, card.id, text);
  await ctx.status.refresh(ctx.t);
  await markPosted(ctx.t, Date.now());
  return text;
}

export function postErrorMessage(locale: Locale, e: unknown): string {
  if (e instanceof RestError && (e.code === 'not-authorized' || e.code === 'not-configured')) return msg(locale, 'form.notAuthorized');
  return msg(locale, 'form.postFailed', { error: errorMessage(e) });
}

/** The elements a form page's submit flow works on. */
export interface FormParts {
  form: HTMLFormElement;
  submit: HTMLButtonElement;
  messages: HTMLElement;
}

/**
 * A stored-value form (profile, board settings): the fields, then a messages box and the submit button.
 * A stored value that did not read (`loadError`) is reported at once.
 */
export function storedForm(ctx: PageCtx, id: string, fields: HTMLElement[], loadError: string | undefined): FormParts {
  const messages = h('div', { class: 'messages', role: 'alert', id: 'messages' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'submit' }, msg(ctx.locale, 'form.submit'));
  const form = h('form', { id, novalidate: true }, ...fields, messages, submit);
  if (loadError) showMessages(messages, 'error', [msg(ctx.locale, 'err.invalid', { detail: loadError })]);
  keyboardForm(form);
  return { form, submit, messages };
}

export interface SaveTexts {
  /** Shown once the save went through. */
  ok: string;
  /** The failure in the member's language. */
  error: (e: unknown) => string;
  /** Button text while saving (the button keeps its text when absent). */
  busy?: string;
  /** Close the popup this long after a successful save. */
  closeAfterMs?: number;
}

/**
 * Submit flow shared by the form pages: parse (errors shown, nothing saved), then save with the button disabled;
 * the outcome goes to the messages box (`data-saved` on the form when it worked) and the popup is refitted.
 */
export function onSubmit<T>(ctx: PageCtx, parts: FormParts, parse: () => Parsed<T>, save: (value: T) => Promise<unknown>, texts: SaveTexts): void {
  const { form, submit, messages } = parts;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const r = parse();
    if (!r.ok) {
      showMessages(messages, 'error', r.errors);
      fit(ctx);
      return;
    }
    let idle = submit.textContent;
    submit.disabled = true;
    if (texts.busy) submit.textContent = texts.busy;
    void save(r.value)
      .then(() => {
        showMessages(messages, 'ok', [texts.ok]);
        form.dataset.saved = 'true';
        if (texts.closeAfterMs !== undefined) setTimeout(() => void ctx.t.closePopup(), texts.closeAfterMs);
      })
      .catch((e: unknown) => {
        if (e instanceof AskFirst) {
          // Nothing saved: say why and let the same button (or Enter) confirm.
          showMessages(messages, 'warn', [e.message]);
          idle = e.button;
        } else showMessages(messages, 'error', [texts.error(e)]);
      })
      .finally(() => {
        submit.disabled = false;
        submit.textContent = idle;
        fit(ctx);
      });
  });
}

/** Thrown by a save that wants a confirmation first (a second entry for the same period): nothing was posted. */
export class AskFirst extends Error {
  constructor(
    message: string,
    /** The submit button's text until the member confirms. */
    readonly button: string,
  ) {
    super(message);
    this.name = 'AskFirst';
  }
}

/**
 * Keyboard use of a form: Enter saves from any field but a text area (Ctrl/⌘+Enter there) or a button, and
 * the first field takes the focus so a popup opened from the keyboard needs no pointer.
 */
export function keyboardForm(form: HTMLFormElement, first?: HTMLElement | null): void {
  form.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.isComposing) return;
    const el = e.target;
    if (el instanceof Element && (el.tagName === 'BUTTON' || (el.tagName === 'TEXTAREA' && !(e.ctrlKey || e.metaKey)))) return;
    e.preventDefault();
    form.requestSubmit();
  });
  const target = first ?? form.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select, textarea');
  // After the page is in the DOM (and the popup sized): focusing earlier scrolls a not-yet-laid-out frame.
  requestAnimationFrame(() => target?.focus());
}

/** Escape closes the popup or modal the page is in (Trello then gives the focus back to the button that opened it). */
export function closeOnEscape(ctx: PageCtx, kind: 'popup' | 'modal'): void {
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    void (kind === 'modal' ? ctx.t.closeModal() : ctx.t.closePopup());
  });
}

/** Resize the popup to its content (Trello popups have a fixed width, variable height). */
export function fit(ctx: PageCtx): void {
  void ctx.t.sizeTo(document.body).catch(() => undefined);
}

export const weekday = (d: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale === 'tr' ? 'tr-TR' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));
/** "Pazartesi, 23.11.2026" / "Monday, 2026-11-23". */
export const longDate = (d: string, locale: Locale): string => `${weekday(d, locale)}, ${formatDate(d, locale)}`;

/**
 * Native date/month/time inputs render in the browser's UI language (an English Chrome shows 11/23/2026 and
 * 03:30 PM). A small line under the field repeats the value the team's way: "Pazartesi, 23.11.2026", "15:30".
 */
export function valueEcho(input: HTMLInputElement, locale: Locale): HTMLElement {
  const echo = h('small', { class: 'hint echo', id: `${input.id || input.name}-echo` });
  input.setAttribute('aria-describedby', echo.id);
  const update = () => {
    const v = input.value;
    if (!v) echo.textContent = '';
    else if (input.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) echo.textContent = longDate(v, locale);
    else if (input.type === 'month') echo.textContent = formatMonth(v, locale);
    else if (input.type === 'time') echo.textContent = v.slice(0, 5);
    else echo.textContent = '';
  };
  input.addEventListener('input', update);
  input.addEventListener('change', update);
  update();
  return echo;
}
