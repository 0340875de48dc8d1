/**
 * Disk and traffic readings as the rules and the card status read them: which reading is the
 * latest, its percentage of the total, and the newest reading per week.
 */
import type { Profile } from '../profile.js';
import type { Reading, Text2, WeekKey } from '../types.js';
import { push, type EntryRecord } from './context.js';

export type Resource = 'disk' | 'traffic';

/** A reading that says something: used GB, a percentage, or unlimited traffic (A10). */
export function hasReading(r: Reading | undefined): r is Reading {
  return r !== undefined && (r.unlimited === true || typeof r.usedGB === 'number' || typeof r.percent === 'number');
}

/** The reading's percentage: typed, or used/total, with the profile's total for used-only or %-only readings. */
export function readingPercent(r: Reading, profileTotalGB: number | undefined): number | undefined {
  if (typeof r.percent === 'number') return r.percent;
  const total = r.totalGB ?? profileTotalGB;
  if (typeof r.usedGB === 'number' && total) return (r.usedGB / total) * 100;
  return undefined;
}

/** The reading with its GB filled from the profile total when only a % was written. */
export function completeReading(r: Reading, profileTotalGB: number | undefined): Reading {
  const out: Reading = { ...r };
  const total = r.totalGB ?? profileTotalGB;
  if (out.totalGB === undefined && total) out.totalGB = total;
  if (out.usedGB === undefined && typeof r.percent === 'number' && total) out.usedGB = Math.round(((r.percent * total) / 100) * 100) / 100;
  const p = readingPercent(out, profileTotalGB);
  if (p !== undefined) out.percent = Math.round(p * 10) / 10;
  return out;
}

/** The newest reading of a resource: latest for-date, then latest posting. */
export function latestReading(entries: readonly EntryRecord[], res: Resource): { record: EntryRecord; reading: Reading } | undefined {
  let best: { record: EntryRecord; reading: Reading } | undefined;
  for (const e of entries) {
    const reading = e.entry.readings[res];
    if (!hasReading(reading)) continue;
    const b = best?.record;
    if (!b || e.entry.forDate > b.entry.forDate || (e.entry.forDate === b.entry.forDate && Date.parse(e.comment.postedAt) >= Date.parse(b.comment.postedAt))) {
      best = { record: e, reading };
    }
  }
  return best;
}

/** The reading of each week that has one (that week's newest, as `latestReading`), oldest week first. */
export function weeklyReadings(entries: readonly EntryRecord[], res: Resource): Array<{ week: WeekKey; record: EntryRecord; reading: Reading }> {
  const byWeek = new Map<WeekKey, EntryRecord[]>();
  for (const e of entries) if (hasReading(e.entry.readings[res])) push(byWeek, e.week, e);
  const out: Array<{ week: WeekKey; record: EntryRecord; reading: Reading }> = [];
  for (const week of [...byWeek.keys()].sort()) {
    const latest = latestReading(byWeek.get(week) ?? [], res);
    if (latest) out.push({ week, ...latest });
  }
  return out;
}

/** The quota the profile records for a resource (GB). */
export function profileTotal(profile: Profile, res: Resource): number | undefined {
  return res === 'disk' ? profile.quotaTotalGB : profile.trafficTotalGB;
}

/** The resource's name as a finding names it: capitalised, or lower case mid-sentence. */
export function resourceName(res: Resource, lower = false): Text2 {
  if (lower) return res === 'disk' ? { tr: 'disk', en: 'disk' } : { tr: 'trafik', en: 'traffic' };
  return res === 'disk' ? { tr: 'Disk', en: 'Disk' } : { tr: 'Trafik', en: 'Traffic' };
}
