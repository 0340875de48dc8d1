// The texts of the lead's «Hatırlat» (docs/powerup.md "Nudges"): Istanbul time and day, never the machine's zone.
import { describe, expect, it } from 'vitest';
import { nudgeActionId, nudgedLine, nudgeLimitText, nudgeText } from '../../shared/nudge.js';

describe('nudge texts', () => {
  it('mentions the username, says the time left and who sends it', () => {
    expect(nudgeText({ mention: 'ayse', fullName: 'Ayşe', countdown: "18:15'e 2 sa", role: 'teamLead', by: 'Mehmet' })).toBe(
      "@ayse Hatırlatma: bugünün günlük kaydı henüz yok (18:15'e 2 sa). — Takım lideri Mehmet",
    );
    // Without a username (a member Trello did not list): the full name, no dangling @.
    expect(nudgeText({ mention: undefined, fullName: 'Ayşe Kaya', countdown: null, role: 'manager', by: 'Kemal' })).toBe(
      'Ayşe Kaya Hatırlatma: bugünün günlük kaydı henüz yok. — Yönetici Kemal',
    );
  });

  it('keys and times by the Istanbul day and clock', () => {
    expect(nudgeActionId('c1', new Date('2026-11-23T21:30:00Z'))).toBe('nudge:c1:2026-11-24');
    expect(nudgedLine('2026-11-23T11:05:00Z', 'Mehmet')).toBe('Hatırlatıldı 14:05 · Mehmet');
    expect(nudgeLimitText('2026-11-23T11:05:00Z', 'Mehmet')).toBe('Bu karta bugün Mehmet hatırlattı (saat 14:05); bir karta günde bir hatırlatma gönderilir.');
  });
});
