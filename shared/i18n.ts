/**
 * Domain texts in Turkish and English (docs/rules.md details, docs/powerup.md badges, audit headings).
 * Turkish is the team's language; English is for Trello's English locale and for logs.
 *
 * @example
 *   translate('finding.daily.missing', 'tr', { date: '2026-11-20' }) // '20.11.2026 için günlük kayıt yok.'
 *   text2('finding.daily.missing', { date: '2026-11-20' }).en          // 'No daily entry for 2026-11-20.'
 */
import { dateKey, timeOfDay, weekDates } from './dates.js';
import type { DateKey, FindingStatus, Locale, MonthKey, Text2 } from './types.js';

/** A placeholder value: plain, or already per-locale (e.g. a resource name). Dates/weeks/months are formatted when named so. */
export type TextVar = string | number | Text2;
export type TextVars = Record<string, TextVar>;

const tr = {
  // rule names: the one short label per rule (audit, evidence report, dashboard, digests, outbox); see ruleLabel().
  // shared/powerup-strings.ts repeats daily/weekly/monthly and missing/late (test/powerup/labels.test.ts keeps them equal).
  'rule.daily': 'Günlük',
  'rule.weekly': 'Haftalık',
  'rule.monthly': 'Aylık',
  'rule.intro': 'Tanışma araması',
  'rule.onboarding': 'Karşılama adımları',
  'rule.capacity': 'Müşteri sayısı',
  'rule.inactive': 'Trello kullanılmadı',
  'rule.contact': 'Müşteri yetkilisi',
  'rule.slot-change': 'Eğitim saati değişikliği',
  'rule.golive': 'Canlıya geçiş',
  'rule.golive-reason': 'Gecikme nedeni',
  'rule.disk': 'Disk',
  'rule.traffic': 'Trafik',
  'rule.unreachable': 'Ulaşılamadı',
  'rule.slot': 'Eğitim saati',
  'rule.training': 'Eğitim istemiyor',
  'rule.evidence': 'Kanıt',
  'rule.profile': 'Profil',
  'rule.growth': 'Anormal artış',
  'rule.pool-contact': 'Havuz haftalık görüşmesi',
  'rule.leave': 'İzin ve vekil',
  'rule.freeze': 'Dondurma onayı',
  'rule.month-review': 'Ay sonu görüşmesi',
  // statuses: the one short label per finding status (and the evidence report's ok / not-judged); see statusLabel()
  'status.ok': 'zamanında',
  'status.not-judged': 'değerlendirilmedi',
  'status.missing': 'eksik',
  'status.late': 'geç',
  'status.incomplete': 'okuma yok',
  'status.overdue': 'gecikti',
  'status.due-soon': 'yaklaşıyor',
  'status.high': 'yüksek',
  'status.critical': 'kritik',
  'status.stale': 'güncel değil',
  'status.postponed': 'ertelendi, hatırlatma yok',
  'status.escalate': 'yöneticiye bildir',
  'status.overlap': 'çakışma',
  'status.edited': 'dönem sonrası düzenlendi',
  'status.deleted': 'silindi',
  'status.invalid': 'geçersiz',
  'status.warning': 'uyarı',
  'severity.info': 'bilgi',
  'severity.warning': 'uyarı',
  'severity.critical': 'kritik',
  // resources
  'resource.disk': 'disk',
  'resource.traffic': 'trafik',
  'resource.both': 'disk ve trafik',
  // findings (docs/rules.md)
  'finding.daily.missing': '{date} için günlük kayıt yok.',
  'finding.daily.late': '{date} günlük kaydı geç girildi ({posted}).',
  'finding.weekly.missing': '{week} için haftalık kayıt yok.',
  'finding.weekly.late': '{week} haftalık kaydı hafta bittikten sonra girildi ({posted}).',
  'finding.weekly.incomplete': '{week} kayıtlarında {what} okuması yok.',
  'finding.monthly.missing': '{month} için aylık kayıt yok (son gün {deadline}).',
  'finding.monthly.late': '{month} aylık kaydı süresi ({deadline}) geçtikten sonra girildi ({posted}).',
  'finding.intro.missing': 'Tanışma araması kaydı yok (atama {date}, son gün {deadline}).',
  'finding.intro.late': 'Tanışma araması kaydı geç girildi (atama {date}, son gün {deadline}, girildi {posted}).',
  'finding.intro.handover-missing': 'Kart {date} tarihinde devredildi; yeni uzmanın tanışma araması kaydı yok (son gün {deadline}).',
  'finding.intro.handover-late': 'Kart {date} tarihinde devredildi; yeni uzmanın tanışma araması kaydı geç girildi (son gün {deadline}, girildi {posted}).',
  'finding.freeze.unapproved': '{from}–{to} hizmet dondurması için takım lideri veya yönetici onayı yok ({days} gün: {first}…); bu günler muaf sayılmadı.',
  'finding.onboarding.missing': '"{item}" son güne kadar işaretlenmedi (son gün {deadline}).',
  'finding.onboarding.late': '"{item}" geç işaretlendi (son gün {deadline}, {posted}).',
  'finding.slot-change.changed': 'Eğitim saati {from} → {to}, {date} itibarıyla.',
  'finding.contact.both': 'Yetkili ve telefonu yok (izin {date}).',
  'finding.contact.name': 'Yetkili yok (izin {date}).',
  'finding.contact.phone': 'Yetkili telefonu yok (izin {date}).',
  'finding.capacity.low': '{count} aktif müşteri (hedef en az {min}).',
  'finding.inactive.days': '{date} – {end}: {days} iş günü Trello’da işlem yok.',
  'finding.month-review.missing': '{month} ay sonu görüşmeleri son güne kadar işaretlenmedi (son gün {deadline}): {items}.',
  'finding.month-review.late': '{month} ay sonu görüşmeleri geç işaretlendi (son gün {deadline}): {items}.',
  'finding.month-review.notJudged': '{month} ay sonu görüşmeleri değerlendirilmedi (son gün {deadline}): {items}.',
  'finding.month-review.item.missing': '{name} işaretlenmedi',
  'finding.month-review.item.late': '{name} {posted} tarihinde işaretlendi ({by})',
  'finding.month-review.item.other': '{name} {posted} tarihinde {by} tarafından işaretlendi; takım lideri değil, sayılmadı',
  'finding.month-review.item.outsider':
    '{name} {posted} tarihinde {by} tarafından işaretlendi; {by} bugünkü listede takım lideri değil, o gün lider miydi bilinmiyor: değerlendirilmedi',
  'finding.month-review.item.noItem': '{name} için listede madde yok',
  'finding.month-review.item.noChecklist': '"{checklist}" kontrol listesi yok ({name})',
  'finding.month-review.item.unknown': '{name} işaretli, ne zaman işaretlendiği kayıtta yok',
  'finding.month-review.item.noLead': '{name} için takım lideri tanımlı değil (NABIZ_PEOPLE)',
  'finding.golive.due-soon': 'Canlıya geçişe {days} gün kaldı (son gün {deadline}).',
  'finding.golive.overdue': 'Canlıya geçiş {days} gün gecikti (son gün {deadline}).',
  'finding.golive-reason.missing': 'Canlıya geçiş {deadline} tarihinde gecikti; o günden beri #gecikme kaydı yok.',
  'finding.quota.high': '{week}: {resource} %{percent} dolu; aynı haftanın kayıtlarında bilgilendirme ve optimizasyon ya da ek kota önerisi yok.',
  'finding.quota.critical': '{week}: {resource} %{percent} dolu, kritik.',
  'finding.quota.risk':
    '{week}: {resource} %{percent} dolu, kritik seviye. Müşteri bilgilendirildi ve gerekenler kaydedildi; bu bir müşteri riski, uzmanın eksiği değil.',
  'finding.quota.postponed':
    '{week}: müşteri {resource} işlemini {date} tarihinde erteledi; yapılana kadar her hafta hatırlatma gerekir, bu hafta bilgilendirme kaydı yok.',
  'finding.quota.stale': 'Son {resource} okuması {days} gün önce girildi ({posted}).',
  'finding.training.escalate': '{date} tarihinden beri {days} iş günü müşteri eğitim istemiyor ya da eğitim yapılmadı; yöneticiye bildirin (#bildirildi).',
  'finding.unreachable.escalate': '{date} tarihinden beri {days} iş günü müşteriye ulaşılamadı; yöneticiye bildirin.',
  'finding.slot.missing': 'Eğitim saati yok ve havuz müşterisi değil.',
  'finding.slot.overlap': '{time} eğitim saati {count} kartın saatiyle çakışıyor (50 dk): {cards}.',
  'finding.slot.overlap-more': '{cards} ve {more} kart daha',
  'finding.slot.hours': '{time} eğitim saati mesai saatleri ({from}–{to}) dışında: 50 dakikalık eğitim {end} saatinde biter.',
  'finding.growth.warning': '{resource} kullanımı {prevWeek} okumasından {week} okumasına {points} puan arttı: %{from} → %{to}; anormal artış incelenmeli.',
  'finding.pool-contact.none': 'Havuz müşterisiyle {week} içinde gerçek bir görüşme kaydı yok (telefon veya toplantı).',
  'finding.pool-contact.unreachable': 'Havuz müşterisine {week} içinde ulaşılamadı; haftada en az bir gerçek görüşme gerekli.',
  'finding.leave.notice':
    '{date}–{leaveEnd} izni {announced} tarihinde, yalnızca {days} gün önce kaydedildi ve acil izin değil; takım liderine en az 2 takvim günü önce, en geç {deadline} tarihinde bildirilmeli.',
  'finding.leave.notice-after':
    '{date}–{leaveEnd} izni başladıktan sonra, {announced} tarihinde kaydedildi ve acil izin değil; takım liderine en az 2 takvim günü önce, en geç {deadline} tarihinde bildirilmeli.',
  'finding.leave.cover-monthly':
    '{date}–{leaveEnd} izninde {days} iş günü için vekil atanmamış (ilk gün {firstDay}); aylık paket müşterisine istemese bile geçici personel atanmalı.',
  'finding.leave.cover-unknown':
    '{date}–{leaveEnd} izninde {days} iş günü için vekil atanmamış (ilk gün {firstDay}); paket türü profilde yok, bu yüzden geçici personel gerekli sayılır.',
  'finding.evidence.edited': '{date} kaydı dönemi bittikten sonra düzenlendi ({edited}).',
  'finding.evidence.deleted': '{date} kaydı silindi ({deleted}).',
  'finding.evidence.deleted-noticed': '{date} kaydı silinmiş: Trello tarih vermedi; {noticed} taramasında bulunamadı, en son {seen} görüldü.',
  'finding.evidence.deleted-unknown': 'Bir yorum silindi ({deleted}); metni bilinmiyor.',
  'finding.evidence.redated':
    '{posted} tarihinde girilen kayıt {period} için yazılmış; dönem ile giriş arasında {days} gün var. Kayıt sayılır, tarihini kontrol edin.',
  'finding.evidence.before-assignment':
    '{posted} tarihinde girilen kayıt {period} için yazılmış, kartın atamasından ({assigned}) önce. Kayıt tutuldu, tarihini kontrol edin.',
  'finding.profile.invalid': 'Kart profili geçersiz, varsayılanlarla değerlendirildi: {error}',
  'finding.settings.invalid': 'Pano ayarları geçersiz, varsayılanlar kullanıldı: {error}',
  // badges (docs/powerup.md)
  'badge.disk': 'Disk',
  'badge.traffic': 'Trafik',
  'badge.unlimited': 'sınırsız',
  'badge.golive.left': 'Canlı: {days} gün',
  'badge.golive.today': 'Canlı: bugün',
  'badge.golive.late': 'Canlı: {days} gün gecikti',
  'badge.golive.steps.left': 'Canlı: {done}/{total} · {days} gün',
  'badge.golive.steps.today': 'Canlı: {done}/{total} · bugün',
  'badge.golive.steps.late': 'Canlı: {done}/{total} · {days} gün gecikti',
  'badge.compliance.ok': 'Uyum ✓',
  'badge.compliance.missing': '{count} eksik',
  'badge.compliance.unknown': 'Uyum ?',
  'badge.compliance.warnings': '{count} uyarı',
  'badge.pool': 'Havuz',
  'badge.title.disk': 'Disk',
  'badge.title.traffic': 'Trafik',
  'badge.title.golive': 'Canlıya geçiş',
  'badge.title.compliance': 'Uyum',
  'badge.title.slot': 'Eğitim saati',
  'badge.title.last-daily': 'Son günlük',
  'badge.detail.golive.left': '{days} gün kaldı',
  'badge.detail.golive.extra': '+{days} ek gün (izin)',
  'badge.detail.golive.today': 'bugün',
  'badge.detail.golive.late': '{days} gün gecikti',
  'badge.detail.golive.steps': '{done}/{total} adım · {rest}',
  'badge.detail.compliance.ok': '✓',
  'badge.detail.compliance.missing': '{count} eksik',
  'badge.detail.compliance.unknown': '?',
  'badge.last.today': 'bugün {time}',
  'badge.last.yesterday': 'dün {time}',
  'badge.last.date': '{date} {time}',
  'badge.last.none': 'yok',
  'badge.slot.none': 'yok',
  // audit report
  'audit.title': 'Nabız uyum denetimi',
  'audit.board': 'Pano',
  'audit.generated': 'Değerlendirme zamanı',
  'audit.historyCut': 'Geçmiş kesik: dışa aktarma Trello sınırı olan 1000 işlemi içeriyor; {date} öncesi değerlendirilmedi.',
  'audit.col.card': 'Kart',
  'audit.col.rule': 'Kural',
  'audit.col.period': 'Dönem',
  'audit.col.status': 'Durum',
  'audit.col.member': 'Sorumlu',
  'audit.col.severity': 'Önem',
  'audit.col.detail': 'Açıklama',
  'audit.col.actions': 'Yorum kimlikleri',
  'audit.col.specialist': 'Uzman',
  'audit.col.cards': 'Kart sayısı',
  'audit.col.kind': 'Giriş',
  'audit.col.judged': 'Değerlendirilen',
  'audit.col.onTime': 'Zamanında',
  'audit.col.lateCount': 'Geç',
  'audit.col.missingCount': 'Eksik',
  'audit.col.percent': 'Uyum %',
  'audit.findings': 'Bulgular',
  'audit.byMember': 'Uzman bazında',
  'audit.byCard': 'Kart bazında',
  'audit.none': 'Bulgu yok.',
  'audit.count': '{count} bulgu',
  'audit.unknownMember': '(bilinmiyor)',
  'audit.notOnBoard': 'Panoda olmayan üye',
} satisfies Record<string, string>;

/** Every domain text key: the Turkish dictionary is the list, so a typo is a type error, not a silent key. */
export type TextKey = keyof typeof tr;
/** A dictionary for one locale over the keys `K` (every key present: a missing translation fails the type check). */
export type Dictionary<K extends string = TextKey> = Readonly<Record<K, string>>;
/** Texts in both locales over the same keys. */
export interface Texts<K extends string = TextKey> {
  readonly tr: Dictionary<K>;
  readonly en: Dictionary<K>;
}
/** The rule ids a set of text keys names a label for (`rule.daily` → `daily`). */
export type RuleIdOf<K> = K extends `rule.${infer Id}` ? Id : never;
/** A rule id: exactly the rules with a `rule.<id>` label, so a rule without its label does not compile. */
export type RuleId = RuleIdOf<TextKey>;
type StatusOf<K> = K extends `status.${infer S}` ? S : never;
/** Finding statuses plus the evidence report's `ok` and `not-judged`, each with its label. */
export type StatusKey = StatusOf<TextKey>;

const en: Dictionary = {
  'rule.daily': 'Daily',
  'rule.weekly': 'Weekly',
  'rule.monthly': 'Monthly',
  'rule.intro': 'Intro call',
  'rule.onboarding': 'Onboarding steps',
  'rule.capacity': 'Customer count',
  'rule.inactive': 'Trello not used',
  'rule.contact': 'Customer contact',
  'rule.slot-change': 'Training slot change',
  'rule.golive': 'Go-live',
  'rule.golive-reason': 'Delay reason',
  'rule.disk': 'Disk',
  'rule.traffic': 'Traffic',
  'rule.unreachable': 'Unreachable',
  'rule.slot': 'Training slot',
  'rule.training': 'Training refused',
  'rule.evidence': 'Evidence',
  'rule.profile': 'Profile',
  'rule.growth': 'Abnormal growth',
  'rule.pool-contact': 'Pool weekly contact',
  'rule.leave': 'Leave and cover',
  'rule.freeze': 'Freeze approval',
  'rule.month-review': 'Month-end review',
  'status.ok': 'on time',
  'status.not-judged': 'not judged',
  'status.missing': 'missing',
  'status.late': 'late',
  'status.incomplete': 'incomplete',
  'status.overdue': 'overdue',
  'status.due-soon': 'due soon',
  'status.high': 'high',
  'status.critical': 'critical',
  'status.stale': 'stale',
  'status.postponed': 'postponed, no reminder',
  'status.escalate': 'escalate',
  'status.overlap': 'overlap',
  'status.edited': 'edited after period',
  'status.deleted': 'deleted',
  'status.invalid': 'invalid',
  'status.warning': 'warning',
  'severity.info': 'info',
  'severity.warning': 'warning',
  'severity.critical': 'critical',
  'resource.disk': 'disk',
  'resource.traffic': 'traffic',
  'resource.both': 'disk and traffic',
  'finding.daily.missing': 'No daily entry for {date}.',
  'finding.daily.late': 'The daily entry for {date} was posted late ({posted}).',
  'finding.weekly.missing': 'No weekly entry for {week}.',
  'finding.weekly.late': 'The weekly entry for {week} was posted after the week ended ({posted}).',
  'finding.weekly.incomplete': 'The entries of {week} have no {what} reading.',
  'finding.monthly.missing': 'No monthly entry for {month} (due by {deadline}).',
  'finding.monthly.late': 'The monthly entry for {month} was posted after its deadline {deadline} ({posted}).',
  'finding.intro.missing': 'No intro call entry (assigned {date}, due by {deadline}).',
  'finding.intro.late': 'The intro call entry was late (assigned {date}, due by {deadline}, posted {posted}).',
  'finding.intro.handover-missing': 'The card was handed over on {date}; no intro call entry by the new owner (due by {deadline}).',
  'finding.intro.handover-late': "The card was handed over on {date}; the new owner's intro call entry was late (due by {deadline}, posted {posted}).",
  'finding.freeze.unapproved':
    'The service freeze {from}–{to} has no approval by a team lead or manager ({days} days from {first}); those days were not exempted.',
  'finding.onboarding.missing': '"{item}" not ticked by {deadline}.',
  'finding.onboarding.late': '"{item}" ticked late (due by {deadline}, ticked {posted}).',
  'finding.slot-change.changed': 'Training slot {from} → {to}, from {date}.',
  'finding.contact.both': 'No contact or phone (leave {date}).',
  'finding.contact.name': 'No contact person (leave {date}).',
  'finding.contact.phone': 'No contact phone (leave {date}).',
  'finding.capacity.low': '{count} active customers (target at least {min}).',
  'finding.inactive.days': '{date} – {end}: no Trello activity for {days} working days.',
  'finding.month-review.missing': 'Month-end reviews of {month} not ticked by {deadline}: {items}.',
  'finding.month-review.late': 'Month-end reviews of {month} ticked late (due by {deadline}): {items}.',
  'finding.month-review.notJudged': 'Month-end reviews of {month} not judged (due by {deadline}): {items}.',
  'finding.month-review.item.missing': '{name} not ticked',
  'finding.month-review.item.late': '{name} ticked {posted} ({by})',
  'finding.month-review.item.other': '{name} ticked {posted} by {by}, who is not a team lead: not counted',
  'finding.month-review.item.outsider':
    "{name} ticked {posted} by {by}, who is not a team lead in today's list; whether they were one then is not on record: not judged",
  'finding.month-review.item.noItem': 'no item for {name} on the checklist',
  'finding.month-review.item.noChecklist': 'no checklist "{checklist}" ({name})',
  'finding.month-review.item.unknown': '{name} is ticked, but when is not on record',
  'finding.month-review.item.noLead': 'no team lead configured for {name} (NABIZ_PEOPLE)',
  'finding.golive.due-soon': '{days} days left to go live (deadline {deadline}).',
  'finding.golive.overdue': 'Go-live is {days} days overdue (deadline {deadline}).',
  'finding.golive-reason.missing': 'Go-live became overdue on {deadline} and no #delay entry has been posted since.',
  'finding.quota.high':
    '{week}: {resource} is {percent}% full; that week has no entry saying the customer was informed and it was optimized or an upgrade suggested.',
  'finding.quota.critical': '{week}: {resource} is {percent}% full, critical.',
  'finding.quota.risk':
    "{week}: {resource} is {percent}% full, critical level. The customer was informed and the actions are recorded; this is a customer risk, not the specialist's miss.",
  'finding.quota.postponed':
    '{week}: the customer postponed the {resource} action on {date}; a reminder is due weekly until it is done, and this week has no informed entry.',
  'finding.quota.stale': 'The latest {resource} reading was posted {days} days ago ({posted}).',
  'finding.training.escalate': 'For {days} working days since {date} the customer has not wanted training or none was held; tell a manager (#bildirildi).',
  'finding.unreachable.escalate': 'The customer has been unreachable for {days} working days since {date}; tell a manager.',
  'finding.slot.missing': 'No training slot and not a pool customer.',
  'finding.slot.overlap': 'The {time} training slot overlaps {count} {cardsWord} (50 min): {cards}.',
  'finding.slot.overlap-more': '{cards} and {more} more',
  'finding.slot.hours': 'The {time} training slot lies outside working hours ({from}–{to}): the 50-minute session ends at {end}.',
  'finding.growth.warning':
    '{resource} usage grew {points} percentage points from the {prevWeek} reading to the {week} reading: {from}% → {to}%; investigate the abnormal increase.',
  'finding.pool-contact.none': 'No real contact (call or meeting) with this pool customer recorded in {week}.',
  'finding.pool-contact.unreachable': 'The pool customer was unreachable throughout {week}; at least one real contact a week is needed.',
  'finding.leave.notice':
    'The leave {date}–{leaveEnd} was recorded on {announced}, only {days} {daysWord} ahead, and is not marked emergency; the team lead must be told at least 2 calendar days before, by {deadline}.',
  'finding.leave.notice-after':
    'The leave {date}–{leaveEnd} was recorded on {announced}, after it began, and is not marked emergency; the team lead must be told at least 2 calendar days before, by {deadline}.',
  'finding.leave.cover-monthly':
    'No cover for {days} working {daysWord} of the leave {date}–{leaveEnd} (first {firstDay}); a monthly-package customer gets a temporary assignee even if they decline.',
  'finding.leave.cover-unknown':
    'No cover for {days} working {daysWord} of the leave {date}–{leaveEnd} (first {firstDay}); the profile records no package, so a temporary assignee is assumed required.',
  'finding.evidence.edited': 'The entry for {date} was edited after its period ended ({edited}).',
  'finding.evidence.deleted': 'The entry for {date} was deleted ({deleted}).',
  'finding.evidence.deleted-noticed': 'The entry for {date} was deleted; Trello gave no time: noticed missing at {noticed}, last seen at {seen}.',
  'finding.evidence.deleted-unknown': 'A comment was deleted ({deleted}); its text is unknown.',
  'finding.evidence.redated': 'The entry posted {posted} is written for {period}, {days} days away from it; it counts, check its date.',
  'finding.evidence.before-assignment':
    'The entry posted {posted} is written for {period}, before the card was assigned ({assigned}); it is kept, check its date.',
  'finding.profile.invalid': 'Invalid card profile, evaluated with defaults: {error}',
  'finding.settings.invalid': 'Invalid board settings, defaults used: {error}',
  'badge.disk': 'Disk',
  'badge.traffic': 'Traffic',
  'badge.unlimited': 'unlimited',
  'badge.golive.left': 'Go-live: {days} {daysWord}',
  'badge.golive.today': 'Go-live: today',
  'badge.golive.late': 'Go-live: {days} {daysWord} late',
  'badge.golive.steps.left': 'Go-live: {done}/{total} · {days} {daysWord}',
  'badge.golive.steps.today': 'Go-live: {done}/{total} · today',
  'badge.golive.steps.late': 'Go-live: {done}/{total} · {days} {daysWord} late',
  'badge.compliance.ok': 'Compliant ✓',
  'badge.compliance.missing': '{count} missing',
  'badge.compliance.unknown': 'Compliance ?',
  'badge.compliance.warnings': '{count} {warningsWord}',
  'badge.pool': 'Pool',
  'badge.title.disk': 'Disk',
  'badge.title.traffic': 'Traffic',
  'badge.title.golive': 'Go-live',
  'badge.title.compliance': 'Compliance',
  'badge.title.slot': 'Training slot',
  'badge.title.last-daily': 'Last daily',
  'badge.detail.golive.left': '{days} {daysWord} left',
  'badge.detail.golive.extra': '+{days} extra {daysWord} (leave)',
  'badge.detail.golive.today': 'today',
  'badge.detail.golive.late': '{days} {daysWord} late',
  'badge.detail.golive.steps': '{done}/{total} steps · {rest}',
  'badge.detail.compliance.ok': '✓',
  'badge.detail.compliance.missing': '{count} missing',
  'badge.detail.compliance.unknown': '?',
  'badge.last.today': 'today {time}',
  'badge.last.yesterday': 'yesterday {time}',
  'badge.last.date': '{date} {time}',
  'badge.last.none': 'none',
  'badge.slot.none': 'none',
  'audit.title': 'Nabız compliance audit',
  'audit.board': 'Board',
  'audit.generated': 'Evaluated at',
  'audit.historyCut': 'History cut: the export holds Trello’s cap of 1000 actions; nothing before {date} was judged.',
  'audit.col.card': 'Card',
  'audit.col.rule': 'Rule',
  'audit.col.period': 'Period',
  'audit.col.status': 'Status',
  'audit.col.member': 'Responsible',
  'audit.col.severity': 'Severity',
  'audit.col.detail': 'Detail',
  'audit.col.actions': 'Comment ids',
  'audit.col.specialist': 'Specialist',
  'audit.col.cards': 'Cards',
  'audit.col.kind': 'Entry',
  'audit.col.judged': 'Judged',
  'audit.col.onTime': 'On time',
  'audit.col.lateCount': 'Late',
  'audit.col.missingCount': 'Missing',
  'audit.col.percent': 'Compliance %',
  'audit.findings': 'Findings',
  'audit.byMember': 'By specialist',
  'audit.byCard': 'By card',
  'audit.none': 'No findings.',
  'audit.count': '{count} findings',
  'audit.unknownMember': '(unknown)',
  'audit.notOnBoard': 'Member not on the board',
};

export const dictionaries: Texts = { tr, en };

const isRuleId = (id: string): id is RuleId => Object.hasOwn(tr, `rule.${id}`);
/** Every rule id, in dictionary order (the `rule.*` keys). */
export const RULE_IDS: readonly RuleId[] = Object.keys(tr)
  .filter((key) => key.startsWith('rule.'))
  .map((key) => key.slice('rule.'.length))
  .filter(isRuleId);
const STATUSES: Record<FindingStatus, true> = {
  missing: true,
  late: true,
  incomplete: true,
  overdue: true,
  'due-soon': true,
  high: true,
  critical: true,
  stale: true,
  postponed: true,
  escalate: true,
  overlap: true,
  edited: true,
  deleted: true,
  invalid: true,
  warning: true,
};
// Every finding status has its `status.*` label: a status without one fails to compile here.
const statusesLabelled: FindingStatus extends StatusKey ? true : never = true;
void statusesLabelled;
const isFindingStatus = (s: string): s is FindingStatus => Object.hasOwn(STATUSES, s);
export const FINDING_STATUSES: FindingStatus[] = Object.keys(STATUSES).filter(isFindingStatus);

/**
 * The short label of a rule (`rule.*`): the one wording every surface uses. An unknown id is returned as is.
 *
 * @example ruleLabel('unreachable', 'tr') // 'Ulaşılamadı'
 */
export function ruleLabel(rule: string, locale: Locale): string {
  return lookup(dictionaries[locale], `rule.${rule}`) ?? rule;
}

/**
 * The short label of a finding status (`status.*`; also the evidence report's `ok` and `not-judged`).
 * An unknown status is returned as is.
 *
 * @example statusLabel('late', 'tr') // 'geç'
 */
export function statusLabel(status: string, locale: Locale): string {
  return lookup(dictionaries[locale], `status.${status}`) ?? status;
}

const MONTHS: Record<Locale, string[]> = {
  tr: ['Ocak', 'Şubat', 'Mart', 'Nisan', 'Mayıs', 'Haziran', 'Temmuz', 'Ağustos', 'Eylül', 'Ekim', 'Kasım', 'Aralık'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK_RE = /^\d{4}-W\d{2}$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** `2026-11-23` → `23.11.2026` (tr) or `2026-11-23` (en). Anything else is returned unchanged. */
export function formatDate(date: DateKey, locale: Locale): string {
  const m = DATE_RE.exec(date);
  if (!m) return date;
  return locale === 'tr' ? `${m[3]}.${m[2]}.${m[1]}` : date;
}

/** `2026-11` → `Kasım 2026` / `November 2026`. */
export function formatMonth(month: MonthKey, locale: Locale): string {
  const m = MONTH_RE.exec(month);
  if (!m) return month;
  return `${MONTHS[locale][Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/**
 * An ISO week in words: `48. hafta (23.11–29.11.2026)` / `week 48 (2026-11-23 – 11-29)`; not a week key → unchanged.
 * People read weeks by number and dates, never as `2026-W48`.
 */
export function formatWeek(week: string, locale: Locale): string {
  if (!WEEK_RE.test(week)) return week;
  let days: DateKey[];
  try {
    days = weekDates(week);
  } catch {
    return week;
  }
  const [mon, sun] = [days[0], days[6]];
  if (mon === undefined || sun === undefined) return week;
  const n = Number(week.slice(6));
  return locale === 'tr' ? `${n}. hafta (${mon.slice(8, 10)}.${mon.slice(5, 7)}–${formatDate(sun, 'tr')})` : `week ${n} (${mon} – ${sun.slice(5)})`;
}

/** A finding period in either form (day, ISO week with its Monday–Sunday, month, or ''). */
export function formatPeriod(period: string, locale: Locale): string {
  if (DATE_RE.test(period)) return formatDate(period, locale);
  if (MONTH_RE.test(period)) return formatMonth(period, locale);
  if (WEEK_RE.test(period)) {
    let days: DateKey[];
    try {
      days = weekDates(period);
    } catch {
      return period;
    }
    const [mon, sun] = [days[0], days[6]];
    if (mon === undefined || sun === undefined) return period;
    return `${period} (${formatDate(mon, locale)}–${formatDate(sun, locale)})`;
  }
  return period;
}

/**
 * A period as people read it in messages and reports (docs/glossary.md): a day `23.11.2026`, a week
 * `48. hafta (23.11–29.11.2026)`, a month `Kasım 2026`; never `2026-W48` in Turkish text.
 */
export function formatPeriodWords(period: string, locale: Locale): string {
  return WEEK_RE.test(period) ? formatWeek(period, locale) : formatPeriod(period, locale);
}

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  tr: new Intl.NumberFormat('tr-TR', { maximumFractionDigits: 1, useGrouping: false }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, useGrouping: false }),
};

/** At most one decimal, decimal comma in Turkish: `3.14` → `3,1` (tr) / `3.1` (en). */
export function formatNumber(n: number, locale: Locale): string {
  return numberFormats[locale].format(n);
}

/** `%86` (tr) / `86%` (en). */
export function formatPercent(n: number, locale: Locale): string {
  return locale === 'tr' ? `%${formatNumber(n, locale)}` : `${formatNumber(n, locale)}%`;
}

const DATE_VARS = new Set(['date', 'deadline', 'leaveEnd', 'announced', 'firstDay', 'assigned', 'end']);
const INSTANT_VARS = new Set(['posted', 'edited', 'deleted', 'noticed', 'seen']);

/** Istanbul wall time of an instant as `23.11.2026 10:42` (tr) / `2026-11-23 10:42` (en). */
export function formatInstant(iso: string, locale: Locale): string {
  if (!Number.isFinite(Date.parse(iso))) return iso;
  return `${formatDate(dateKey(iso), locale)} ${timeOfDay(iso)}`;
}

function renderVar(name: string, value: TextVar, locale: Locale): string {
  if (typeof value === 'object') return value[locale];
  if (typeof value === 'number') return formatNumber(value, locale);
  if (DATE_VARS.has(name)) return formatDate(value, locale);
  if (name === 'month') return formatMonth(value, locale);
  if (name === 'week' || name === 'prevWeek') return formatWeek(value, locale);
  if (INSTANT_VARS.has(name)) return formatInstant(value, locale);
  return value;
}

/** A key read from stored data (a rule id in an old outbox record): looked up without trusting it. */
function lookup(dict: Dictionary<string>, key: string): string | undefined {
  return Object.hasOwn(dict, key) ? dict[key] : undefined;
}

/**
 * `translate` and `text2` over one set of texts, typed by its keys: a key that is not in the texts is a
 * type error. The domain's pair is exported below; a test with extra texts (a new rule) makes its own.
 */
export function translator<K extends string>(
  texts: Texts<K>,
): {
  translate: (key: K, locale: Locale, vars?: TextVars) => string;
  text2: (key: K, vars?: TextVars) => Text2;
} {
  const translate = (key: K, locale: Locale, vars: TextVars = {}): string => {
    // Keys are typed; the fallbacks only guard data built around the types (never throws).
    const template = lookup(texts[locale], key) ?? lookup(texts.tr, key) ?? key;
    const withWord: TextVars =
      typeof vars.days === 'number' && vars.daysWord === undefined ? { ...vars, daysWord: Math.abs(vars.days) === 1 ? 'day' : 'days' } : vars;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = withWord[name];
      return v === undefined ? whole : renderVar(name, v, locale);
    });
  };
  return { translate, text2: (key, vars = {}) => ({ tr: translate(key, 'tr', vars), en: translate(key, 'en', vars) }) };
}

/** Extra texts (a new rule's) over the domain's: both locales must carry every new key. */
export function extendTexts<K extends string, E extends string>(base: Texts<K>, extra: { tr: Dictionary<E>; en: NoInfer<Dictionary<E>> }): Texts<K | E> {
  return { tr: { ...base.tr, ...extra.tr }, en: { ...base.en, ...extra.en } };
}

const domain = translator(dictionaries);

/**
 * The text of `key` in `locale` with `{name}` placeholders filled. Numbers get the locale's
 * decimal sign; `date`/`deadline` (YYYY-MM-DD), `month` (YYYY-MM) and `posted`/`edited`/`deleted`
 * (ISO instants) are formatted.
 */
export const translate: (key: TextKey, locale: Locale, vars?: TextVars) => string = domain.translate;

/** Both languages at once (a finding's `detail`). */
export const text2: (key: TextKey, vars?: TextVars) => Text2 = domain.text2;
