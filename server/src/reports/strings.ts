// Report and dashboard texts, Turkish first (docs/conventions.md §14: Turkish in the UI, English switchable).
import { ruleLabel, statusLabel, text2 } from '../../../shared/i18n.js';
import type { Locale } from '../../../shared/types.js';
import type { JudgedRule, PeriodStatus } from './evidence-model.js';

const T = {
  title: { tr: 'Kanıt raporu', en: 'Evidence report' },
  board: { tr: 'Pano', en: 'Board' },
  card: { tr: 'Kart', en: 'Card' },
  member: { tr: 'Uzman', en: 'Specialist' },
  range: { tr: 'Dönem', en: 'Range' },
  generated: { tr: 'Oluşturulma', en: 'Generated' },
  rulesVersion: { tr: 'Kural sürümü', en: 'Rules version' },
  ledger: { tr: 'Kanıt defteri', en: 'Evidence ledger' },
  ledgerRange: { tr: 'Kayıt aralığı', en: 'Record range' },
  verifyOk: { tr: 'Doğrulandı: hash zinciri sağlam', en: 'Verified: hash chain intact' },
  verifyFail: { tr: 'DOĞRULAMA BAŞARISIZ', en: 'VERIFICATION FAILED' },
  checkedFrom: {
    tr: 'kontrol noktası #{n} ({at}) sonrası ve bu raporun kayıtları yeniden hesaplandı',
    en: 'records after checkpoint #{n} ({at}) and this report’s own records recomputed',
  },
  checkedAll: { tr: 'tüm zincir yeniden hesaplandı', en: 'whole chain recomputed' },
  witnessMatch: { tr: '{at} tarihli tanıkla eşleşiyor', en: 'matches the witness of {at}' },
  witnessUnchecked: { tr: 'tanık kontrol edilemedi ({what}: {why})', en: 'witness could not be checked ({what}: {why})' },
  noWitness: { tr: 'tanık yok', en: 'no witness' },
  resetAccepted: { tr: '{at} tarihinde kayıp kabul edildi (--accept-reset): {what}', en: 'a loss was accepted on {at} (--accept-reset): {what}' },
  resetUnreadable: {
    tr: 'defterde bir sıfırlama kaydı var ama okunamadı ({where}: {why}); içeriği bilinmiyor',
    en: 'a ledger reset record exists but could not be read ({where}: {why}); its content is unknown',
  },
  firstBad: { tr: 'ilk bozuk kayıt', en: 'first bad record' },
  history: { tr: 'Geçmiş', en: 'History' },
  historyComplete: { tr: 'Seçilen dönem için eksiksiz', en: 'Complete for the selected range' },
  facts: { tr: 'Dayanılan olgular', en: 'Facts relied on' },
  factsLead: {
    tr: 'Kart üyeliği, müşteri profili, pano ayarları ve dondurma onayları: dönemde geçerli olanlar, defter numaralarıyla. Trello’nun tarihlediği işlemler Trello zamanıyla; pluginData değişiklikleri Trello’da iz bırakmaz, Nabız’ın fark ettiği zamanla gösterilir.',
    en: 'Card membership, customer profile, board settings and freeze approvals in force in the range, with their ledger numbers. Trello-dated actions carry Trello’s time; pluginData changes leave no trace in Trello and carry the time Nabız noticed them.',
  },
  factTime: { tr: 'Zaman (İstanbul)', en: 'Time (Istanbul)' },
  fact: { tr: 'Olgu', en: 'Fact' },
  trelloDated: { tr: 'Trello tarihi', en: 'Trello-dated' },
  noticedAt: { tr: 'fark edildi', en: 'noticed at' },
  noFacts: { tr: 'Kayıtlı olgu yok.', en: 'No recorded facts.' },
  baselineGroup: { tr: 'Kayıt başlangıcı', en: 'Start of the record' },
  totals: { tr: 'Kural bazında toplamlar', en: 'Totals per rule' },
  rule: { tr: 'Kural', en: 'Rule' },
  period: { tr: 'Dönem', en: 'Period' },
  status: { tr: 'Durum', en: 'Status' },
  entry: { tr: 'Kayıt', en: 'Entry' },
  actionId: { tr: 'Trello işlem no', en: 'Trello action id' },
  author: { tr: 'Yazan', en: 'Author' },
  posted: { tr: 'Gönderilme (İstanbul)', en: 'Posted (Istanbul)' },
  forDate: { tr: 'Ait olduğu gün', en: 'For date' },
  excerpt: { tr: 'Alıntı', en: 'Excerpt' },
  marks: { tr: 'İşaretler', en: 'Marks' },
  originalText: { tr: 'Özgün metin', en: 'Original text' },
  judged: { tr: 'Değerlendirilen', en: 'Judged' },
  percent: { tr: 'Uyum %', en: 'Compliance %' },
  otherFindings: { tr: 'Diğer bulgular', en: 'Other findings' },
  risks: { tr: 'Risk: müşterinin site durumu (kimseye yazılmaz)', en: "Risk: the customer's site state (counted against no one)" },
  assignedAt: { tr: 'Atanma', en: 'Assigned' },
  specialist: { tr: 'Uzman', en: 'Specialist' },
  noEntry: { tr: '— kayıt yok —', en: '— no entry —' },
  alsoEntries: { tr: 'Aynı döneme ait diğer kayıtlar', en: 'Other entries for the period' },
  edits: { tr: 'düzenlenme', en: 'edited' },
  records: { tr: 'kayıt', en: 'records' },
  editedAfter: { tr: 'sonradan düzenlendi', en: 'edited after period' },
  rules: { tr: 'Kurallar', en: 'Rules' },
  summary: { tr: 'Özet', en: 'Summary' },
  // The specialist's side of the story (docs/rules.md "Explanations and excused periods", docs/glossary.md).
  excused: { tr: 'mazeretli', en: 'excused' },
  explanation: { tr: 'Açıklama', en: 'Explanation' },
  explanationNotResponsible: { tr: 'sorumlu uzman yazmadı, sayılmaz', en: 'not by the responsible specialist, does not count' },
  explanationAccepted: { tr: 'kabul eden', en: 'accepted by' },
  explanationPending: { tr: 'henüz kabul edilmedi', en: 'not accepted yet' },
  exceptions: { tr: 'İstisnalar', en: 'Exceptions' },
  exceptionsLead: {
    tr: 'Zamanında olmayan, okuması olmayan, dönemi bittikten sonra düzenlenen ya da silinen kayıtlar ve kanıtları.',
    en: 'Entries that were not on time, lack a reading, or were edited after their period or deleted, with their evidence.',
  },
  noExceptions: { tr: 'İstisna yok: değerlendirilen her dönemin kaydı zamanında.', en: 'No exceptions: every judged period has an on-time entry.' },
  appendix: { tr: 'Ek: zamanında kayıtlar', en: 'Appendix: on-time entries' },
  appendixLead: {
    tr: 'Kayıt numaraları ve metinler CSV ve JSON biçiminde; burada yalnızca dönemler.',
    en: 'Action ids and texts are in the CSV and JSON formats; only the periods here.',
  },
  appendixOmitted: {
    tr: 'Zamanında kayıtların eki bu çıktıda yok (--appendix none).',
    en: 'The appendix of on-time entries is left out of this output (--appendix none).',
  },
  customer: { tr: 'Müşteri', en: 'Customer' },
  evidence: { tr: 'Kanıt', en: 'Evidence' },
  onTimeCount: { tr: 'zamanında', en: 'on time' },
  istanbul: { tr: 'İstanbul saati', en: 'Istanbul time' },
} as const satisfies Record<string, Record<Locale, string>>;

export type StringKey = keyof typeof T;
export function t(key: StringKey, lang: Locale): string {
  return T[key][lang];
}

// Rule and status names come from the domain dictionary (shared/i18n.ts), the same words as the audit, dashboard and digests.
export function ruleName(rule: JudgedRule, lang: Locale): string {
  return ruleLabel(rule, lang);
}

/** A period's status; a missing entry is set in capitals so it stands out in the evidence tables. */
export function statusName(s: PeriodStatus, lang: Locale): string {
  const label = statusLabel(s, lang);
  return s === 'missing' ? label.toLocaleUpperCase(lang === 'tr' ? 'tr-TR' : 'en-US') : label;
}

/** Marks on an entry (late, edited after its period, deleted): the finding status labels. */
export const MARKS = {
  late: text2('status.late'),
  edited: text2('status.edited'),
  deleted: text2('status.deleted'),
} as const;
