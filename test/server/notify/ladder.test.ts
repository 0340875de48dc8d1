// The escalation ladder, schedule, exactly-once, dry run and cap (docs/operations.md) on an
// in-memory store with capture ports. Real SMTP/webhook/emulator runs are in the sibling tests.
import { describe, expect, it } from 'vitest';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import type { NotifyTrello } from '../../../server/src/notify/channels.js';
import { memoryStore } from '../../../server/src/store/store.js';
import { CARD1, CARD2, CARD3, LEAD, MANAGER, SPEC_A, captureMailer, finding, ist, notifyConfig, setFindings } from './fixtures.js';

function captureTrello(): NotifyTrello & { comments: Array<{ cardId: string; text: string }> } {
  const t = {
    comments: [] as Array<{ cardId: string; text: string }>,
    async postComment(cardId: string, text: string) {
      t.comments.push({ cardId, text });
      return {};
    },
    getBoard: async () => ({ id: 'x', cards: [], labels: [] }),
    createLabel: async () => ({ id: 'l' }),
    addLabel: async () => ({}),
    removeLabel: async () => ({}),
  };
  return t;
}

async function setup(env: Record<string, string> = {}) {
  const store = await memoryStore();
  const mailer = captureMailer();
  const trello = captureTrello();
  let now = ist('2026-11-24T10:00');
  const notifier = createNotifier({ store, config: notifyConfig({ NOTIFY_LABELS: 'false', ...env }), ports: { mailer, trello }, clock: () => now });
  return { store, mailer, trello, notifier, at: (s: string) => (now = ist(s)) };
}

const daily23 = finding({ rule: 'daily', cardId: CARD1, period: '2026-11-23' });
const toOf = (m: { to: Array<{ address: string }> }) => m.to.map((a) => a.address).join(',');

describe('ladder: specialist → team lead → manager', () => {
  it('mentions the specialist at once, the team lead the next working day, the manager after 3 working days', async () => {
    const { store, mailer, trello, notifier, at } = await setup();
    await setFindings(store, [daily23]);

    // Tuesday 10:00: fresh miss → a mention comment on the card, no digest yet.
    let r = await notifier.run();
    expect(r.dryRun).toBe(false);
    expect(trello.comments).toHaveLength(1);
    expect(trello.comments[0]!.cardId).toBe(CARD1);
    expect(trello.comments[0]!.text).toMatch(/^@mehmetkaya Nabız/);
    expect(trello.comments[0]!.text).not.toMatch(/#/); // never parsed as an entry by the next scan
    expect(trello.comments[0]!.text).toContain('23.11.2026');

    // Tuesday 18:30: open 0 working days → no digest for anyone.
    at('2026-11-24T18:30');
    r = await notifier.run();
    expect(mailer.sent).toHaveLength(0);

    // Wednesday 18:30: still open the next working day → the team lead's digest, not the manager's.
    at('2026-11-25T18:30');
    r = await notifier.run();
    expect(mailer.sent.map(toOf)).toEqual(['ayse.lider@ornek.com.tr']);
    expect(mailer.sent[0]!.text).toContain('Acme Ltd');
    expect(mailer.sent[0]!.text).toContain('https://trello.com/c/AAAA1111/acme');

    // Thursday: nothing new for anyone.
    at('2026-11-26T18:30');
    await notifier.run();
    expect(mailer.sent).toHaveLength(1);

    // Friday: 3 working days open → the manager hears of it (once); the lead is not told twice.
    at('2026-11-27T18:30');
    await notifier.run();
    expect(mailer.sent.map(toOf)).toEqual(['ayse.lider@ornek.com.tr', 'kemal@ornek.com.tr']);
    expect(trello.comments).toHaveLength(1);
  });

  it('sends critical findings (golive-reason) to the manager the same day', async () => {
    const { store, mailer, notifier, at } = await setup();
    const crit = finding({
      rule: 'golive-reason',
      cardId: CARD3,
      period: '2026-11-20',
      severity: 'critical',
      detail: { tr: 'Canlıya geçiş gecikti, neden yazılmadı', en: 'Go-live overdue, no reason given' },
    });
    await setFindings(store, [crit, daily23]);
    await notifier.run();
    at('2026-11-24T18:30');
    await notifier.run();
    const to = mailer.sent.map(toOf).sort();
    expect(to).toEqual(['ayse.lider@ornek.com.tr', 'kemal@ornek.com.tr']);
    const mgr = mailer.sent.find((m) => toOf(m) === 'kemal@ornek.com.tr')!;
    expect(mgr.text).toContain('Çınar Gıda');
    expect(mgr.text).toContain('KRİTİK');
    expect(mgr.text).not.toContain('Acme Ltd'); // the fresh daily miss is not the manager's yet
  });

  it("carries the evidence ledger's head in the managers' digest (a witness kept in their mailboxes), not in the leads'", async () => {
    const { store, mailer, notifier, at } = await setup();
    const [rec] = await store.append([
      {
        type: 'comment',
        actionId: 'a1',
        boardId: 'b1',
        cardId: CARD1,
        authorId: 'm1',
        postedAt: '2026-11-24T07:00:00.000Z',
        text: 'x',
        recordedAt: '2026-11-24T07:00:00.000Z',
        source: 'scan',
      },
    ]);
    const crit = finding({
      rule: 'golive-reason',
      cardId: CARD3,
      period: '2026-11-20',
      severity: 'critical',
      detail: { tr: 'Canlıya geçiş gecikti', en: 'Go-live overdue' },
    });
    await setFindings(store, [crit, daily23]);
    at('2026-11-24T18:30');
    await notifier.run();
    const mgr = mailer.sent.find((m) => toOf(m) === 'kemal@ornek.com.tr')!;
    expect(mgr.text).toContain(`Kanıt defteri başı (nabiz verify --head ile doğrulanır): 1:${rec!.hash}`);
    expect(mgr.html).toContain(`1:${rec!.hash}`);
    const lead = mailer.sent.find((m) => toOf(m) === 'ayse.lider@ornek.com.tr')!;
    expect(lead.text).not.toContain('Kanıt defteri başı');
  });

  it('says "fixed" once in the next digest, then never again', async () => {
    const { store, mailer, notifier, at } = await setup();
    await setFindings(store, [daily23]);
    await notifier.run();
    at('2026-11-25T18:30');
    await notifier.run();
    expect(mailer.sent).toHaveLength(1);
    await setFindings(store, []); // the entry was made (late): no open finding
    at('2026-11-26T10:00');
    const r = await notifier.run();
    expect(r.decided.cleared).toHaveLength(1);
    at('2026-11-26T18:30');
    await notifier.run();
    expect(mailer.sent).toHaveLength(2);
    expect(mailer.sent[1]!.text).toMatch(/DÜZELDİ \(1\)[\s\S]*Acme Ltd/);
    expect(mailer.sent[1]!.text).not.toContain('FIXED');
    at('2026-11-27T18:30');
    await notifier.run();
    expect(mailer.sent).toHaveLength(2);
  });

  it('treats a late entry as fixed: late findings neither flag nor label', async () => {
    const { store, trello, notifier } = await setup();
    await setFindings(store, [{ ...daily23, status: 'late' }]);
    const r = await notifier.run();
    expect(r.decided.opened).toHaveLength(0);
    expect(trello.comments).toHaveLength(0);
  });
});

describe('additional handbook warnings are not escalated', () => {
  it('P10 growth, P13 slot outside hours, P3 pool contact, P15/P16 leave (status warning) never mention, digest or escalate', async () => {
    const { store, mailer, trello, notifier, at } = await setup();
    const warn = { status: 'warning', severity: 'warning' } as const;
    await setFindings(store, [
      finding({ rule: 'growth', cardId: CARD1, period: '2026-W47', ...warn }),
      finding({ rule: 'slot', cardId: CARD2, period: '', ...warn }),
      finding({ rule: 'pool-contact', cardId: CARD3, period: '2026-W47', ...warn }),
      // P16 leave cover on a card, P15 short-notice leave on the board (cardId '').
      finding({ rule: 'leave', cardId: CARD1, period: '2026-11-30', ...warn }),
      finding({ rule: 'leave', cardId: '', period: '2026-11-26', ...warn }),
    ]);
    for (const t of ['2026-11-24T10:00', '2026-11-25T18:30', '2026-11-27T18:30', '2026-12-01T18:30']) {
      at(t);
      expect((await notifier.run()).decided.opened).toHaveLength(0);
    }
    expect(trello.comments).toEqual([]);
    expect(mailer.sent).toEqual([]);
  });
});

describe('schedule: working days, holidays, quiet hours', () => {
  it('sends no digest on a public holiday (29 Ekim) and catches up the next working day', async () => {
    const { store, mailer, notifier, at } = await setup();
    at('2026-10-27T10:00'); // Tuesday
    await setFindings(store, [finding({ rule: 'daily', cardId: CARD1, period: '2026-10-26' })]);
    await notifier.run();
    at('2026-10-28T18:30'); // Wednesday (half-day eve: a working day, A2) → lead digest
    await notifier.run();
    expect(mailer.sent).toHaveLength(1);
    at('2026-10-29T18:30'); // Republic Day: no digest, and the day does not count as open
    const r = await notifier.run();
    expect(r.note).toMatch(/not a working day/);
    expect(mailer.sent).toHaveLength(1);
    at('2026-10-30T18:30'); // Friday: 2 working days open (Wed, Fri) → still nothing for the manager
    await notifier.run();
    expect(mailer.sent).toHaveLength(1);
    at('2026-11-02T18:30'); // Monday: 3 working days → manager
    await notifier.run();
    expect(mailer.sent.map(toOf)).toEqual(['ayse.lider@ornek.com.tr', 'kemal@ornek.com.tr']);
  });

  it('holds mentions and digests in quiet hours (20:00–08:00) and on weekends', async () => {
    const { store, mailer, trello, notifier, at } = await setup();
    at('2026-11-24T21:15');
    await setFindings(store, [daily23, finding({ rule: 'golive-reason', cardId: CARD2, period: '2026-11-01', severity: 'critical' })]);
    let r = await notifier.run();
    expect(r.note).toMatch(/quiet hours/);
    expect(trello.comments).toHaveLength(0);
    expect(mailer.sent).toHaveLength(0);
    at('2026-11-25T07:59');
    await notifier.run();
    expect(trello.comments).toHaveLength(0);
    at('2026-11-25T08:00');
    r = await notifier.run();
    // CARD1's fresh miss; CARD2's go-live reason is weeks old (no mention, straight to the digests).
    expect(trello.comments.map((c) => c.cardId)).toEqual([CARD1]);
    at('2026-11-28T18:30'); // Saturday
    r = await notifier.run();
    expect(r.note).toMatch(/not a working day/);
  });
});

describe('mention language', () => {
  it('writes the card comment in Turkish only, in English only for members in NOTIFY_ENGLISH_MEMBERS', async () => {
    for (const [env, first] of [
      [{}, /^@\S+ Nabız: bu kartta eksik kayıt var\.$/],
      [{ NOTIFY_ENGLISH_MEMBERS: SPEC_A }, /^@\S+ Nabız: Missing entries on this card\.$/],
    ] as const) {
      const { store, trello, notifier, at } = await setup(env);
      at('2026-11-24T10:00');
      await setFindings(store, [daily23]);
      await notifier.run();
      expect(trello.comments).toHaveLength(1);
      const text = trello.comments[0]!.text;
      expect(text.split('\n')[0]).toMatch(first);
      expect(text).not.toContain(' / ');
      expect(text).toMatch(env.NOTIFY_ENGLISH_MEMBERS ? /2026-11-23/ : /23\.11\.2026/);
    }
  });
});

describe('mentions waiting for the morning', () => {
  it('drops a mention whose miss was fixed overnight', async () => {
    const { store, trello, notifier, at } = await setup();
    at('2026-11-24T21:15');
    await setFindings(store, [daily23]);
    await notifier.run();
    expect(store.messages.digests().filter((m) => m.kind === 'mention')).toHaveLength(1);
    await setFindings(store, []);
    at('2026-11-25T08:05');
    const r = await notifier.run();
    expect(r.decided.cancelled).toHaveLength(1);
    expect(trello.comments).toHaveLength(0);
    expect(store.messages.digests()).toHaveLength(0);
  });
});

describe('exactly once, retries, expiry, dry run, cap', () => {
  it('a second run the same day sends nothing new; a new finding after the digest waits for tomorrow', async () => {
    const { store, mailer, notifier, at } = await setup();
    await setFindings(store, [daily23]);
    await notifier.run();
    at('2026-11-25T18:30');
    await notifier.run();
    at('2026-11-25T18:45');
    const again = await notifier.run();
    expect(again.sent).toBe(0);
    expect(mailer.sent).toHaveLength(1);
    await setFindings(store, [daily23, finding({ rule: 'golive-reason', cardId: CARD2, period: '2026-11-01', severity: 'critical' })]);
    at('2026-11-25T19:00');
    await notifier.run();
    expect(mailer.sent).toHaveLength(2); // the manager's first digest today; the lead's is done for today
    expect(toOf(mailer.sent[1]!)).toBe('kemal@ornek.com.tr');
    at('2026-11-26T18:30');
    await notifier.run();
    expect(mailer.sent.map(toOf)).toEqual(['ayse.lider@ornek.com.tr', 'kemal@ornek.com.tr', 'ayse.lider@ornek.com.tr']);
    expect(mailer.sent[2]!.text).toContain('Boğaziçi Tekstil');
  });

  it('retries a failed digest with backoff and keeps it until it expires; the expiry is reported in the next digest', async () => {
    const { store, mailer, notifier, at } = await setup({ NOTIFY_EXPIRE_HOURS: '24' });
    await setFindings(store, [daily23]);
    await notifier.run();
    mailer.failWith = new Error('connect ECONNREFUSED 127.0.0.1:25');
    at('2026-11-25T18:30');
    let r = await notifier.run();
    expect(r.failed).toBe(1);
    at('2026-11-25T18:31'); // inside the 2-minute backoff: no attempt
    r = await notifier.run();
    expect(r.failed + r.sent).toBe(0);
    at('2026-11-25T18:33');
    r = await notifier.run();
    expect(r.failed).toBe(1);
    const msg = store.messages.digests().find((m) => m.kind === 'digest')!;
    expect(msg.attempts).toBe(2);
    expect(msg.state).toBe('failed');
    // Still failing the next evening: 24 h later the message expires — kept and reported, not dropped.
    at('2026-11-26T18:31');
    r = await notifier.run();
    expect(r.expired).toEqual([msg.id]);
    expect(store.messages.digests().find((m) => m.id === msg.id)!.state).toBe('expired');
    mailer.failWith = null;
    // A new finding gives the lead a digest on Friday; it lists the lost one.
    await setFindings(store, [daily23, finding({ rule: 'daily', cardId: CARD2, period: '2026-11-26' })]);
    at('2026-11-27T10:00');
    await notifier.run();
    at('2026-11-30T18:30');
    await notifier.run();
    const lead = mailer.sent.filter((m) => toOf(m) === 'ayse.lider@ornek.com.tr');
    expect(lead).toHaveLength(1);
    expect(lead[0]!.text).toMatch(/TESLİM EDİLEMEYEN BİLDİRİMLER \(1\)/);
    expect(lead[0]!.text).toMatch(/TESLİM EDİLEMEYEN BİLDİRİMLER \(1\)\n {2}! \d\d\.\d\d\.2026 → /);
  });

  it('dry run prints what would go to whom and stores nothing', async () => {
    const { store, notifier, mailer, trello } = await setup();
    await setFindings(store, [daily23, finding({ rule: 'unreachable', cardId: CARD3, period: '2026-11-18', status: 'escalate', severity: 'critical' })]);
    const before = JSON.stringify(store.image());
    const r = await notifier.run({ dryRun: true });
    expect(JSON.stringify(store.image())).toBe(before);
    expect(mailer.sent).toHaveLength(0);
    expect(trello.comments).toHaveLength(0);
    expect(r.dryRun).toBe(true);
    const to = r.messages.map((m) => `${m.channel}:${m.to}`).sort();
    expect(to).toEqual(['email:Ayşe Lider <ayse.lider@ornek.com.tr>', 'email:Kemal Yönetici <kemal@ornek.com.tr>', 'trello:@mehmetkaya', 'trello:@zeynepak']);
    const digest = r.messages.find((m) => m.to.startsWith('Kemal'))!;
    expect(digest.dueAt).toBe(ist('2026-11-24T18:30').toISOString());
    expect(digest.text).toContain('Çınar Gıda');
  });

  it('is a dry run by default (NOTIFY_DRY_RUN unset)', async () => {
    const store = await memoryStore();
    const cfg = notifyConfig();
    const n = createNotifier({ store, config: { ...cfg, NOTIFY_DRY_RUN: true }, ports: { mailer: captureMailer() }, clock: () => ist('2026-11-24T10:00') });
    expect(n.settings.dryRun).toBe(true);
    const none = createNotifier({ store, config: { ...cfg, SMTP_URL: undefined, NOTIFY_DRY_RUN: false }, ports: {}, clock: () => ist('2026-11-24T10:00') });
    expect(none.settings.dryRun).toBe(true); // no channel configured → dry
  });

  it('caps messages per run and says what was held back', async () => {
    const { store, trello, notifier } = await setup({ NOTIFY_MAX_PER_RUN: '1' });
    await setFindings(store, [
      daily23,
      finding({ rule: 'daily', cardId: CARD2, period: '2026-11-23' }),
      finding({ rule: 'daily', cardId: CARD3, period: '2026-11-23' }),
    ]);
    const r = await notifier.run();
    expect(trello.comments).toHaveLength(1);
    expect(r.heldByCap).toHaveLength(2);
    expect(r.summary).toMatch(/held back by NOTIFY_MAX_PER_RUN=1: 2 \(2 trello\)/);
    await notifier.run();
    await notifier.run();
    expect(trello.comments).toHaveLength(3);
    expect((await notifier.run()).sent).toBe(0);
  });

  it('caps lines per digest; the rest comes the next day', async () => {
    const { store, mailer, notifier, at } = await setup({ NOTIFY_MAX_LINES: '2' });
    await setFindings(
      store,
      ['2026-11-17', '2026-11-18', '2026-11-19'].map((d) => finding({ rule: 'daily', cardId: CARD1, period: d })),
    );
    await notifier.run();
    at('2026-11-25T18:30');
    const r = await notifier.run();
    expect(r.heldLines).toBe(1);
    expect(mailer.sent[0]!.text).toContain('+1 uyarı daha');
    at('2026-11-26T18:30');
    await notifier.run();
    const lead = mailer.sent.filter((m) => toOf(m) === 'ayse.lider@ornek.com.tr');
    expect(lead).toHaveLength(2);
    const all = lead.map((m) => m.text).join('\n');
    for (const d of ['17.11.2026', '18.11.2026', '19.11.2026']) expect(all).toContain(d);
    expect(lead[1]!.text).toMatch(/YENİ UYARILAR \(1\)/);
  });

  it('does not mention misses a first scan backfilled from old history', async () => {
    const { store, trello, notifier } = await setup();
    await setFindings(store, [finding({ rule: 'daily', cardId: CARD1, period: '2026-09-01' })]);
    await notifier.run();
    expect(trello.comments).toHaveLength(0);
    expect(Object.keys(store.flags.all())).toHaveLength(1);
  });

  it('reports recipients by ids for leads limited to their specialists', async () => {
    const { store, mailer, notifier, at } = await setup({
      NABIZ_PEOPLE: JSON.stringify([
        { name: 'Lider A', email: 'a@x.tr', trelloId: LEAD, role: 'teamLead', specialists: [SPEC_A] },
        { name: 'Lider B', email: 'b@x.tr', trelloId: MANAGER, role: 'teamLead', specialists: ['someone-else'] },
      ]),
    });
    await setFindings(store, [daily23]);
    await notifier.run();
    at('2026-11-25T18:30');
    await notifier.run();
    expect(mailer.sent.map(toOf)).toEqual(['a@x.tr']);
    expect(SPEC_A).toBeTruthy();
  });
});
