// R29: the go-live badge shows the "Nabız: canlıya geçiş" progress beside the countdown (`Canlı: 14/24 · 38 gün`),
// read by the board status from the card's checklist; the #canlı entry's open-steps line.
import { describe, expect, it } from 'vitest';
import { cardBadges, cardDetailBadges } from '../../shared/badges.js';
import { GOLIVE_CHECKLIST, GOLIVE_STEPS, goLiveProgress, openStepsNote } from '../../shared/checklists.js';
import { parseEntry } from '../../shared/entries.js';
import { ProfileSchema } from '../../shared/profile.js';
import { evaluateBoard } from '../../shared/compliance.js';
import { boardStatus } from '../../shared/status.js';
import type { BoardSnapshot } from '../../shared/types.js';

const NOW = new Date('2026-11-23T06:00:00Z');
const CARD = '6a2000000000000000000d01';
const profileValue = { v: 1, site: 'ornek.com.tr', assignedAt: '2026-10-01', trainingSlot: '10:00' };

function board(done: number): BoardSnapshot {
  return {
    id: '6a2000000000000000000b01',
    name: 'Pano',
    lists: [{ id: 'l1', name: 'Müşteriler', closed: false }],
    members: [{ id: 'm1', fullName: 'Elif' }],
    pluginData: [{ value: JSON.stringify({ settings: { v: 1, trackingStart: '2026-10-01' } }) }],
    comments: [],
    cards: [
      {
        id: CARD,
        name: 'ornek.com.tr',
        idList: 'l1',
        closed: false,
        idMembers: ['m1'],
        pluginData: [{ value: JSON.stringify({ profile: profileValue }) }],
        checklists: [
          {
            id: '6a2000000000000000000e01',
            name: GOLIVE_CHECKLIST,
            items: GOLIVE_STEPS.map((name, i) => ({ id: `i${i}`, name, state: i < done ? 'complete' : 'incomplete' })),
          },
        ],
      },
    ],
  };
}

const statusOf = (b: BoardSnapshot) => boardStatus(b, evaluateBoard(b, NOW), NOW);

describe('go-live steps (R29)', () => {
  it('the board status carries the progress and the open steps', () => {
    const st = statusOf(board(14)).cards[CARD]!;
    expect(st.goLive.steps).toMatchObject({ done: 14, total: 24 });
    expect(st.goLive.steps!.open).toEqual(GOLIVE_STEPS.slice(14));
    expect(goLiveProgress([])).toBeNull();
  });

  it('badge: progress and countdown together, in both languages; the card back says "adım"', () => {
    const profile = ProfileSchema.parse(profileValue); // 60 days → deadline 30.11, 7 days left on 23.11
    const status = statusOf(board(14)).cards[CARD]!;
    const gl = (locale: 'tr' | 'en') => cardBadges({ profile, status, now: NOW, locale }).find((b) => b.id === 'golive');
    expect(gl('tr')).toEqual({ id: 'golive', text: 'Canlı: 14/24 · 7 gün ▰▰▰▰▱', color: 'yellow' });
    expect(gl('en')?.text).toBe('Go-live: 14/24 · 7 days ▰▰▰▰▱');
    const late = cardBadges({ profile, status, now: new Date('2026-12-02T06:00:00Z'), locale: 'tr' }).find((b) => b.id === 'golive');
    expect(late?.text).toBe('Canlı: 14/24 · 2 gün gecikti ▰▰▰▰▰');
    const detail = cardDetailBadges({ profile, status, now: NOW, locale: 'tr' }).find((b) => b.id === 'golive');
    expect(detail?.text).toMatch(/^▰+▱* gün \d+\/\d+ · 14\/24 adım · 7 gün kaldı$/); // the period bar (card aging), then the steps
    // Without the checklist: the countdown alone, as before.
    const { steps: _s, ...bare } = status.goLive;
    expect(cardBadges({ profile, status: { ...status, goLive: bare }, now: NOW, locale: 'tr' }).find((b) => b.id === 'golive')?.text).toBe(
      'Canlı: 7 gün ▰▰▰▰▱',
    );
  });

  it('the front bar shows the period gone; yellow while the steps lag it by a quarter, even with weeks left (R27, R29)', () => {
    const profile = ProfileSchema.parse(profileValue); // 60 days from 01.10 → deadline 30.11
    const halfway = new Date('2026-10-31T09:00:00Z'); // 30 of 60 days gone, 30 left
    const at = (done: number) => cardBadges({ profile, status: statusOf(board(done)).cards[CARD]!, now: halfway, locale: 'tr' }).find((b) => b.id === 'golive');
    expect(at(14)).toEqual({ id: 'golive', text: 'Canlı: 14/24 · 30 gün ▰▰▰▱▱', color: null }); // 58 % of the steps at 50 % of the time
    expect(at(8)).toEqual({ id: 'golive', text: 'Canlı: 8/24 · 30 gün ▰▰▰▱▱', color: null }); // 33 %: behind, but by less than a quarter
    expect(at(2)).toEqual({ id: 'golive', text: 'Canlı: 2/24 · 30 gün ▰▰▰▱▱', color: 'yellow' }); // 8 %: a slow start shows now
    // The card back says the same with its colour.
    expect(cardDetailBadges({ profile, status: statusOf(board(2)).cards[CARD]!, now: halfway, locale: 'tr' }).find((b) => b.id === 'golive')?.color).toBe(
      'yellow',
    );
    // Without the checklist there is no pace to compare: the colour follows the days alone.
    const { steps: _s, ...bare } = statusOf(board(2)).cards[CARD]!.goLive;
    expect(
      cardBadges({ profile, status: { ...statusOf(board(2)).cards[CARD]!, goLive: bare }, now: halfway, locale: 'tr' }).find((b) => b.id === 'golive')?.color,
    ).toBeNull();
  });

  it('the open-steps line of a #canlı entry names the steps and reads as no date', () => {
    const line = openStepsNote({ open: GOLIVE_STEPS.slice(20), total: 24 });
    expect(line).toBe(
      'Açık canlıya geçiş adımları (4/24): Site adı; Site erişim adresi; Masaüstü ve mobil görünüm; Ana sayfa, ürün sayfaları, test üyelik ve sipariş',
    );
    const e = parseEntry(`#canlı 20.11.2026\n${line}`, '2026-11-23T08:00:00Z');
    expect(e?.kinds).toContain('golive');
    expect(e?.forDate).toBe('2026-11-20');
  });
});
