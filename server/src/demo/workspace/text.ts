// Comment text the way people type it: tag variants picked by weight, tags before or after the body, dates
// in several spellings, and the weekly entry's disk and traffic lines in their many forms.
import type { DateKey } from '../../../../shared/types.js';
import type { CardCalendarInput } from '../../../../shared/calendar.js';
import type { Rng } from '../ids.js';
import * as P from '../phrases.js';
import type { CardPlan } from './types.js';
import { present } from '../../../../shared/guards.js';

export const dec = (x: number, comma = true) =>
  (Math.round(x * 10) / 10)
    .toFixed(1)
    .replace('.', comma ? ',' : '.')
    .replace(/[,.]0$/, '');

export function weighted(rng: Rng, xs: Array<[string, number]>): string {
  const total = xs.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [v, w] of xs) if ((r -= w) < 0) return v;
  return present(xs[0], 'a weighted choice')[0];
}

/** Lower case without Turkish diacritics (user names, mention handles). */
export function fold(s: string): string {
  return s
    .toLocaleLowerCase('tr')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i');
}

/** The tag before the body (mostly), after it, or on its own line. */
export function tagged(rng: Rng, tag: string, body: string): string {
  const r = rng();
  if (r < 0.8) return `${tag} ${body}`;
  if (r < 0.9) return `${body} ${tag}`;
  return `${tag}\n${body}`;
}

/** A date as people write it: 23.11.2026, 2026-11-23, 23/11/2026, or 23.11 within the year. */
export function dateStyle(rng: Rng, d: DateKey, postedDay: DateKey): string {
  const [y, m, dd] = d.split('-');
  const sameYear = postedDay.slice(0, 4) === y;
  const forms = [`${dd}.${m}.${y}`, d, `${dd}/${m}/${y}`, ...(sameYear ? [`${dd}.${m}`, `${dd}.${m}`] : [])];
  return rng.pick(forms);
}

/** A weekly entry: its tag, a disk reading, a traffic reading (unless `noTraffic`), a note, and the quota action when `handled`. */
export function weeklyText(rng: Rng, c: CardPlan, profile: CardCalendarInput['profile'], disk: number, noTraffic: boolean, handled: boolean): string {
  const tag = weighted(rng, P.WEEKLY_TAGS);
  const used = c.quota * disk;
  const pct = Math.round(disk * 100);
  const designedDisk = c.scenario === 'disk-high' || c.scenario === 'disk-critical' || c.scenario === 'disk-high-handled';
  const diskForms = [
    `Disk: ${dec(used)}/${c.quota} GB`,
    `Disk ${dec(used)} / ${c.quota} GB`,
    `Disk kotası: ${Math.round(used * 1024)}MB/${c.quota}GB`,
    `Disk: ${dec(used, false)}/${c.quota}GB`,
    ...(profile.quotaTotalGB && !designedDisk ? [`Kota %${pct}`, `Kota: ${pct}%`] : []),
  ];
  const diskLine = designedDisk ? `Disk: ${dec(used)}/${c.quota} GB` : rng.pick(diskForms);
  // Traffic wobbles by at most 6 points week to week (+ ≤ 2 points of whole-GB rounding): a steady customer
  // never shows P10's abnormal growth (≥ 10 points, R39/A11). Same rng draws as before.
  const tUsed = Math.round(c.traffic * Math.min(0.75, c.trafficStart + rng() * 0.06));
  const tPct = Math.round((tUsed / c.traffic) * 100);
  const trafficForms = [`Trafik: ${tUsed}GB/${c.traffic}GB`, `Trafik ${tUsed}/${c.traffic} GB`, ...(profile.trafficTotalGB ? [`Trafik %${tPct}`] : [])];
  const lines = [tag, diskLine];
  if (!noTraffic) lines.push(c.unlimitedTraffic ? rng.pick(['Trafik: sınırsız', 'Trafik sınırsız', 'Trafik: sinirsiz']) : rng.pick(trafficForms));
  lines.push(rng.pick(P.WEEKLY_BODIES));
  if (handled) lines.push('Müşteri bilgilendirildi, görseller optimize edildi.');
  return lines.join('\n');
}
