// R60, P18: the card names the customer's contact person and phone; missing ones are flagged while a leave of the
// specialist is near (within 14 days) or running; the profile form reads both.
import { describe, expect, it } from 'vitest';
import { parseProfileForm } from '../../../powerup/src/forms/profile-form.js';
import { evaluateBoard } from '../../../shared/compliance.js';
import { evaluateBoardByCard } from '../../../shared/compliance/by-card.js';
import type { BoardSnapshot, Finding } from '../../../shared/types.js';

const M = '6a50000000000000000a0001';
const CARD = '6a5000000000000000000d01';
const NOW = new Date('2026-11-23T09:00:00Z');

function board(profile: object, leaves: object[]): BoardSnapshot {
  return {
    id: '6a5000000000000000000b01',
    name: 'Pano',
    lists: [{ id: 'l1', name: 'Müşteriler', closed: false }],
    members: [{ id: M, fullName: 'Elif' }],
    pluginData: [{ value: JSON.stringify({ settings: { v: 1, trackingStart: '2026-11-16', leaves } }) }],
    comments: [],
    cards: [
      {
        id: CARD,
        name: 'ornek.com.tr',
        idList: 'l1',
        closed: false,
        idMembers: [M],
        pluginData: [
          { value: JSON.stringify({ profile: { v: 1, site: 'ornek.com.tr', assignedAt: '2026-11-16', specialist: M, trainingSlot: '10:00', ...profile } }) },
        ],
      },
    ],
  };
}
const contact = (fs: Finding[]) => fs.filter((f) => f.rule === 'contact').map((f) => [f.period, f.memberId, f.detail.tr]);
const leave = { memberId: M, from: '2026-12-01', to: '2026-12-03', createdAt: '2026-11-20' };

describe('contact person and phone (R60, P18)', () => {
  it('flags what is missing before a leave; nothing without a near leave or with both', () => {
    expect(contact(evaluateBoard(board({}, [leave]), NOW).findings)).toEqual([['2026-12-01', M, 'Yetkili ve telefonu yok (izin 01.12.2026).']]);
    expect(contact(evaluateBoard(board({ contactName: 'Ayşe Demir' }, [leave]), NOW).findings)[0]?.[2]).toContain('telefonu yok');
    expect(contact(evaluateBoard(board({ contactName: 'Ayşe Demir', contactPhone: '0532 123 45 67' }, [leave]), NOW).findings)).toEqual([]);
    expect(contact(evaluateBoard(board({}, [{ ...leave, from: '2026-12-20', to: '2026-12-22' }]), NOW).findings)).toEqual([]);
    // The streaming evaluator says the same.
    const streamed = [
      ...(function* () {
        const it = evaluateBoardByCard(board({}, [leave]), NOW);
        for (let r = it.next(); !r.done; r = it.next()) yield* r.value.findings;
      })(),
    ];
    expect(contact(streamed)).toEqual(contact(evaluateBoard(board({}, [leave]), NOW).findings));
  });

  it('the profile form keeps both and rejects a phone that is no phone', () => {
    const base = {
      site: 'ornek.com.tr',
      package: '',
      assignedAt: '2026-11-16',
      specialist: '',
      trainingSlot: '10:00',
      pool: false,
      integration: false,
      design: false,
      goLiveTargetDays: '',
      liveAt: '',
      quotaTotalGB: '',
      trafficTotalGB: '',
    };
    const ok = parseProfileForm({ ...base, contactName: ' Ayşe Demir ', contactPhone: '0532 123 45 67' }, null, 'tr');
    expect(ok).toMatchObject({ ok: true, value: { contactName: 'Ayşe Demir', contactPhone: '0532 123 45 67' } });
    const bad = parseProfileForm({ ...base, contactPhone: 'yok' }, null, 'tr');
    expect(bad.ok).toBe(false);
  });
});
