// The Power-Up's UI table repeats a few domain words (to keep shared/i18n's dictionary out of pages.js): they must
// stay the shared labels, so the compliance table reads like the badges, audit and dashboard.
import { describe, expect, it } from 'vitest';
import { ruleLabel, statusLabel } from '../../shared/i18n.js';
import { msg } from '../../powerup/src/i18n.js';

describe('Power-Up UI words match the shared rule and status labels', () => {
  it.each(['tr', 'en'] as const)('%s', (L) => {
    expect(msg(L, 'overview.missing', { n: 3 })).toBe(`3 ${statusLabel('missing', L)}`);
    expect(msg(L, 'overview.late', { n: 1 })).toBe(`1 ${statusLabel('late', L)}`);
    for (const k of ['daily', 'weekly', 'monthly'] as const) expect(msg(L, `overview.${k}`)).toBe(ruleLabel(k, L));
    expect(msg(L, 'profile.specialist')).not.toMatch(/\(/);
  });
});
