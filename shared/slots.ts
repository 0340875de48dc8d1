// Training slot arithmetic (R1, R53, A12), with no imports: the Power-Up's schedule (powerup/src/schedule-model.ts)
// asks the same questions as the slot rule (shared/compliance/rules/slot.ts) without pulling the rule engine and
// its holiday calendar into the page bundle.

/** A12: working hours of the two shifts' union (08:15–18:15), minutes after midnight; R1: a slot lasts 50 minutes. */
export const WORK_START_MINUTES = 8 * 60 + 15;
export const WORK_END_MINUTES = 18 * 60 + 15;
export const SLOT_MINUTES = 50;

/** Minutes after midnight of a slot `HH:MM`. */
export function slotMinutes(slot: string): number {
  const [h, m] = slot.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** R1/R53: two slots of one specialist clash when they start less than SLOT_MINUTES apart (the Power-Up's schedule asks this too). */
export function slotsOverlap(a: string, b: string): boolean {
  return startsOverlap(slotMinutes(a), slotMinutes(b));
}

/** slotsOverlap of two starts already in minutes (slotMinutes). */
export function startsOverlap(a: number, b: number): boolean {
  return Math.abs(a - b) < SLOT_MINUTES;
}
