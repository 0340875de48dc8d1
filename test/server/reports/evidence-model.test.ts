// R62: the evidence report lists every judged period with what satisfied it, or "missing".
import { describe, expect, it } from 'vitest';
import { evidenceFromStore } from '../../../server/src/reports/evaluate.js';
import { ReportInputError, type EvidenceReport } from '../../../server/src/reports/evidence-model.js';
import { CSV_COLUMNS, CSV_COLUMNS_TR, entryMarks, renderCsv, renderHtml, renderJson } from '../../../server/src/reports/evidence-render.js';
import { memoryStore } from '../../../server/src/store/store.js';
import { appendLedger, type TestState } from '../store/helpers.js';
import { BOARD, CARD, CARD2, ILKER, NOW, SULE, buildState } from './fixture.js';

const report = async (state: TestState, req: Parameters<typeof evidenceFromStore>[1]): Promise<EvidenceReport> => {
  const store = await memoryStore(state);
  try {
    return await evidenceFromStore(store, req, NOW);
  } finally {
    await store.close();
  }
};
const week = (over: Partial<Parameters<typeof evidenceFromStore>[1]> = {}, state = buildState()): Promise<EvidenceReport> =>
  report(state, { boardId: BOARD, from: '2026-11-02', to: '2026-11-08', ...over });

const dailyRows = (r: EvidenceReport, cardId = CARD) => r.cards.find((c) => c.cardId === cardId)!.rows.filter((x) => x.rule === 'daily');

describe('evidence report model (R62)', () => {
  it('lists each working day with its entry, or missing', async () => {
    const rows = dailyRows(await week());
    expect(rows.map((r) => [r.period, r.status])).toEqual([
      ['2026-11-02', 'ok'],
      ['2026-11-03', 'missing'],
      ['2026-11-04', 'late'],
      ['2026-11-05', 'ok'],
      ['2026-11-06', 'ok'],
    ]);
    const mon = rows[0]!;
    expect(mon.entry).toMatchObject({
      actionId: 'a0000000000000000000a001',
      authorName: 'Şule Gündoğdu',
      postedAtLocal: '2026-11-02 13:00',
      forDate: '2026-11-02',
      late: false,
      deleted: false,
    });
    expect(mon.entry!.url).toBe('https://trello.com/c/Xy12ab/ornek#comment-a0000000000000000000a001');
    expect(rows[1]!.entry).toBeUndefined();
    expect(rows[1]!.memberId).toBe(SULE);
  });

  it('marks a late entry with its posted time in Istanbul', async () => {
    const wed = dailyRows(await week())[2]!;
    expect(wed.entry).toMatchObject({ actionId: 'a0000000000000000000a002', late: true, forDate: '2026-11-04', postedAtLocal: '2026-11-05 11:00' });
  });

  it('marks an entry edited after its period and keeps the original text from the ledger', async () => {
    const thu = dailyRows(await week())[3]!;
    expect(thu.entry).toMatchObject({
      actionId: 'a0000000000000000000a003',
      editedAfterPeriod: true,
      editedAt: '2026-11-07T10:00:00Z',
      originalText: '#günlük eski metin: tema ayarı yapıldı',
    });
    expect(thu.entry!.excerpt).toContain('ödeme testleri tamam');
    expect(thu.entry!.ledgerSeqs).toEqual([2, 6]);
  });

  it('marks a deleted entry with its text and deletion time', async () => {
    const fri = dailyRows(await week())[4]!;
    expect(fri.entry).toMatchObject({ actionId: 'a0000000000000000000a004', deleted: true, deletedAt: '2026-11-08T12:00:00Z' });
    expect(fri.entry!.excerpt).toContain('SEO başlıkları');
    // The evaluator's evidence finding is listed with the card's other findings.
    const card = (await week()).cards.find((c) => c.cardId === CARD)!;
    expect(card.otherFindings.some((f) => f.rule === 'evidence' && f.status === 'deleted')).toBe(true);
    expect(card.otherFindings.some((f) => f.rule === 'evidence' && f.status === 'edited')).toBe(true);
  });

  it('a deletion the full pass noticed is shown as noticed (no Trello time) with when it was last seen', async () => {
    const state = buildState();
    // Monday's entry vanished; Trello listed no deleteComment: the full pass noticed it.
    appendLedger(state, [
      {
        type: 'delete',
        actionId: 'a0000000000000000000a001',
        boardId: BOARD,
        cardId: CARD,
        authorId: SULE,
        postedAt: '2026-11-02T10:00:00Z',
        oldText: '#günlük müşteri ile görüşüldü, ödeme adımı kontrol edildi',
        recordedAt: '2026-11-09T23:30:00Z',
        lastSeenAt: '2026-11-08T23:30:00Z',
        source: 'full-scan',
      },
    ]);
    const r = await week({}, state);
    const mon = dailyRows(r)[0]!;
    expect(mon.entry).toMatchObject({ deleted: true, deletionNoticed: true, deletedAt: '2026-11-09T23:30:00Z', lastSeenAt: '2026-11-08T23:30:00Z' });
    // The webhook-dated deletion (Friday) is not marked as noticed.
    expect(dailyRows(r)[4]!.entry!.deletionNoticed).toBeUndefined();
    expect(entryMarks(mon.entry!, 'en')).toEqual(['deleted (not dated by Trello: noticed missing at 2026-11-10 02:30, last seen at 2026-11-09 02:30)']);
    expect(entryMarks(dailyRows(r)[4]!.entry!, 'en')).toEqual(['deleted (2026-11-08 15:00)']);
    expect(renderHtml(r, 'tr')).toMatch(/Trello tarih vermedi: 10\.11\.2026 02:30 taramasında bulunamadı, en son 09\.11\.2026 02:30 görüldü/);
    const csv = renderCsv(r, 'en').split('\r\n');
    const header = csv.find((l) => l.startsWith('board_id'))!.split(';');
    const monRow = csv.find((l) => l.includes('a0000000000000000000a001'))!.split(';');
    expect(monRow[header.indexOf('deletion_noticed')]).toBe('true');
    expect(monRow[header.indexOf('last_seen_at')]).toBe('2026-11-08T23:30:00Z');
  });

  it('shows an entry whose tag was edited away: missing, with the original text as evidence', async () => {
    const state = buildState();
    const base = { boardId: BOARD, cardId: CARD2, authorId: ILKER, postedAt: '2026-11-03T12:00:00Z', source: 'scan' as const };
    appendLedger(state, [
      { ...base, type: 'comment', actionId: 'a0000000000000000000a010', text: '#günlük <b>kurulum</b> & ödeme', recordedAt: '2026-11-03T13:00:00Z' },
      {
        ...base,
        type: 'edit',
        actionId: 'a0000000000000000000a010',
        text: 'kurulum tamam',
        oldText: '#günlük <b>kurulum</b> & ödeme',
        dateLastEdited: '2026-11-06T08:00:00Z',
        recordedAt: '2026-11-06T09:00:00Z',
      },
    ]);
    const r = await week({}, state);
    const tue = dailyRows(r, CARD2).find((x) => x.period === '2026-11-03')!;
    expect(tue.status).toBe('missing');
    expect(tue.entry).toMatchObject({ actionId: 'a0000000000000000000a010', editedAfterPeriod: true, originalText: '#günlük <b>kurulum</b> & ödeme' });
    const html = renderHtml(r);
    expect(html).toContain('#günlük &lt;b&gt;kurulum&lt;/b&gt; &amp; ödeme');
    expect(html).not.toContain('<b>kurulum</b>');
  });

  it('a weekly without traffic reading is incomplete', async () => {
    const state = buildState();
    appendLedger(state, [
      {
        type: 'comment',
        actionId: 'a0000000000000000000a011',
        boardId: BOARD,
        cardId: CARD2,
        authorId: ILKER,
        postedAt: '2026-11-07T12:00:00Z',
        text: '#haftalık Disk: 1/4 GB',
        recordedAt: '2026-11-08T00:00:00Z',
        source: 'scan',
      },
    ]);
    const wk = (await week({}, state)).cards.find((c) => c.cardId === CARD2)!.rows.find((x) => x.rule === 'weekly')!;
    expect(wk).toMatchObject({ period: '2026-W45', status: 'incomplete' });
    expect(wk.entry!.actionId).toBe('a0000000000000000000a011');
    expect(wk.note!.en).toMatch(/traffic/i);
  });

  it('judges the weekly with its readings and totals per rule', async () => {
    const r = await week();
    const wk = r.cards.find((c) => c.cardId === CARD)!.rows.find((x) => x.rule === 'weekly')!;
    expect(wk).toMatchObject({ period: '2026-W45', status: 'ok' });
    expect(wk.entry!.actionId).toBe('a0000000000000000000a005');
    // card 1: 5 days (3 ok incl. edited/deleted, 1 late, 1 missing); card 2: Monday ok, 4 missing.
    expect(r.totals.daily).toMatchObject({ judged: 10, ok: 4, late: 1, missing: 5, edited: 1, deleted: 1 });
    expect(r.totals.daily.percent).toBe(40);
    expect(r.totals.weekly).toMatchObject({ judged: 2, ok: 1, missing: 1 });
  });

  it('filters by member and by card', async () => {
    const ilker = await week({ memberId: ILKER });
    expect(ilker.cards.map((c) => c.cardId)).toEqual([CARD2]);
    expect(ilker.filter).toMatchObject({ memberId: ILKER, memberName: 'İlker Çağrı Öztürk' });
    const byUsername = await week({ memberId: 'sule' });
    expect(byUsername.cards.map((c) => c.cardId)).toEqual([CARD]);
    const byShortLink = await week({ cardId: 'Zz34cd' });
    expect(byShortLink.cards.map((c) => c.cardId)).toEqual([CARD2]);
  });

  it('lists today and the current week as not judged yet, never omits them', async () => {
    const r = await week({ from: '2026-11-09', to: '2026-11-10' });
    const rows = dailyRows(r);
    expect(rows.map((x) => [x.period, x.status])).toEqual([
      ['2026-11-09', 'missing'],
      ['2026-11-10', 'not-judged'],
    ]);
    expect(r.cards[0]!.rows.find((x) => x.rule === 'weekly')).toMatchObject({ period: '2026-W46', status: 'not-judged' });
  });

  it('says from when history is complete when the first scan has not backfilled', async () => {
    const r = await week({}, buildState({ backfilled: false }));
    expect(r.history.completeFrom).toBe('2026-11-02');
    expect(r.history.note!.en).toContain('complete from 2026-11-02');
    const wide = await report(buildState({ backfilled: false }), { boardId: BOARD, from: '2026-10-26', to: '2026-11-03' });
    const before = dailyRows(wide).filter((x) => x.period < '2026-11-02');
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((x) => x.status === 'not-judged' && x.note?.en.includes('incomplete before 2026-11-02'))).toBe(true);
  });

  it('states the ledger range and verification, and names the first bad record after tampering', async () => {
    const ok = await week();
    expect(ok.ledger).toMatchObject({ count: 8, firstSeq: 0, lastSeq: 7, verification: { ok: true, count: 8 } });
    expect(ok.rulesVersion).toBeTruthy();
    expect(ok.generatedAt).toBe(NOW.toISOString());
    expect(ok.generatedAtLocal).toBe('2026-11-10 12:00');

    const state = buildState();
    state.ledger[1]!.text = '#günlük 04.11.2026 (sonradan değiştirildi)';
    const bad = await week({}, state);
    expect(bad.ledger.verification).toMatchObject({ ok: false, badSeq: 1, badRecord: { seq: 1, actionId: 'a0000000000000000000a002', cardId: CARD } });
    expect(renderHtml(bad, 'en')).toContain('VERIFICATION FAILED — first bad record: #1 (comment, action a0000000000000000000a002');
  });

  it('refuses bad input with a clear message', async () => {
    const state = buildState();
    const err = async (over: Partial<Parameters<typeof evidenceFromStore>[1]>) => {
      try {
        await report(state, { boardId: BOARD, from: '2026-11-02', to: '2026-11-08', ...over });
      } catch (e) {
        expect(e).toBeInstanceOf(ReportInputError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(await err({ boardId: 'nope' })).toMatch(/unknown board "nope"; known boards: b0+b001/);
    expect(await err({ cardId: 'nope' })).toMatch(/unknown card "nope"/);
    expect(await err({ memberId: 'nobody' })).toMatch(/unknown member "nobody"/);
    expect(await err({ from: '2026-11-09', to: '2026-11-01' })).toMatch(/--from 2026-11-09 is after --to 2026-11-01/);
    expect(await err({ from: '2026-02-30' })).toMatch(/not a date/);
    expect(await err({ from: '2025-01-01', to: '2025-01-31' })).toMatch(/no data .* between 2025-01-01 and 2025-01-31/);
  });
});

describe('evidence renderers', () => {
  it('html: Turkish by default, marks and original text, escaped', async () => {
    const html = renderHtml(await week());
    expect(html).toContain('<html lang="tr">');
    expect(html).toContain('EKSİK');
    expect(html).toContain('dönem sonrası düzenlendi');
    expect(html).toContain('silindi');
    expect(html).toContain('Özgün metin: “#günlük eski metin: tema ayarı yapıldı”');
    expect(html).toContain('Doğrulandı: hash zinciri sağlam (8 kayıt)');
    expect(renderHtml(await week(), 'en')).toContain('MISSING');
  });

  it('html (tr): days as 02.11.2026, weeks with their Monday–Sunday, percentages with a decimal comma', async () => {
    const r = await week();
    const html = renderHtml(r);
    expect(html).toContain('<td>02.11.2026 – 08.11.2026</td>');
    // The missing Tuesday is an exception; the on-time Monday only in the appendix.
    expect(html).toMatch(/<td class="nw">03\.11\.2026<\/td>.*?<td class="st-missing">EKSİK/);
    expect(html).not.toMatch(/<td class="nw">02\.11\.2026<\/td>/);
    expect(html).toMatch(/<td>\d+: 02\.11(, |<)/);
    expect(html).not.toMatch(/\b2026-11-0\d\b/);
    expect(html).not.toMatch(/2026-W45/);
    expect(html).toContain('45. hafta (02.11–08.11.2026)');
    expect(html).toMatch(/<td class="num">(\d+(,\d)?|—)<\/td>/);
    expect(html).not.toMatch(/<td class="num">\d+\.\d/);
    expect(html.indexOf('Özet')).toBeLessThan(html.indexOf('İstisnalar'));
    expect(html.indexOf('İstisnalar')).toBeLessThan(html.indexOf('Ek: zamanında kayıtlar'));
    expect(html).toContain('Gelişmiş Destek Kılavuzu V1 (01.03.2024), kural seti sürüm');
    expect(html).not.toMatch(/DESIGN|§/);
    expect(renderHtml(r, 'tr', { appendix: 'none' })).not.toContain('Ek: zamanında kayıtlar');
    expect(renderHtml(r, 'en')).toContain('2026-11-02 – 2026-11-08');
  });

  it('csv: one row per period (and per extra entry) with a header block', async () => {
    const csv = renderCsv(await week(), 'en');
    expect(csv.startsWith('\uFEFF# ')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    const header = lines.findIndex((l) => l.startsWith('board_id;'));
    expect(lines.slice(0, header).every((l) => l.startsWith('# '))).toBe(true);
    const rows = lines.slice(header + 1);
    expect(rows.some((l) => l.includes(';daily;2026-11-03;') && l.includes(';missing;'))).toBe(true);
    expect(rows.find((l) => l.includes('a0000000000000000000a003'))).toContain(';#günlük eski metin: tema ayarı yapıldı;');
    // Spreadsheet formula injection is defused.
    expect(csv).not.toMatch(/;=/);
  });

  it('csv in a Turkish report: Turkish headings and words for rule, period, status and yes/no', async () => {
    const csv = renderCsv(await week());
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines.find((l) => !l.startsWith('# '))).toBe(CSV_COLUMNS_TR.join(';'));
    expect(CSV_COLUMNS_TR).toHaveLength(CSV_COLUMNS.length);
    const header = CSV_COLUMNS_TR as readonly string[];
    const rows = lines.slice(lines.indexOf(CSV_COLUMNS_TR.join(';')) + 1).map((l) => l.split(';'));
    const missing = rows.find((r) => r[header.indexOf('dönem')]!.includes('03.11.2026'))!;
    expect(missing[header.indexOf('kural')]).toBe('Günlük');
    expect(missing[header.indexOf('durum')]).toBe('EKSİK');
    const late = rows.find((r) => r[header.indexOf('geç')] === 'evet')!;
    expect(late[header.indexOf('dönem')]).toMatch(/04\.11\.2026/);
    expect(rows.some((r) => r[header.indexOf('geç')] === 'hayır')).toBe(true);
    expect(csv).not.toMatch(/;(daily|missing|true|false);/);
  });

  it('json: the model itself', async () => {
    const j = JSON.parse(renderJson(await week())) as EvidenceReport;
    expect(j.board.id).toBe(BOARD);
    expect(j.cards).toHaveLength(2);
  });
});
