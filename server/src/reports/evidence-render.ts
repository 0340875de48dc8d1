// Text renderers of the evidence report model: html (self-contained, printable; summary, exceptions, appendix),
// csv (one row per period, every period), json (the whole model).
import { present } from '../../../shared/guards.js';
import type { Locale } from '../../../shared/types.js';
import type { EvidenceEntry, EvidenceReport, FactRow } from './evidence-model.js';
import { ruleName, statusName, t } from './strings.js';
import { translate } from '../../../shared/i18n.js';
import {
  appendix,
  datesIn,
  deletionNoticedMark,
  entryLines,
  entryMarks,
  exceptions,
  explanationLine,
  factsLine,
  instant,
  periodText,
  rangeText,
  rulesStamp,
  summaryHeader,
  summaryRows,
  type AppendixMode,
} from './evidence-view.js';
import { escapeHtml, markInvisible } from '../html.js';

export type ReportFormat = 'html' | 'pdf' | 'csv' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'csv', 'json'];

export { escapeHtml, entryMarks, deletionNoticedMark };

/** One line describing the ledger verification (also printed by the CLI on failure). */
export function verificationLine(r: EvidenceReport, lang: Locale): string {
  const v = r.ledger.verification;
  const fill = (key: Parameters<typeof t>[0], vars: Record<string, string>) => t(key, lang).replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '');
  const resets = [
    ...(r.ledger.resets ?? []).map((x) => fill('resetAccepted', { at: instant(x.at, lang), what: x.witnesses.join('; ') })),
    ...(r.ledger.unreadableResets ?? []).map((x) =>
      fill('resetUnreadable', { where: `meta ${x.key}${x.index !== undefined ? ` #${x.index}` : ''}`, why: x.reason }),
    ),
  ];
  if (!v.ok) {
    const b = v.badRecord;
    const who = b ? ` — ${t('firstBad', lang)}: #${b.seq} (${b.type}, action ${b.actionId}, card ${b.cardId})` : ` — ${t('firstBad', lang)}: #${v.badSeq}`;
    return [`${t('verifyFail', lang)}${who}: ${v.reason}`, ...resets].join('; ');
  }
  // Exactly what was verified: how much of the chain, and against which witness (store/integrity.ts).
  const parts = [`${t('verifyOk', lang)} (${v.count} ${t('records', lang)})`];
  if (r.ledger.checkedFrom !== undefined) {
    parts.push(
      r.ledger.checkedFrom > 0
        ? fill('checkedFrom', { n: String(r.ledger.checkedFrom), at: r.ledger.checkpointAt ? instant(r.ledger.checkpointAt, lang) : '?' })
        : t('checkedAll', lang),
    );
  }
  if (r.ledger.witnesses) {
    if (r.ledger.witnesses.length === 0) parts.push(t('noWitness', lang));
    for (const w of r.ledger.witnesses) {
      if (w.status === 'match') parts.push(fill('witnessMatch', { at: w.at ? instant(w.at, lang) : w.source }));
      else if (w.status === 'unreadable') parts.push(fill('witnessUnchecked', { what: w.source, why: w.reason ?? '' }));
    }
  }
  return [...parts, ...resets].join('; ');
}

function ledgerRangeLine(r: EvidenceReport, lang: Locale): string {
  const l = r.ledger;
  if (l.firstSeq === null) return `0 ${t('records', lang)}`;
  return `#${l.firstSeq}–#${l.lastSeq} (${l.count} ${t('records', lang)}; ${instant(present(l.firstRecordedAt, 'first recordedAt'), lang)} – ${instant(present(l.lastRecordedAt, 'last recordedAt'), lang)})`;
}

/** A fact's time as a reviewer reads it: `23.11.2026 14:05 (Trello tarihi)` or `fark edildi 23.11.2026 14:05`. */
export function factTime(f: FactRow, lang: Locale): string {
  return f.timeSource === 'trello' ? `${instant(f.at, lang)} (${t('trelloDated', lang)})` : `${t('noticedAt', lang)} ${instant(f.at, lang)}`;
}

/** Header facts shared by every renderer: [label, value] pairs, dates in the reader's format. */
export function headerFacts(r: EvidenceReport, lang: Locale): Array<[string, string]> {
  const facts: Array<[string, string]> = [[t('board', lang), r.board.name]];
  if (r.filter.cardId) facts.push([t('card', lang), r.filter.cardName ?? r.filter.cardId]);
  if (r.filter.memberId) facts.push([t('member', lang), r.filter.memberName ?? r.filter.memberId]);
  facts.push(
    [t('range', lang), rangeText(r, lang)],
    [t('generated', lang), `${instant(r.generatedAt, lang)} (${t('istanbul', lang)})`],
    [t('rules', lang), rulesStamp(lang)],
    [t('ledgerRange', lang), ledgerRangeLine(r, lang)],
    [t('ledger', lang), verificationLine(r, lang)],
    [t('history', lang), r.history.note ? datesIn(r.history.note[lang], lang) : t('historyComplete', lang)],
  );
  return facts;
}

// ───────────── HTML ─────────────

const CSS = `
body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:24px;color:#172b4d;font-size:13px}
h1{font-size:20px;margin:0 0 8px}h2{font-size:16px;margin:24px 0 6px}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #c1c7d0;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f4f5f7;hyphens:none;word-break:normal;overflow-wrap:normal}.facts th{width:200px}
.st-missing{color:#ae2a19;font-weight:bold}.explanation{display:inline-block;margin-top:2px;color:#172b4d}.explanation.excused{color:#216e4e}.st-late,.st-incomplete{color:#a54800}
.st-ok{color:#216e4e}.st-not-judged{color:#626f86}.bad{color:#ae2a19;font-weight:bold}.mark{color:#ae2a19}
.orig{color:#626f86;font-style:italic}small,.lead{color:#626f86}td.nw{white-space:nowrap}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
@media print{body{margin:0}a{color:inherit;text-decoration:none}}`;

function entryHtml(e: EvidenceEntry, lang: Locale): string {
  const l = entryLines(e, lang);
  return [
    `<a href="${escapeHtml(e.url ?? '#')}">${escapeHtml(l.head)}</a>`,
    `<br>${escapeHtml(l.excerpt)}`,
    l.original ? `<br><span class="orig">${escapeHtml(l.original)}</span>` : '',
  ].join('');
}

const cap = (s: string, lang: Locale) => s.charAt(0).toLocaleUpperCase(lang === 'tr' ? 'tr-TR' : 'en-US') + s.slice(1);

export interface RenderOptions {
  appendix?: AppendixMode;
}

export function renderHtml(r: EvidenceReport, lang: Locale = 'tr', opts: RenderOptions = {}): string {
  const facts = headerFacts(r, lang)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td${!r.ledger.verification.ok && k === t('ledger', lang) ? ' class="bad"' : ''}>${escapeHtml(v)}</td></tr>`)
    .join('');
  const head = summaryHeader(lang);
  const summary = `<table id="summary"><thead><tr>${head.map((h, i) => `<th${i ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${summaryRows(
    r,
    lang,
  )
    .map((cells) => `<tr>${cells.map((c, i) => `<td${i ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

  const ex = exceptions(r);
  const exRows = ex
    .map(({ card, row }) => {
      const main = row.entry ? entryHtml(row.entry, lang) : `<span class="st-missing">${t('noEntry', lang)}</span>`;
      const others = row.others.length ? `<br><small>${t('alsoEntries', lang)}:</small>` + row.others.map((o) => `<br>${entryHtml(o, lang)}`).join('') : '';
      const note = row.note ? `<br><small>${escapeHtml(datesIn(row.note[lang], lang))}</small>` : '';
      const esc = (row.escalations ?? [])
        .map((e) => `<br><small class="escalation">${escapeHtml(e.label[lang])}</small><br>${entryHtml(e.entry, lang)}`)
        .join('');
      const facts = row.facts ? `<br><small class="facts">${escapeHtml(factsLine(row.facts, lang))}</small>` : '';
      const said = explanationLine(row, lang);
      const story = said ? `<br><span class="explanation${row.explanation?.accepted ? ' excused' : ''}">${escapeHtml(said)}</span>` : '';
      const name = card.url ? `<a href="${escapeHtml(card.url)}">${escapeHtml(card.name)}</a>` : escapeHtml(card.name);
      return `<tr><td>${name}</td><td>${ruleName(row.rule, lang)}</td><td class="nw">${escapeHtml(periodText(row.period, lang))}</td><td>${escapeHtml(row.memberName)}</td><td class="st-${row.status}">${escapeHtml(statusName(row.status, lang))}</td><td>${main}${others}${esc}${note}${facts}${story}</td></tr>`;
    })
    .join('');
  const exTable = ex.length
    ? `<table id="exceptions"><thead><tr><th>${t('customer', lang)}</th><th>${t('rule', lang)}</th><th>${t('period', lang)}</th><th>${t('member', lang)}</th><th>${t('status', lang)}</th><th>${t('evidence', lang)}</th></tr></thead><tbody>${exRows}</tbody></table>`
    : `<p>${t('noExceptions', lang)}</p>`;

  const riskList = r.cards.flatMap((c) => (c.risks ?? []).map((f) => ({ c, f })));
  const riskHtml = riskList.length
    ? `<h2>${t('risks', lang)}</h2><ul id="risks">${riskList
        .map(
          ({ c, f }) =>
            `<li>${escapeHtml(c.name)} · ${escapeHtml(translate(`rule.${f.rule}`, lang))} · ${escapeHtml(f.period ? periodText(f.period, lang) : '—')} — ${escapeHtml(datesIn(f.detail[lang], lang))}</li>`,
        )
        .join('')}</ul>`
    : '';
  const others = r.cards.flatMap((c) => c.otherFindings.map((f) => ({ c, f })));
  const otherHtml = others.length
    ? `<h2>${t('otherFindings', lang)}</h2><ul id="other-findings">${others
        .map(
          ({ c, f }) =>
            `<li>${escapeHtml(c.name)} · ${escapeHtml(translate(`rule.${f.rule}`, lang))} · ${escapeHtml(f.period ? periodText(f.period, lang) : '—')} · ${escapeHtml(translate(`status.${f.status}`, lang))} — ${escapeHtml(datesIn(f.detail[lang], lang))}</li>`,
        )
        .join('')}</ul>`
    : '';

  const factsHtml = `<h2>${t('facts', lang)}</h2><p class="lead">${t('factsLead', lang)}</p>${r.facts.note ? `<p>${escapeHtml(datesIn(r.facts.note[lang], lang))}</p>` : ''}${
    r.facts.rows.length
      ? `<table id="facts"><thead><tr><th>#</th><th>${t('factTime', lang)}</th><th>${t('customer', lang)}</th><th>${t('fact', lang)}</th></tr></thead><tbody>${r.facts.rows
          .map(
            (f) =>
              `<tr><td class="num">${f.seq ?? '—'}</td><td class="nw">${escapeHtml(factTime(f, lang))}</td><td>${escapeHtml(f.cardName ?? '—')}</td><td>${escapeHtml(datesIn(f.text[lang], lang))}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : `<p>${t('noFacts', lang)}</p>`
  }`;

  let app = '';
  if ((opts.appendix ?? 'compact') === 'compact') {
    const groups = appendix(r, lang);
    app = `<h2>${t('appendix', lang)}</h2><p class="lead">${t('appendixLead', lang)}</p><table id="appendix"><thead><tr><th>${t('customer', lang)}</th><th>${t('rule', lang)}</th><th>${escapeHtml(cap(statusName('ok', lang), lang))}</th><th>${escapeHtml(cap(statusName('not-judged', lang), lang))}</th></tr></thead><tbody>${groups
      .map(
        (g) =>
          `<tr><td>${escapeHtml(g.card.name)}</td><td>${ruleName(g.rule, lang)}</td><td>${g.onTime.length ? `${g.onTime.length}: ${escapeHtml(g.onTime.join(', '))}` : '—'}</td><td>${g.notJudged.map((n) => `${escapeHtml(n.period)}${n.why ? ` <small>(${escapeHtml(n.why)})</small>` : ''}`).join('<br>') || '—'}</td></tr>`,
      )
      .join('')}</tbody></table>`;
  } else app = `<p class="lead">${t('appendixOmitted', lang)}</p>`;

  const title = `${t('title', lang)} — ${r.filter.memberName ?? r.filter.cardName ?? r.board.name} — ${rangeText(r, lang)}`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<table class="facts">${facts}</table>
<h2>${t('summary', lang)}</h2>${summary}
<h2>${t('exceptions', lang)} (${ex.length})</h2><p class="lead">${t('exceptionsLead', lang)}</p>${exTable}
${otherHtml}
${riskHtml}
${factsHtml}
${app}
</body></html>
`;
}

// ───────────── CSV ─────────────

function csvCell(v: string | number | boolean | undefined | null): string {
  let s = v === undefined || v === null ? '' : markInvisible(String(v));
  // A comment starting with = + - @ would run as a formula in a spreadsheet.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  'board_id',
  'card_id',
  'card_name',
  'rule',
  'period',
  'member_id',
  'member_name',
  'status',
  'action_id',
  'author_id',
  'author_name',
  'posted_at_istanbul',
  'posted_at_utc',
  'for_date',
  'late',
  'edited_after_period',
  'edited_at',
  'deleted',
  'deleted_at',
  'excerpt',
  'original_text',
  'ledger_seqs',
  'note',
  // deleted_at is then when Nabız noticed the deletion, not a time Trello gave.
  'deletion_noticed',
  'last_seen_at',
  // Who was responsible and under which facts (owner, leave, cover, freeze, ledger numbers): docs/rules.md.
  'facts',
  // The specialist's side of the story and its acceptance (docs/rules.md "Explanations and excused periods").
  'explanation',
  'explanation_by',
  'explanation_counts',
  'accepted_by',
  'accepted_at',
  'excused',
] as const;

/**
 * The Turkish report's column names, in CSV_COLUMNS order: a Turkish reader opens the file in Excel and reads the
 * headings (`lang=en` keeps the English machine names above, for programs).
 */
export const CSV_COLUMNS_TR = [
  'pano_no',
  'kart_no',
  'müşteri',
  'kural',
  'dönem',
  'sorumlu_no',
  'sorumlu',
  'durum',
  'kayıt_no',
  'yazan_no',
  'yazan',
  'yazılma_istanbul',
  'yazılma_utc',
  'gün',
  'geç',
  'dönemden_sonra_düzenlendi',
  'düzenlenme',
  'silindi',
  'silinme',
  'alıntı',
  'ilk_metin',
  'defter_kayıtları',
  'not',
  'silinme_taramada_görüldü',
  'son_görülme',
  'sorumluluk_dayanağı',
  'açıklama',
  'açıklayan',
  'açıklama_sayılır',
  'kabul_eden',
  'kabul_zamanı',
  'mazeretli',
] as const satisfies { length: (typeof CSV_COLUMNS)['length'] };

/**
 * One row per period (plus one per extra entry); `#` lines on top carry the verification and history.
 * `;` separators and a UTF-8 BOM like `nabiz audit` (Excel in a Turkish locale: the comma is the decimal sign).
 * In Turkish the rule, period, status and yes/no values are words (`Günlük`, `50. hafta (…)`, `EKSİK`, `evet`);
 * ids, instants and dates stay machine-readable in both languages.
 */
export function renderCsv(r: EvidenceReport, lang: Locale = 'tr'): string {
  const tr = lang === 'tr';
  const yes = (b: boolean | undefined): string | boolean | undefined => (tr ? (b ? 'evet' : 'hayır') : b);
  const lines: string[] = [];
  for (const [k, v] of headerFacts(r, lang)) lines.push(`# ${k}: ${v.replace(/[\r\n]+/g, ' ')}`);
  lines.push((tr ? CSV_COLUMNS_TR : CSV_COLUMNS).join(';'));
  for (const c of r.cards) {
    for (const row of c.rows) {
      const entries: Array<EvidenceEntry | undefined> = row.entry ? [row.entry, ...row.others] : [undefined];
      // Escalations written for the day: one line each, beside the period they explain.
      for (const x of row.escalations ?? []) entries.push(x.entry);
      for (const e of entries) {
        lines.push(
          [
            r.board.id,
            c.cardId,
            c.name,
            tr ? ruleName(row.rule, lang) : row.rule,
            tr ? periodText(row.period, lang) : row.period,
            row.memberId,
            row.memberName,
            tr ? statusName(row.status, lang) : row.status,
            e?.actionId,
            e?.authorId,
            e?.authorName,
            e?.postedAtLocal,
            e?.postedAt,
            e?.forDate,
            e ? yes(e.late) : '',
            e ? yes(e.editedAfterPeriod) : '',
            e?.editedAt,
            e ? yes(e.deleted) : '',
            e?.deletedAt,
            e?.excerpt,
            e?.originalText,
            e?.ledgerSeqs.join(' '),
            row.note?.[lang],
            e?.deletionNoticed ? (tr ? 'evet' : true) : '',
            e?.lastSeenAt,
            row.facts ? factsLine(row.facts, lang) : '',
            row.explanation?.text,
            row.explanation?.byName,
            row.explanation ? yes(row.explanation.responsible) : '',
            row.explanation?.accepted?.byName,
            row.explanation?.accepted?.at,
            row.explanation ? yes(!!(row.explanation.accepted && row.explanation.responsible)) : '',
          ]
            .map(csvCell)
            .join(';'),
        );
      }
    }
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function renderJson(r: EvidenceReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}

/**
 * renderJson's text in parts, one card at a time (the same bytes): a board × two-year report is hundreds of MB,
 * too much to hold as one string beside the report (docs/operations.md "Limits").
 */
export function* renderJsonParts(r: EvidenceReport): Generator<string> {
  const mark = '\u0000cards';
  // The mark occurs once in the text, so the split has exactly two parts.
  const [head = '', tail = ''] = JSON.stringify({ ...r, cards: mark }, null, 2).split(JSON.stringify(mark));
  if (r.cards.length === 0) {
    yield `${head}[]${tail}\n`;
    return;
  }
  yield `${head}[`;
  // Cards sit two levels deep: JSON.stringify(…, null, 2) indents their lines by four more spaces.
  for (const [i, c] of r.cards.entries()) yield `${i ? ',' : ''}\n    ${JSON.stringify(c, null, 2).replace(/\n/g, '\n    ')}`;
  yield `\n  ]${tail}\n`;
}
