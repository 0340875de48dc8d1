// The ladder and the outbox, as plain mutations of a NotifyBook (store/repos.ts; no I/O, `now` injected). The runner wraps
// them in one store.write (tx.messages.plan) so "decide → persist pending" is one atomic write (docs/operations.md); a dry run applies
// them to a copy and throws the copy away.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Person } from '../config.js';
import type { NotifyBook } from '../store/repos.js';
import { dateKey, daysBetween } from '../../../shared/calendar.js';
import { digestRecipients, leadDutyRecipients, oversees, riskRecipients } from './recipients.js';
import { chatPayload, digestHtml, digestSubject, digestText, mentionText, type DigestView, type LineView } from './render.js';
import type { Channel, FlagRecord, Level, MessageRecord, OutboxItem } from '../store/notify-schema.js';
import { digestDue, isCritical, isOpenFinding, periodEnd, workingDaysAfter, type NotifySettings } from './settings.js';

/** Names and links the messages need, from the board's last snapshot. */
export interface BoardView {
  name: string;
  cards: Record<string, { name: string; url: string }>;
  members: Record<string, { fullName: string; username?: string }>;
}

export interface PlanContext {
  now: Date;
  settings: NotifySettings;
  people: Person[];
  view: (boardId: string) => BoardView;
  /** Build today's digests even before DIGEST_TIME (dry-run preview). */
  previewDigest?: boolean;
  /** The recipient's own outbox link (signed, bound to them); none for the team chat. */
  outboxLink?: (person: Person) => string | undefined;
  /** Signed dashboard link for one e-mail recipient (docs/operations.md), when PUBLIC_URL + DASHBOARD_LINK_SECRET are set. */
  dashboardLink?: (person: Person) => { tr: string; en: string } | undefined;
  /**
   * Is this board tracked (docs/operations.md "Boards leaving the configuration")? The pending lines of one that is
   * not wait, composed into nothing; default: every board.
   */
  tracked?: (boardId: string) => boolean;
  /** The evidence ledger's head, written into the managers' digests as a witness (docs/operations.md "Evidence ledger"). */
  ledgerHead?: { count: number; hash: string };
}

const FindingLite = z.object({
  rule: z.string(),
  cardId: z.string(),
  memberId: z.string().default(''),
  period: z.string().default(''),
  status: z.string(),
  severity: z.string().default('warning'),
  detail: z.object({ tr: z.string(), en: z.string() }),
  class: z.enum(['compliance', 'risk']).catch('compliance').default('compliance'),
});

/** Board-level findings for the team lead (shared/compliance/rules/team-lead.ts): the lead is told at once. */
export const LEAD_RULES: ReadonlySet<string> = new Set(['capacity', 'inactive']);

const LEVELS: Level[] = ['specialist', 'teamLead', 'manager'];
const rank = (l: Level) => LEVELS.indexOf(l);
const SEV: Record<string, number> = { critical: 3, warning: 2, info: 1 };

/**
 * The team lead's own duties (R17 month-end review, shared/compliance/rules/month-review.ts): one board-level finding
 * per lead and month, told at once to that lead and the board's managers; no mention, no ladder.
 */
export const LEAD_DUTY_RULES: ReadonlySet<string> = new Set(['month-review']);

/**
 * Board-level findings about a member (the lead's duty, capacity, inactive) are one per member and period: the
 * member is part of their keys, so two specialists' findings on one board are two flags, each told to its own lead.
 */
const memberKeyed = (rule: string) => LEAD_DUTY_RULES.has(rule) || LEAD_RULES.has(rule);
const memberPart = (f: { rule: string; memberId?: string }) => (memberKeyed(f.rule) && f.memberId ? `|${f.memberId}` : '');

export const flagKey = (boardId: string, f: { rule: string; cardId: string; period: string; memberId?: string }) =>
  `${boardId}|${f.rule}|${f.cardId}|${f.period}${memberPart(f)}`;

/** Outbox key: rule|card|period(|member of a lead duty)|recipient|channel (+#episode, +:cleared) — docs/operations.md. */
export function itemKey(flag: FlagRecord, recipient: string, channel: Channel, kind: 'open' | 'cleared'): string {
  return `${flag.rule}|${flag.cardId}|${flag.period}${memberPart(flag)}|${recipient}|${channel}${flag.episode > 1 ? `#${flag.episode}` : ''}${kind === 'cleared' ? ':cleared' : ''}`;
}

/** Open findings per evaluated board, each finding validated at this boundary. */
export function openFindings(state: Pick<NotifyBook, 'open'>): Map<string, Map<string, z.infer<typeof FindingLite>>> {
  const out = new Map<string, Map<string, z.infer<typeof FindingLite>>>();
  for (const [boardId, list] of Object.entries(state.open)) {
    const m = new Map<string, z.infer<typeof FindingLite>>();
    for (const raw of list) {
      const f = FindingLite.safeParse(raw);
      // The team lead's board-level warnings are told although they are no miss (plain `warning` status).
      if (!f.success || !(isOpenFinding(f.data) || LEAD_RULES.has(f.data.rule) || LEAD_DUTY_RULES.has(f.data.rule))) continue;
      const k = flagKey(boardId, f.data);
      const prev = m.get(k);
      if (!prev || (SEV[f.data.severity] ?? 0) > (SEV[prev.severity] ?? 0)) m.set(k, f.data);
    }
    out.set(boardId, m);
  }
  return out;
}

/** The rules whose every finding the notifier reads, open or not (the lead's board-level warnings and duties). */
export const ALWAYS_READ: readonly string[] = [...LEAD_RULES, ...LEAD_DUTY_RULES];

export interface DecideResult {
  opened: string[];
  cleared: string[];
  escalated: string[];
  newItems: number;
  /** Mention comments dropped before sending because everything in them was fixed. */
  cancelled: string[];
}

function addItem(
  state: NotifyBook,
  index: Set<string>,
  flag: FlagRecord,
  fk: string,
  recipient: string,
  channel: Channel,
  kind: 'open' | 'cleared',
  level: Level,
  now: string,
): boolean {
  const key = itemKey(flag, recipient, channel, kind);
  if (index.has(key)) return false;
  index.add(key);
  state.outbox.push({
    key,
    flagKey: fk,
    kind,
    channel,
    recipient,
    level,
    boardId: flag.boardId,
    cardId: flag.cardId,
    rule: flag.rule,
    period: flag.period,
    status: flag.status,
    severity: flag.severity,
    memberId: flag.memberId,
    detail: flag.detail,
    class: flag.class,
    createdAt: now,
    state: 'pending',
  });
  return true;
}

/**
 * Advance the ladder (docs/operations.md) and add outbox items for anything new. Idempotent: a second call
 * with the same findings and `now` adds nothing.
 */
/**
 * Stores from before capacity/inactive flags were keyed by member hold them under `board|rule||period`: move each to
 * its member's key with its outbox items, so what was told stays told (no "cleared" and no second "open").
 */
export function rekeyLeadFlags(state: NotifyBook): number {
  let moved = 0;
  for (const [oldKey, flag] of Object.entries(state.flags)) {
    if (!LEAD_RULES.has(flag.rule) || !flag.memberId) continue;
    const newKey = flagKey(flag.boardId, flag);
    if (newKey === oldKey || state.flags[newKey]) continue;
    state.flags[newKey] = flag;
    delete state.flags[oldKey];
    const oldPrefix = `${flag.rule}|${flag.cardId}|${flag.period}|`;
    for (const item of state.outbox) {
      if (item.flagKey !== oldKey) continue;
      item.flagKey = newKey;
      if (item.key.startsWith(oldPrefix)) item.key = `${oldPrefix}${flag.memberId}|${item.key.slice(oldPrefix.length)}`;
    }
    moved++;
  }
  return moved;
}

export function decide(state: NotifyBook, ctx: PlanContext): DecideResult {
  const { settings: s } = ctx;
  const now = ctx.now.toISOString();
  const today = dateKey(ctx.now);
  rekeyLeadFlags(state);
  const index = new Set(state.outbox.map((i) => i.key));
  const res: DecideResult = { opened: [], cleared: [], escalated: [], newItems: 0, cancelled: [] };
  const open = openFindings(state);

  for (const [boardId, findings] of open) {
    for (const [fk, f] of findings) {
      let flag = state.flags[fk];
      const fresh = !flag || Boolean(flag.clearedAt);
      // `!flag ||` is what `fresh` says already; spelled out so the type knows flag is set after the branch.
      if (!flag || fresh) {
        flag = {
          boardId,
          rule: f.rule,
          cardId: f.cardId,
          period: f.period,
          memberId: f.memberId,
          status: f.status,
          severity: f.severity,
          detail: f.detail,
          class: f.class,
          firstSeenAt: now,
          lastSeenAt: now,
          episode: flag ? flag.episode + 1 : 1,
          level: 'specialist',
          critical: false,
        };
        res.opened.push(fk);
      } else {
        Object.assign(flag, { memberId: f.memberId, status: f.status, severity: f.severity, detail: f.detail, class: f.class, lastSeenAt: now });
      }
      const fl = flag;
      // Told at once, never a mention or the ladder: e-mail to `recipients` and the team chat, the flag raised to `level`.
      const tellAtOnce = (level: Level, recipients: readonly Person[], itemLevel: (p: Person) => Level = () => level) => {
        fl.critical = false;
        if (rank(fl.level) < rank(level)) fl.level = level;
        state.flags[fk] = fl;
        for (const p of recipients) {
          if (s.channels.email && p.email && addItem(state, index, fl, fk, p.trelloId, 'email', 'open', itemLevel(p), now)) res.newItems++;
        }
        if (s.channels.chat && addItem(state, index, fl, fk, 'chat', 'chat', 'open', level, now)) res.newItems++;
      };
      if (fl.class === 'risk') {
        // A risk is the customer's site state, not a duty missed (docs/rules.md "Compliance and risk"): no
        // mention, no ladder, no manager escalation; the team lead hears it once per episode as risk.
        tellAtOnce('teamLead', riskRecipients(ctx.people, boardId, fl.memberId));
        continue;
      }
      if (LEAD_DUTY_RULES.has(fl.rule)) {
        // The lead's own duty (R17): the lead and the board's managers hear it at once (docs/operations.md).
        tellAtOnce('manager', leadDutyRecipients(ctx.people, boardId, fl.memberId), (p) => (p.role === 'manager' ? 'manager' : 'teamLead'));
        continue;
      }
      if (LEAD_RULES.has(fl.rule)) {
        // capacity (R2) and inactive (P19) are the team lead's to act on, with the count (docs/rules.md): told
        // to the lead at once, never a mention to the specialist, never the manager ladder.
        tellAtOnce('teamLead', riskRecipients(ctx.people, boardId, fl.memberId));
        continue;
      }
      fl.critical = isCritical(f, s.critical);
      const open = workingDaysAfter(dateKey(fl.firstSeenAt), today);
      const target: Level = fl.critical || open >= s.managerAfter ? 'manager' : open >= s.teamLeadAfter ? 'teamLead' : 'specialist';
      if (rank(target) > rank(fl.level)) {
        if (!fresh) res.escalated.push(fk);
        fl.level = target;
      }
      state.flags[fk] = fl;

      // Step 1: the specialist, by a mention on the card — only for a fresh miss, not for history a
      // first scan backfilled (those reach the team lead's digest instead).
      // "Fresh" = first seen today: also covers a flag a dry run observed earlier today.
      if ((fresh || dateKey(fl.firstSeenAt) === today) && s.mentions && s.channels.trello && fl.memberId) {
        const age = daysBetween(periodEnd(fl.period, today), today);
        if (age <= s.mentionMaxAgeDays && addItem(state, index, fl, fk, fl.memberId, 'trello', 'open', 'specialist', now)) res.newItems++;
      }
      // Steps 2–3: digests. Each recipient hears about a flag once per episode and channel.
      for (const p of digestRecipients(ctx.people, boardId, fl.memberId, fl.level)) {
        if (s.channels.email && p.email) {
          const lvl: Level = p.role === 'manager' ? 'manager' : 'teamLead';
          if (addItem(state, index, fl, fk, p.trelloId, 'email', 'open', lvl, now)) res.newItems++;
        }
      }
      if (s.channels.chat && rank(fl.level) >= rank('teamLead')) {
        if (addItem(state, index, fl, fk, 'chat', 'chat', 'open', fl.level, now)) res.newItems++;
      }
    }
  }

  // Fixed → the flag clears; whoever was told hears it once in their next digest.
  for (const [fk, fl] of Object.entries(state.flags)) {
    if (fl.clearedAt || !open.get(fl.boardId) || open.get(fl.boardId)?.has(fk)) continue;
    fl.clearedAt = now;
    res.cleared.push(fk);
    const told = state.outbox.filter(
      (i) =>
        i.flagKey === fk &&
        i.kind === 'open' &&
        i.channel !== 'trello' &&
        (i.state === 'sent' || i.state === 'queued') &&
        i.key === itemKey(fl, i.recipient, i.channel, 'open'),
    );
    for (const i of told) if (addItem(state, index, fl, fk, i.recipient, i.channel, 'cleared', i.level, now)) res.newItems++;
    // Not yet told: nothing to say any more.
    state.outbox = state.outbox.filter((i) => !(i.flagKey === fk && i.state === 'pending' && i.kind === 'open'));
  }
  // A mention still waiting (quiet hours, retries) whose every line got fixed meanwhile is moot.
  if (res.cleared.length) {
    for (const m of state.digests) {
      if (m.kind !== 'mention' || (m.state !== 'pending' && m.state !== 'failed')) continue;
      const items = state.outbox.filter((i) => i.messageId === m.id);
      if (items.length && items.every((i) => state.flags[i.flagKey]?.clearedAt)) res.cancelled.push(m.id);
    }
    if (res.cancelled.length) {
      const gone = new Set(res.cancelled);
      state.digests = state.digests.filter((m) => !gone.has(m.id));
      state.outbox = state.outbox.filter((i) => !i.messageId || !gone.has(i.messageId));
    }
  }
  prune(state, ctx.now);
  return res;
}

/** Forget what is long settled: cleared flags after 30 days with their items, sent messages after 60. */
function prune(state: NotifyBook, now: Date): void {
  const cut30 = new Date(now.getTime() - 30 * 864e5).toISOString();
  const cut60 = new Date(now.getTime() - 60 * 864e5).toISOString();
  const gone = new Set<string>();
  for (const [fk, fl] of Object.entries(state.flags)) {
    if (!fl.clearedAt || fl.clearedAt > cut30) continue;
    if (state.outbox.some((i) => i.flagKey === fk && (i.state === 'pending' || i.state === 'queued'))) continue;
    gone.add(fk);
    delete state.flags[fk];
  }
  if (gone.size) state.outbox = state.outbox.filter((i) => !gone.has(i.flagKey));
  state.digests = state.digests.filter((m) => !((m.state === 'sent' || m.state === 'expired') && m.createdAt < cut60));
}

function lineView(i: OutboxItem | FlagRecord, ctx: PlanContext, level: Level): LineView {
  const v = ctx.view(i.boardId);
  const card = v.cards[i.cardId];
  const member = i.memberId ? v.members[i.memberId] : undefined;
  return {
    specialist: member?.fullName ?? (i.memberId ? i.memberId : 'Atanmamış / unassigned'),
    customer: card?.name ?? i.cardId,
    cardUrl: card?.url ?? `https://trello.com/c/${i.cardId}`,
    boardName: v.name,
    rule: i.rule,
    period: i.period,
    status: i.status,
    severity: i.severity,
    level,
    detail: i.detail,
    class: i.class,
  };
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

export interface ComposeResult {
  created: string[];
  held: number;
}

/** Group pending items into messages: mention comments (any time), digests (when due, once a day). */
export function compose(state: NotifyBook, ctx: PlanContext): ComposeResult {
  const { settings: s } = ctx;
  const now = ctx.now.toISOString();
  const today = dateKey(ctx.now);
  const expiresAt = new Date(ctx.now.getTime() + s.expireHours * 3600e3).toISOString();
  const res: ComposeResult = { created: [], held: 0 };
  const existing = new Set(state.digests.map((m) => m.id));
  // A line of a board no longer tracked stays pending, told to nobody, until the board is tracked again.
  const waiting = (i: OutboxItem) => i.state === 'pending' && (ctx.tracked?.(i.boardId) ?? true);

  // Mentions: one comment per card and specialist for whatever is pending.
  const mentionGroups = new Map<string, { boardId: string; cardId: string; recipient: string; items: OutboxItem[] }>();
  for (const i of state.outbox) {
    if (i.channel !== 'trello' || !waiting(i)) continue;
    const k = `${i.boardId}|${i.cardId}|${i.recipient}`;
    const g = mentionGroups.get(k);
    if (g) g.items.push(i);
    else mentionGroups.set(k, { boardId: i.boardId, cardId: i.cardId, recipient: i.recipient, items: [i] });
  }
  for (const { boardId, cardId, recipient, items } of mentionGroups.values()) {
    const id = `mention|${cardId}|${recipient}|${hash(
      items
        .map((i) => i.key)
        .sort()
        .join('\n'),
    )}`;
    if (existing.has(id)) continue;
    const v = ctx.view(boardId);
    const member = v.members[recipient] ?? { fullName: recipient };
    const lines = items.map((i) => lineView(i, ctx, 'specialist'));
    const lang = s.englishMembers.includes(recipient) || (member.username && s.englishMembers.includes(member.username)) ? 'en' : 'tr';
    const text = mentionText(member, lines, lang);
    const allMissing = items.every((i) => i.status === 'missing');
    state.digests.push({
      id,
      kind: 'mention',
      channel: 'trello',
      recipient,
      to: member.username ? `@${member.username}` : member.fullName,
      day: today,
      boardId,
      cardId,
      itemKeys: items.map((i) => i.key),
      subject: `${v.cards[cardId]?.name ?? cardId}: ${items.length} ${lang === 'en' ? (allMissing ? 'missing' : 'open') : allMissing ? 'eksik' : 'uyarı'}`,
      text,
      state: 'pending',
      attempts: 0,
      createdAt: now,
      expiresAt,
      reportedTo: [],
      heldLines: 0,
    });
    for (const i of items) Object.assign(i, { state: 'queued', messageId: id });
    existing.add(id);
    res.created.push(id);
  }

  if (!digestDue(ctx.now, s) && !ctx.previewDigest) return res;

  // Digests: once per recipient, channel and day (issue "exactly once per recipient per day").
  const recipients: Array<{ channel: Channel; recipient: string; to: string; name: string; role: DigestView['role']; person?: Person }> = [];
  if (s.channels.email) {
    for (const p of ctx.people)
      if (p.email) recipients.push({ channel: 'email', recipient: p.trelloId, to: `${p.name} <${p.email}>`, name: p.name, role: p.role, person: p });
  }
  if (s.channels.chat) recipients.push({ channel: 'chat', recipient: 'chat', to: 'chat webhook', name: 'Ekip / Team', role: 'team' });

  for (const r of recipients) {
    const id = `digest|${r.channel}|${r.recipient}|${today}`;
    if (existing.has(id)) continue;
    const pending = state.outbox.filter((i) => i.channel === r.channel && i.recipient === r.recipient && waiting(i));
    // A mention of an untracked board that expired is reported once the board is tracked again (nothing is told of it now).
    const expired = state.digests.filter(
      (m) => m.state === 'expired' && !m.reportedTo.includes(r.recipient) && concerns(m, r, ctx) && (!m.boardId || (ctx.tracked?.(m.boardId) ?? true)),
    );
    if (!pending.length && !expired.length) continue;
    // Critical and manager-level first, so the cap never hides them.
    const sorted = [...pending].sort(
      (a, b) => (SEV[b.severity] ?? 0) - (SEV[a.severity] ?? 0) || rank(b.level) - rank(a.level) || a.createdAt.localeCompare(b.createdAt),
    );
    const take = sorted.slice(0, s.maxLines);
    const held = sorted.length - take.length;
    res.held += held;
    const lines = take.filter((i) => i.kind === 'open').map((i) => lineView(i, ctx, i.level));
    const cleared = take.filter((i) => i.kind === 'cleared').map((i) => lineView(i, ctx, i.level));
    const toldKeys = new Set(
      state.outbox.filter((i) => i.channel === r.channel && i.recipient === r.recipient && i.kind === 'open' && i.state === 'sent').map((i) => i.flagKey),
    );
    // An untracked board's flags wait unseen: not counted as still open (docs/operations.md "Boards leaving the configuration").
    const stillOpen = [...toldKeys].filter((fk) => {
      const f = state.flags[fk];
      return f && !f.clearedAt && (ctx.tracked?.(f.boardId) ?? true);
    }).length;
    const view: DigestView = {
      lang: r.person?.lang ?? 'tr',
      recipientName: r.name,
      role: r.role,
      day: today,
      lines,
      cleared,
      expired: expired.map((m) => ({ subject: m.subject, to: m.to, day: m.day, lines: m.itemKeys.length })),
      stillOpen,
      held,
    };
    const ob = r.person && ctx.outboxLink?.(r.person);
    if (ob) view.outboxUrl = ob;
    const dash = r.person && ctx.dashboardLink?.(r.person);
    if (dash) view.dashboardUrl = dash;
    if (r.role === 'manager' && ctx.ledgerHead && ctx.ledgerHead.count > 0) view.ledgerHead = ctx.ledgerHead;
    const rec: MessageRecord = {
      id,
      kind: 'digest',
      channel: r.channel,
      recipient: r.recipient,
      to: r.to,
      day: today,
      itemKeys: take.map((i) => i.key),
      subject: digestSubject(view),
      text: digestText(view),
      state: 'pending',
      attempts: 0,
      createdAt: now,
      expiresAt,
      reportedTo: [],
      heldLines: held,
    };
    if (r.channel === 'email') rec.html = digestHtml(view);
    else rec.payload = chatPayload(view, s.chatFormat);
    state.digests.push(rec);
    for (const i of take) Object.assign(i, { state: 'queued', messageId: id });
    for (const m of expired) m.reportedTo.push(r.recipient);
    existing.add(id);
    res.created.push(id);
  }
  return res;
}

/**
 * Is an expired message this digest recipient's business? Their own; an expired mention goes to the
 * specialist's team lead (or the managers when no lead with e-mail oversees them) and to the chat.
 */
function concerns(m: MessageRecord, r: { channel: Channel; recipient: string; person?: Person }, ctx: PlanContext): boolean {
  if (m.recipient === r.recipient && m.channel === r.channel) return true;
  if (m.kind !== 'mention' || !m.boardId) return false;
  if (r.channel === 'chat') return true;
  if (!r.person || !oversees(r.person, m.boardId, m.recipient)) return false;
  if (r.person.role === 'teamLead') return true;
  const boardId = m.boardId;
  return !ctx.people.some((p) => p.role === 'teamLead' && p.email && oversees(p, boardId, m.recipient));
}

/** Expire messages past their time and their items (reported in the next digest, never dropped silently). */
export function expire(state: NotifyBook, now: Date): string[] {
  const t = now.toISOString();
  const out: string[] = [];
  for (const m of state.digests) {
    if ((m.state === 'pending' || m.state === 'failed' || m.state === 'sending') && m.expiresAt <= t) {
      m.state = 'expired';
      out.push(m.id);
      for (const i of state.outbox) if (i.messageId === m.id) i.state = 'expired';
    }
  }
  return out;
}

/** Backoff after the n-th failed attempt: 2, 4, 8, 16, 32, then 60 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1) * 2, 60) * 60_000;
}
