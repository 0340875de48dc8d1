// A small scanned board built directly in the store's State: ledger records + the board snapshot.
import type { LedgerInput } from '../../../server/src/store/ledger.js';
import { appendLedger, testState, type TestState } from '../store/helpers.js';
import type { BoardSnapshot } from '../../../shared/types.js';

export const BOARD = 'b0000000000000000000b001';
export const CARD = 'c0000000000000000000c001';
export const CARD2 = 'c0000000000000000000c002';
export const SULE = 'm0000000000000000000m001';
export const ILKER = 'm0000000000000000000m002';
/** Tuesday 10 Nov 2026, 12:00 Istanbul. */
export const NOW = new Date('2026-11-10T09:00:00Z');

const profile = (assignedAt: string, specialist: string, slot: string) =>
  JSON.stringify({ profile: { v: 1, site: 'ornek.com.tr', assignedAt, specialist, trainingSlot: slot } });

export function snapshot(): Omit<BoardSnapshot, 'comments'> {
  return {
    id: BOARD,
    name: 'Gelişmiş Destek — İstanbul',
    url: `https://trello.com/b/abc123/gelismis-destek`,
    lists: [{ id: 'l1', name: 'Müşteriler', closed: false }],
    members: [
      { id: SULE, fullName: 'Şule Gündoğdu', username: 'sule' },
      { id: ILKER, fullName: 'İlker Çağrı Öztürk', username: 'ilker' },
    ],
    cards: [
      {
        id: CARD,
        name: 'Örnek Mağaza Işıklar',
        url: 'https://trello.com/c/Xy12ab/ornek',
        shortLink: 'Xy12ab',
        idList: 'l1',
        closed: false,
        idMembers: [SULE],
        pluginData: [{ value: profile('2026-10-26', SULE, '10:00') }],
      },
      {
        id: CARD2,
        name: 'Çiçekçi Güneş',
        url: 'https://trello.com/c/Zz34cd/cicekci',
        shortLink: 'Zz34cd',
        idList: 'l1',
        closed: false,
        idMembers: [ILKER],
        pluginData: [{ value: profile('2026-10-26', ILKER, '14:00') }],
      },
    ],
    // Tracked since before the assignments: days before the first entry are judged (without trackingStart a
    // board is judged from its first entry).
    pluginData: [{ value: JSON.stringify({ settings: { v: 1, trackingStart: '2026-10-01' } }) }],
  };
}

const rec = (over: Partial<LedgerInput> & Pick<LedgerInput, 'type' | 'actionId' | 'postedAt'>): LedgerInput => ({
  boardId: BOARD,
  cardId: CARD,
  authorId: SULE,
  authorName: 'Şule Gündoğdu',
  recordedAt: '2026-11-09T20:00:00Z',
  source: 'scan',
  ...over,
});

/**
 * Card 1 (Şule), week 2026-W45 (2–6 Nov): Mon on time, Tue missing, Wed late (posted Thu), Thu on time but edited
 * after the day (original text kept), Fri on time but later deleted; the weekly posted Sunday.
 * Card 2 (İlker): a daily on Monday only.
 */
export function buildState(opts: { backfilled?: boolean } = {}): TestState {
  const state = testState();
  state.boards[BOARD] = {
    id: BOARD,
    name: 'Gelişmiş Destek — İstanbul',
    backfilled: opts.backfilled ?? true,
    lastScanAt: '2026-11-09T20:00:00Z',
    snapshot: snapshot(),
  };
  appendLedger(state, [
    rec({
      type: 'comment',
      actionId: 'a0000000000000000000a001',
      postedAt: '2026-11-02T10:00:00Z',
      text: '#günlük müşteri ile görüşüldü, ödeme adımı kontrol edildi',
    }),
    rec({ type: 'comment', actionId: 'a0000000000000000000a002', postedAt: '2026-11-05T08:00:00Z', text: '#günlük 04.11.2026 kargo entegrasyonu soruldu' }),
    rec({ type: 'comment', actionId: 'a0000000000000000000a003', postedAt: '2026-11-05T09:00:00Z', text: '#günlük eski metin: tema ayarı yapıldı' }),
    rec({ type: 'comment', actionId: 'a0000000000000000000a004', postedAt: '2026-11-06T09:00:00Z', text: '#günlük SEO başlıkları güncellendi' }),
    rec({ type: 'comment', actionId: 'a0000000000000000000a005', postedAt: '2026-11-08T10:00:00Z', text: '#haftalık\nDisk: 3,1 / 4 GB\nTrafik: 120/200 GB' }),
    rec({
      type: 'comment',
      actionId: 'a0000000000000000000a006',
      cardId: CARD2,
      authorId: ILKER,
      authorName: 'İlker Çağrı Öztürk',
      postedAt: '2026-11-02T11:00:00Z',
      text: '#günlük ilk kurulum',
    }),
    rec({
      type: 'edit',
      actionId: 'a0000000000000000000a003',
      postedAt: '2026-11-05T09:00:00Z',
      text: '#günlük tema ayarı yapıldı, ödeme testleri tamam',
      oldText: '#günlük eski metin: tema ayarı yapıldı',
      dateLastEdited: '2026-11-07T10:00:00Z',
      recordedAt: '2026-11-09T21:00:00Z',
      source: 'full-scan',
    }),
    rec({
      type: 'delete',
      actionId: 'a0000000000000000000a004',
      postedAt: '2026-11-06T09:00:00Z',
      occurredAt: '2026-11-08T12:00:00Z',
      recordedAt: '2026-11-09T21:00:00Z',
      source: 'webhook',
    }),
  ]);
  return state;
}
