// Escalations on record (`#bildirildi`): whom and about what, and P11 — an escalation about an unreachable customer
// closes that streak's `unreachable` finding; an escalation-only day neither breaks nor extends a streak.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../shared/compliance.js';
import { parseEntry } from '../../shared/entries.js';
import { escalationOf } from '../../shared/escalations.js';
import type { BoardSnapshot, CommentRecord } from '../../shared/types.js';

const esc = (text: string) => {
  const e = parseEntry(text, '2026-11-20T09:00:00Z');
  return e ? escalationOf(e.kinds, text) : null;
};

describe('#bildirildi', () => {
  it('reads whom and what', () => {
    expect(esc('#bildirildi yöneticiye: müşteriye 3 gündür ulaşılamıyor')).toEqual({ to: ['manager'], topic: 'unreachable' });
    expect(esc("#bildirildi TL'ye bilgi verildi, müşteri entegrasyon bitene kadar eğitim istemiyor")).toEqual({ to: ['teamLead'], topic: 'training' });
    expect(esc('#bildirildi kilit müşteri yöneticisine: ödeme departmanı 2 haftadır dönmüyor')).toEqual({ to: ['keyAccount'], topic: 'department' });
    expect(esc('#escalated')).toEqual({ to: ['manager'], topic: null });
    expect(esc('#günlük arandı')).toBeNull();
  });
});

const CARD = '6a3000000000000000000d01';
let n = 0;
const comment = (day: string, text: string): CommentRecord => ({
  id: `6a30000000000000000f${String(n++).padStart(4, '0')}`,
  cardId: CARD,
  authorId: 'm1',
  postedAt: `${day}T09:00:00Z`,
  text,
});

function board(comments: CommentRecord[]): BoardSnapshot {
  return {
    id: '6a3000000000000000000b01',
    name: 'Pano',
    lists: [{ id: 'l1', name: 'Müşteriler', closed: false }],
    members: [{ id: 'm1', fullName: 'Elif' }],
    pluginData: [{ value: JSON.stringify({ settings: { v: 1, trackingStart: '2026-11-16' } }) }],
    comments,
    cards: [
      {
        id: CARD,
        name: 'ornek.com.tr',
        idList: 'l1',
        closed: false,
        idMembers: ['m1'],
        pluginData: [{ value: JSON.stringify({ profile: { v: 1, site: 'ornek.com.tr', assignedAt: '2026-11-16', specialist: 'm1', trainingSlot: '10:00' } }) }],
      },
    ],
  };
}

const NOW = new Date('2026-11-23T15:00:00Z');
const streak = () => ['2026-11-17', '2026-11-18', '2026-11-19'].map((d) => comment(d, '#ulaşılamadı aradım, açmadı'));
const unreachable = (b: BoardSnapshot) => evaluateBoard(b, NOW).findings.filter((f) => f.rule === 'unreachable');

describe('unreachable streak and its escalation (P11)', () => {
  it('without an escalation the streak escalates; with one about it (or with no topic) it is closed', () => {
    expect(unreachable(board(streak()))).toHaveLength(1);
    expect(unreachable(board([...streak(), comment('2026-11-19', '#bildirildi yöneticiye: 3 gündür ulaşılamıyor')]))).toEqual([]);
    expect(unreachable(board([...streak(), comment('2026-11-20', '#bildirildi TL')]))).toEqual([]);
  });

  it('an escalation about something else does not close it, and one before the streak does not either', () => {
    expect(unreachable(board([...streak(), comment('2026-11-19', '#bildirildi yöneticiye: müşteri eğitim istemiyor')]))).toHaveLength(1);
    expect(unreachable(board([comment('2026-11-16', '#günlük #bildirildi yöneticiye ulaşılamıyor'), ...streak()]))).toHaveLength(1);
  });

  it('an escalation-only entry on a streak day does not break the streak', () => {
    const days = streak();
    days.splice(1, 0, comment('2026-11-18', '#bildirildi kilit müşteri yöneticisine: departman yanıt vermiyor'));
    expect(unreachable(board(days))).toHaveLength(1);
  });
});
