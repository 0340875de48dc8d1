// Shared by every iframe page: the iframe `t`, locale, today, status client and the entry-posting flow.
import { dateKey } from '../../../shared/dates.js';
import { formatEntry } from '../../../shared/entries.js';
import type { EntryDraft, Locale } from '../../../shared/types.js';
import { appOptions } from '../app-options.js';
import { localeOf, msg } from '../i18n.js';
import { createStatusClient, type StatusClient } from '../status-client.js';
import { markPosted } from '../storage.js';
import type { PowerUpT } from '../t.js';
import { RestError, postComment } from '../trello-rest.js';

export interface PageCtx {
  t: PowerUpT;
  locale: Locale;
  today: string;
  status: StatusClient;
  root: HTMLElement;
}

export function boot(): PageCtx {
  const t = window.TrelloPowerUp.iframe(appOptions() as Trello.PowerUp.IFrameOptions) as unknown as PowerUpT;
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
  return msg(locale, 'form.postFailed', { error: (e as Error).message });
}

/** Resize the popup to its content (Trello popups have a fixed width, variable height). */
export function fit(ctx: PageCtx): void {
  void ctx.t.sizeTo(document.body).catch(() => undefined);
}
