// Quota actions (R38, docs/grammar.md) as specialists write them, after folding.
// Only done things count: past/perfective verbs (`-di`, `-miş`), never negated (`-medi`, `-mamış`),
// future (`-ecek`) nor conditional (`bilgilendirildiğinde`, `optimize edildiyse`, `if informed`).
// Informing a team lead is an escalation, not the customer.
import type { QuotaAction } from '../types.js';

const L = '\\p{L}*';
const DONE = `(?:d[iu]${L}|m[iu]s${L})`; // edildi, edilmiştir (folded: edilmis…)
const NEG_WORD = /^\p{L}*(?:m[ae]d[iu]|m[ae]m[iu]s|m[ae]yecek|m[ae]z)\p{L}*$|^(?:yok|degil|not)$/u;

interface Pattern {
  action: QuotaAction;
  re: RegExp;
  /** A noun phrase ("görsel optimizasyonu"): the next word must not negate it ("yapılmadı"). */
  checkNext?: boolean;
  /** English wording: a condition is said by the word before it ("if informed"). */
  english?: boolean;
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const re = (s: string) => new RegExp(s, 'gu');

const PATTERNS: Pattern[] = [
  { action: 'informed', re: re(`${B}bilgilendiril${DONE}`) },
  { action: 'informed', re: re(`${B}bilgilendird[iu]${L}`) },
  { action: 'informed', re: re(`${B}bilgilendirme[ \\t]+yapil${DONE}`) },
  { action: 'informed', re: re(`${B}(?:bilgi|haber)[ \\t]+(?:veril${DONE}|verd[iu]${L})`) },
  { action: 'informed', re: re(`${B}(?<!not[ \\t])(?<!n't[ \\t])(?:informed|notified)${E}`), english: true },
  { action: 'optimized', re: re(`${B}optimi[sz]e[ \\t]+(?:edil${DONE}|ett[iu]${L}|yapil${DONE})`) },
  { action: 'optimized', re: re(`${B}optimizasyon${L}[ \\t]+(?:yapil|tamamlan|uygulan)${DONE}`) },
  { action: 'optimized', re: re(`${B}gorsel[ \\t]+optimizasyon${L}`), checkNext: true },
  { action: 'optimized', re: re(`${B}(?<!not[ \\t])(?<!n't[ \\t])(?:optimi[sz]ed)${E}`), english: true },
  {
    action: 'upgradeSuggested',
    re: re(
      `${B}ek[ \\t]+(?:kota|tanim|paket|trafik|disk|alan|depolama)${L}(?:[ \\t]+\\p{L}+){0,2}?[ \\t]+(?:oneril${DONE}|onerd[iu]${L}|(?:teklif|tavsiye)[ \\t]+edil${DONE}|yonlendiril${DONE})`,
    ),
  },
  { action: 'upgradeSuggested', re: re(`${B}(?:paket[ \\t]+)?yukseltme${L}[ \\t]+(?:oneril${DONE}|onerd[iu]${L})`) },
  { action: 'upgradeSuggested', re: re(`${B}upgrades?[ \\t]+(?:was[ \\t]+)?(?:suggested|recommended|offered|proposed)${E}`), english: true },
  { action: 'upgradeSuggested', re: re(`${B}(?:suggested|recommended|offered|proposed)[ \\t]+(?:an[ \\t]+|a[ \\t]+)?upgrade${E}`), english: true },
];

/**
 * The verb's ending makes it a condition, not a done thing (folded): -diğinde/-dığında (when),
 * -diyse/-dıysa and -mişse (if), -dikçe (whenever), and -diği before takdirde/zaman/sürece/an (in case).
 */
const CONDITIONAL_END = /(?:d[iu]g[iu]nd[ae]|d[iu]ys[ae]|m[iu]ss[ae]|d[iu]kc[ae])$/u;
const RELATIVE_END = /d[iu]g[iu]$/u;
const CONDITIONAL_NEXT = /^[ \t]+(?:takdirde|zaman|surece|an|anda|vakit)(?![\p{L}\p{N}])/u;
/** English: "if informed", "once optimized", "will be informed", "to be suggested". */
const CONDITIONAL_BEFORE = /(?<![\p{L}])(?:if|when|once|unless|until|be|being)[ \t]+(?:\p{L}+[ \t]+)?$/u;

function conditional(p: Pattern, folded: string, start: number, end: number): boolean {
  if (p.english) return CONDITIONAL_BEFORE.test(folded.slice(Math.max(0, start - 30), start));
  const match = folded.slice(start, end);
  if (CONDITIONAL_END.test(match)) return true;
  return RELATIVE_END.test(match) && CONDITIONAL_NEXT.test(folded.slice(end, end + 20));
}

/** Whoever was informed, if it is a manager or team lead (docs/grammar.md, "escalation"), it is no quota action. */
const ESCALATION_TARGET = /(?<![\p{L}\p{N}])(?:yonetici|lider|mudur|tl|ekib|departman|manager|lead)\p{L}*['’]?\p{L}*[ \t]*$/u;

const ORDER: QuotaAction[] = ['informed', 'optimized', 'upgradeSuggested'];

/** Quota actions mentioned in folded text, in canonical order. */
export function findActions(folded: string): QuotaAction[] {
  // Cheap gate: all patterns need one of these stems.
  if (!/bilgi|haber|inform|notifi|optimi|gorsel|ek[ \t]|yukseltme|upgrade/.test(folded)) return [];
  const found = new Set<QuotaAction>();
  for (const p of PATTERNS) {
    if (found.has(p.action)) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(folded); m; m = p.re.exec(folded)) {
      const end = m.index + m[0].length;
      const before = folded.slice(Math.max(0, m.index - 30), m.index);
      if (p.action === 'informed' && ESCALATION_TARGET.test(before)) continue;
      if (conditional(p, folded, m.index, end)) continue;
      if (p.checkNext) {
        const next = /^[ \t]+(\p{L}+)/u.exec(folded.slice(end, end + 40));
        if (next?.[1] !== undefined && NEG_WORD.test(next[1])) continue;
      }
      found.add(p.action);
      break;
    }
  }
  return ORDER.filter((a) => found.has(a));
}

/**
 * «Müşteri erteledi» (R38, R45, docs/grammar.md): the customer postponed the quota action. Done forms only
 * (`erteledi`, `ertelendi`, `ertelemiş`, `postponed`); `ertelemedi` (did not postpone), `erteleyecek` (will) and
 * `ertelediyse` (if) do not count. Not a QuotaAction: it is the customer's answer, not the specialist's action.
 */
const POSTPONED: Pattern[] = [
  { action: 'informed', re: re(`${B}ertele(?:n)?${DONE}`) },
  { action: 'informed', re: re(`${B}(?<!not[ \\t])(?<!n't[ \\t])(?:postponed|deferred)${E}`), english: true },
];

/** Whether folded text says the customer postponed the quota action. */
export function findPostponed(folded: string): boolean {
  if (!/ertele|postpone|defer/.test(folded)) return false;
  for (const p of POSTPONED) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(folded); m; m = p.re.exec(folded)) {
      if (!conditional(p, folded, m.index, m.index + m[0].length)) return true;
    }
  }
  return false;
}
