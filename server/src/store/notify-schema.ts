// Persisted notify state (store sections outbox / digests / flags), part of the stored state's schema: notify/
// writes it, the store checks it with the rest of the state on every read (a hand-edited file cannot smuggle in a half-sent message).
import { z } from 'zod';

export const Text2Schema = z.object({ tr: z.string(), en: z.string() });

/** Ladder steps (docs/operations.md): specialist (mention) → team lead digest → manager digest. */
export const LevelSchema = z.enum(['specialist', 'teamLead', 'manager']);
export type Level = z.infer<typeof LevelSchema>;

/** docs/rules.md "Compliance and risk": a risk reaches the team lead as risk, never escalates. Older records: compliance. */
export const FindingClassSchema = z.enum(['compliance', 'risk']);

/** trello = a mention comment on the card; email/chat = digests. */
export const ChannelSchema = z.enum(['trello', 'email', 'chat']);
export type Channel = z.infer<typeof ChannelSchema>;

/** One open (or just cleared) finding the ladder follows. Key: board|rule|card|period. */
export const FlagRecordSchema = z.object({
  boardId: z.string(),
  rule: z.string(),
  cardId: z.string(),
  period: z.string(),
  memberId: z.string(),
  status: z.string(),
  severity: z.string(),
  detail: Text2Schema,
  class: FindingClassSchema.default('compliance'),
  /** When Nabız first saw it open (this episode). */
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** 1 for the first time it was open; +1 each time it reopens after a fix (outbox keys differ). */
  episode: z.number().int().positive().default(1),
  level: LevelSchema,
  critical: z.boolean().default(false),
  clearedAt: z.string().optional(),
});
export type FlagRecord = z.infer<typeof FlagRecordSchema>;

/**
 * One thing to tell one recipient on one channel. Key (docs/operations.md): rule|card|period|recipient|channel,
 * plus #episode when a fixed flag reopened and :cleared for the "fixed" notice.
 */
export const OutboxItemSchema = z.object({
  key: z.string(),
  flagKey: z.string(),
  kind: z.enum(['open', 'cleared']),
  channel: ChannelSchema,
  /** Trello member id (mention, e-mail person) or 'chat'. */
  recipient: z.string(),
  level: LevelSchema,
  boardId: z.string(),
  cardId: z.string(),
  rule: z.string(),
  period: z.string(),
  status: z.string(),
  severity: z.string(),
  memberId: z.string(),
  detail: Text2Schema,
  class: FindingClassSchema.default('compliance'),
  createdAt: z.string(),
  /** pending → queued (in a message) → sent | expired. */
  state: z.enum(['pending', 'queued', 'sent', 'expired']),
  messageId: z.string().optional(),
  sentAt: z.string().optional(),
});
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

/** A message built from outbox items: a digest (e-mail/chat) or a mention comment; or a specialist's personal reminder (a mention, notify/reminders.ts). */
export const MessageRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(['digest', 'mention', 'reminder']),
  channel: ChannelSchema,
  recipient: z.string(),
  /** Display name / address for the page and the CLI (never a secret). */
  to: z.string(),
  /** Istanbul day the message belongs to (a digest is once per recipient per day). */
  day: z.string(),
  boardId: z.string().optional(),
  cardId: z.string().optional(),
  itemKeys: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  /** Chat payload (JSON) as sent. */
  payload: z.unknown().optional(),
  /** pending → sending (persisted before the send) → sent | failed (retried) → expired. */
  state: z.enum(['pending', 'sending', 'sent', 'failed', 'expired']),
  attempts: z.number().int().nonnegative().default(0),
  createdAt: z.string(),
  nextAttemptAt: z.string().optional(),
  /** When a process marked it `sending` (another process leaves it alone until the claim is stale). */
  claimedAt: z.string().optional(),
  lastError: z.string().optional(),
  sentAt: z.string().optional(),
  expiresAt: z.string(),
  /** Expired messages: recipients whose digest already reported the loss. */
  reportedTo: z.array(z.string()).default([]),
  /** Lines held back by NOTIFY_MAX_LINES when this digest was built. */
  heldLines: z.number().int().nonnegative().default(0),
});
export type MessageRecord = z.infer<typeof MessageRecordSchema>;
