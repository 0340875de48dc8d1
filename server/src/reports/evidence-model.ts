// The evidence report model (R62: the card history is the evidence of penalty reviews).
// Pure: data in, model out — no I/O, no clock reads. Renderers (html/csv/json/pdf) only format this.
import type { Fact } from '../../../shared/facts.js';
import type { WitnessCheck } from '../store/witness.js';
import type { AuditResult, BoardSnapshot, CommentRecord, DateKey, Finding, ParsedEntry, Text2 } from '../../../shared/types.js';
import type { LedgerRecord } from '../store/schema.js';
import type { LedgerRowRef } from '../store/store.js';
import { addDays, dateKey, dayEnd, dayStart, isDateKey, laterDay, monthKey, timeOfDay, weekKey } from '../../../shared/dates.js';
import { entryPeriodEnd, prepareBoard, type PreparedBoard } from '../../../shared/compliance.js';
import { JUDGED_RULES, judgedPeriods, type JudgedPeriod, type JudgedRule } from '../../../shared/compliance/judged-periods.js';
import { parseEntry } from '../../../shared/entries.js';
import { escalationOf, type EscalationTo, type EscalationTopic } from '../../../shared/escalations.js';
import { maxOf, minOf } from '../../../shared/arrays.js';
import type { DayBasis } from '../../../shared/compliance/facts-in-force.js';
import { formatPeriodWords } from '../../../shared/i18n.js';
import { explanationsOf, shownExplanation, type ExplanationOptions } from '../../../shared/explanations.js';
import { leadCardOf } from '../../../shared/compliance/context.js';
import { reviewItemMember } from '../../../shared/month-review.js';

/** The facts a period was judged under (docs/rules.md "Who is responsible"), with the names a reader needs. */
export type PeriodFacts = DayBasis & { ownerName: string; responsibleName?: string; coverName?: string; approverName?: string };

/** Bad report input (unknown board/card/member, reversed range, no data): CLI exit 2, HTTP 400. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
  constructor(
    message: string,
    /** The same in Turkish, for the dashboard. */
    readonly tr: string = message,
  ) {
    super(message);
  }
}

export { JUDGED_RULES, type JudgedRule };

/** ok = an on-time entry; not-judged = before complete history, or not yet due. Never omitted silently. */
export type PeriodStatus = 'ok' | 'late' | 'missing' | 'incomplete' | 'not-judged';

export interface EvidenceEntry {
  actionId: string;
  authorId: string;
  authorName: string;
  /** ISO, UTC (as Trello stores it). */
  postedAt: string;
  /** `YYYY-MM-DD HH:mm` in Europe/Istanbul. */
  postedAtLocal: string;
  forDate: DateKey;
  excerpt: string;
  late: boolean;
  /** Edited after its period ended (R62 evidence: the text may have been fixed after the fact). */
  editedAfterPeriod: boolean;
  editedAt?: string;
  /** Text before the edit, when the ledger holds it. */
  originalText?: string;
  deleted: boolean;
  /** Trello's deleteComment time, or — when `deletionNoticed` — when Nabız noticed the comment missing. */
  deletedAt?: string;
  /** No deleteComment dated it: a full pass noticed it missing at `deletedAt`; it was last seen present at `lastSeenAt`. */
  deletionNoticed?: boolean;
  lastSeenAt?: string;
  /** Link that opens the comment in Trello. */
  url?: string;
  /** Ledger records (seq) about this action: first sight, edits, deletion. */
  ledgerSeqs: number[];
}

export interface PeriodRow {
  rule: JudgedRule;
  /** `YYYY-MM-DD`, `YYYY-Www` or `YYYY-MM`. */
  period: string;
  cardId: string;
  memberId: string;
  memberName: string;
  status: PeriodStatus;
  /** The entry that satisfied the period (or the best candidate when late/incomplete/deleted). */
  entry?: EvidenceEntry;
  /** Further entries for the same period (duplicates, deleted ones). */
  others: EvidenceEntry[];
  /** Why, for not-judged / incomplete / evaluator detail. */
  note?: Text2;
  /** Who was responsible and under which facts (owner, leave, cover, freeze and approval, ledger numbers). */
  facts?: PeriodFacts;
  /** `#bildirildi` entries written for this day (P11, P20, R14): whom the specialist told and about what. */
  escalations?: EscalationNote[];
  /** An exception's side of the story (docs/rules.md "Explanations and excused periods"): shown beside it, never instead. */
  explanation?: RowExplanation;
}

/** An escalation on record beside the day it was written for (docs/rules.md "Escalations on record"). */
export interface EscalationNote {
  to: EscalationTo[];
  topic: EscalationTopic | null;
  /** `Bildirildi (yönetici): müşteriye ulaşılamıyor`. */
  label: Text2;
  entry: EvidenceEntry;
}

const ESC_TO: Record<EscalationTo, Text2> = {
  manager: { tr: 'yönetici', en: 'manager' },
  teamLead: { tr: 'takım lideri', en: 'team lead' },
  keyAccount: { tr: 'kilit müşteri yöneticisi', en: 'key-account manager' },
};
const ESC_TOPIC: Record<EscalationTopic, Text2> = {
  unreachable: { tr: 'müşteriye ulaşılamıyor', en: 'customer unreachable' },
  training: { tr: 'müşteri eğitim istemiyor', en: 'customer does not want training' },
  department: { tr: 'departman takıldı', en: 'a department is stuck' },
};

function escalationLabel(to: EscalationTo[], topic: EscalationTopic | null): Text2 {
  const who = (l: 'tr' | 'en') => to.map((x) => ESC_TO[x][l]).join(', ');
  const what = (l: 'tr' | 'en') => (topic ? `: ${ESC_TOPIC[topic][l]}` : '');
  return { tr: `Bildirildi (${who('tr')})${what('tr')}`, en: `Escalated (${who('en')})${what('en')}` };
}

/** The explanation shown for an exception and whether a lead or manager accepted it (then the period is excused). */
export interface RowExplanation {
  text: string;
  by: string;
  byName: string;
  at: string;
  via: 'powerup' | 'comment';
  /** False: written by someone other than the person responsible for the period; it does not count. */
  responsible: boolean;
  /** How many explanations the period has in all (the others are in the ledger / on the card). */
  count: number;
  accepted?: { by: string; byName: string; at: string; via: 'powerup' | 'comment' };
}

export interface CardSection {
  cardId: string;
  name: string;
  url?: string;
  specialistId: string;
  specialistName: string;
  assignedAt: DateKey;
  rows: PeriodRow[];
  /** Findings of the other rules (go-live, disk, unreachable, evidence …) whose period falls in range, against someone. */
  otherFindings: Finding[];
  /** Risks in range (docs/rules.md "Compliance and risk"): the customer's site state, never counted against anyone. */
  risks: Finding[];
}

export interface RuleTotals {
  periods: number;
  judged: number;
  ok: number;
  late: number;
  missing: number;
  incomplete: number;
  notJudged: number;
  edited: number;
  deleted: number;
  /** Exceptions (late, missing, reading missing) whose explanation a lead or manager accepted: counted in their own
   * status column as well, never dropped from it (docs/rules.md "Explanations and excused periods"). */
  excused: number;
  /** ok / judged × 100 (1 decimal); null when nothing judged. */
  percent: number | null;
}

export interface LedgerVerification {
  ok: boolean;
  count: number;
  badSeq?: number;
  reason?: string;
  badRecord?: { seq: number; type: string; actionId: string; cardId: string; boardId: string };
}

export interface EvidenceReport {
  board: { id: string; name: string; url?: string };
  filter: { cardId?: string; cardName?: string; memberId?: string; memberName?: string };
  from: DateKey;
  to: DateKey;
  generatedAt: string;
  generatedAtLocal: string;
  rulesVersion: string;
  history: {
    /** Periods before this day are listed as not judged. Null: complete for the whole range. */
    completeFrom: DateKey | null;
    cut: boolean;
    firstScanAt?: string;
    lastScanAt?: string;
    note?: Text2;
  };
  ledger: {
    /** Records of this board the report rests on. */
    count: number;
    firstSeq: number | null;
    lastSeq: number | null;
    firstRecordedAt?: string;
    lastRecordedAt?: string;
    /** The whole chain is recomputed (one chain over all boards), or from the verified checkpoint on. */
    verification: LedgerVerification;
    /** 0: the whole chain was recomputed; N: records from N on plus this report's own records (checkpoint). */
    checkedFrom?: number;
    checkpointAt?: string;
    /** Each witness of the head checked (store/witness.ts) and what it said. */
    witnesses?: WitnessCheck[];
    /** Losses the operator accepted with `serve --accept-reset`. */
    resets?: Array<{ at: string; witnesses: string[] }>;
    /** Reset records the store holds that cannot be read: where they are and why (their content is not guessed). */
    unreadableResets?: UnreadableResetRef[];
  };
  totals: Record<JudgedRule, RuleTotals>;
  cards: CardSection[];
  /**
   * The dated facts the verdicts of the range rest on (docs/rules.md "Facts in force"): for the report's cards and
   * the board, every membership change and approval up to the range's end, and each profile and settings version in
   * force during the range (the last before it, and those inside it), with their ledger numbers and whether Trello
   * dated them or Nabız noticed them.
   */
  facts: {
    rows: FactRow[];
    /** When the board's pluginData history began (facts before it are not known). */
    knownFrom?: string;
    /** Said when the range starts before `knownFrom`. */
    note?: Text2;
  };
}

/** A reset record in the store's meta that could not be read: its key, its position in the list, why. */
export interface UnreadableResetRef {
  key: string;
  index?: number;
  reason: string;
}

/** One dated fact in a report. */
export interface FactRow {
  seq: number | null;
  kind: Fact['kind'];
  cardId?: string;
  cardName?: string;
  /** ISO time: Trello's (member actions, comment approvals) or when Nabız noticed it (pluginData versions). */
  at: string;
  atLocal: string;
  timeSource: 'trello' | 'noticed';
  baseline: boolean;
  text: Text2;
}

export interface EvidenceInput {
  snapshot: BoardSnapshot;
  result: AuditResult;
  /** The board's ledger records in seq order (store.ledger.boardRecords). */
  records: readonly LedgerRecord[];
  /** The first bad record's row when verification failed (store.ledger.rowAt), for the report's integrity section. */
  badRecord?: LedgerRowRef;
  verification: { ok: true; count: number } | { ok: false; count: number; badSeq: number; reason: string };
  /** What was checked besides the chain (store/integrity.ts verifyForReport). */
  integrity?: {
    checkedFrom: number;
    checkpointAt?: string;
    witnesses: WitnessCheck[];
    resets?: Array<{ at: string; witnesses: string[] }>;
    unreadableResets?: UnreadableResetRef[];
  };
  boardState?: { backfilled?: boolean; lastScanAt?: string };
  from: DateKey;
  to: DateKey;
  cardId?: string;
  memberId?: string;
  /** Restrict to these responsible members (a team lead's team). */
  memberIds?: readonly string[];
  now: Date;
  rulesVersion: string;
  /** `prepareBoard(snapshot, now)` when the caller already has it (the dashboard). */
  prepared?: PreparedBoard;
  /** NABIZ_PEOPLE's leads and managers: only they accept explanations. Without it none is accepted (shown as not accepted). */
  people?: ExplanationOptions['people'];
  /** false: statuses only, no entry lookups (the dashboard's percentages). Default true. */
  withEntries?: boolean;
}

/** `2026-11-23 14:05` in Europe/Istanbul (never the machine's zone). */
export function istanbulTime(iso: string | Date): string {
  return `${dateKey(iso)} ${timeOfDay(iso)}`;
}

function excerpt(text: string, max = 160): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function emptyTotals(): RuleTotals {
  return { periods: 0, judged: 0, ok: 0, late: 0, missing: 0, incomplete: 0, notJudged: 0, edited: 0, deleted: 0, excused: 0, percent: null };
}

/** Tally rows into per-rule totals. */
export function totalsOf(rows: Iterable<PeriodRow>): Record<JudgedRule, RuleTotals> {
  const t = { intro: emptyTotals(), daily: emptyTotals(), weekly: emptyTotals(), monthly: emptyTotals() };
  for (const r of rows) {
    const x = t[r.rule];
    x.periods++;
    if (r.status === 'not-judged') x.notJudged++;
    else {
      x.judged++;
      if (r.status === 'ok') x.ok++;
      else if (r.status === 'late') x.late++;
      else if (r.status === 'missing') x.missing++;
      else if (r.status === 'incomplete') x.incomplete++;
      if (r.status !== 'ok' && r.explanation?.accepted && r.explanation.responsible) x.excused++;
    }
    const all = [...(r.entry ? [r.entry] : []), ...r.others];
    if (all.some((e) => e.editedAfterPeriod)) x.edited++;
    if (all.some((e) => e.deleted)) x.deleted++;
  }
  for (const x of Object.values(t)) x.percent = x.judged ? Math.round((x.ok / x.judged) * 1000) / 10 : null;
  return t;
}

function commentUrl(card: { url?: string; shortLink?: string; id: string }, actionId: string): string {
  const base = card.url ?? `https://trello.com/c/${card.shortLink ?? card.id}`;
  return `${base}#comment-${actionId}`;
}

/** A candidate entry of a period: the evaluator's parsed record, or a comment whose tags were edited away. */
interface Candidate {
  comment: CommentRecord;
  entry: ParsedEntry;
  month?: string;
  postedDay: DateKey;
}

/**
 * The periods each customer card was judged for in [from, to], each with the entry that satisfied it or "missing".
 * Periods and statuses are the evaluator's own (prepareBoard + rule outcomes), so a report never disagrees with
 * the findings; periods not judged (before complete history, not yet due) are listed with the reason.
 * @example buildEvidenceReport({ snapshot, result, records, verification, from: '2026-11-01', to: '2026-11-30', now, rulesVersion })
 */
export function buildEvidenceReport(input: EvidenceInput): EvidenceReport {
  const { snapshot, result, now } = input;
  if (!isDateKey(input.from))
    throw new ReportInputError(`--from: "${input.from}" is not a date (YYYY-MM-DD)`, `Başlangıç "${input.from}" bir tarih değil (YYYY-AA-GG).`);
  if (!isDateKey(input.to)) throw new ReportInputError(`--to: "${input.to}" is not a date (YYYY-MM-DD)`, `Bitiş "${input.to}" bir tarih değil (YYYY-AA-GG).`);
  if (input.from > input.to)
    throw new ReportInputError(`--from ${input.from} is after --to ${input.to}`, `Başlangıç (${input.from}) bitişten (${input.to}) sonra.`);
  const today = dateKey(now);

  const memberName = (id: string): string => snapshot.members.find((m) => m.id === id)?.fullName ?? (id || '—');
  const board = input.prepared ?? prepareBoard(snapshot, now);
  const withEntries = input.withEntries !== false;

  const card0 = input.cardId ? snapshot.cards.find((c) => c.id === input.cardId || c.shortLink === input.cardId) : undefined;
  if (input.cardId && !card0)
    throw new ReportInputError(
      `unknown card "${input.cardId}" on board ${snapshot.id} (${snapshot.name})`,
      `"${input.cardId}" kartı ${snapshot.name} panosunda yok.`,
    );
  if (card0 && !board.cards.some((c) => c.card.id === card0.id)) {
    throw new ReportInputError(
      `card "${card0.name}" (${card0.id}) is not a customer card (archived or in an archived list)`,
      `"${card0.name}" bir müşteri kartı değil (arşivlenmiş ya da arşivlenmiş bir listede).`,
    );
  }
  if (input.memberId) {
    const known =
      snapshot.members.some((m) => m.id === input.memberId || m.username === input.memberId) ||
      board.cards.some((x) => x.specialist === input.memberId || x.profile.cover?.some((cv) => cv.memberId === input.memberId)) ||
      // A member who once owned or covered a card (facts in force): their past days are theirs.
      (snapshot.facts ?? []).some((f) => f.kind === 'member' && f.memberId === input.memberId);
    if (!known)
      throw new ReportInputError(
        `unknown member "${input.memberId}" on board ${snapshot.id} (${snapshot.name})`,
        `"${input.memberId}" üyesi ${snapshot.name} panosunda yok.`,
      );
  }
  const memberId = input.memberId ? (snapshot.members.find((m) => m.username === input.memberId)?.id ?? input.memberId) : undefined;
  const periodFacts = (b: DayBasis): PeriodFacts => {
    const out: PeriodFacts = { ...b, ownerName: memberName(b.owner) };
    if (b.responsible) out.responsibleName = memberName(b.responsible);
    if (b.cover?.memberId) out.coverName = memberName(b.cover.memberId);
    if (b.frozen?.approval) out.approverName = memberName(b.frozen.approval.by);
    return out;
  };

  // History completeness (docs/rules.md): an export's cap, or a board not yet backfilled → complete only from the oldest record.
  // A report as of `now` rests on the records of what had happened by then (comments posted, facts dated by
  // `now`): what was recorded about later events cannot change it (docs/rules.md "Facts in force": reproducible).
  const nowIso = now.toISOString();
  const boardRecords = input.records.filter((r) => r.postedAt <= nowIso);
  let completeFrom: DateKey | null = board.historyDay ?? null;
  let note: Text2 | undefined;
  if (completeFrom) {
    note = {
      tr: `Trello geçmişi kesik (dışa aktarma sınırı): ${completeFrom} öncesindeki dönemler değerlendirilmedi.`,
      en: `Trello history is cut (export cap): periods before ${completeFrom} were not judged.`,
    };
  } else if (input.boardState && input.boardState.backfilled === false) {
    const oldest = boardRecords.reduce<string | undefined>((m, r) => (!m || r.postedAt < m ? r.postedAt : m), undefined);
    completeFrom = oldest ? dateKey(oldest) : today;
    note = {
      tr: `İlk tarama geçmişin tamamını henüz almadı: kayıtlar ${completeFrom} tarihinden itibaren eksiksiz; öncesi değerlendirilmedi.`,
      en: `The first scan has not backfilled the whole history yet: records are complete from ${completeFrom}; earlier periods were not judged.`,
    };
  }
  const firstScanAt = boardRecords.reduce<string | undefined>((m, r) => (!m || r.recordedAt < m ? r.recordedAt : m), undefined);
  if (!note && firstScanAt && dateKey(firstScanAt) > input.from) {
    // Comments are known from the backfill, but edits/deletions made before the first scan cannot be.
    note = {
      tr: `Düzenleme ve silme kayıtları ilk taramadan (${istanbulTime(firstScanAt)}) itibaren eksiksiz; öncesinde yapılan değişiklikler görülemez.`,
      en: `Edit and deletion records are complete from the first scan (${istanbulTime(firstScanAt)}); changes made before it cannot be seen.`,
    };
  }

  const seqsByAction = new Map<string, number[]>();
  for (const r of boardRecords) seqsByAction.set(r.actionId, [...(seqsByAction.get(r.actionId) ?? []), r.seq]);
  const findingsByKey = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const k = `${f.rule}|${f.cardId}|${f.period}`;
    findingsByKey.set(k, [...(findingsByKey.get(k) ?? []), f]);
  }

  const byCardComments = new Map<string, CommentRecord[]>();
  for (const c of snapshot.comments) if (c.originalText) byCardComments.set(c.cardId, [...(byCardComments.get(c.cardId) ?? []), c]);

  const sections: CardSection[] = [];
  for (const ctx of board.cards) {
    const card = ctx.card;
    if (card0 && card.id !== card0.id) continue;
    const { profile } = ctx;
    const rows: PeriodRow[] = [];

    // Candidates: the evaluator's entries, plus comments whose tags were edited away (known by their original text).
    const candidates: Candidate[] = [];
    if (withEntries) {
      const known = new Set(ctx.entries.map((e) => e.comment.id));
      for (const e of ctx.entries) candidates.push({ comment: e.comment, entry: e.entry, month: e.month, postedDay: e.postedDay });
      for (const c of byCardComments.get(card.id) ?? []) {
        if (c.originalText === undefined || known.has(c.id) || Date.parse(c.postedAt) > now.getTime()) continue;
        const e = parseEntry(c.originalText, c.postedAt);
        if (e) candidates.push({ comment: c, entry: e, postedDay: dateKey(c.postedAt) });
      }
    }
    const index = (key: (c: Candidate) => string) => {
      const m = new Map<string, Candidate[]>();
      for (const c of candidates) m.set(key(c), [...(m.get(key(c)) ?? []), c]);
      return (k: string) => m.get(k) ?? [];
    };
    const onDay = index((c) => c.entry.forDate);
    const inWeek = index((c) => c.entry.forWeek ?? weekKey(c.entry.forDate));
    const inMonth = index((c) => c.month ?? c.entry.forMonth ?? monthKey(c.entry.forDate));

    const toEntry = (p: Candidate, lastOnTimeDay: DateKey): EvidenceEntry => {
      const c = p.comment;
      const edited = !!c.editedAt && Date.parse(c.editedAt) >= entryPeriodEnd(p.entry, p.month).getTime();
      return {
        actionId: c.id,
        authorId: c.authorId,
        authorName: c.authorName ?? memberName(c.authorId),
        postedAt: c.postedAt,
        postedAtLocal: istanbulTime(c.postedAt),
        forDate: p.entry.forDate,
        excerpt: excerpt(c.text || c.originalText || ''),
        late: p.postedDay > lastOnTimeDay,
        editedAfterPeriod: edited,
        ...(c.editedAt ? { editedAt: c.editedAt } : {}),
        ...(c.originalText !== undefined && c.originalText !== c.text ? { originalText: c.originalText } : {}),
        deleted: !!c.deletedAt,
        ...(c.deletedAt ? { deletedAt: c.deletedAt } : {}),
        ...(c.deletionNoticedAt ? { deletionNoticed: true } : {}),
        ...(c.deletionNoticedAt && c.lastSeenAt ? { lastSeenAt: c.lastSeenAt } : {}),
        url: commentUrl(card, c.id),
        ledgerSeqs: seqsByAction.get(c.id) ?? [],
      };
    };

    const addRow = (
      rule: JudgedRule,
      period: string,
      member: string,
      matches: Candidate[],
      lastOnTimeDay: DateKey,
      periodStart: DateKey,
      judged: PeriodStatus | { notJudged: Text2 },
      basis?: DayBasis,
    ): void => {
      if (memberId && member !== memberId) return;
      if (input.memberIds && !input.memberIds.includes(member)) return;
      const entries = matches.map((m) => toEntry(m, lastOnTimeDay)).sort((a, b) => a.postedAt.localeCompare(b.postedAt));
      const live = entries.filter((e) => !e.deleted);
      const best = live.find((e) => !e.late) ?? entries.find((e) => !e.late) ?? live[0] ?? entries[0];
      const others = entries.filter((e) => e !== best);
      let status: PeriodStatus;
      let rowNote: Text2 | undefined;
      if (typeof judged === 'object') {
        status = 'not-judged';
        rowNote = judged.notJudged;
      } else if (completeFrom && !board.historyDay && periodStart < completeFrom) {
        // Not backfilled: the evaluator cannot know what was written before the oldest record.
        status = 'not-judged';
        rowNote = { tr: `Geçmiş ${completeFrom} öncesi için eksik.`, en: `History is incomplete before ${completeFrom}.` };
      } else {
        status = judged;
        const fs = findingsByKey.get(`${rule}|${card.id}|${period}`) ?? [];
        const inc = fs.find((f) => f.status === 'incomplete');
        if (inc && status === 'ok') status = 'incomplete';
        // A weekly can be late and incomplete at once: keep both sentences.
        const notes = [fs.find((x) => x.status === status), inc].filter((x, i, a): x is Finding => !!x && a.indexOf(x) === i);
        if (notes.length) rowNote = { tr: notes.map((n) => n.detail.tr).join(' '), en: notes.map((n) => n.detail.en).join(' ') };
      }
      rows.push({
        rule,
        period,
        cardId: card.id,
        memberId: member,
        memberName: memberName(member),
        status,
        ...(best ? { entry: best } : {}),
        others,
        ...(rowNote ? { note: rowNote } : {}),
        ...(basis ? { facts: periodFacts(basis) } : {}),
      });
    };
    const due: Text2 = { tr: 'Henüz değerlendirilmedi: dönem (veya süresi) bitmedi.', en: 'Not judged yet: the period (or its grace) has not ended.' };
    const before = (d: DateKey): Text2 =>
      ctx.historyDay && d < ctx.historyDay
        ? { tr: `Geçmiş ${ctx.historyDay} öncesi için eksik: değerlendirilmedi.`, en: `History is incomplete before ${ctx.historyDay}: not judged.` }
        : { tr: `Takip ${ctx.judgeFrom} tarihinde başladı: değerlendirilmedi.`, en: `Tracking started on ${ctx.judgeFrom}: not judged.` };
    const statusOf = (o: 'onTime' | 'late' | 'missing'): PeriodStatus => (o === 'onTime' ? 'ok' : o);
    const why = (p: JudgedPeriod): Text2 => (p.reason === 'due' ? due : before(p.start));

    // Which periods count and how they were judged is the rules' answer (shared/compliance/periods.ts);
    // the report only adds the entries that are the evidence for each.
    for (const p of judgedPeriods(ctx, input.from, input.to)) {
      const pool = p.rule === 'daily' ? onDay(p.period) : p.rule === 'weekly' ? inWeek(p.period) : p.rule === 'monthly' ? inMonth(p.period) : candidates;
      const matches = pool.filter((c) => c.entry.kinds.some((k) => p.kinds.has(k)));
      const before = rows.length;
      addRow(
        p.rule,
        p.period,
        p.memberId,
        matches,
        p.lastOnTimeDay,
        p.start,
        p.outcome === 'not-judged' ? { notJudged: why(p) } : statusOf(p.outcome),
        p.basis,
      );
      const row = rows.length > before ? rows[rows.length - 1] : undefined;
      if (row && p.rule === 'daily') {
        // The escalations written for this day stand beside it (P11: the unreachable days it closes).
        const notes: EscalationNote[] = [];
        for (const c of onDay(p.period)) {
          const esc = escalationOf(c.entry.kinds, c.comment.text || c.comment.originalText || '');
          if (esc) notes.push({ to: esc.to, topic: esc.topic, label: escalationLabel(esc.to, esc.topic), entry: toEntry(c, p.lastOnTimeDay) });
        }
        if (notes.length) row.escalations = notes;
      }
    }

    const start = laterDay(input.from, profile.assignedAt);
    const weeks = new Set<string>();
    const months = new Set<string>();
    for (let d = start; d <= input.to; d = addDays(d, 1)) {
      weeks.add(weekKey(d));
      months.add(monthKey(d));
    }
    const inRange = (period: string): boolean => {
      if (!period) return true;
      if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return period >= input.from && period <= input.to;
      if (/^\d{4}-W\d{2}$/.test(period)) return weeks.has(period);
      if (/^\d{4}-\d{2}$/.test(period)) return months.has(period);
      return true;
    };
    const inScope = result.findings.filter(
      (f) =>
        f.cardId === card.id &&
        !JUDGED_RULES.some((r) => r === f.rule) &&
        inRange(f.period) &&
        (!memberId || f.memberId === memberId || f.memberId === '') &&
        (!input.memberIds || input.memberIds.includes(f.memberId)),
    );
    const otherFindings = inScope.filter((f) => f.class !== 'risk');
    const risks = inScope.filter((f) => f.class === 'risk');
    if (!rows.length && !otherFindings.length && !risks.length) continue;
    const order: Record<JudgedRule, number> = { intro: 0, daily: 1, weekly: 2, monthly: 3 };
    rows.sort((a, b) => order[a.rule] - order[b.rule] || a.period.localeCompare(b.period));
    sections.push({
      cardId: card.id,
      name: card.name,
      ...(card.url ? { url: card.url } : {}),
      specialistId: ctx.specialist,
      specialistName: memberName(ctx.specialist),
      assignedAt: profile.assignedAt,
      rows,
      otherFindings,
      risks,
    });
  }
  sections.sort((a, b) => a.name.localeCompare(b.name, 'tr'));

  if (!sections.length) {
    throw new ReportInputError(
      `no data for board ${snapshot.id} (${snapshot.name}) between ${input.from} and ${input.to}` +
        (card0 ? ` for card ${card0.id}` : '') +
        (memberId ? ` for member ${memberId}` : '') +
        ': no customer card had a required period in that range',
      `${snapshot.name} panosunda ${input.from} – ${input.to} arasında` +
        (card0 ? ` "${card0.name}" kartı için` : '') +
        (memberId ? ` ${memberName(memberId)} için` : '') +
        ' değerlendirilecek dönem yok.',
    );
  }

  attachExplanations(sections, snapshot, now, input.people, memberName);
  // R17: the ticks of the team lead's month-end review (the lead's card, docs/rules.md "Month-end review") are listed
  // in a board or member report: for a member, the items for them and the ticks they made.
  const factCards = new Set(sections.map((x) => x.cardId));
  const lead = card0 ? undefined : leadCardOf(snapshot);
  if (lead) factCards.add(lead.id);
  const mine = (f: Fact): boolean =>
    !lead || !memberId || f.kind !== 'check-item' || f.cardId !== lead.id || f.by === memberId || reviewItemMember(f.itemName, snapshot.members) === memberId;
  const facts = factRows({ ...snapshot, facts: snapshot.facts?.filter(mine) }, factCards, input.from, input.to, memberName, now);

  const v = input.verification;
  const bad = v.ok ? undefined : input.badRecord;
  const seqs = boardRecords.map((r) => r.seq);
  const recorded = boardRecords.map((r) => r.recordedAt).sort();
  const [firstRecorded] = recorded;
  const lastRecorded = recorded.at(-1);
  return {
    board: { id: snapshot.id, name: snapshot.name, ...(snapshot.url ? { url: snapshot.url } : {}) },
    filter: {
      ...(card0 ? { cardId: card0.id, cardName: card0.name } : {}),
      ...(memberId ? { memberId, memberName: memberName(memberId) } : {}),
    },
    from: input.from,
    to: input.to,
    generatedAt: now.toISOString(),
    generatedAtLocal: istanbulTime(now),
    rulesVersion: input.rulesVersion,
    history: {
      completeFrom,
      cut: !!snapshot.historyCut,
      ...(firstScanAt ? { firstScanAt } : {}),
      ...(input.boardState?.lastScanAt ? { lastScanAt: input.boardState.lastScanAt } : {}),
      ...(note ? { note } : {}),
    },
    ledger: {
      count: boardRecords.length,
      firstSeq: seqs.length ? minOf(seqs) : null,
      lastSeq: seqs.length ? maxOf(seqs) : null,
      ...(firstRecorded !== undefined && lastRecorded !== undefined ? { firstRecordedAt: firstRecorded, lastRecordedAt: lastRecorded } : {}),
      verification: v.ok
        ? { ok: true, count: v.count }
        : {
            ok: false,
            count: v.count,
            badSeq: v.badSeq,
            reason: v.reason,
            ...(bad ? { badRecord: { seq: bad.seq, type: bad.type, actionId: bad.actionId, cardId: bad.cardId, boardId: bad.boardId } } : {}),
          },
      ...(input.integrity
        ? {
            checkedFrom: input.integrity.checkedFrom,
            ...(input.integrity.checkpointAt ? { checkpointAt: input.integrity.checkpointAt } : {}),
            witnesses: input.integrity.witnesses,
            ...(input.integrity.resets?.length ? { resets: input.integrity.resets } : {}),
            ...(input.integrity.unreadableResets?.length ? { unreadableResets: input.integrity.unreadableResets } : {}),
          }
        : {}),
    },
    totals: totalsOf(sections.flatMap((s) => s.rows)),
    cards: sections,
    facts,
  };
}

/** The facts of `cards` and the board relevant to [from, to] (see EvidenceReport.facts), oldest first. */
function factRows(
  snapshot: BoardSnapshot,
  cards: ReadonlySet<string>,
  from: DateKey,
  to: DateKey,
  memberName: (id: string) => string,
  now: Date,
): EvidenceReport['facts'] {
  const knownFrom = snapshot.factsFrom;
  const out: EvidenceReport['facts'] = { rows: [] };
  if (knownFrom) {
    out.knownFrom = knownFrom;
    if (dateKey(knownFrom) > from) {
      const d = dateKey(knownFrom);
      out.note = {
        tr: `Kart profili, pano ayarları ve kart üyeleri ${d} tarihinden itibaren kayıtlı; daha önceki günlerde hangilerinin geçerli olduğu yalnızca Trello’nun üyelik işlemlerinden bilinir, profil ve ayarlar için bilinmez.`,
        en: `Card profiles, board settings and card members are recorded from ${d}; before it only Trello's membership actions are known, not the profile and settings in force.`,
      };
    }
  }
  if (!snapshot.facts?.length) return out;
  const end = dayEnd(to).getTime();
  const start = dayStart(from).getTime();
  const cardName = (id: string) => snapshot.cards.find((c) => c.id === id)?.name ?? id;
  const relevant = snapshot.facts.filter((f) => f.kind === 'board-data' || cards.has(f.cardId));
  // Profile and settings versions: the one in force at the range's start, and every later one up to its end.
  const inForceAtStart = new Map<string, Fact>();
  for (const f of relevant)
    if ((f.kind === 'card-data' || f.kind === 'board-data') && Date.parse(f.at) <= start) inForceAtStart.set(f.kind === 'card-data' ? f.cardId : '', f);
  const keep = relevant.filter((f) => {
    const t = Date.parse(f.at);
    // Nothing dated after the report's `now` (reproducible as of `now`).
    if (t >= end || t > now.getTime()) return false;
    if (f.kind === 'card-data' || f.kind === 'board-data') return t > start || inForceAtStart.get(f.kind === 'card-data' ? f.cardId : '') === f;
    return true;
  });
  for (const f of keep) {
    const row: FactRow = {
      seq: f.seq ?? null,
      kind: f.kind,
      at: f.at,
      atLocal: istanbulTime(f.at),
      timeSource: f.timeSource,
      baseline: 'baseline' in f && f.baseline === true,
      text: factText(f, memberName),
    };
    if (f.kind !== 'board-data') {
      row.cardId = f.cardId;
      row.cardName = cardName(f.cardId);
    }
    out.rows.push(row);
  }
  return out;
}

/**
 * Each exception row's side of the story (shared/explanations.ts): the responsible person of the row is the one
 * whose explanation counts, and the acceptance of a lead or manager makes the period excused (totalsOf).
 */
function attachExplanations(
  sections: CardSection[],
  snapshot: BoardSnapshot,
  now: Date,
  people: ExplanationOptions['people'],
  memberName: (id: string) => string,
): void {
  const rowsOf = new Map<string, PeriodRow[]>();
  for (const s of sections) for (const r of s.rows) rowsOf.set(`${r.cardId}|${r.period}`, [...(rowsOf.get(`${r.cardId}|${r.period}`) ?? []), r]);
  const all = explanationsOf(snapshot, now, {
    ...(people ? { people } : {}),
    boardIds: [snapshot.id],
    responsibleFor: (cardId, period) => (rowsOf.get(`${cardId}|${period}`) ?? []).map((r) => r.memberId),
  });
  for (const [cardId, periods] of all) {
    for (const [period, p] of periods) {
      const shown = shownExplanation(p);
      if (!shown) continue;
      for (const row of rowsOf.get(`${cardId}|${period}`) ?? []) {
        if (row.status === 'ok' || row.status === 'not-judged') continue;
        row.explanation = {
          text: shown.text,
          by: shown.by,
          byName: memberName(shown.by),
          at: shown.at,
          via: shown.via,
          responsible: shown.responsible,
          count: p.explanations.length,
          ...(p.accepted ? { accepted: { by: p.accepted.by, byName: memberName(p.accepted.by), at: p.accepted.at, via: p.accepted.via } } : {}),
        };
      }
    }
  }
}

function factText(f: Fact, memberName: (id: string) => string): Text2 {
  switch (f.kind) {
    case 'member': {
      const who = memberName(f.memberId);
      const by = f.by ? ` (${memberName(f.by)})` : '';
      if (f.baseline) return { tr: `${who} kartın üyesi (kayıt başlangıcı)`, en: `${who} on the card (start of the record)` };
      return f.op === 'add'
        ? { tr: `${who} karta eklendi${by}`, en: `${who} added to the card${by}` }
        : { tr: `${who} karttan çıkarıldı${by}`, en: `${who} removed from the card${by}` };
    }
    case 'card-data':
      return f.baseline
        ? { tr: 'Müşteri profili (kayıt başlangıcı)', en: 'Customer profile (start of the record)' }
        : { tr: 'Müşteri profili değişti', en: 'Customer profile changed' };
    case 'board-data':
      return f.baseline
        ? { tr: 'Pano ayarları (kayıt başlangıcı)', en: 'Board settings (start of the record)' }
        : { tr: 'Pano ayarları değişti', en: 'Board settings changed' };
    case 'freeze-approval':
      return { tr: `Dondurma onayı ${f.from} – ${f.to}: ${memberName(f.by)}`, en: `Freeze approved ${f.from} – ${f.to}: ${memberName(f.by)}` };
    case 'explanation':
      return {
        tr: `Açıklama (${formatPeriodWords(f.period, 'tr')}): ${memberName(f.by)}`,
        en: `Explanation (${formatPeriodWords(f.period, 'en')}): ${memberName(f.by)}`,
      };
    case 'explanation-accept':
      return {
        tr: `Açıklama kabul edildi (${formatPeriodWords(f.period, 'tr')}): ${memberName(f.by)}`,
        en: `Explanation accepted (${formatPeriodWords(f.period, 'en')}): ${memberName(f.by)}`,
      };
    case 'check-item': {
      const by = f.by ? ` (${memberName(f.by)})` : '';
      return f.state === 'complete'
        ? { tr: `«${f.itemName}» işaretlendi${by}`, en: `«${f.itemName}» ticked${by}` }
        : { tr: `«${f.itemName}» işareti kaldırıldı${by}`, en: `«${f.itemName}» unticked${by}` };
    }
  }
}
