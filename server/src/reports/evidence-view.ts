// What a reviewer reads, in the order they read it (R62 penalty reviews): the summary per rule, then only the
// exceptions with their evidence, then the on-time periods as a compact appendix (or none). Shared by the HTML
// and PDF renderers; dates, periods and numbers are formatted for the reader's language (01.11.2026, 98,9).
import type { Locale } from '../../../shared/types.js';
import { formatDate, formatInstant, formatMonth, formatNumber, formatPeriodWords, statusLabel } from '../../../shared/i18n.js';
import { RULES_STAMP } from '../../../shared/compliance.js';
import {
  JUDGED_RULES,
  type CardSection,
  type EvidenceEntry,
  type EvidenceReport,
  type JudgedRule,
  type PeriodFacts,
  type PeriodRow,
} from './evidence-model.js';
import { MARKS, ruleName, t } from './strings.js';

/** `compact`: on-time periods as dates per card and rule; `none`: left out (the summary still counts them). */
export type AppendixMode = 'compact' | 'none';
export const APPENDIX_MODES: readonly AppendixMode[] = ['compact', 'none'];

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A day `01.11.2026` (tr) / `2026-11-01` (en). */
export const day = (d: string, lang: Locale): string => formatDate(d, lang);
/** An instant in Istanbul: `23.11.2026 14:05` (tr) / `2026-11-23 14:05` (en). */
export const instant = (iso: string, lang: Locale): string => formatInstant(iso, lang);
/** `98,9` (tr) / `98.9` (en); `—` when nothing was judged. */
export const num = (n: number | null | undefined, lang: Locale): string => (n === null || n === undefined ? '—' : formatNumber(n, lang));

/** A period in words: `01.11.2026`, `48. hafta (23.11–29.11.2026)` / `week 48 (2026-11-23 – 11-29)`, `Kasım 2026`. */
export const periodText = (period: string, lang: Locale): string => formatPeriodWords(period, lang);

/** A day without its year, for dense lists: `01.11` / `11-01`. */
export function shortDay(d: string, lang: Locale): string {
  return lang === 'tr' ? `${d.slice(8, 10)}.${d.slice(5, 7)}` : d.slice(5);
}

/** Every ISO day and instant inside a free text (finding details, notes) in the reader's format. */
export function datesIn(text: string, lang: Locale): string {
  if (lang !== 'tr') return text;
  return text
    .replace(/\b(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\b/g, (iso) => instant(iso, 'tr'))
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3.$2.$1')
    .replace(/\b(\d{4})-W(\d{2})\b/g, (wk) => periodText(wk, 'tr'));
}

/** The rules stamp in plain words: which handbook edition, which revision of the rule set. */
export function rulesStamp(lang: Locale): string {
  return lang === 'tr'
    ? `${RULES_STAMP.handbook} (${day(RULES_STAMP.handbookDate, 'tr')}), kural seti sürüm ${RULES_STAMP.revision}`
    : `Gelişmiş Destek handbook V1 (${RULES_STAMP.handbookDate}), rule set version ${RULES_STAMP.revision}`;
}

/** The summary table's header, one per column (rule, judged, on time, late, missing, readings missing, not judged, edited, deleted, excused, %). */
export function summaryHeader(lang: Locale): string[] {
  return [
    t('rule', lang),
    t('judged', lang),
    statusLabel('ok', lang),
    statusLabel('late', lang),
    statusLabel('missing', lang),
    statusLabel('incomplete', lang),
    statusLabel('not-judged', lang),
    t('editedAfter', lang),
    MARKS.deleted[lang],
    t('excused', lang),
    t('percent', lang),
  ].map((h) => h.charAt(0).toLocaleUpperCase(lang === 'tr' ? 'tr-TR' : 'en-US') + h.slice(1));
}

export function summaryRows(r: EvidenceReport, lang: Locale): string[][] {
  return JUDGED_RULES.filter((rule) => r.totals[rule].periods > 0).map((rule) => {
    const x = r.totals[rule];
    return [ruleName(rule, lang), x.judged, x.ok, x.late, x.missing, x.incomplete, x.notJudged, x.edited, x.deleted, x.excused]
      .map(String)
      .concat(num(x.percent, lang));
  });
}

/** An exception: not on time, or its evidence was edited after the period or deleted, or a day with an escalation. */
export function isException(row: PeriodRow): boolean {
  if (row.status === 'missing' || row.status === 'late' || row.status === 'incomplete') return true;
  if (row.escalations?.length) return true;
  return [...(row.entry ? [row.entry] : []), ...row.others].some((e) => e.editedAfterPeriod || e.deleted);
}

export interface ExceptionItem {
  card: CardSection;
  row: PeriodRow;
}

export function exceptions(r: EvidenceReport): ExceptionItem[] {
  const order: Record<JudgedRule, number> = { intro: 0, daily: 1, weekly: 2, monthly: 3 };
  return r.cards
    .flatMap((card) => card.rows.filter(isException).map((row) => ({ card, row })))
    .sort((a, b) => a.row.period.localeCompare(b.row.period) || order[a.row.rule] - order[b.row.rule] || a.card.name.localeCompare(b.card.name, 'tr'));
}

/**
 * An exception's explanation in one line: `Açıklama (Ayşe, 27.11.2026 10:00): “…” · kabul eden Mehmet, 27.11.2026 12:00`
 * (docs/rules.md "Explanations and excused periods"); undefined when the period has none.
 */
export function explanationLine(row: PeriodRow, lang: Locale): string | undefined {
  const x = row.explanation;
  if (!x) return undefined;
  const head = `${t('explanation', lang)} (${x.byName}, ${instant(x.at, lang)}${x.responsible ? '' : `, ${t('explanationNotResponsible', lang)}`}): “${x.text}”`;
  const acc = x.accepted
    ? `${t('explanationAccepted', lang)} ${x.accepted.byName}, ${instant(x.accepted.at, lang)} (${t('excused', lang)})`
    : t('explanationPending', lang);
  return `${head} · ${acc}`;
}

/** Marks of one entry ("geç, dönem sonrası düzenlendi (02.11.2026 10:00)"). */
export function entryMarks(e: EvidenceEntry, lang: Locale): string[] {
  const m: string[] = [];
  if (e.late) m.push(MARKS.late[lang]);
  if (e.editedAfterPeriod) m.push(`${MARKS.edited[lang]}${e.editedAt ? ` (${instant(e.editedAt, lang)})` : ''}`);
  if (e.deleted && e.deletionNoticed && e.deletedAt) m.push(deletionNoticedMark(e.deletedAt, e.lastSeenAt, lang));
  else if (e.deleted) m.push(`${MARKS.deleted[lang]}${e.deletedAt ? ` (${instant(e.deletedAt, lang)})` : ''}`);
  return m;
}

/** A deletion Trello never dated: when Nabız noticed it gone and when it was last seen present. */
export function deletionNoticedMark(noticedAt: string, lastSeenAt: string | undefined, lang: Locale): string {
  const seen = lastSeenAt ? instant(lastSeenAt, lang) : '—';
  return lang === 'tr'
    ? `${MARKS.deleted[lang]} (Trello tarih vermedi: ${instant(noticedAt, lang)} taramasında bulunamadı, en son ${seen} görüldü)`
    : `${MARKS.deleted[lang]} (not dated by Trello: noticed missing at ${instant(noticedAt, lang)}, last seen at ${seen})`;
}

/** One entry as evidence lines: who, when, for which day, marks; its excerpt; the text before an edit. */
export function entryLines(e: EvidenceEntry, lang: Locale): { head: string; excerpt: string; original?: string } {
  const marks = entryMarks(e, lang);
  return {
    head: `${e.authorName} · ${instant(e.postedAt, lang)} · ${t('forDate', lang)} ${day(e.forDate, lang)}${marks.length ? ` · ${marks.join(', ')}` : ''} · ${t('actionId', lang)} ${e.actionId}`,
    excerpt: `“${e.excerpt}”`,
    ...(e.originalText !== undefined ? { original: `${t('originalText', lang)}: “${e.originalText.replace(/\s+/g, ' ').trim()}”` } : {}),
  };
}

/** The appendix: per card and rule, the on-time periods (and the ones not judged, with why). */
export interface AppendixGroup {
  card: CardSection;
  rule: JudgedRule;
  onTime: string[];
  notJudged: Array<{ period: string; why: string }>;
}

export function appendix(r: EvidenceReport, lang: Locale): AppendixGroup[] {
  const out: AppendixGroup[] = [];
  for (const card of r.cards) {
    for (const rule of JUDGED_RULES) {
      const rows = card.rows.filter((x) => x.rule === rule && !isException(x));
      if (!rows.length) continue;
      const onTime = rows.filter((x) => x.status === 'ok').map((x) => (DAY_RE.test(x.period) ? shortDay(x.period, lang) : periodText(x.period, lang)));
      const notJudged = rows
        .filter((x) => x.status === 'not-judged')
        .map((x) => ({ period: periodText(x.period, lang), why: x.note ? datesIn(x.note[lang], lang) : '' }));
      out.push({ card, rule, onTime, notJudged });
    }
  }
  return out;
}

/** The range as words: `Ekim 2026` for a whole month, else `01.10.2026 – 15.10.2026`. */
export function rangeText(r: Pick<EvidenceReport, 'from' | 'to'>, lang: Locale): string {
  const month = wholeMonth(r.from, r.to);
  return month ? `${formatMonth(month, lang)} (${day(r.from, lang)} – ${day(r.to, lang)})` : `${day(r.from, lang)} – ${day(r.to, lang)}`;
}

function wholeMonth(from: string, to: string): string | null {
  if (from.slice(0, 7) !== to.slice(0, 7) || !from.endsWith('-01')) return null;
  const y = Number(from.slice(0, 4));
  const m = Number(from.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Number(to.slice(8)) === last ? from.slice(0, 7) : null;
}

const TR_ASCII: Record<string, string> = { ş: 's', Ş: 's', ğ: 'g', Ğ: 'g', ı: 'i', İ: 'i', ü: 'u', Ü: 'u', ö: 'o', Ö: 'o', ç: 'c', Ç: 'c' };

/** `Şule Çağlar` → `sule-caglar`: a file-name part any file system and mail client keeps. */
export function slug(s: string): string {
  return s
    .replace(/[şŞğĞıİüÜöÖçÇ]/g, (c) => TR_ASCII[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/**
 * Download name: who (the specialist, else the card, else the board) and the period, never a hex id:
 * `nabiz-kanit-sule-caglar-2026-10.pdf`, `nabiz-kanit-acme-2026-11-01_2026-11-15.csv`.
 */
export function reportFileName(r: EvidenceReport, ext: string, lang: Locale = 'tr'): string {
  const who = slug(r.filter.memberName ?? r.filter.cardName ?? r.board.name) || 'rapor';
  const when = wholeMonth(r.from, r.to) ?? (r.from === r.to ? r.from : `${r.from}_${r.to}`);
  return `nabiz-${lang === 'en' ? 'evidence' : 'kanit'}-${who}-${when}.${ext}`;
}

/**
 * The facts a period was judged under, in one line (docs/rules.md "Who is responsible"): the responsible person,
 * the owner, leave, cover, freeze and its approval, each with its ledger number (#seq) when known; a range
 * recorded after the day, and a day before the fact history, are said outright.
 */
export function factsLine(f: PeriodFacts, lang: Locale): string {
  const tr = lang === 'tr';
  const seq = (n: number | undefined): string => (n === undefined ? '' : ` #${n}`);
  const range = (r: { from: string; to: string }): string => `${shortDay(r.from, lang)}–${day(r.to, lang)}`;
  const after = (r: { recordedAfter?: boolean; recordedAt?: string }): string =>
    r.recordedAfter && r.recordedAt
      ? tr
        ? ` (günden sonra kaydedildi: ${instant(r.recordedAt, lang)})`
        : ` (recorded after the day: ${instant(r.recordedAt, lang)})`
      : '';
  const parts: string[] = [];
  const who = f.responsible === null ? (tr ? 'kimse (izin, vekil yok)' : 'nobody (leave, no cover)') : (f.responsibleName ?? f.ownerName);
  parts.push(`${tr ? 'Sorumlu' : 'Responsible'}: ${who}`);
  const ownerFrom = f.ownerFrom === 'profile' ? (tr ? 'profil' : 'profile') : f.ownerFrom === 'members' ? (tr ? 'kart üyesi' : 'card member') : '';
  parts.push(`${tr ? 'sahibi' : 'owner'} ${f.ownerName || '—'}${ownerFrom ? ` (${ownerFrom}${seq(f.ownerSeq)})` : ''}`);
  if (f.leave) parts.push(`${tr ? 'izin' : 'leave'} ${range(f.leave)}${seq(f.leave.seq)}${after(f.leave)}`);
  if (f.cover) parts.push(`${tr ? 'vekil' : 'cover'} ${f.coverName ?? f.cover.memberId ?? '—'} ${range(f.cover)}${seq(f.cover.seq)}${after(f.cover)}`);
  if (f.frozen) {
    const approval = f.frozen.approval
      ? `${tr ? 'onaylayan' : 'approved by'} ${f.approverName ?? f.frozen.approval.by} ${instant(f.frozen.approval.at, lang)}${seq(f.frozen.approval.seq)}`
      : f.frozen.approved
        ? tr
          ? 'onay denetlenmedi'
          : 'approval not checked'
        : tr
          ? 'onaysız: muaf sayılmadı'
          : 'not approved: not exempt';
    parts.push(`${tr ? 'dondurma' : 'freeze'} ${range(f.frozen)}${seq(f.frozen.seq)}${after(f.frozen)} (${approval})`);
  }
  if (f.knownFrom)
    parts.push(tr ? `olgular yalnızca ${day(f.knownFrom, lang)} tarihinden itibaren biliniyor` : `facts known only from ${day(f.knownFrom, lang)}`);
  return parts.join(' · ');
}
