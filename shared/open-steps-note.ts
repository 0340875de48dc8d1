// The #canlı entry's open-steps line, apart from shared/checklists.ts so the Power-Up's go-live form does not carry
// the checklist schemas (connector bundle size, docs/powerup.md).

/**
 * The line a `#canlı` entry carries when go-live is recorded with steps still open (R29): which ones, in Turkish
 * (the entry's language on the card). The step numbers are left out so no number reads as a date in the entry.
 */
export function openStepsNote(steps: { open: readonly string[]; total: number }): string {
  const names = steps.open.map((n) => n.replace(/^\d+\.\s*/, ''));
  return `Açık canlıya geçiş adımları (${steps.open.length}/${steps.total}): ${names.join('; ')}`;
}
