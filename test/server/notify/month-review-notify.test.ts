// The team lead's month-end review (R17) is the lead's own duty (docs/operations.md): one board-level finding per lead
// and month, each its own flag (two leads' findings of one month never merge), told at once to that lead and the
// board's managers in their next digest; never a mention, never another lead.
import { describe, expect, it } from 'vitest';
import type { NotifyTrello } from '../../../server/src/notify/channels.js';
import { createNotifier } from '../../../server/src/notify/notifier.js';
import { memoryStore } from '../../../server/src/store/store.js';
import { BOARD, captureMailer, finding, ist, LEAD, MANAGER, notifyConfig, setFindings, SPEC_A, SPEC_B } from './fixtures.js';

const LEAD2 = 'c1ead0000000000000000009';
const PEOPLE = [
  { name: 'Ayşe Lider', email: 'ayse.lider@ornek.com.tr', trelloId: LEAD, role: 'teamLead', boards: [BOARD], specialists: [SPEC_A] },
  { name: 'Burak Lider', email: 'burak.lider@ornek.com.tr', trelloId: LEAD2, role: 'teamLead', boards: [BOARD], specialists: [SPEC_B] },
  { name: 'Kemal Yönetici', email: 'kemal@ornek.com.tr', trelloId: MANAGER, role: 'manager' },
];

const trello: NotifyTrello & { comments: string[] } = {
  comments: [],
  async postComment(_cardId: string, text: string) {
    trello.comments.push(text);
    return {};
  },
  getBoard: async () => ({ id: BOARD, cards: [], labels: [] }),
  createLabel: async () => ({ id: 'l' }),
  addLabel: async () => ({}),
  removeLabel: async () => ({}),
};

const review = (memberId: string, status: 'missing' | 'late', tr: string) =>
  finding({
    rule: 'month-review',
    cardId: '',
    period: '2026-11',
    memberId,
    status,
    severity: status === 'missing' ? 'warning' : 'info',
    detail: { tr, en: tr },
  });

describe('month-end review findings', () => {
  it('reach their own lead and the managers at once, one flag per lead and month', async () => {
    const store = await memoryStore();
    const mailer = captureMailer();
    let now = ist('2026-12-01T10:00');
    const notifier = createNotifier({
      store,
      config: notifyConfig({ NABIZ_PEOPLE: JSON.stringify(PEOPLE), NOTIFY_LABELS: 'false' }),
      ports: { mailer, trello },
      clock: () => now,
    });
    await setFindings(store, [review(LEAD, 'missing', 'Mehmet Kaya işaretlenmedi'), review(LEAD2, 'late', 'Zeynep Ak geç işaretlendi')]);
    await notifier.run();
    expect(trello.comments).toEqual([]);
    // In the judge's order (shared/compliance/evaluate.ts sortFindings: the late one first): compared as a set.
    expect(
      Object.values(store.flags.all())
        .map((f) => [f.rule, f.memberId, f.level])
        .sort(),
    ).toEqual([
      ['month-review', LEAD, 'manager'],
      ['month-review', LEAD2, 'manager'],
    ]);
    now = ist('2026-12-01T18:30');
    await notifier.run();
    const to = (addr: string) =>
      mailer.sent
        .filter((m) => m.to.some((a) => a.address === addr))
        .map((m) => m.text)
        .join('\n');
    expect(to('ayse.lider@ornek.com.tr')).toContain('Mehmet Kaya işaretlenmedi');
    expect(to('ayse.lider@ornek.com.tr')).not.toContain('Zeynep Ak');
    expect(to('burak.lider@ornek.com.tr')).toContain('Zeynep Ak geç işaretlendi');
    expect(to('burak.lider@ornek.com.tr')).not.toContain('Mehmet Kaya');
    expect(to('kemal@ornek.com.tr')).toContain('Mehmet Kaya işaretlenmedi');
    expect(to('kemal@ornek.com.tr')).toContain('Zeynep Ak geç işaretlendi');
  });
});
