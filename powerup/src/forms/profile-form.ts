// Profile and board-settings forms: strings → the shared zod schemas, messages in the member's language.
import { BoardSettingsSchema, ProfileSchema, type BoardSettings, type Profile } from '../../../shared/profile.js';
import { isDateKey, isoWeekday } from '../../../shared/dates.js';
import { formatDate } from '../../../shared/i18n.js';
import type { Locale } from '../../../shared/types.js';
import { msg, type MsgKey } from '../i18n.js';
import { parseDecimal } from './validate.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export interface ProfileInputs {
  site: string;
  package: string;
  assignedAt: string;
  specialist: string;
  trainingSlot: string;
  pool: boolean;
  integration: boolean;
  design: boolean;
  goLiveTargetDays: string;
  liveAt: string;
  quotaTotalGB: string;
  trafficTotalGB: string;
  /** R60, P18: the customer's contact person and phone (what a cover needs). */
  contactName?: string;
  contactPhone?: string;
  /** "Not a customer" switch: the card is never judged (a note or a team task on the board). */
  notCustomer?: boolean;
}

const LABEL: Record<string, MsgKey> = {
  site: 'profile.site',
  package: 'profile.package',
  assignedAt: 'profile.assignedAt',
  specialist: 'profile.specialist',
  trainingSlot: 'profile.trainingSlot',
  goLiveTargetDays: 'profile.goLiveTargetDays',
  liveAt: 'profile.liveAt',
  contactName: 'profile.contactName',
  contactPhone: 'profile.contactPhone',
  quotaTotalGB: 'profile.quotaTotalGB',
  trafficTotalGB: 'profile.trafficTotalGB',
  saturdayRota: 'settings.rota',
  customerLists: 'settings.customerLists',
  leaves: 'settings.leaves',
  trackingStart: 'settings.trackingStart',
};

function label(locale: Locale, path: string): string {
  const k = LABEL[path];
  return k ? msg(locale, k).replace(/\s*\(.*\)$/, '') : path;
}

/** Form strings → Profile (keeps the stored frozen/cover lists the form does not edit). */
export function parseProfileForm(inp: ProfileInputs, existing: Partial<Profile> | null, locale: Locale): Parsed<Profile> {
  const errors: string[] = [];
  const num = (field: keyof ProfileInputs, raw: string): number | undefined => {
    if (!raw.trim()) return undefined;
    const n = parseDecimal(raw);
    if (n === null) errors.push(msg(locale, 'err.number', { field: label(locale, field), value: raw.trim() }));
    else if (n <= 0) errors.push(msg(locale, 'err.totalPositive', { field: label(locale, field) }));
    return n ?? undefined;
  };
  const date = (field: keyof ProfileInputs, raw: string): string | undefined => {
    const s = raw.trim();
    if (!s) return undefined;
    if (!isDateKey(s)) errors.push(`${label(locale, field)}: ${msg(locale, 'err.badDate', { value: s })}`);
    return s;
  };
  const candidate: Record<string, unknown> = {
    v: 1,
    site: inp.site.trim(),
    assignedAt: date('assignedAt', inp.assignedAt) ?? existing?.assignedAt,
    pool: inp.pool,
    integration: inp.integration,
    design: inp.design,
  };
  if (inp.package) candidate.package = inp.package;
  if (inp.specialist.trim()) candidate.specialist = inp.specialist.trim();
  if (inp.trainingSlot.trim()) candidate.trainingSlot = inp.trainingSlot.trim();
  const days = num('goLiveTargetDays', inp.goLiveTargetDays);
  if (days !== undefined) candidate.goLiveTargetDays = days;
  const live = date('liveAt', inp.liveAt);
  if (live) candidate.liveAt = live;
  const q = num('quotaTotalGB', inp.quotaTotalGB);
  if (q !== undefined) candidate.quotaTotalGB = q;
  const tr = num('trafficTotalGB', inp.trafficTotalGB);
  if (tr !== undefined) candidate.trafficTotalGB = tr;
  if (inp.contactName?.trim()) candidate.contactName = inp.contactName.trim();
  if (inp.contactPhone?.trim()) candidate.contactPhone = inp.contactPhone.trim();
  if (inp.notCustomer) candidate.notCustomer = true;
  if (existing?.frozen) candidate.frozen = existing.frozen;
  if (existing?.cover) candidate.cover = existing.cover;
  if (errors.length) return { ok: false, errors };
  const r = ProfileSchema.safeParse(candidate);
  if (!r.success) {
    return {
      ok: false,
      errors: r.error.issues.map((i) => msg(locale, 'err.invalid', { detail: `${label(locale, String(i.path[0] ?? ''))}: ${i.message}` })),
    };
  }
  return { ok: true, value: r.data };
}

export interface SettingsInputs {
  rota: string;
  leaves: string;
  trackingStart: string;
  /** Ids of the lists that hold customer cards; empty = every list. */
  customerLists?: string[];
}

const DATE = /(\d{4}-\d{2}-\d{2})/;

/** A leave with the member who covers the specialist's cards meanwhile (stored per card as profile `cover`, R55–R59). */
export interface LeaveCover {
  memberId: string;
  from: string;
  to: string;
  cover: string;
}

/**
 * Rota lines `2026-11-28 m1, m2`; leave lines `m1 2026-12-01 2026-12-05 [cover-id]`. Keeps stored thresholds.
 * Covers are returned apart: they belong to the cards' profiles, not to the board settings (docs/architecture.md).
 */
export function parseSettingsForm(
  inp: SettingsInputs,
  existing: BoardSettings | null,
  locale: Locale,
): Parsed<{ settings: BoardSettings; covers: LeaveCover[] }> {
  const errors: string[] = [];
  const rota: Record<string, string[]> = {};
  inp.rota
    .split('\n')
    .map((l) => l.trim())
    .forEach((line, i) => {
      if (!line) return;
      const m = /^(\d{4}-\d{2}-\d{2})\s*[:\s]\s*(.+)$/.exec(line);
      const day = m?.[1];
      const members = m?.[2]?.split(/[,\s]+/).filter(Boolean) ?? [];
      if (day === undefined || !members.length || !isDateKey(day)) errors.push(msg(locale, 'err.rotaLine', { line: i + 1, value: line }));
      else if (isoWeekday(day) !== 6) errors.push(msg(locale, 'err.notSaturday', { line: i + 1, value: formatDate(day, locale) }));
      else rota[day] = [...(rota[day] ?? []), ...members];
    });
  const leaves: Array<{ memberId: string; from: string; to: string }> = [];
  const covers: LeaveCover[] = [];
  inp.leaves
    .split('\n')
    .map((l) => l.trim())
    .forEach((line, i) => {
      if (!line) return;
      const m = /^(\S+)\s+(\d{4}-\d{2}-\d{2})\s+(\d{4}-\d{2}-\d{2})(?:\s+(\S+))?$/.exec(line);
      const [, memberId, from, to, cover] = m ?? [];
      if (memberId === undefined || from === undefined || to === undefined || DATE.test(memberId) || (cover && DATE.test(cover)))
        errors.push(msg(locale, 'err.leaveLine', { line: i + 1, value: line }));
      else {
        leaves.push({ memberId, from, to });
        if (cover) covers.push({ memberId, from, to, cover });
      }
    });
  if (errors.length) return { ok: false, errors };
  const candidate: Record<string, unknown> = { v: 1 };
  if (Object.keys(rota).length) candidate.saturdayRota = rota;
  if (leaves.length) candidate.leaves = leaves;
  if (inp.trackingStart.trim()) candidate.trackingStart = inp.trackingStart.trim();
  if (inp.customerLists && inp.customerLists.length > 0) candidate.customerLists = inp.customerLists;
  if (existing?.thresholds) candidate.thresholds = existing.thresholds;
  const r = BoardSettingsSchema.safeParse(candidate);
  if (!r.success) {
    return {
      ok: false,
      errors: r.error.issues.map((i) =>
        msg(locale, 'err.invalid', { detail: `${label(locale, String(i.path[0] ?? ''))} ${i.path.slice(1).join('.')}: ${i.message}` }),
      ),
    };
  }
  return { ok: true, value: { settings: r.data, covers } };
}

/** The profile with the cover added for that leave (same period replaced), or null when nothing changes. */
export function withCover(profile: Profile, c: LeaveCover): Profile | null {
  const current = profile.cover ?? [];
  if (current.some((x) => x.from === c.from && x.to === c.to && x.memberId === c.cover)) return null;
  const others = current.filter((x) => !(x.from === c.from && x.to === c.to));
  return { ...profile, cover: [...others, { from: c.from, to: c.to, memberId: c.cover }] };
}

/** Stored settings (+ the covers found on the cards) → the form's text areas. */
export function settingsToInputs(
  s: BoardSettings | null,
  coverOf: (l: { memberId: string; from: string; to: string }) => string | undefined = () => undefined,
): SettingsInputs {
  return {
    rota: Object.entries(s?.saturdayRota ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([d, ms]) => `${d} ${ms.join(', ')}`)
      .join('\n'),
    leaves: (s?.leaves ?? []).map((l) => [l.memberId, l.from, l.to, coverOf(l)].filter(Boolean).join(' ')).join('\n'),
    trackingStart: s?.trackingStart ?? '',
    customerLists: s?.customerLists ?? [],
  };
}
