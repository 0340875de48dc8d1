/**
 * The two checklists Nabız adds to a customer card (docs/rules.md "Checklists"), and how Trello's checklists and
 * their ticks read into a snapshot. Pure: no I/O.
 *
 * - "Nabız: karşılama" (onboarding, handbook «Atama»: «eksiksiz olarak uygulamak zorundadır»; R19, R21, R22, R23,
 *   R3, R5, P6): each item has a deadline in the specialist's working days after `assignedAt`.
 * - "Nabız: canlıya geçiş" (the 24 go-live steps, duty 16, R29): progress only (badge), no deadline per step.
 *
 * A tick is a fact on record: Trello's `updateCheckItemStateOnCard` action with its time and author
 * (docs/trello.md §7a). The item names are the match key: a renamed item is no longer judged.
 */
import { z } from 'zod';
import type { CheckItemFact } from './facts.js';

export const ONBOARDING_CHECKLIST = 'Nabız: karşılama';
export const GOLIVE_CHECKLIST = 'Nabız: canlıya geçiş';

export interface OnboardingItem {
  key: 'slot' | 'welcomeMail' | 'firstReport' | 'kvkk';
  /** The item's text on the card (Turkish: the team's language on Trello). */
  name: string;
  /** Deadline: this many of the specialist's working days after the assignment day (1 = the next working day). */
  days: number;
}

/**
 * Deadlines: the handbook sets none but the intro call's («atamanın gerçekleştiği gün veya en geç bir sonraki gün»);
 * the slot is agreed on that call (R19) → the intro deadline; the welcome mail follows the call («görüşme
 * sonrasında», R21) → one working day later; the first report and the KVKK check → P6's 5 working days.
 */
export const ONBOARDING_ITEMS: readonly OnboardingItem[] = [
  { key: 'slot', name: 'Eğitim saati belirlendi veya havuz sistemi anlatıldı', days: 1 },
  { key: 'welcomeMail', name: 'Hoş geldin maili gönderildi', days: 2 },
  { key: 'firstReport', name: 'İlk rapor gönderildi', days: 5 },
  { key: 'kvkk', name: 'KVKK ve sözleşmeler kontrol edildi', days: 5 },
];

/** The handbook's «Canlıya Geçiş Adımları», short names (R29 table; gl01…gl24). */
export const GOLIVE_STEPS: readonly string[] = [
  '1. Kategoriler',
  '2. Ürünler',
  '3. Resim boyutları',
  '4. Kargo firmaları',
  '5. Kargo yöntemleri ve ayarları',
  '6. Ödeme seçenekleri (test siparişi)',
  '7. Ödeme içerikleri',
  '8. Teslimat bölgeleri',
  '9. Adres alanları',
  '10. Üye aktarımı (geçişte)',
  '11. Üye bilgi alanları ve izinler',
  '12. İçerik sayfaları',
  '13. Analiz uygulamaları (canlıdan sonra)',
  '14. SEO',
  '15. 301 yönlendirmeleri (geçişte)',
  '16. Web bildirimleri',
  '17. E-posta ayarları ve şablonlar',
  '18. İletişim sayfası',
  '19. KVKK ve sözleşmeler',
  '20. İYS',
  '21. Site adı',
  '22. Site erişim adresi',
  '23. Masaüstü ve mobil görünüm',
  '24. Ana sayfa, ürün sayfaları, test üyelik ve sipariş',
];

export type CheckState = 'complete' | 'incomplete';

/** One checklist of a card as the snapshot keeps it. */
export interface CardChecklist {
  id: string;
  name: string;
  items: Array<{ id: string; name: string; state: CheckState }>;
}

/** A tick or untick: Trello's `updateCheckItemStateOnCard` (time and author). */
export interface CheckTick {
  actionId: string;
  cardId: string;
  checklistId: string;
  itemId: string;
  itemName: string;
  state: CheckState;
  at: string;
  memberId: string;
}

const ChecklistSchema = z.looseObject({
  id: z.string(),
  idCard: z.string(),
  name: z.string().nullish(),
  checkItems: z.array(z.looseObject({ id: z.string(), name: z.string().nullish(), state: z.string().nullish() })).nullish(),
});

/** A board's checklists (`checklists=all` on the board request, or an export's `checklists`) by card. Odd ones are skipped. */
export function checklistsByCard(raw: unknown): Map<string, CardChecklist[]> {
  const out = new Map<string, CardChecklist[]>();
  if (!Array.isArray(raw)) return out;
  for (const x of raw) {
    const r = ChecklistSchema.safeParse(x);
    if (!r.success) continue;
    const cl: CardChecklist = {
      id: r.data.id,
      name: r.data.name ?? '',
      items: (r.data.checkItems ?? []).map((i) => ({ id: i.id, name: i.name ?? '', state: i.state === 'complete' ? 'complete' : 'incomplete' })),
    };
    const list = out.get(r.data.idCard);
    if (list) list.push(cl);
    else out.set(r.data.idCard, [cl]);
  }
  return out;
}

const TickSchema = z.looseObject({
  id: z.string(),
  type: z.literal('updateCheckItemStateOnCard'),
  date: z.string(),
  idMemberCreator: z.string().nullish(),
  data: z.looseObject({
    card: z.looseObject({ id: z.string() }),
    checklist: z.looseObject({ id: z.string() }).nullish(),
    checkItem: z.looseObject({ id: z.string(), name: z.string().nullish(), state: z.string() }),
  }),
});

/** The tick facts among a board's actions (any order in, oldest first out). */
export function ticksFromActions(actions: readonly unknown[]): CheckTick[] {
  const out: CheckTick[] = [];
  for (const a of actions) {
    const r = TickSchema.safeParse(a);
    if (!r.success || !Number.isFinite(Date.parse(r.data.date))) continue;
    const d = r.data.data;
    out.push({
      actionId: r.data.id,
      cardId: d.card.id,
      checklistId: d.checklist?.id ?? '',
      itemId: d.checkItem.id,
      itemName: d.checkItem.name ?? '',
      state: d.checkItem.state === 'complete' ? 'complete' : 'incomplete',
      at: new Date(Date.parse(r.data.date)).toISOString(),
      memberId: r.data.idMemberCreator ?? '',
    });
  }
  return sortTicks(out);
}

/** Known ticks plus new ones, each action once, oldest first (an incremental scan lists only what is new). */
export function mergeTicks(known: readonly CheckTick[] | undefined, fresh: readonly CheckTick[]): CheckTick[] {
  const byId = new Map<string, CheckTick>();
  for (const t of [...(known ?? []), ...fresh]) byId.set(t.actionId, t);
  return sortTicks([...byId.values()]);
}

/**
 * A card's ticks as the rules read them (docs/rules.md "Checklists"): the recorded `check-item` facts (the ledger,
 * Trello's dates; `facts`: the card's) joined with the ticks the snapshot holds (a store from before the ticks were recorded, or an
 * export), each Trello action once, oldest first. All known ticks: a rule judging at `now` reads the state then (stateAt).
 */
export function cardTicks(card: { id: string; checkTicks?: readonly CheckTick[] }, facts: readonly CheckItemFact[] | undefined): CheckTick[] {
  const recorded: CheckTick[] = [];
  for (const f of facts ?? []) {
    if (f.cardId !== card.id) continue;
    recorded.push({
      actionId: f.actionId,
      cardId: f.cardId,
      checklistId: f.checklistId,
      itemId: f.itemId,
      itemName: f.itemName,
      state: f.state,
      at: f.at,
      memberId: f.by ?? '',
    });
  }
  if (recorded.length === 0) return card.checkTicks ? [...card.checkTicks] : [];
  return mergeTicks(card.checkTicks, recorded);
}

function sortTicks(ticks: CheckTick[]): CheckTick[] {
  return ticks.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.actionId < b.actionId ? -1 : a.actionId > b.actionId ? 1 : 0));
}

/**
 * The item's state at `atMs` from its ticks: the last tick by then decides. With no tick by then it was
 * incomplete — unless it is complete now and no tick of it is known at all (created ticked, or ticked before a cut
 * history): then when it was ticked is unknown and `null` says "not judged".
 */
export function stateAt(item: { id: string; state: CheckState }, ticks: readonly CheckTick[], atMs: number): CheckState | null {
  const mine = ticks.filter((t) => t.itemId === item.id);
  if (mine.length === 0) return item.state === 'complete' ? null : 'incomplete';
  let s: CheckState = 'incomplete';
  for (const t of mine) if (Date.parse(t.at) <= atMs) s = t.state;
  return s;
}

/** Progress of the go-live checklist: ticked / all items (null when the card has none). */
export function goLiveProgress(checklists: readonly CardChecklist[] | undefined): { done: number; total: number; open: string[] } | null {
  const cl = checklists?.find((c) => c.name === GOLIVE_CHECKLIST);
  if (!cl) return null;
  return {
    done: cl.items.filter((i) => i.state === 'complete').length,
    total: cl.items.length,
    open: cl.items.filter((i) => i.state !== 'complete').map((i) => i.name),
  };
}

export { openStepsNote } from './open-steps-note.js';
