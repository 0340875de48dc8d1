// Compliance vs risk in notifications (docs/rules.md "Compliance and risk", docs/operations.md): a risk
// finding (a ≥ 95 % disk with every action recorded) reaches the team lead once, in the digest's RİSK
// section, with no mention to the specialist and no manager escalation however long it stays open; the
// same reading without the actions is the specialist's critical finding and goes to the manager at once.
import { describe, expect, it } from 'vitest';
import type { NotifyTrello } from '../../../server/src/notify/channels.js';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import { desiredLabelledCards } from '../../../server/src/notify/labels.js';
import { ALWAYS_READ } from '../../../server/src/notify/plan.js';
import { storedOpenFindings } from '../../../server/src/store/open-findings.js';
import { memoryStore } from '../../../server/src/store/store.js';
import { BOARD, CARD1, CARD2, captureMailer, finding, ist, notifyConfig, setFindings } from './fixtures.js';

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

async function setup() {
  const store = await memoryStore();
  const mailer = captureMailer();
  const trello = captureTrello();
  let now = ist('2026-11-24T10:00');
  const notifier = createNotifier({ store, config: notifyConfig({ NOTIFY_LABELS: 'false' }), ports: { mailer, trello }, clock: () => now });
  return { store, mailer, trello, notifier, at: (s: string) => (now = ist(s)) };
}

const toOf = (m: { to: Array<{ address: string }> }) => m.to.map((a) => a.address).join(',');
const riskDisk = finding({
  rule: 'disk',
  cardId: CARD1,
  period: '2026-W48',
  status: 'critical',
  severity: 'critical',
  class: 'risk',
  detail: {
    tr: 'Disk %97 dolu (48. hafta): kritik seviye. Müşteri bilgilendirildi; bu bir müşteri riski.',
    en: 'Disk is 97% full (week 48): a customer risk.',
  },
});
const dutyDisk = finding({
  rule: 'disk',
  cardId: CARD2,
  period: '2026-W48',
  status: 'critical',
  severity: 'critical',
  class: 'compliance',
  detail: { tr: 'Disk %96 dolu (48. hafta): kritik.', en: 'Disk is 96% full (week 48): critical.' },
});

describe('a risk reaches the team lead as risk, never the manager escalation', () => {
  it("risk: no mention, the lead's digest RİSK section, never the manager, even after days open", async () => {
    const { store, mailer, trello, notifier, at } = await setup();
    await setFindings(store, [riskDisk]);
    await notifier.run();
    expect(trello.comments).toHaveLength(0); // not the specialist's miss: no @mention

    at('2026-11-24T18:30');
    await notifier.run();
    expect(mailer.sent.map(toOf)).toEqual(['ayse.lider@ornek.com.tr']);
    const text = mailer.sent[0]!.text!;
    expect(text).toContain('RİSK (1): müşterinin site durumu; uzmana yazılmaz');
    expect(text).toContain('Acme Ltd (Mehmet Kaya)');
    expect(text).not.toContain('YENİ UYARILAR');
    expect(mailer.sent[0]!.html).toContain('id="risk"');

    // A week later it is still open: the manager never hears of it, the lead is not told twice.
    for (const day of ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01']) {
      at(`${day}T18:30`);
      await notifier.run();
    }
    expect(mailer.sent.map(toOf)).toEqual(['ayse.lider@ornek.com.tr']);
    const flag = Object.values(store.flags.all())[0]!;
    expect(flag).toMatchObject({ class: 'risk', level: 'teamLead', critical: false });
    // The "eksik kayıt" label is for findings against someone.
    expect(
      desiredLabelledCards({ open: await storedOpenFindings(store, ALWAYS_READ) })
        .get(BOARD)
        ?.has(CARD1),
    ).toBe(false);
  });

  it('compliance: the same critical reading without the actions is mentioned and goes to the manager at once', async () => {
    const { store, mailer, trello, notifier, at } = await setup();
    await setFindings(store, [riskDisk, dutyDisk]);
    await notifier.run();
    expect(trello.comments.map((c) => c.cardId)).toEqual([CARD2]);
    at('2026-11-24T18:30');
    await notifier.run();
    expect(mailer.sent.map(toOf).sort()).toEqual(['ayse.lider@ornek.com.tr', 'kemal@ornek.com.tr']);
    const lead = mailer.sent.find((m) => toOf(m) === 'ayse.lider@ornek.com.tr')!.text!;
    const manager = mailer.sent.find((m) => toOf(m) === 'kemal@ornek.com.tr')!.text!;
    expect(lead).toContain('YENİ UYARILAR (1)');
    expect(lead).toContain('RİSK (1)');
    expect(manager).toContain('Boğaziçi Tekstil');
    expect(manager).not.toContain('Acme Ltd');
    expect(manager).not.toContain('RİSK');
    expect(desiredLabelledCards({ open: await storedOpenFindings(store, ALWAYS_READ) }).get(BOARD)).toEqual(new Set([CARD2]));
  });

  it('a stored finding without a class (an older store) is compliance', async () => {
    const { store, mailer, notifier, at } = await setup();
    const old = { ...dutyDisk };
    delete old.class;
    await setFindings(store, [old]);
    await notifier.run();
    at('2026-11-24T18:30');
    await notifier.run();
    expect(mailer.sent.map(toOf).sort()).toEqual(['ayse.lider@ornek.com.tr', 'kemal@ornek.com.tr']);
  });
});
