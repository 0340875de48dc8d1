// Message texts: e-mail digest (plain + HTML), chat webhook payload, mention comment — each in its recipient's
// language only (Turkish unless the person is marked English), with the words of docs/glossary.md.
// Pure functions of view models; no store, no clock.
import { formatDate, formatPeriodWords, ruleLabel, statusLabel } from '../../../shared/i18n.js';
import type { Locale } from '../../../shared/types.js';
import type { Level } from '../store/notify-schema.js';
import { escapeHtml as esc, plainLine } from '../html.js';

export interface LineView {
  specialist: string;
  customer: string;
  cardUrl: string;
  boardName: string;
  rule: string;
  period: string;
  status: string;
  severity: string;
  level: Level;
  detail: { tr: string; en: string };
  /** docs/rules.md "Compliance and risk": risks get their own section and never count against the specialist. */
  class?: 'compliance' | 'risk';
}

export interface ExpiredView {
  subject: string;
  to: string;
  day: string;
  lines: number;
}

export interface DigestView {
  /** The recipient's language (Person.lang; Turkish by default). */
  lang?: Locale;
  recipientName: string;
  role: 'manager' | 'teamLead' | 'team';
  /** Istanbul day, YYYY-MM-DD. */
  day: string;
  lines: LineView[];
  cleared: LineView[];
  expired: ExpiredView[];
  /** Flags still open that this recipient was told about before. */
  stillOpen: number;
  /** Lines that did not fit (NOTIFY_MAX_LINES); they come in the next digest. */
  held: number;
  outboxUrl?: string;
  /** The recipient's own signed dashboard link (Turkish and English page), e-mail digests only. */
  dashboardUrl?: { tr: string; en: string };
  /**
   * Managers' digests: the evidence ledger's head when the digest was composed, a witness kept in mailboxes
   * (`nabiz verify --head COUNT:HASH`, docs/operations.md "Evidence ledger").
   */
  ledgerHead?: { count: number; hash: string };
}

/** The witness line of a digest: the same text in the plain and HTML parts. */
function headLine(v: DigestView, lang: 'tr' | 'en'): string | null {
  if (!v.ledgerHead) return null;
  const h = `${v.ledgerHead.count}:${v.ledgerHead.hash}`;
  return lang === 'tr' ? `Kanıt defteri başı (nabiz verify --head ile doğrulanır): ${h}` : `Evidence ledger head (check with nabiz verify --head): ${h}`;
}

const ROLE = {
  manager: { tr: 'yönetici', en: 'manager' },
  teamLead: { tr: 'takım lideri', en: 'team lead' },
  team: { tr: 'ekip kanalı', en: 'team channel' },
};

/**
 * Texts we write to Trello must never read as entries: a `#günlük` inside a finding's detail would be
 * parsed as a daily entry by the next scan (docs/grammar.md). Drop the hash of any tag-like word.
 */
export function untag(s: string): string {
  return s.replace(/#\s?(?=[\p{L}])/gu, '');
}

/** A finding period in words: `23.11.2026`, `48. hafta (23.11.2026–29.11.2026)`, `Kasım 2026`. */
const periodWords = (p: string, lang: Locale): string => formatPeriodWords(p, lang);

function lineText(l: LineView, lang: 'tr' | 'en'): string {
  const period = l.period ? ` ${periodWords(l.period, lang)}` : '';
  const crit = l.severity === 'critical' && l.status !== 'critical' ? (lang === 'tr' ? ' [KRİTİK]' : ' [CRITICAL]') : '';
  return `${ruleLabel(l.rule, lang)}${period} — ${statusLabel(l.status, lang)}${crit}: ${l.detail[lang]}`;
}

/** specialist → customer → lines, names sorted the Turkish way. */
export function group(lines: LineView[]): Array<{ specialist: string; customers: Array<{ customer: string; cardUrl: string; lines: LineView[] }> }> {
  const by = new Map<string, Map<string, LineView[]>>();
  for (const l of lines) {
    const s = by.get(l.specialist) ?? new Map<string, LineView[]>();
    by.set(l.specialist, s);
    const key = `${l.customer}\u0000${l.cardUrl}`;
    s.set(key, [...(s.get(key) ?? []), l]);
  }
  const cmp = (a: string, b: string) => a.localeCompare(b, 'tr');
  return [...by.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([specialist, cs]) => ({
      specialist,
      customers: [...cs.entries()]
        .sort(([a], [b]) => cmp(a, b))
        .map(([k, ls]) => {
          // The key is `customer\u0000cardUrl` (built above): two parts.
          const [customer = '', cardUrl = ''] = k.split('\u0000');
          return { customer, cardUrl, lines: ls.sort((x, y) => cmp(x.rule + x.period, y.rule + y.period)) };
        }),
    }));
}

const isRisk = (l: LineView) => l.class === 'risk';
/** The digest's lines split: findings against someone, and risks (the customer's site state). */
function split(lines: LineView[]): { duty: LineView[]; risk: LineView[] } {
  return { duty: lines.filter((l) => !isRisk(l)), risk: lines.filter(isRisk) };
}
const RISK_HEAD = {
  tr: (n: number) => `RİSK (${n}): müşterinin site durumu; uzmana yazılmaz`,
  en: (n: number) => `RISK (${n}): the customer's site state; not counted against the specialist`,
};

/** One language only: the recipient's. */
export function digestSubject(v: DigestView): string {
  const n = v.lines.length;
  const c = v.cleared.length;
  const crit = v.lines.filter((l) => !isRisk(l) && (l.severity === 'critical' || l.level === 'manager')).length;
  if (v.lang === 'en') return `Nabız digest ${v.day}: ${n} new${c ? `, ${c} fixed` : ''}${crit && v.role === 'manager' ? ` (${crit} for managers)` : ''}`;
  return `Nabız özeti ${formatDate(v.day, 'tr')}: ${n} yeni${c ? `, ${c} düzeldi` : ''}${crit && v.role === 'manager' ? ` (${crit} yöneticiye)` : ''}`;
}

function textSection(v: DigestView, lang: 'tr' | 'en'): string {
  const T = lang === 'tr';
  const out: string[] = [];
  out.push(T ? `Nabız günlük özeti — ${formatDate(v.day, 'tr')}` : `Nabız daily digest — ${v.day}`);
  out.push(T ? `Alıcı: ${v.recipientName} (${ROLE[v.role].tr})` : `To: ${v.recipientName} (${ROLE[v.role].en})`);
  out.push('');
  const { duty, risk } = split(v.lines);
  if (duty.length) {
    out.push(T ? `YENİ UYARILAR (${duty.length})` : `NEW FINDINGS (${duty.length})`);
    for (const g of group(duty)) {
      out.push(`${g.specialist}`);
      for (const c of g.customers) {
        out.push(`  ${c.customer} — ${c.cardUrl}`);
        for (const l of c.lines) out.push(`    • ${lineText(l, lang)} <${l.cardUrl}>`);
      }
    }
    out.push('');
  }
  if (risk.length) {
    out.push(RISK_HEAD[lang](risk.length));
    for (const l of [...risk].sort((a, b) => a.customer.localeCompare(b.customer, 'tr')))
      out.push(`  ${l.customer} (${l.specialist}) — ${lineText(l, lang)} <${l.cardUrl}>`);
    out.push('');
  }
  if (v.cleared.length) {
    out.push(T ? `DÜZELDİ (${v.cleared.length})` : `FIXED (${v.cleared.length})`);
    for (const g of group(v.cleared)) {
      out.push(`${g.specialist}`);
      for (const c of g.customers)
        for (const l of c.lines)
          out.push(`  ✓ ${c.customer}: ${ruleLabel(l.rule, lang)} ${l.period ? periodWords(l.period, lang) : ''} <${l.cardUrl}>`.replace(/ {2,}</, ' <'));
    }
    out.push('');
  }
  if (v.held) out.push(T ? `+${v.held} uyarı daha bir sonraki özette (satır sınırı).` : `+${v.held} more in the next digest (line limit).`);
  if (v.stillOpen) out.push(T ? `Daha önce bildirilip hâlâ açık: ${v.stillOpen}` : `Reported before and still open: ${v.stillOpen}`);
  if (v.expired.length) {
    out.push(T ? `TESLİM EDİLEMEYEN BİLDİRİMLER (${v.expired.length})` : `UNDELIVERED NOTIFICATIONS (${v.expired.length})`);
    for (const e of v.expired) out.push(`  ! ${formatDate(e.day, lang)} → ${e.to}: ${e.subject} (${e.lines} ${T ? 'satır' : 'lines'})`);
  }
  if (v.dashboardUrl) out.push(T ? `Paneli aç: ${v.dashboardUrl.tr}` : `Open dashboard: ${v.dashboardUrl.en}`);
  if (v.outboxUrl) out.push(T ? `Giden kutusu: ${v.outboxUrl}` : `Outbox: ${v.outboxUrl}`);
  const head = headLine(v, lang);
  if (head) out.push('', head);
  // Names and details come from Trello: a line break or bidi control in them must not forge a line (html.ts plainLine).
  return out.map(plainLine).join('\n').trimEnd();
}

/** Plain-text digest in the recipient's language. */
export function digestText(v: DigestView): string {
  return `${textSection(v, v.lang ?? 'tr')}\n`;
}

function htmlSection(v: DigestView, lang: 'tr' | 'en'): string {
  const T = lang === 'tr';
  const h: string[] = [];
  h.push(`<section lang="${lang}">`);
  h.push(`<h2 style="font-size:18px;margin:16px 0 4px">${esc(T ? `Nabız günlük özeti — ${formatDate(v.day, 'tr')}` : `Nabız daily digest — ${v.day}`)}</h2>`);
  h.push(
    `<p style="color:#5e6c84;margin:0 0 12px">${esc(T ? `Alıcı: ${v.recipientName} (${ROLE[v.role].tr})` : `To: ${v.recipientName} (${ROLE[v.role].en})`)}</p>`,
  );
  const { duty, risk } = split(v.lines);
  if (duty.length) {
    h.push(`<h3 style="font-size:15px;margin:12px 0 4px">${esc(T ? `Yeni uyarılar (${duty.length})` : `New findings (${duty.length})`)}</h3>`);
    for (const g of group(duty)) {
      h.push(`<h4 style="font-size:14px;margin:8px 0 2px">${esc(g.specialist)}</h4>`);
      for (const c of g.customers) {
        h.push(`<p style="margin:4px 0 0"><a href="${esc(c.cardUrl)}">${esc(c.customer)}</a></p><ul style="margin:2px 0 6px">`);
        for (const l of c.lines) {
          const red = l.severity === 'critical' ? ' style="color:#ae2a19"' : '';
          h.push(`<li${red}><a href="${esc(l.cardUrl)}">${esc(lineText(l, lang))}</a></li>`);
        }
        h.push('</ul>');
      }
    }
  }
  if (risk.length) {
    h.push(`<h3 id="risk" style="font-size:15px;margin:12px 0 4px">${esc(RISK_HEAD[lang](risk.length))}</h3><ul>`);
    for (const l of [...risk].sort((a, b) => a.customer.localeCompare(b.customer, 'tr'))) {
      h.push(`<li><a href="${esc(l.cardUrl)}">${esc(`${l.customer} (${l.specialist}) — ${lineText(l, lang)}`)}</a></li>`);
    }
    h.push('</ul>');
  }
  if (v.cleared.length) {
    h.push(`<h3 style="font-size:15px;margin:12px 0 4px">${esc(T ? `Düzeldi (${v.cleared.length})` : `Fixed (${v.cleared.length})`)}</h3><ul>`);
    for (const l of v.cleared) {
      h.push(
        `<li style="color:#216e4e">✓ <a href="${esc(l.cardUrl)}">${esc(`${l.specialist} · ${l.customer}: ${ruleLabel(l.rule, lang)} ${periodWords(l.period, lang)}`.trim())}</a></li>`,
      );
    }
    h.push('</ul>');
  }
  if (v.held) h.push(`<p>${esc(T ? `+${v.held} uyarı daha bir sonraki özette (satır sınırı).` : `+${v.held} more in the next digest (line limit).`)}</p>`);
  if (v.stillOpen) h.push(`<p>${esc(T ? `Daha önce bildirilip hâlâ açık: ${v.stillOpen}` : `Reported before and still open: ${v.stillOpen}`)}</p>`);
  if (v.expired.length) {
    h.push(
      `<h3 style="font-size:15px;color:#ae2a19">${esc(T ? `Teslim edilemeyen bildirimler (${v.expired.length})` : `Undelivered notifications (${v.expired.length})`)}</h3><ul>`,
    );
    for (const e of v.expired) h.push(`<li>${esc(`${formatDate(e.day, lang)} → ${e.to}: ${e.subject} (${e.lines} ${T ? 'satır' : 'lines'})`)}</li>`);
    h.push('</ul>');
  }
  if (v.dashboardUrl) h.push(`<p><a href="${esc(v.dashboardUrl[lang])}" style="font-weight:600">${esc(T ? 'Paneli aç' : 'Open dashboard')}</a></p>`);
  if (v.outboxUrl) h.push(`<p><a href="${esc(v.outboxUrl)}">${esc(T ? 'Giden kutusu' : 'Outbox')}</a></p>`);
  const head = headLine(v, lang);
  if (head) h.push(`<p style="color:#5e6c84;font-size:12px;font-family:monospace;word-break:break-all">${esc(head)}</p>`);
  h.push('</section>');
  return h.join('\n');
}

/** HTML digest in the recipient's language. Inline styles only (mail clients). */
export function digestHtml(v: DigestView): string {
  const lang = v.lang ?? 'tr';
  return [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Nabız</title></head>`,
    '<body style="font-family:-apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#172b4d;font-size:14px">',
    htmlSection(v, lang),
    '</body></html>',
  ].join('\n');
}

/** Slack (mrkdwn text) or Teams (MessageCard) incoming-webhook JSON. Both accept a `text`. */
export function chatPayload(v: DigestView, format: 'slack' | 'teams'): Record<string, unknown> {
  const lines: string[] = [];
  // Slack reads <…> as links and mentions (<!channel>): text from Trello is escaped as Slack asks (&, <, >).
  const t = (s: string) => (format === 'slack' ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s);
  const link = (url: string, label: string) => (format === 'slack' ? `<${url}|${t(label.replace(/[<>|]/g, ''))}>` : `[${label.replace(/[[\]]/g, '')}](${url})`);
  lines.push(format === 'slack' ? `*${digestSubject(v)}*` : `**${digestSubject(v)}**`);
  const { duty, risk } = split(v.lines);
  for (const g of group(duty)) {
    lines.push(format === 'slack' ? `*${t(g.specialist)}*` : `**${g.specialist}**`);
    for (const c of g.customers) for (const l of c.lines) lines.push(`• ${link(l.cardUrl, c.customer)} — ${t(lineText(l, 'tr'))}`);
  }
  if (risk.length) {
    lines.push(format === 'slack' ? `*${RISK_HEAD.tr(risk.length)}*` : `**${RISK_HEAD.tr(risk.length)}**`);
    for (const l of risk) lines.push(`• ${link(l.cardUrl, l.customer)} (${t(l.specialist)}) — ${t(lineText(l, 'tr'))}`);
  }
  if (v.cleared.length) {
    lines.push(`Düzeldi (${v.cleared.length}):`);
    for (const l of v.cleared) lines.push(`✓ ${link(l.cardUrl, l.customer)} — ${ruleLabel(l.rule, 'tr')} ${periodWords(l.period, 'tr')}`.trimEnd());
  }
  if (v.held) lines.push(`+${v.held} uyarı daha bir sonraki özette`);
  if (v.expired.length) lines.push(`Teslim edilemeyen bildirimler: ${v.expired.map((e) => `${formatDate(e.day, 'tr')} → ${t(e.to)}`).join(', ')}`);
  const text = lines.map(plainLine).join('\n');
  if (format === 'teams') {
    return {
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: digestSubject(v),
      themeColor: 'AE2A19',
      text: text.replace(/\n/g, '\n\n'),
    };
  }
  return { text };
}

/**
 * Mention comment on the card, in the member's language only (Turkish unless marked English), tag-free so the
 * scanner ignores it. "eksik" only when every line is a missing entry; anything else (a 95 % disk) is an "uyarı".
 */
export function mentionText(member: { username?: string; fullName: string }, lines: LineView[], lang: Locale = 'tr'): string {
  const who = member.username ? `@${member.username}` : member.fullName;
  const allMissing = lines.length > 0 && lines.every((l) => l.status === 'missing');
  const head =
    lang === 'en'
      ? allMissing
        ? 'Missing entries on this card.'
        : 'Open findings on this card.'
      : allMissing
        ? 'bu kartta eksik kayıt var.'
        : 'bu kartta açık uyarı var.';
  const out = [`${who} Nabız: ${head}`];
  for (const l of lines) out.push(`- ${untag(lineText(l, lang))}`);
  out.push(lang === 'en' ? '(The finding clears on its own once fixed.)' : '(Düzeltildiğinde uyarı kendiliğinden kalkar.)');
  return out.map(plainLine).join('\n');
}
