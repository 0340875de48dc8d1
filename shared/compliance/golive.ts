/**
 * Go-live deadline (R27, A6, A7) from the profile alone, with no calendar or holiday data, so the
 * Power-Up's badges can compute it too (this file bundles without date-holidays).
 *
 * @example
 *   goLiveDeadline({ assignedAt: '2026-08-03', integration: false, design: false }) // '2026-10-02'
 */
import { addDays } from '../dates.js';
import type { Profile } from '../profile.js';
import type { DateKey } from '../types.js';

/** R27/A7: 90 days with integration or design, else 60 (the 30-day target is only shown). */
export function goLiveLimitDays(profile: Pick<Profile, 'integration' | 'design'>): number {
  return profile.integration || profile.design ? 90 : 60;
}

/** R27/A6: assignedAt + limit days, where the card's frozen days do not count (the clock pauses). */
export function goLiveDeadline(profile: Pick<Profile, 'assignedAt' | 'integration' | 'design' | 'frozen'>): DateKey {
  const frozen = profile.frozen ?? [];
  if (!frozen.length) return addDays(profile.assignedAt, goLiveLimitDays(profile));
  let day = profile.assignedAt;
  let left = goLiveLimitDays(profile);
  // Day by day: ~90 steps plus frozen days, and frozen ranges may overlap.
  for (let guard = 0; left > 0 && guard < 5000; guard++) {
    day = addDays(day, 1);
    if (!frozen.some((r) => r.from <= day && day <= r.to)) left--;
  }
  return day;
}
