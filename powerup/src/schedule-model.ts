// Bugünkü program (R1–R4, R33): today's 50-minute training slots in order per specialist, the pool
// customers, customers with neither, and slots of one specialist closer than 50 minutes (docs/rules.md, `slot`).
import type { BoardSettings, Profile } from '../../shared/profile.js';
import type { DateKey } from '../../shared/types.js';
import { SLOT_MINUTES, slotMinutes, slotsOverlap } from '../../shared/slots.js';

export interface ScheduleCard {
  id: string;
  name: string;
  idMembers: string[];
  profile: Profile | null;
}

export interface Slot {
  cardId: string;
  name: string;
  /** Who holds the slot today: the specialist, or the cover during their leave (R55–R59). */
  specialist: string;
  /** The specialist is on leave today and no cover is set: the slot is unattended. */
  unattended?: boolean;
  start: string;
  end: string;
}

export interface Schedule {
  slots: Slot[];
  pool: Array<{ cardId: string; name: string; specialist: string }>;
  unscheduled: Array<{ cardId: string; name: string; specialist: string }>;
  overlaps: Array<{ a: Slot; b: Slot }>;
}

const toHHMM = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function activeToday(p: Profile | null, today: DateKey): boolean {
  if (!p) return true;
  if (p.assignedAt > today) return false;
  return !(p.frozen ?? []).some((f) => f.from <= today && today <= f.to);
}

const inRange = (r: { from: string; to: string }, d: DateKey) => r.from <= d && d <= r.to;

export function buildSchedule(cards: ScheduleCard[], today: DateKey, settings: BoardSettings | null = null): Schedule {
  const out: Schedule = { slots: [], pool: [], unscheduled: [], overlaps: [] };
  for (const c of cards) {
    if (!activeToday(c.profile, today)) continue;
    const owner = c.profile?.specialist ?? c.idMembers[0] ?? '';
    const onLeave = (settings?.leaves ?? []).some((l) => l.memberId === owner && inRange(l, today));
    const cover = onLeave ? (c.profile?.cover ?? []).find((x) => inRange(x, today))?.memberId : undefined;
    const specialist = cover ?? owner;
    const base = { cardId: c.id, name: c.profile?.site ?? c.name, specialist, ...(onLeave && !cover ? { unattended: true } : {}) };
    if (c.profile?.trainingSlot) {
      const s = slotMinutes(c.profile.trainingSlot);
      out.slots.push({ ...base, start: c.profile.trainingSlot, end: toHHMM(s + SLOT_MINUTES) });
    } else if (c.profile?.pool) out.pool.push({ cardId: base.cardId, name: base.name, specialist });
    else out.unscheduled.push({ cardId: base.cardId, name: base.name, specialist });
  }
  out.slots.sort((a, b) => a.start.localeCompare(b.start) || a.specialist.localeCompare(b.specialist) || a.name.localeCompare(b.name));
  const bySpecialist = new Map<string, Slot[]>();
  for (const s of out.slots.filter((x) => !x.unattended)) bySpecialist.set(s.specialist, [...(bySpecialist.get(s.specialist) ?? []), s]);
  for (const list of bySpecialist.values()) {
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      // The list is sorted by start: the clashes of `a` are the slots right after it (the slot rule's test, R1/R53).
      for (let j = i + 1; a && j < list.length; j++) {
        const b = list[j];
        if (!b || !slotsOverlap(a.start, b.start)) break;
        out.overlaps.push({ a, b });
      }
    }
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'tr');
  out.pool.sort(byName);
  out.unscheduled.sort(byName);
  return out;
}
