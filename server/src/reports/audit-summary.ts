// The lead's summary of `nabiz audit` (--format text, the readable form): what was read, which cards were
// judged and from when, and — when nothing was — why; then the totals. Kept apart from audit-format.ts (the
// per-finding formats) so both can change independently.
import { judgingStart, selectCustomers, type SkipReason } from '../../../shared/customers.js';
import { formatPercent, formatPeriod, ruleLabel, statusLabel, translate } from '../../../shared/i18n.js';
import { readSettings } from '../../../shared/profile.js';
import type { AuditResult, BoardSnapshot, Locale } from '../../../shared/types.js';
import { auditNames } from './audit-format.js';

export interface AuditOverview {
  board: string;
  cards: number;
  customers: number;
  skipped: Partial<Record<SkipReason, number>>;
  /** Customer list ids in the settings that the board does not have. */
  unknownLists: string[];
  judging: { from?: string; source: 'settings' | 'first-entry' | 'none' };
  settingsFound: boolean;
  settingsError?: string;
  findings: number;
  bySeverity: Record<string, number>;
  historyCut: boolean;
  historyFrom?: string;
}

export function auditOverview(snapshot: BoardSnapshot, result: AuditResult, now: Date): AuditOverview {
  const { settings, error } = readSettings(snapshot.pluginData);
  const settingsFound = snapshot.pluginData.some((p) => /"settings"\s*:/.test(p.value));
  const start = judgingStart(snapshot, settings, now);
  const sel = selectCustomers(snapshot, settings);
  const skipped: Partial<Record<SkipReason, number>> = {};
  for (const s of sel.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
  const bySeverity: Record<string, number> = {};
  for (const f of result.findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  return {
    board: snapshot.name || snapshot.id,
    cards: snapshot.cards.length,
    customers: start.day ? sel.customers.length : 0,
    skipped,
    unknownLists: sel.unknownLists,
    judging: { ...(start.day ? { from: start.day } : {}), source: start.source },
    settingsFound,
    ...(error ? { settingsError: error } : {}),
    findings: result.findings.length,
    bySeverity,
    historyCut: result.summary.historyCut,
    ...(result.summary.historyFrom ? { historyFrom: result.summary.historyFrom } : {}),
  };
}

const SKIP_TEXT: Record<SkipReason, { tr: string; en: string }> = {
  closed: { tr: 'arşivlenmiş kart', en: 'archived card' },
  'archived-list': { tr: 'arşivlenmiş listede', en: 'in an archived list' },
  'other-list': { tr: 'müşteri listelerinin dışında', en: 'outside the customer lists' },
  template: { tr: 'şablon kart', en: 'template card' },
  'not-customer': { tr: '"müşteri değil" işaretli', en: 'marked "not a customer"' },
  'lead-card': { tr: 'takım liderinin kartı (ay sonu görüşmeleri)', en: "the team lead's card (month-end reviews)" },
  'no-creation-time': { tr: 'oluşturulma zamanı bilinmiyor', en: 'creation time unknown' },
};

/**
 * Whether anything was judged, and why not when nothing was: the same words in the text summary and in
 * `--format json` ("judging"), so a board without a single Nabız entry cannot pass for a clean one.
 */
export interface AuditJudging {
  judged: boolean;
  /** Why nothing was judged: no tracking start and no entry at all, or not one customer card. */
  reason?: 'no-start-no-entry' | 'no-customer-cards';
  source: AuditOverview['judging']['source'];
  from?: string;
  customers: number;
  /** The sentences of the text summary, in the requested language. */
  message: string;
}

/** The judging lines of the summary (where judging starts and the customer count, or why nothing is judged). */
function judgingLines(o: Pick<AuditOverview, 'judging' | 'customers'>, locale: Locale): { reason?: AuditJudging['reason']; lines: string[] } {
  const tr = locale === 'tr';
  if (o.judging.source === 'none') {
    return {
      reason: 'no-start-no-entry',
      lines: [
        tr
          ? 'Henüz hiçbir şey değerlendirilmedi: panoda izleme başlangıcı (trackingStart) yok ve tek bir Nabız girişi (#günlük, #haftalık, #aylık …) bulunmadı.'
          : 'Nothing is judged yet: the board has no tracking start (trackingStart) and not a single Nabız entry (#günlük, #haftalık, #aylık …).',
        tr
          ? 'İlk giriş yazıldığında pano o günden itibaren değerlendirilir; ya da ayarlardan bir başlangıç günü verin.'
          : 'Once the first entry is written the board is judged from that day on; or set a start day in the settings.',
      ],
    };
  }
  const from = formatPeriod(o.judging.from ?? '', locale);
  const why =
    o.judging.source === 'settings'
      ? tr
        ? 'ayarlardaki izleme başlangıcı'
        : 'the tracking start in the settings'
      : tr
        ? 'panodaki ilk Nabız girişi; ayarlarda izleme başlangıcı yok'
        : "the board's first Nabız entry; no tracking start in the settings";
  const lines = [
    tr ? `Değerlendirme başlangıcı: ${from} (${why})` : `Judged from: ${from} (${why})`,
    tr ? `Müşteri kartı: ${o.customers}` : `Customer cards: ${o.customers}`,
  ];
  if (o.customers > 0) return { lines };
  lines.push(
    tr
      ? 'Hiçbir şey değerlendirilmedi: müşteri kartı yok (arşivlenmiş, şablon, "müşteri değil" ya da müşteri listelerinin dışında).'
      : 'Nothing is judged: not one customer card (archived, template, marked "not a customer" or outside the customer lists).',
  );
  return { reason: 'no-customer-cards', lines };
}

/** Whether anything is judged and why not (the `judging` field of `--format json`). */
export function auditJudging(snapshot: BoardSnapshot, now: Date, locale: Locale = 'tr'): AuditJudging {
  const { settings } = readSettings(snapshot.pluginData);
  const start = judgingStart(snapshot, settings, now);
  const customers = start.day ? selectCustomers(snapshot, settings).customers.length : 0;
  const o = { judging: { ...(start.day ? { from: start.day } : {}), source: start.source }, customers };
  const { reason, lines } = judgingLines(o, locale);
  return {
    judged: !reason,
    ...(reason ? { reason } : {}),
    source: start.source,
    ...(start.day ? { from: start.day } : {}),
    customers,
    message: lines.join(' '),
  };
}

/** The summary lines a lead reads first. */
export function renderAuditSummary(o: AuditOverview, locale: Locale = 'tr'): string[] {
  const tr = locale === 'tr';
  const lines: string[] = [];
  lines.push(tr ? `Pano: ${o.board} — ${o.cards} kart okundu` : `Board: ${o.board} — ${o.cards} cards read`);
  if (!o.settingsFound)
    lines.push(
      tr ? 'Nabız ayarı yok: varsayılanlar kullanıldı (her liste müşteri listesi).' : 'No Nabız settings: defaults used (every list holds customers).',
    );
  if (o.settingsError)
    lines.push(tr ? `Ayarlar geçersiz, varsayılanlar kullanıldı: ${o.settingsError}` : `Settings invalid, defaults used: ${o.settingsError}`);
  lines.push(...judgingLines(o, locale).lines);
  // biome-ignore lint/nursery/noUnsafeTypeAssertion: the keys of a Partial<Record<SkipReason, number>> are SkipReasons (Object.entries says string); kept in the order the cards gave them.
  const skipped = Object.entries(o.skipped) as Array<[SkipReason, number]>;
  if (skipped.length > 0) {
    const parts = skipped.map(([r, n]) => `${n} ${SKIP_TEXT[r][locale]}`);
    lines.push(tr ? `Değerlendirilmeyen: ${parts.join(', ')}` : `Not judged: ${parts.join(', ')}`);
  }
  if (o.unknownLists.length > 0) {
    lines.push(
      tr
        ? `Ayarlardaki bu müşteri listeleri panoda yok: ${o.unknownLists.join(', ')}`
        : `Customer lists named in the settings that the board lacks: ${o.unknownLists.join(', ')}`,
    );
  }
  if (o.historyCut) {
    const from = o.historyFrom ? formatPeriod(o.historyFrom, locale) : '';
    lines.push(
      tr
        ? `Dışa aktarım Trello'nun 1000 işlem sınırında: ${from} öncesi değerlendirilmedi.`
        : `The export holds Trello's cap of 1000 actions: nothing before ${from} was judged.`,
    );
  }
  const sev = (['critical', 'warning', 'info'] as const).filter((s) => o.bySeverity[s]).map((s) => `${o.bySeverity[s]} ${translate(`severity.${s}`, locale)}`);
  lines.push(tr ? `Bulgu: ${o.findings}${sev.length ? ` (${sev.join(', ')})` : ''}` : `Findings: ${o.findings}${sev.length ? ` (${sev.join(', ')})` : ''}`);
  return lines;
}

/** `--format text`: the summary, the per-specialist rates, then one line per finding. */
export function renderAuditText(snapshot: BoardSnapshot, result: AuditResult, ctx: { now: Date; locale?: Locale }): string {
  const l = ctx.locale ?? 'tr';
  const out = renderAuditSummary(auditOverview(snapshot, result, ctx.now), l);
  const members = Object.values(result.summary.byMember);
  if (members.length > 0) {
    out.push('', l === 'tr' ? 'Uzman başına zamanında oranı (günlük / haftalık / aylık):' : 'On-time rate per specialist (daily / weekly / monthly):');
    const p = (c: { percent: number | null }) => (c.percent === null ? '–' : formatPercent(c.percent, l));
    for (const m of members) out.push(`  ${m.name} (${m.cards}): ${p(m.daily)} / ${p(m.weekly)} / ${p(m.monthly)}`);
  }
  if (result.findings.length > 0) {
    const n = auditNames({ snapshot, now: ctx.now, locale: l });
    out.push('', l === 'tr' ? 'Bulgular:' : 'Findings:');
    for (const f of result.findings) {
      const parts = [n.card(f.cardId), ruleLabel(f.rule, l), f.period ? formatPeriod(f.period, l) : '', statusLabel(f.status, l), n.member(f.memberId)].filter(
        Boolean,
      );
      out.push(`  ${parts.join(' · ')} — ${f.detail[l]}`);
    }
  }
  return out.join('\n') + '\n';
}
