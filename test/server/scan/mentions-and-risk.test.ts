// Situations 5 and 6 through the real scanner, store and notifier against the Trello emulator
// (docs/grammar.md mention rule; docs/rules.md "Compliance and risk"):
// 5. a date mentioned in the text, `dün` right after the tag: the day posted (or yesterday) is covered;
// 6. a ≥ 95 % disk with every action recorded is a risk for the team lead, never the manager escalation;
//    the same reading without the actions is the specialist's critical finding.
import { afterEach, describe, expect, it } from 'vitest';
import { storedResult } from '../../../server/src/store/judge.js';
import { evaluateBoard } from '../../../shared/compliance.js';
import { snapshotFromTrello } from '../../../shared/trello-export.js';
import type { AuditResult } from '../../../shared/types.js';
import { loadConfig } from '../../../server/src/config.js';
import type { NotifyTrello } from '../../../server/src/notify/channels.js';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { captureMailer } from '../notify/fixtures.js';
import { NOW, startWorld, worldBoards, type World } from './world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const noTrello: NotifyTrello & { comments: string[] } = {
  comments: [],
  async postComment(_cardId: string, text: string) {
    noTrello.comments.push(text);
    return {};
  },
  getBoard: async () => ({ id: 'x', cards: [], labels: [] }),
  createLabel: async () => ({ id: 'l' }),
  addLabel: async () => ({}),
  removeLabel: async () => ({}),
};

describe('situations 5 and 6 through the scanner and the store', () => {
  it("mentioned dates never move an entry; a risk reaches the lead as risk and the manager only hears of the specialist's critical", async () => {
    world = await startWorld({ boards: 1, cards: 3, days: 20 });
    const { boards } = worldBoards({ boards: 1, cards: 3, days: 20 });
    const board = boards[0]!;
    const member = board.members[0]!.id;
    const [pool, card1, card2] = board.cards.map((c) => c.id) as [string, string, string];
    // The world leaves card 1 without a daily on Wed 11 and Thu 19 November, and writes one on Tue 3 November.
    const add = (card: string, text: string, at: string) => world!.emu.state.addComment(card, member, text, new Date(at));
    add(card1, "#günlük Eğitim yapıldı; aylık toplantı 21 Kasım'a planlandı.", '2026-11-19T08:00:00Z');
    add(card1, '#günlük Kampanya kurgusu 25.11 indirimi için hazırlandı', '2026-11-11T08:00:00Z');
    // Situation 6: this week's readings, ≥ 95 %: card 2 records every action, the pool card none.
    add(card2, '#haftalık\nDisk: 9,7 / 10 GB\nTrafik: 12 / 100 GB\nmüşteri bilgilendirildi, görseller optimize edildi', '2026-11-23T09:00:00Z');
    add(pool, '#haftalık\nDisk: 9,8 / 10 GB\nTrafik: 12 / 100 GB', '2026-11-23T09:05:00Z');

    const r = await scanBoards(world.deps, { now: NOW });
    expect(r.boards.every((b) => b.ok)).toBe(true);
    const got = (await storedResult(world.store, board.id))!;
    // The stored verdicts are evaluateBoard's over the same board exported from the emulator.
    const exp = world.emu.state.exportBoard(board.id, { actionsLimit: 100_000 });
    expect(got.findings).toEqual(evaluateBoard(snapshotFromTrello(exp), NOW).findings);

    const of = (card: string, rule: string) =>
      got.findings.filter((f) => f.cardId === card && f.rule === rule).map((f) => `${f.period} ${f.status} ${f.class}`);
    const daily1 = of(card1, 'daily');
    expect(daily1).not.toContain('2026-11-19 missing compliance');
    expect(daily1).not.toContain('2026-11-11 missing compliance');
    expect(of(card2, 'disk')).toEqual(['2026-W48 critical risk']);
    expect(of(pool, 'disk')).toEqual(['2026-W48 critical compliance']);

    // Notify at 18:30: the lead's digest carries the risk in its own section; the manager gets only the pool card's.
    const LEAD = '6a0000000000000000ead001';
    const MANAGER = '6a000000000000000000a9e1';
    const people = [
      { name: 'Ayşe Lider', email: 'lider@ornek.com.tr', trelloId: LEAD, role: 'teamLead', boards: [board.id], specialists: [member] },
      { name: 'Kemal Yönetici', email: 'yonetici@ornek.com.tr', trelloId: MANAGER, role: 'manager' },
    ];
    const mailer = captureMailer();
    let now = new Date('2026-11-23T15:30:00Z');
    const config = loadConfig({
      NABIZ_PEOPLE: JSON.stringify(people),
      NOTIFY_DRY_RUN: 'false',
      NOTIFY_LABELS: 'false',
      SMTP_URL: 'smtp://127.0.0.1:1',
      LOG_LEVEL: 'silent',
      NOTIFY_MAX_LINES: '500',
    });
    const notifier = createNotifier({ store: world.store, config, ports: { mailer, trello: noTrello }, clock: () => now });
    await notifier.run();
    const to = (addr: string) => mailer.sent.find((m) => m.to.some((a) => a.address === addr))?.text ?? '';
    const lead = to('lider@ornek.com.tr');
    const manager = to('yonetici@ornek.com.tr');
    const risk = got.findings.filter((f) => f.class === 'risk' && f.rule === 'disk')[0]!;
    const duty = got.findings.filter((f) => f.class === 'compliance' && f.rule === 'disk')[0]!;
    expect(lead).toMatch(/RİSK \(\d+\): müşterinin site durumu; uzmana yazılmaz/);
    expect(lead.split(/RİSK \(/)[1]).toContain(risk.detail.tr);
    expect(manager).toContain(duty.detail.tr);
    expect(manager).not.toContain(risk.detail.tr);
    expect(manager).not.toContain('RİSK (');
    // Mentions go out for the specialist's own misses, never for the risk.
    expect(noTrello.comments.length).toBeGreaterThan(0);
    expect(noTrello.comments.some((t) => t.includes('%97'))).toBe(false);

    // A week on, still open: the manager has never heard of the risk.
    for (const day of ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30']) {
      now = new Date(`${day}T15:30:00Z`);
      await notifier.run();
    }
    const toManager = mailer.sent.filter((m) => m.to.some((a) => a.address === 'yonetici@ornek.com.tr')).map((m) => m.text ?? '');
    expect(toManager.some((t) => t.includes(risk.detail.tr))).toBe(false);
  });
});
