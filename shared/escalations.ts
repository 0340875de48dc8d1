/**
 * Escalations on record (`#bildirildi`, docs/grammar.md): the specialist told a manager, the team lead or the
 * key-account manager about something the handbook says must go up:
 * - `unreachable`: the customer cannot be reached (R11, P11) — closes the unreachable escalation of that streak;
 * - `training`: the customer does not want training during a long process (R15, P20);
 * - `department`: another department is stuck on the customer's work (duty 31, R14).
 * Who and what are read from words in the entry (folded, so `yonetici` and `yönetici` both count). Pure.
 */
import { foldTurkish } from './entries/fold.js';
import type { EntryKind } from './types.js';

export type EscalationTo = 'manager' | 'teamLead' | 'keyAccount';
export type EscalationTopic = 'unreachable' | 'training' | 'department';

export interface Escalation {
  to: EscalationTo[];
  topic: EscalationTopic | null;
}

// Folded words (foldTurkish: lower case, Turkish letters to ASCII).
const TO: ReadonlyArray<[EscalationTo, RegExp]> = [
  ['keyAccount', /\b(kilit musteri yonetici\w*|kam)\b/],
  ['teamLead', /\b(takim lider\w*|tl)\b/],
  ['manager', /\b(yonetici\w*|mudur\w*|manager)\b/],
];
const TOPIC: ReadonlyArray<[EscalationTopic, RegExp]> = [
  ['training', /\begitim\w* (istemi\w*|yapilmadi|yapmak istemiyor)|\btraining refused\b/],
  ['department', /\b(departman\w*|birim\w*|department)\b/],
  ['unreachable', /\b(ulasilami\w*|ulasilamadi\w*|unreachable)\b/],
];

/** The escalation an entry records (its kinds and the comment's text), or null when it has no `#bildirildi` tag. */
export function escalationOf(kinds: readonly EntryKind[], text: string): Escalation | null {
  if (!kinds.includes('escalation')) return null;
  let rest = foldTurkish(text);
  const to: EscalationTo[] = [];
  // Most specific first: "kilit müşteri yöneticisi" is no plain "yönetici".
  for (const [k, re] of TO) {
    const g = new RegExp(re.source, 'g');
    if (g.test(rest)) {
      to.push(k);
      rest = rest.replace(g, ' ');
    }
  }
  const folded = foldTurkish(text);
  const topic = TOPIC.find(([, re]) => re.test(folded))?.[0] ?? null;
  return { to: to.length ? to : ['manager'], topic };
}

/** P20: an entry saying the customer refused training, or that none took place (folded). */
const TRAINING_REFUSED = /\begitim\w* (istemedi\w*|istemiyor\w*|istenmedi\w*|yapilmadi\w*|yapmak istemiyor\w*)|\btraining (was )?(refused|declined|not held)\b/;

/** Whether an entry's text says the customer refused training (R15, P20) — with or without `#bildirildi`. */
export function trainingRefusedIn(text: string): boolean {
  return TRAINING_REFUSED.test(foldTurkish(text));
}

/** The Power-Up form's choices (docs/powerup.md): the words `escalationOf` reads back, in the canonical Turkish. */
export const ESCALATION_TO_TEXT: Record<EscalationTo, string> = {
  manager: 'Yöneticiye',
  teamLead: 'Takım liderine',
  keyAccount: 'Kilit müşteri yöneticisine',
};
export const ESCALATION_TOPIC_TEXT: Record<EscalationTopic, string> = {
  unreachable: 'müşteriye ulaşılamıyor',
  training: 'müşteri entegrasyon sürecinde eğitim istemiyor',
  department: 'departman takıldı',
};

/** The entry line the form writes after `#bildirildi`: `Takım liderine bildirildi: departman takıldı.` */
export function escalationLine(to: EscalationTo, topic: EscalationTopic): string {
  return `${ESCALATION_TO_TEXT[to]} bildirildi: ${ESCALATION_TOPIC_TEXT[topic]}.`;
}
