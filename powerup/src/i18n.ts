// Power-Up UI strings: the locale Trello asks for and `msg()`. The tables (buttons, forms, pages) are in
// shared/powerup-strings.ts, which the bundle also writes to dist/strings/{locale}.json.
import { STRINGS, type MsgKey } from '../../shared/powerup-strings.js';
import type { Locale } from '../../shared/types.js';
import type { PowerUpT } from './t.js';

export { STRINGS, type MsgKey };

/** Trello's locale ("en-US", "tr") → ours. Anything English is English; everything else Turkish (the team's language). */
export function toLocale(trelloLocale: string | undefined | null): Locale {
  return trelloLocale && /^en\b/i.test(trelloLocale) ? 'en' : 'tr';
}

export function localeOf(t: Pick<PowerUpT, 'getContext'>): Locale {
  try {
    return toLocale(t.getContext().locale);
  } catch {
    return 'tr';
  }
}

/** Message with `{name}` placeholders filled. */
export function msg(locale: Locale, key: MsgKey, args: Record<string, string | number> = {}): string {
  return STRINGS[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => (k in args ? String(args[k]) : `{${k}}`));
}
