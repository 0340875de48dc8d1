// Builders for notify tests: a stored board snapshot + findings as the scanner would leave them.
import { loadConfig, type Config } from '../../../server/src/config.js';
import type { MailMessage, Mailer } from '../../../server/src/notify/channels.js';
import type { Store } from '../../../server/src/store/store.js';
import type { Finding } from '../../../shared/types.js';

export const BOARD = 'b0ard00000000000000000a1';
export const SPEC_A = 'aaaa00000000000000000001'; // Mehmet Kaya
export const SPEC_B = 'bbbb00000000000000000002'; // Zeynep Ak
export const LEAD = 'c1ead0000000000000000003';
export const MANAGER = 'da7a00000000000000000004';
export const CARD1 = 'card00000000000000000001';
export const CARD2 = 'card00000000000000000002';
export const CARD3 = 'card00000000000000000003';

export const PEOPLE = [
  { name: 'Ayşe Lider', email: 'ayse.lider@ornek.com.tr', trelloId: LEAD, role: 'teamLead', boards: [BOARD], specialists: [SPEC_A, SPEC_B] },
  { name: 'Kemal Yönetici', email: 'kemal@ornek.com.tr', trelloId: MANAGER, role: 'manager' },
];

export function notifyConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NABIZ_PEOPLE: JSON.stringify(PEOPLE), NOTIFY_DRY_RUN: 'false', SMTP_URL: 'smtp://127.0.0.1:1', LOG_LEVEL: 'silent', ...env });
}

export function snapshot() {
  return {
    id: BOARD,
    name: 'Gelişmiş Destek',
    url: 'https://trello.com/b/abc/gelismis-destek',
    lists: [{ id: 'list1', name: 'Müşteriler', closed: false }],
    members: [
      { id: SPEC_A, fullName: 'Mehmet Kaya', username: 'mehmetkaya' },
      { id: SPEC_B, fullName: 'Zeynep Ak', username: 'zeynepak' },
    ],
    cards: [
      { id: CARD1, name: 'Acme Ltd', url: 'https://trello.com/c/AAAA1111/acme', idList: 'list1', closed: false, idMembers: [SPEC_A], pluginData: [] },
      {
        id: CARD2,
        name: 'Boğaziçi Tekstil',
        url: 'https://trello.com/c/BBBB2222/bogazici',
        idList: 'list1',
        closed: false,
        idMembers: [SPEC_A],
        pluginData: [],
      },
      { id: CARD3, name: 'Çınar Gıda', url: 'https://trello.com/c/CCCC3333/cinar', idList: 'list1', closed: false, idMembers: [SPEC_B], pluginData: [] },
    ],
    pluginData: [],
    comments: [],
  };
}

export function finding(p: Partial<Finding> & Pick<Finding, 'rule' | 'cardId' | 'period'>): Finding {
  return {
    memberId: p.cardId === CARD3 ? SPEC_B : SPEC_A,
    status: 'missing',
    severity: 'warning',
    detail: { tr: `${p.period} için #günlük kayıt yok`, en: `no daily entry for ${p.period}` },
    ...p,
  } as Finding;
}

/**
 * Put findings in the store as the scanner does (the board's row and snapshot once, then its verdict rows: each
 * finding under its card when the card is on the board, else under the board-level part, and the evaluated mark).
 */
export async function setFindings(store: Store, findings: Finding[], at = '2026-11-24T07:00:00Z'): Promise<void> {
  const cards = new Set(snapshot().cards.map((c) => c.id));
  const groups = new Map<string, Finding[]>([['', []]]);
  for (const f of findings) {
    const id = cards.has(f.cardId) ? f.cardId : '';
    groups.set(id, [...(groups.get(id) ?? []), f]);
  }
  await store.write(async (tx) => {
    if (!store.boards.get(BOARD)) await tx.boards.put(BOARD, { id: BOARD, name: 'Gelişmiş Destek', backfilled: true }, snapshot());
  });
  await store.verdicts.putCards(
    BOARD,
    [...groups].map(([cardId, fs]) => ({ cardId, rows: fs.map((finding) => ({ finding, seqs: [] })), summary: null })),
  );
  await store.verdicts.keepOnly(BOARD, new Set(groups.keys()));
  await store.write(async (tx) => {
    await tx.evaluations.put(BOARD, { evaluatedAt: at });
  });
}

/** Fake of our own Mailer port (docs/conventions.md §11) for ladder unit tests; the SMTP tests use a real server. */
export function captureMailer(): Mailer & { sent: MailMessage[]; failWith?: Error | null } {
  const m = {
    sent: [] as MailMessage[],
    failWith: null as Error | null,
    async send(msg: MailMessage) {
      if (m.failWith) throw m.failWith;
      m.sent.push(msg);
    },
  };
  return m;
}

/** Istanbul wall time → instant (Turkey is UTC+3 all year since 2016). */
export const ist = (s: string) => new Date(`${s}:00+03:00`);
