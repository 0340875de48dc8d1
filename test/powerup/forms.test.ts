import { describe, expect, it } from 'vitest';
import { formatEntry, parseEntry } from '../../shared/entries.js';
import { parseProfileForm, parseSettingsForm, settingsToInputs, withCover } from '../../powerup/src/forms/profile-form.js';
import {
  criticalReadings,
  parseDecimal,
  validateDaily,
  validateDelay,
  validateGoLive,
  validateMonthly,
  validateWeekly,
  type WeeklyInput,
} from '../../powerup/src/forms/validate.js';

const tr = { today: '2026-11-23', locale: 'tr' as const };
const en = { today: '2026-11-23', locale: 'en' as const };
const weekly = (over: Partial<WeeklyInput> = {}): WeeklyInput => ({
  week: '2026-W48',
  diskUsed: '3,1',
  diskTotal: '4',
  trafficUsed: '120',
  trafficTotal: '200',
  actions: [],
  confirmOver: { disk: false, traffic: false },
  note: '',
  ...over,
});

describe('parseDecimal', () => {
  it('accepts a decimal comma or point, refuses letters', () => {
    expect(parseDecimal('3,1')).toBe(3.1);
    expect(parseDecimal(' 4.25 ')).toBe(4.25);
    expect(parseDecimal('abc')).toBeNull();
    expect(parseDecimal('3,1,2')).toBeNull();
    expect(parseDecimal('')).toBeNull();
  });
});

describe('weekly form (bad input)', () => {
  it('letters in a reading → a Turkish message, no draft', () => {
    const r = validateWeekly(weekly({ diskUsed: 'abc' }), tr);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual(['Disk kotası — Kullanılan: “abc” bir sayı değil. Örnek: 3,1']);
  });

  it('the same message in English under an English locale', () => {
    const r = validateWeekly(weekly({ diskUsed: 'abc' }), en);
    expect(!r.ok && r.errors[0]).toBe('Disk quota — Used: “abc” is not a number. Example: 3.1');
  });

  it('zero or negative totals and negative used are refused', () => {
    const r = validateWeekly(weekly({ diskTotal: '0', trafficUsed: '-1' }), tr);
    expect(!r.ok && r.errors).toEqual(['Disk kotası: toplam sıfırdan büyük olmalı.', 'Trafik: kullanılan negatif olamaz.']);
  });

  it('a future week is refused', () => {
    const r = validateWeekly(weekly({ week: '2026-W49' }), tr);
    // Turkish dates in the message, never the ISO week key.
    expect(!r.ok && r.errors).toEqual(['Gelecekteki bir tarih için kayıt girilemez (30.11.2026–06.12.2026).']);
  });

  it('≥ 80 % asks for exactly what R38 needs: informed AND (optimised OR extra quota suggested)', () => {
    const r = validateWeekly(weekly({ diskUsed: '3,4' }), tr);
    expect(!r.ok && r.errors).toEqual([
      'Disk kotası %85: %80 ve üzerinde “Müşteri bilgilendirildi” ve “Optimize edildi” ya da “Ek kota önerildi” işaretlenmeli.',
    ]);
    // Informed alone is what used to slip through: the rule would still flag the week.
    const informedOnly = validateWeekly(weekly({ diskUsed: '3,4', actions: ['informed'] }), tr);
    expect(!informedOnly.ok && informedOnly.errors).toEqual(['Disk kotası %85: %80 ve üzerinde “Optimize edildi” ya da “Ek kota önerildi” işaretlenmeli.']);
    const remedyOnly = validateWeekly(weekly({ diskUsed: '3,4', actions: ['upgradeSuggested'] }), tr);
    expect(!remedyOnly.ok && remedyOnly.errors).toEqual(['Disk kotası %85: %80 ve üzerinde “Müşteri bilgilendirildi” işaretlenmeli.']);
    const ok = validateWeekly(weekly({ diskUsed: '3,4', actions: ['informed', 'optimized'] }), tr);
    expect(ok.ok && ok.draft.actions).toEqual(['informed', 'optimized']);
    const enMsg = validateWeekly(weekly({ diskUsed: '3.4', actions: ['informed'] }), en);
    expect(!enMsg.ok && enMsg.errors).toEqual(['Disk quota 85 %: at 80 % or more, tick “Optimized” or “Upgrade suggested”.']);
    // The board's own threshold (A9) moves the line.
    expect(validateWeekly(weekly({ diskUsed: '3,4' }), { ...tr, thresholds: { high: 90, critical: 95 } }).ok).toBe(true);
  });

  it('used above total asks to confirm; confirmed it posts', () => {
    const r = validateWeekly(weekly({ diskUsed: '5', actions: ['informed', 'optimized'] }), tr);
    expect(!r.ok && r.needsConfirm).toEqual(['disk']);
    const ok = validateWeekly(weekly({ diskUsed: '5', actions: ['informed', 'optimized'], confirmOver: { disk: true, traffic: false } }), tr);
    expect(ok.ok).toBe(true);
  });

  it('the draft formats to canonical text the grammar reads back with the same readings', () => {
    const r = validateWeekly(weekly({ note: 'Kontroller yapıldı' }), tr);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const text = formatEntry(r.draft);
    const back = parseEntry(text, '2026-11-23T09:00:00Z');
    expect(back?.kinds).toEqual(['weekly']);
    expect(back?.forWeek).toBe('2026-W48');
    expect(back?.readings.disk).toMatchObject({ usedGB: 3.1, totalGB: 4 });
    expect(back?.readings.traffic).toMatchObject({ usedGB: 120, totalGB: 200 });
  });
});

describe('daily and monthly forms', () => {
  it('daily: backdated entries keep their date; future dates are refused', () => {
    const r = validateDaily({ kind: 'daily', date: '2026-11-20', note: 'Eğitim yapıldı' }, tr);
    expect(r.ok && r.draft).toEqual({ kinds: ['daily'], forDate: '2026-11-20', note: 'Eğitim yapıldı' });
    const back = r.ok ? parseEntry(formatEntry(r.draft), '2026-11-23T09:00:00Z') : null;
    expect(back).toMatchObject({ kinds: ['daily'], forDate: '2026-11-20', late: true });
    const f = validateDaily({ kind: 'daily', date: '2026-11-24', note: '' }, tr);
    expect(!f.ok && f.errors).toEqual(['Gelecekteki bir tarih için kayıt girilemez (24.11.2026).']);
    expect(validateDaily({ kind: 'intro', date: '2026-02-30', note: '' }, tr).ok).toBe(false);
  });

  it('monthly: past or current month only', () => {
    expect(validateMonthly({ month: '2026-10', note: '' }, tr)).toEqual({ ok: true, draft: { kinds: ['monthly'], forMonth: '2026-10' } });
    expect(validateMonthly({ month: '2026-12', note: '' }, tr).ok).toBe(false);
  });
});

describe('profile and settings forms', () => {
  const base = {
    site: 'ornek.com.tr',
    package: 'monthly',
    assignedAt: '2026-10-17',
    specialist: 'm1',
    trainingSlot: '10:00',
    pool: false,
    integration: true,
    design: false,
    goLiveTargetDays: '',
    liveAt: '',
    quotaTotalGB: '4,5',
    trafficTotalGB: '',
  };

  it('builds a ProfileSchema profile (decimal comma), keeping stored covers', () => {
    const r = parseProfileForm(base, { cover: [{ from: '2026-12-01', to: '2026-12-05', memberId: 'm2' }] }, 'tr');
    expect(r.ok && r.value).toMatchObject({
      v: 1,
      site: 'ornek.com.tr',
      package: 'monthly',
      quotaTotalGB: 4.5,
      integration: true,
      cover: [{ memberId: 'm2' }],
    });
  });

  it('"not a customer" switch and the customer lists round-trip through the shared schemas', () => {
    const r = parseProfileForm({ ...base, notCustomer: true }, null, 'tr');
    expect(r.ok && r.value.notCustomer).toBe(true);
    const off = parseProfileForm({ ...base, notCustomer: false }, { notCustomer: true } as never, 'tr');
    expect(off.ok && 'notCustomer' in off.value).toBe(false);
    const s = parseSettingsForm({ rota: '', leaves: '', trackingStart: '', customerLists: ['l1', 'l2'] }, null, 'tr');
    expect(s.ok && s.value.settings).toEqual({ v: 1, customerLists: ['l1', 'l2'] });
    expect(s.ok && settingsToInputs(s.value.settings).customerLists).toEqual(['l1', 'l2']);
    const none = parseSettingsForm({ rota: '', leaves: '', trackingStart: '', customerLists: [] }, null, 'tr');
    expect(none.ok && none.value.settings).toEqual({ v: 1 });
  });

  it('letters in a total → Turkish message', () => {
    const r = parseProfileForm({ ...base, quotaTotalGB: 'dört' }, null, 'tr');
    expect(!r.ok && r.errors).toEqual(['Disk kotası toplam: “dört” bir sayı değil. Örnek: 3,1']);
  });

  it('settings: rota and leave lines parse; a bad line names its number', () => {
    const r = parseSettingsForm(
      { rota: '2026-11-28 m1, m2', leaves: 'm1 2026-12-01 2026-12-05 m2\nm3 2026-12-10 2026-12-11', trackingStart: '2026-11-01' },
      null,
      'tr',
    );
    expect(r.ok && r.value.settings).toEqual({
      v: 1,
      saturdayRota: { '2026-11-28': ['m1', 'm2'] },
      leaves: [
        { memberId: 'm1', from: '2026-12-01', to: '2026-12-05' },
        { memberId: 'm3', from: '2026-12-10', to: '2026-12-11' },
      ],
      trackingStart: '2026-11-01',
    });
    expect(r.ok && r.value.covers).toEqual([{ memberId: 'm1', from: '2026-12-01', to: '2026-12-05', cover: 'm2' }]);
    expect(r.ok && settingsToInputs(r.value.settings, (l) => (l.memberId === 'm1' ? 'm2' : undefined))).toEqual({
      rota: '2026-11-28 m1, m2',
      leaves: 'm1 2026-12-01 2026-12-05 m2\nm3 2026-12-10 2026-12-11',
      trackingStart: '2026-11-01',
      customerLists: [],
    });
    const prof = { v: 1 as const, site: 'a.com', assignedAt: '2026-10-01', pool: false, integration: false, design: false };
    const withIt = withCover(prof, { memberId: 'm1', from: '2026-12-01', to: '2026-12-05', cover: 'm2' })!;
    expect(withIt.cover).toEqual([{ from: '2026-12-01', to: '2026-12-05', memberId: 'm2' }]);
    expect(withCover(withIt, { memberId: 'm1', from: '2026-12-01', to: '2026-12-05', cover: 'm2' })).toBeNull();
    expect(withCover(withIt, { memberId: 'm1', from: '2026-12-01', to: '2026-12-05', cover: 'm4' })!.cover).toEqual([
      { from: '2026-12-01', to: '2026-12-05', memberId: 'm4' },
    ]);
    const bad = parseSettingsForm({ rota: '2026-11-27 m1', leaves: 'm1 yarın', trackingStart: '' }, null, 'tr');
    expect(!bad.ok && bad.errors).toEqual(['Nöbet 1: 27.11.2026 cumartesi değil.', 'İzin 1 okunamadı: “m1 yarın”']);
  });
});

describe('go-live and delay forms (R26–R28)', () => {
  it('#canlı takes a past or today date, picked and confirmed; #gecikme needs a reason and is dated today', () => {
    const g = validateGoLive({ date: '2026-11-20', note: '', confirmed: true }, tr);
    expect(g.ok && formatEntry(g.draft)).toBe('#canlı 20.11.2026');
    expect(parseEntry(g.ok ? formatEntry(g.draft) : '', '2026-11-23T09:00:00Z')).toMatchObject({ kinds: ['golive'], forDate: '2026-11-20' });
    const future = validateGoLive({ date: '2026-11-30', note: '', confirmed: true }, tr);
    expect(!future.ok && future.errors).toEqual(['Gelecekteki bir tarih için kayıt girilemez (30.11.2026).']);
    // The go-live ends the countdown: no day assumed, and never without the confirmation.
    const none = validateGoLive({ date: '', note: '', confirmed: true }, tr);
    expect(!none.ok && none.errors).toEqual(['Sitenin canlıya geçtiği günü seçin.']);
    const unconfirmed = validateGoLive({ date: '2026-11-20', note: '', confirmed: false }, tr);
    expect(!unconfirmed.ok && unconfirmed.errors).toEqual(['Sitenin 20.11.2026 tarihinde canlıya geçtiğini onaylayın (kutuyu işaretleyin).']);
    const empty = validateDelay({ reason: '  ' }, tr);
    expect(!empty.ok && empty.errors).toEqual(['Gecikmenin nedenini ve canlıya ne zaman geçileceğini yazın.']);
    const d = validateDelay({ reason: 'ERP entegrasyonu bekleniyor' }, tr);
    expect(d.ok && formatEntry(d.draft)).toBe('#gecikme 23.11.2026\nERP entegrasyonu bekleniyor');
    expect(parseEntry(d.ok ? formatEntry(d.draft) : '', '2026-11-23T09:00:00Z')).toMatchObject({ kinds: ['delay'], forDate: '2026-11-23' });
  });

  it('says when a saved reading is critical (A9) so the member knows before it is flagged', () => {
    const r = validateWeekly(weekly({ diskUsed: '3,9', actions: ['informed', 'optimized'] }), tr);
    expect(r.ok && criticalReadings(r.draft, tr)).toEqual(['disk']);
    const ok = validateWeekly(weekly({ diskUsed: '3,4', actions: ['informed', 'optimized'] }), tr);
    expect(ok.ok && criticalReadings(ok.draft, tr)).toEqual([]);
  });
});
