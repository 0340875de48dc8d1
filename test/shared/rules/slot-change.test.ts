// R12: a training-slot change is recorded from the profile's versions and shown (to the lead) with the day it took
// effect; a record, not the specialist's miss.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../../shared/compliance.js';
import type { BoardSnapshot } from '../../../shared/types.js';

const M = '6a60000000000000000a0001';
const CARD = '6a6000000000000000000d01';
const profile = (slot: string) => [
  { value: JSON.stringify({ profile: { v: 1, site: 'ornek.com.tr', assignedAt: '2026-11-02', specialist: M, trainingSlot: slot } }) },
];

function board(): BoardSnapshot {
  return {
    id: '6a6000000000000000000b01',
    name: 'Pano',
    lists: [{ id: 'l1', name: 'Müşteriler', closed: false }],
    members: [{ id: M, fullName: 'Elif' }],
    pluginData: [{ value: JSON.stringify({ settings: { v: 1, trackingStart: '2026-11-02' } }) }],
    comments: [],
    cards: [{ id: CARD, name: 'ornek.com.tr', idList: 'l1', closed: false, idMembers: [M], pluginData: profile('14:00') }],
    facts: [
      { kind: 'card-data', cardId: CARD, pluginData: profile('10:00'), at: '2026-11-02T07:00:00Z', timeSource: 'noticed', baseline: true },
      { kind: 'card-data', cardId: CARD, pluginData: profile('10:00'), at: '2026-11-05T07:00:00Z', timeSource: 'noticed' },
      { kind: 'card-data', cardId: CARD, pluginData: profile('14:00'), at: '2026-11-18T09:30:00Z', timeSource: 'noticed' },
    ],
  };
}

describe('training slot change (R12)', () => {
  it('records each change with the day it took effect, as an info warning for the lead', () => {
    const fs = evaluateBoard(board(), new Date('2026-11-23T09:00:00Z')).findings.filter((f) => f.rule === 'slot-change');
    expect(fs.map((f) => [f.period, f.status, f.severity, f.memberId])).toEqual([['2026-11-18', 'warning', 'info', M]]);
    expect(fs[0]!.detail.tr).toBe('Eğitim saati 10:00 → 14:00, 18.11.2026 itibarıyla.');
    // Audited before the change was noticed: nothing.
    expect(evaluateBoard(board(), new Date('2026-11-17T09:00:00Z')).findings.filter((f) => f.rule === 'slot-change')).toEqual([]);
  });
});
