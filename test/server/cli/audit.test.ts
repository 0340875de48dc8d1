// `nabiz audit` on the hand-built export of Ayşe's board (test/fixtures/export-ayse-2026-11.json),
// asserted finding by finding; plus formats and bad input (docs/operations.md).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCli } from './audit-cli.js';
import type { AuditResult, Finding } from '../../../shared/types.js';
import { AYSE, CARD, ELIF, FIXTURE_PATH } from '../../fixtures/build-export-ayse.js';
import { buildLargeExport } from '../../fixtures/build-large-export.js';

const NOW = '2026-11-23T09:00:00+03:00';

const cli = auditCli;

const brief = (f: Finding): string => [f.rule, f.period, f.status, f.memberId === AYSE.id ? 'ayse' : f.memberId === ELIF.id ? 'elif' : f.memberId].join(' ');

describe('nabiz audit on the Ayşe export (--now 2026-11-23 09:00)', () => {
  let result: AuditResult;
  const of = (cardId: string): string[] => result.findings.filter((f) => f.cardId === cardId).map(brief);

  beforeAll(async () => {
    const { code, out, err } = await cli(['--export', FIXTURE_PATH, '--now', NOW, '--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    result = JSON.parse(out);
    expect(Object.keys(result)).toEqual(['judging', 'findings', 'summary']);
    expect((result as AuditResult & { judging: unknown }).judging).toMatchObject({ judged: true, source: 'settings', customers: 5 });
  });

  it('Moda Evi: the exact findings (missing days, backdated daily, weekly without traffic, edit after the period, late monthly, cover blamed on leave, slot overlap)', () => {
    expect(of(CARD.moda)).toEqual([
      'slot  overlap ayse',
      'monthly 2026-10 late ayse',
      'daily 2026-10-07 missing ayse',
      'daily 2026-10-14 late ayse',
      'weekly 2026-W43 incomplete ayse',
      'evidence 2026-11-03 edited ayse',
      'daily 2026-11-07 missing ayse', // rota Saturday
      'daily 2026-11-10 missing elif', // Ayşe on leave, Elif covers
    ]);
    const late = result.findings.find((f) => f.cardId === CARD.moda && f.status === 'late' && f.rule === 'daily');
    expect(late?.detail).toEqual({
      tr: '14.10.2026 günlük kaydı geç girildi (15.10.2026 09:05).',
      en: 'The daily entry for 2026-10-14 was posted late (2026-10-15 09:05).',
    });
    expect(late?.actionIds).toHaveLength(1);
  });

  it('Anadolu Baharat: overdue go-live without #gecikme, disk 86 % without actions, unreachable streak', () => {
    expect(of(CARD.baharat)).toEqual([
      'slot  overlap ayse',
      'golive 2026-10-02 overdue ayse',
      'golive-reason 2026-10-02 missing ayse',
      'daily 2026-10-22 missing ayse',
      'daily 2026-11-07 missing ayse',
      // P10 (R39, A11): disk %60–63 in W45 → 8,4/10 GB (84 %) in W46, +24 points in a week.
      'growth 2026-W46 warning ayse',
      'unreachable 2026-11-11 escalate ayse',
      'disk 2026-W47 high ayse',
    ]);
    expect(result.findings.find((f) => f.cardId === CARD.baharat && f.rule === 'growth')?.detail.tr).toBe(
      'Disk kullanımı 45. hafta (02.11–08.11.2026) okumasından 46. hafta (09.11–15.11.2026) okumasına 24 puan arttı: %60 → %84; anormal artış incelenmeli.',
    );
    expect(result.findings.find((f) => f.cardId === CARD.baharat && f.rule === 'unreachable')?.actionIds).toHaveLength(3);
  });

  it('Lavanta Kozmetik (pool): late intro, missing weekly, disk 96 % critical', () => {
    expect(of(CARD.lavanta)).toEqual([
      'intro 2026-10-05 late ayse',
      'weekly 2026-W45 missing ayse',
      // R56/A19: Ayşe's leave of 9–10 Nov had no cover on this card (no package: a cover is assumed required);
      // the finding stays after the leave.
      'leave 2026-11-09 warning ayse',
      'disk 2026-W47 critical ayse',
      // P10 (R39, A11): disk 3,1/4 GB (77,5 %) in W46 → %96 in W47, +18,5 points in a week.
      'growth 2026-W47 warning ayse',
      'daily 2026-11-18 missing ayse',
    ]);
    // P3 (R35, A3): a pool card, but every week has dailies (real contact), so no pool-contact warning.
  });

  it('Kuzey Outdoor (frozen 12–25 Oct, live) and Yeşil Bahçe (invalid profile): counts per rule', () => {
    const count = (cardId: string): Record<string, number> =>
      result.findings
        .filter((f) => f.cardId === cardId)
        .reduce<Record<string, number>>((m, f) => ((m[`${f.rule}:${f.status}`] = (m[`${f.rule}:${f.status}`] ?? 0) + 1), m), {});
    // A21: frozen but live, so the frozen weeks W42 and W43 still need their weekly reading (+2 weekly missing);
    // R56: a monthly customer without a cover during Ayşe's ended leave (+1 leave warning).
    expect(count(CARD.kuzey)).toEqual({
      'slot:missing': 1,
      'monthly:missing': 1,
      'disk:stale': 1,
      'traffic:stale': 1,
      'weekly:missing': 3,
      'weekly:incomplete': 1,
      'leave:warning': 1,
    });
    expect(count(CARD.fidan)).toEqual({
      'profile:invalid': 1,
      'slot:missing': 1,
      'daily:missing': 2,
      'weekly:late': 1,
      'evidence:deleted': 1,
      'golive:overdue': 1,
      'leave:warning': 1,
    });
    expect(result.findings.find((f) => f.cardId === CARD.fidan && f.rule === 'profile')?.detail.en).toContain('trainingSlot');
  });

  it('judges neither the archived card nor the card in the archived list; nothing on the holiday 29 Ekim', () => {
    expect(result.findings.filter((f) => f.cardId === CARD.eski || f.cardId === CARD.deneme)).toEqual([]);
    expect(result.findings.filter((f) => f.period === '2026-10-29')).toEqual([]);
    // 34 rule findings + 2 P10 growth warnings (Anadolu Baharat W46, Lavanta W47) + 3 P16 leave warnings
    // + the board-level R2 capacity warning (Ayşe has fewer than 10 customers).
    expect(result.findings).toHaveLength(40);
    expect(
      result.findings
        .filter((f) => f.status === 'warning')
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['capacity', 'growth', 'growth', 'leave', 'leave', 'leave']);
    // P15 (R54, A13): Ayşe's leave of 9–10 Nov was recorded on 2 Nov (7 days ahead) → no short-notice
    // warning. P16 (R56): that leave ended before 23 Nov, and its finding stays on the cards without a cover
    // (Lavanta, Kuzey, Yeşil Bahçe); Moda Evi's cover by Elif is blamed by the daily rule instead; Anadolu
    // Baharat is fixed-term: extra days (R57), no finding.
    expect(
      result.findings
        .filter((f) => f.rule === 'leave')
        .map((f) => f.cardId)
        .sort(),
    ).toEqual([CARD.kuzey, CARD.lavanta, CARD.fidan].sort());
  });

  it('P16 (R55–R57, A19): audited before Ayşe’s leave, warns on each uncovered monthly or package-unknown card', async () => {
    const { code, out } = await cli(['--export', FIXTURE_PATH, '--now', '2026-11-05T09:00:00+03:00', '--format', 'json']);
    expect(code).toBe(0);
    const before: AuditResult = JSON.parse(out);
    const names = (id: string) => before.summary.byCard[id]?.name.split(' — ')[0];
    // Moda Evi has Elif as cover for 9–10 Nov; Anadolu Baharat is fixedTerm (extra days may replace the cover, R57);
    // Kuzey Outdoor is monthly (R56); Lavanta and Yeşil Bahçe (defaults after its invalid profile) record no package (A19).
    expect(before.findings.filter((f) => f.rule === 'leave').map((f) => `${names(f.cardId)} ${brief(f)}`)).toEqual([
      'Lavanta Kozmetik leave 2026-11-09 warning ayse',
      'Kuzey Outdoor leave 2026-11-09 warning ayse',
      'Yeşil Bahçe Fidan leave 2026-11-09 warning ayse',
    ]);
    expect(before.findings.find((f) => f.cardId === CARD.kuzey && f.rule === 'leave')?.detail.tr).toBe(
      '09.11.2026–10.11.2026 izninde 2 iş günü için vekil atanmamış (ilk gün 09.11.2026); aylık paket müşterisine istemese bile geçici personel atanmalı.',
    );
  });

  it('summary: per card and per specialist, counts and %', () => {
    expect(result.summary.historyCut).toBe(false);
    expect(result.summary.byCard[CARD.moda]).toEqual({
      name: 'Moda Evi — modaevi.com.tr',
      memberId: AYSE.id,
      daily: { judged: 46, onTime: 42, late: 1, missing: 3, percent: 91.3 },
      weekly: { judged: 9, onTime: 9, late: 0, missing: 0, percent: 100 },
      monthly: { judged: 1, onTime: 0, late: 1, missing: 0, percent: 0 },
    });
    // Kuzey: 33 working days = 46 − leave (2) − frozen weekdays (10) − the rota Saturday 17 Oct.
    expect(result.summary.byCard[CARD.kuzey]?.daily.judged).toBe(33);
    expect(result.summary.byMember[AYSE.id]).toMatchObject({
      name: 'Ayşe Yılmaz',
      cards: 5,
      daily: { judged: 199, onTime: 191, late: 1, missing: 7, percent: 96 },
    });
    expect(result.summary.byMember[ELIF.id]).toMatchObject({ name: 'Elif Demir', cards: 0, daily: { judged: 2, onTime: 1, missing: 1, percent: 50 } });
  });
});

describe('nabiz audit formats', () => {
  it('csv: Turkish headings, ";" separated, dates as 23.11.2026, one row per finding', async () => {
    const { code, out } = await cli(['--export', FIXTURE_PATH, '--now', NOW, '--format', 'csv']);
    expect(code).toBe(0);
    const lines = out
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Kart;Kural;Dönem;Durum;Sorumlu;Önem;Açıklama;Yorum kimlikleri');
    expect(lines).toHaveLength(41); // header + 40 findings (incl. the 2 P10 growth, 3 P16 leave and the R2 capacity warnings)
    expect(out).toContain('Anadolu Baharat — anadolubaharat.com;Anormal artış;2026-W46 (09.11.2026–15.11.2026);uyarı;Ayşe Yılmaz;uyarı;');
    expect(lines).toContain('Moda Evi — modaevi.com.tr;Günlük;10.11.2026;eksik;Elif Demir;uyarı;10.11.2026 için günlük kayıt yok.;');
    expect(out).toContain('Aylık;Ekim 2026;geç');
  });

  it('html: escaped, Turkish, with the summary tables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-audit-'));
    const exp = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8'));
    exp.cards[0].name = 'Moda <Evi> & "Co"';
    const file = join(dir, 'x.json');
    writeFileSync(file, JSON.stringify(exp));
    const outFile = join(dir, 'rapor.html');
    const { code, out } = await cli(['--export', file, '--now', NOW, '--format', 'html', '--out', outFile]);
    expect(code).toBe(0);
    expect(out).toBe('');
    const html = readFileSync(outFile, 'utf8');
    expect(html).toContain('<html lang="tr">');
    expect(html).toContain('Moda &lt;Evi&gt; &amp; &quot;Co&quot;');
    expect(html).not.toContain('Moda <Evi>');
    expect(html).toContain('Uzman bazında');
    expect(html).toContain('23.11.2026 09:00');
    expect(html).toContain('07.10.2026 için günlük kayıt yok.');
  });

  it('flags a 1000-action export as cut and says from when history is complete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-audit-'));
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify(buildLargeExport()));
    const { code, out, err } = await cli(['--export', file, '--now', NOW, '--format', 'json']);
    expect(code).toBe(0);
    const r: AuditResult = JSON.parse(out);
    expect(r.summary).toMatchObject({ historyCut: true, historyFrom: '2026-08-24' });
    // No day before the complete history is judged (an edit of a comment the export holds is still evidence).
    const days = r.findings.filter((f) => f.rule !== 'evidence' && /^\d{4}-\d{2}-\d{2}$/.test(f.period) && f.rule !== 'golive' && f.rule !== 'golive-reason');
    expect(days.length).toBeGreaterThan(100);
    expect(days.every((f) => f.period >= '2026-08-24')).toBe(true);
    expect(r.findings.filter((f) => f.rule === 'weekly').every((f) => f.period >= '2026-W35')).toBe(true);
    expect(Object.keys(r.summary.byCard)).toHaveLength(40);
    expect(err).toContain('history is complete only from 2026-08-24');
  });
});

describe('nabiz audit bad input (exit 2, one clear line)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-audit-bad-'));
  const write = (name: string, body: string): string => {
    const f = join(dir, name);
    writeFileSync(f, body);
    return f;
  };

  it.each([
    ['not JSON', write('a.json', '{"cards": [ oops'), /is not JSON/],
    ['no cards', write('b.json', '{"id":"b","name":"x","lists":[]}'), /no "cards" array/],
    ['an array', write('c.json', '[1,2]'), /not a Trello board/],
    ['a card without id', write('d.json', '{"id":"b","cards":[{"name":"x"}]}'), /cards\.0\.id/],
    ['a missing file', join(dir, 'nope.json'), /does not exist/],
  ])('%s', async (_name, file, message) => {
    const { code, out, err } = await cli(['--export', file, '--now', NOW, '--format', 'json']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('rejects pdf without --out (binary), unknown formats, a bad --now and a missing --export', async () => {
    expect(await cli(['--export', FIXTURE_PATH, '--format', 'pdf'])).toMatchObject({ code: 2, out: '', err: expect.stringContaining('--out FILE') });
    expect(await cli(['--export', FIXTURE_PATH, '--format', 'xml'])).toMatchObject({ code: 2 });
    expect(await cli(['--export', FIXTURE_PATH, '--now', 'dün'])).toMatchObject({ code: 2, err: expect.stringContaining('--now') });
    expect(await cli(['--now', NOW])).toMatchObject({ code: 2, err: expect.stringContaining('--export') });
  });

  it('without --now evaluates as of the current time and says so on stderr; never crashes on odd comments', async () => {
    const exp = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8'));
    exp.actions.push(
      {
        id: 'odd1',
        type: 'commentCard',
        date: '2026-11-19T08:00:00.000Z',
        idMemberCreator: AYSE.id,
        data: { text: '🎉🎉 #günlük 🎉', card: { id: CARD.moda } },
      },
      { id: 'odd2', type: 'commentCard', date: '2026-11-19T08:00:00.000Z', idMemberCreator: AYSE.id, data: { text: '', card: { id: CARD.moda } } },
      {
        id: 'odd3',
        type: 'commentCard',
        date: '2026-11-19T08:00:00.000Z',
        idMemberCreator: AYSE.id,
        data: { text: `#haftalık ${'x'.repeat(2_000_000)}`, card: { id: CARD.moda } },
      },
      { id: 'odd4', type: 'votedOnCard', date: '2026-11-19T08:00:00.000Z' },
    );
    const file = write('odd.json', JSON.stringify(exp));
    const { code, err } = await cli(['--export', file]);
    expect(code).toBe(0);
    expect(err).toMatch(/no --now given, evaluating as of the current time/);
  });
});

describe('nabiz audit on real, non-Nabız boards (never a crash: exit 0 or 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-audit-real-'));
  const write = (name: string, body: unknown): string => {
    const f = join(dir, name);
    writeFileSync(f, JSON.stringify(body));
    return f;
  };
  /** A generic team board as people export it: anonymised ids (not 24-hex), no Nabız data, a template card. */
  const teamBoard = (withEntry: boolean) => ({
    id: 'board-anon-1',
    name: 'Ürün Ekibi',
    lists: [
      { id: 'list-todo', name: 'Yapılacak', closed: false },
      { id: 'list-done', name: 'Bitti', closed: false },
    ],
    members: [{ id: 'member-a', fullName: 'Deniz Kaya', username: 'deniz' }],
    cards: [
      { id: 'card-1', name: 'Giriş sayfası', idList: 'list-todo', closed: false, idMembers: ['member-a'] },
      { id: 'card-2', name: 'Ödeme hatası', idList: 'list-done', closed: false, idMembers: ['member-a'] },
      { id: 'card-tpl', name: 'Şablon: hata kaydı', idList: 'list-todo', closed: false, isTemplate: true, idMembers: [] },
      { id: 'card-no-actions', name: 'Eski not', idList: 'list-todo', closed: false, idMembers: [] },
    ],
    actions: [
      { id: 'act-1', type: 'createCard', date: '2026-09-01T07:00:00.000Z', idMemberCreator: 'member-a', data: { card: { id: 'card-1' } } },
      { id: 'act-2', type: 'commentCard', date: '2026-09-02T07:00:00.000Z', idMemberCreator: 'member-a', data: { text: 'tamamdır', card: { id: 'card-1' } } },
      {
        id: 'act-3',
        type: 'commentCard',
        date: '2026-11-20T07:00:00.000Z',
        idMemberCreator: 'member-a',
        data: { text: withEntry ? '#günlük Ödeme adımları anlatıldı' : 'bakıyorum', card: { id: 'card-2' } },
      },
    ],
  });

  it('a generic team board without settings or entries is read: a readable summary says nothing is judged yet and why', async () => {
    const { code, out, err } = await cli(['--export', write('team.json', teamBoard(false)), '--now', NOW]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Pano: Ürün Ekibi — 4 kart okundu');
    expect(out).toContain('Nabız ayarı yok');
    expect(out).toMatch(/Henüz hiçbir şey değerlendirilmedi: .*trackingStart.* Nabız girişi/);
    expect(out).toContain('1 şablon kart');
    expect(out).toMatch(/Bulgu: 0\n/);
    // JSON says the same, so a board without a Nabız entry cannot be mistaken for a clean one.
    const json = JSON.parse((await cli(['--export', write('team2.json', teamBoard(false)), '--now', NOW, '--format', 'json'])).out) as AuditResult & {
      judging: Record<string, unknown>;
    };
    expect(json.findings).toEqual([]);
    const said = lines.filter((l) => l.startsWith('Henüz hiçbir şey') || l.startsWith('İlk giriş yazıldığında')).join(' ');
    expect(json.judging).toEqual({ judged: false, reason: 'no-start-no-entry', source: 'none', customers: 0, message: said });
    const en = await cli(['--export', write('team3.json', teamBoard(false)), '--now', NOW, '--lang', 'en']);
    expect(en.out).toContain('Nothing is judged yet');
    const enJson = JSON.parse((await cli(['--export', write('team4.json', teamBoard(false)), '--now', NOW, '--format', 'json', '--lang', 'en'])).out) as {
      judging: { message: string };
    };
    expect(enJson.judging.message).toMatch(/^Nothing is judged yet: the board has no tracking start/);
  });

  it('non-hex ids: judged from the first entry, cards dated by their first action (else the newest action), templates never', async () => {
    const { code, out } = await cli(['--export', write('team-entry.json', teamBoard(true)), '--now', NOW, '--format', 'json']);
    expect(code).toBe(0);
    const r = JSON.parse(out) as AuditResult & { judging: unknown };
    expect(Object.keys(r.summary.byCard).sort()).toEqual(['card-1', 'card-2', 'card-no-actions']);
    expect(r.judging).toEqual({
      judged: true,
      source: 'first-entry',
      from: '2026-11-20',
      customers: 3,
      message: 'Değerlendirme başlangıcı: 20.11.2026 (panodaki ilk Nabız girişi; ayarlarda izleme başlangıcı yok) Müşteri kartı: 3',
    });
    // Nothing before the board's first entry (2026-11-20) is judged, whatever the cards' age.
    const dated = r.findings.filter((f) => /^\d{4}-\d{2}-\d{2}$/.test(f.period) && f.rule === 'daily');
    expect(dated.length).toBeGreaterThan(0);
    expect(dated.every((f) => f.period >= '2026-11-20')).toBe(true);
    expect(r.findings.some((f) => f.cardId === 'card-tpl')).toBe(false);
    const text = await cli(['--export', write('team-entry2.json', teamBoard(true)), '--now', NOW]);
    expect(text.out).toContain('Değerlendirme başlangıcı: 20.11.2026 (panodaki ilk Nabız girişi');
    expect(text.out.indexOf('Bulgular:')).toBeGreaterThan(text.out.indexOf('Müşteri kartı: 3'));
  });

  it('a board setting naming the customer lists and a "not a customer" profile leave the other cards unjudged', async () => {
    const b = teamBoard(true) as ReturnType<typeof teamBoard> & { pluginData?: unknown[] };
    b.pluginData = [{ id: 'pd1', idPlugin: 'x', value: JSON.stringify({ settings: { v: 1, customerLists: ['list-done', 'list-gone'] } }) }];
    (b.cards[1] as Record<string, unknown>).pluginData = [
      { id: 'pd2', idPlugin: 'x', value: JSON.stringify({ profile: { v: 1, site: 'odeme.com.tr', assignedAt: '2026-11-01', notCustomer: true } }) },
    ];
    const r = JSON.parse((await cli(['--export', write('lists.json', b), '--now', NOW, '--format', 'json'])).out) as AuditResult & {
      judging: Record<string, unknown>;
    };
    expect(Object.keys(r.summary.byCard)).toEqual([]);
    expect(r.judging).toMatchObject({ judged: false, reason: 'no-customer-cards', customers: 0 });
    const text = (await cli(['--export', write('lists2.json', b), '--now', NOW])).out;
    expect(text).toContain('Hiçbir şey değerlendirilmedi: müşteri kartı yok');
    expect(r.judging.message).toContain('Hiçbir şey değerlendirilmedi: müşteri kartı yok');
    expect(text).toMatch(/Değerlendirilmeyen: .*2 müşteri listelerinin dışında.*1 "müşteri değil" işaretli/);
    expect(text).toContain('Ayarlardaki bu müşteri listeleri panoda yok: list-gone');
  });

  it("a single card's export: one line, exit 2", async () => {
    const card = { id: 'card-1', name: 'Giriş sayfası', idList: 'list-todo', idBoard: 'board-anon-1', actions: [], desc: '' };
    const { code, out, err } = await cli(['--export', write('card.json', card), '--now', NOW]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain("a single card's export, not a board's");
  });

  it('a board holding a single card and no actions at all: exit 0, nothing judged', async () => {
    const b = { id: 'x1', name: 'Tek kart', lists: [{ id: 'l', name: 'L' }], cards: [{ id: 'c1', name: 'Bir kart', idList: 'l' }], actions: [] };
    const { code, out } = await cli(['--export', write('one.json', b), '--now', NOW]);
    expect(code).toBe(0);
    expect(out).toContain('Henüz hiçbir şey değerlendirilmedi');
  });
});
