// capacity (R2) and inactive (P19) are the team lead's (docs/rules.md, docs/operations.md): the lead overseeing the
// specialist hears them in the next digest, with the count, at once; the specialist gets no mention and the
// manager no escalation however long they stay open.
import { describe, expect, it } from 'vitest';
import type { NotifyTrello } from '../../../server/src/notify/channels.js';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import { memoryStore } from '../../../server/src/store/store.js';
import { BOARD, captureMailer, finding, ist, notifyConfig, PEOPLE, setFindings, SPEC_A, SPEC_B } from './fixtures.js';

function captureTrello(): NotifyTrello & { comments: Array<{ cardId: string; text: string }> } {
  const t = {
    comments: [] as Array<{ cardId: string; text: string }>,
    async postComment(cardId: string, text: string) {
      t.comments.push({ cardId, text });
      return {};
    },
    getBoard: async () => ({ id: BOARD, cards: [], labels: [] }),
    createLabel: async () => ({ id: 'l' }),
    addLabel: async () => ({}),
    removeLabel: async () => ({}),
  };
  return t;
}

const capacity = finding({
  rule: 'capacity',
  cardId: '',
  period: '',
  memberId: SPEC_A,
  status: 'warning',
  severity: 'info',
  detail: { tr: 'Aktif müşteri sayısı 7; en az 10 olmalı.', en: '7 active customers; at least 10 expected.' },
});
const inactive = finding({
  rule: 'inactive',
  cardId: '',
  period: '2026-11-19',
  memberId: SPEC_A,
  status: 'warning',
  severity: 'warning',
  detail: { tr: '19.11.2026 – 20.11.2026: 2 iş günü Trello’da işlem yok.', en: '2026-11-19 – 2026-11-20: no Trello activity for 2 working days.' },
});

describe('team-lead findings go to the lead', () => {
  it('the lead hears capacity and inactive in the next digest; no mention, never the manager', async () => {
    const store = await memoryStore();
    const mailer = captureMailer();
    const trello = captureTrello();
    let now = ist('2026-11-24T10:00');
    const notifier = createNotifier({ store, config: notifyConfig({ NOTIFY_LABELS: 'false' }), ports: { mailer, trello }, clock: () => now });
    await setFindings(store, [capacity, inactive]);
    await notifier.run();
    expect(trello.comments).toHaveLength(0);
    now = ist('2026-11-24T18:30');
    await notifier.run();
    expect(mailer.sent.map((m) => m.to.map((a) => a.address).join(','))).toEqual(['ayse.lider@ornek.com.tr']);
    expect(mailer.sent[0]!.text).toContain('Aktif müşteri sayısı 7');
    expect(mailer.sent[0]!.text).toContain('2 iş günü Trello’da işlem yok');
    for (const day of ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02']) {
      now = ist(`${day}T18:30`);
      await notifier.run();
    }
    expect(mailer.sent.map((m) => m.to.map((a) => a.address).join(','))).toEqual(['ayse.lider@ornek.com.tr']);
    expect(Object.values(store.flags.all()).map((f) => [f.rule, f.level])).toEqual([
      ['capacity', 'teamLead'],
      ['inactive', 'teamLead'],
    ]);
  });

  it('two specialists below capacity on one board are two flags, each told to their own lead', async () => {
    const store = await memoryStore();
    const mailer = captureMailer();
    const people = [
      { ...PEOPLE[0]!, specialists: [SPEC_A] },
      {
        name: 'Burak Lider',
        email: 'burak.lider@ornek.com.tr',
        trelloId: 'c1ead0000000000000000009',
        role: 'teamLead',
        boards: [BOARD],
        specialists: [SPEC_B],
      },
      PEOPLE[1]!,
    ];
    const now = ist('2026-11-24T18:30');
    const notifier = createNotifier({
      store,
      config: notifyConfig({ NOTIFY_LABELS: 'false', NABIZ_PEOPLE: JSON.stringify(people) }),
      ports: { mailer, trello: captureTrello() },
      clock: () => now,
    });
    const capacityB = {
      ...capacity,
      memberId: SPEC_B,
      detail: { tr: 'Aktif müşteri sayısı 4; en az 10 olmalı.', en: '4 active customers; at least 10 expected.' },
    };
    await setFindings(store, [capacity, capacityB]);
    await notifier.run();
    expect(Object.values(store.flags.all()).map((f) => [f.rule, f.memberId])).toEqual([
      ['capacity', SPEC_A],
      ['capacity', SPEC_B],
    ]);
    const byLead = new Map(mailer.sent.map((m) => [m.to.map((a) => a.address).join(','), m.text]));
    expect(byLead.get('ayse.lider@ornek.com.tr')).toContain('Aktif müşteri sayısı 7');
    expect(byLead.get('ayse.lider@ornek.com.tr')).not.toContain('Aktif müşteri sayısı 4');
    expect(byLead.get('burak.lider@ornek.com.tr')).toContain('Aktif müşteri sayısı 4');
  });

  it('a store from before member keys keeps what was told: the old flag moves to its member, nothing is told twice', async () => {
    const store = await memoryStore();
    const mailer = captureMailer();
    let now = ist('2026-11-24T18:30');
    const notifier = createNotifier({ store, config: notifyConfig({ NOTIFY_LABELS: 'false' }), ports: { mailer, trello: captureTrello() }, clock: () => now });
    await setFindings(store, [capacity]);
    await notifier.run();
    expect(mailer.sent).toHaveLength(1);
    // Rewrite the state as the old key scheme left it: `board|capacity||` and items without the member.
    const legacy = `${BOARD}|capacity||`;
    await store.write((tx) =>
      tx.messages.plan((st) => {
        const [[key, flag]] = Object.entries(st.flags) as [[string, (typeof st.flags)[string]]];
        expect(key).toBe(`${legacy}|${SPEC_A}`);
        delete st.flags[key];
        st.flags[legacy] = flag;
        for (const item of st.outbox) {
          item.flagKey = legacy;
          item.key = item.key.replace(`|${SPEC_A}|`, '|');
        }
      }),
    );
    now = ist('2026-11-25T18:30');
    await notifier.run();
    expect(mailer.sent).toHaveLength(1);
    expect(Object.keys(store.flags.all())).toEqual([`${legacy}|${SPEC_A}`]);
    expect(store.flags.get(`${legacy}|${SPEC_A}`)!.clearedAt).toBeUndefined();
  });
});
