/**
 * Card profile and board settings (docs/architecture.md): zod schemas, defaults, and reading them out of
 * Trello pluginData. Nabız's data is recognised by its content (`{"profile":{"v":1,…}}` or
 * `{"settings":{"v":1,…}}`), whatever the idPlugin, so exports and other Power-Up ids work too.
 *
 * @example
 *   readProfile(card)   // { profile: { v: 1, site: 'ornek.com.tr', assignedAt: '2026-11-02', … }, found: true }
 *   serializeForPluginData(PROFILE_KEY, profile) // '{"profile":{…}}', throws above 4096 characters
 */
import { z } from 'zod';
import { dateKey, daysBetween, isDateKey, isoWeekday, trelloIdTime } from './dates.js';
import { isRecord } from './guards.js';
import type { CardSnapshot, DateKey } from './types.js';

const dateStr = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .refine(isDateKey, { error: (iss) => `${JSON.stringify(iss.input)} is not a real date (YYYY-MM-DD, e.g. 2026-11-23)` });

const memberId = z.string({ error: 'must be a Trello member id' }).trim().min(1, { error: 'must not be empty' });

/** `HH:MM`, 00:00–23:59. */
const timeStr = z
  .string({ error: 'must be a time written HH:MM' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: (iss) => `${JSON.stringify(iss.input)} is not a time HH:MM between 00:00 and 23:59` });

/** A domain, optionally with http(s):// and a trailing slash; IDN letters allowed (`çiçek.com.tr`). */
const DOMAIN_RE = /^(https?:\/\/)?(www\.)?([\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,}(:\d{1,5})?\/?$/u;

function fromNotAfterTo(value: unknown): boolean {
  if (!isRecord(value)) return true;
  // Invalid dates already have their own issue; only compare two real days.
  return !isDateKey(value.from) || !isDateKey(value.to) || value.from <= value.to;
}

/** The two days of a range as a refinement's issue sees them (its input is `unknown` to the types). */
const FromTo = z.object({ from: z.string(), to: z.string() });

/** A from..to range, both days inclusive; from must not be after to. */
function range<T extends z.ZodRawShape>(extra: T) {
  return z.object({ from: dateStr, to: dateStr, ...extra }).refine((value: unknown) => fromNotAfterTo(value), {
    error: (iss) => {
      const r = FromTo.safeParse(iss.input);
      return r.success ? `from (${r.data.from}) is after to (${r.data.to})` : 'from is after to';
    },
    path: ['to'],
  });
}

/** Card profile (docs/architecture.md), stored in card pluginData (shared) under key `profile`. */
export const ProfileSchema = z.object({
  v: z.literal(1, { error: 'must be 1 (Nabız profile version)' }).describe('Schema version, always 1'),
  site: z
    .string({ error: 'is required (the customer site, e.g. ornek.com.tr)' })
    .trim()
    .min(1, { error: 'is required (the customer site, e.g. ornek.com.tr)' })
    .regex(DOMAIN_RE, { error: (iss) => `${JSON.stringify(iss.input)} does not look like a domain (e.g. ornek.com.tr)` })
    .describe('Customer site domain, e.g. ornek.com.tr'),
  package: z
    .enum(['monthly', 'fixedTerm', 'other'], { error: 'must be one of monthly, fixedTerm, other' })
    .optional()
    .describe('Service package: monthly (always needs a cover during leave, R56), fixedTerm (R57) or other'),
  assignedAt: dateStr.describe('Assignment day (R17, R18); defaults to the card creation day'),
  specialist: memberId.optional().describe('Trello member id of the specialist; defaults to the first card member'),
  trainingSlot: timeStr.optional().describe('Daily 50-minute training slot HH:MM (R1, R3)'),
  pool: z.boolean({ error: 'must be true or false' }).default(false).describe('Pool customer: no fixed slot (R4, R35)'),
  integration: z.boolean({ error: 'must be true or false' }).default(false).describe('Has integrations: go-live limit 90 days (R27)'),
  design: z.boolean({ error: 'must be true or false' }).default(false).describe('Has custom design: go-live limit 90 days (R27)'),
  goLiveTargetDays: z
    .number({ error: 'must be a number of days' })
    .int({ error: 'must be a whole number of days' })
    .positive({ error: 'must be at least 1 day' })
    .max(366, { error: 'must be at most 366 days' })
    .optional()
    .describe('Go-live target in days after assignment (shown; the limit is 60/90, A7)'),
  liveAt: dateStr.optional().describe('Go-live day; no go-live countdown once set'),
  contactName: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(80, { error: 'must be at most 80 characters' })
    .optional()
    .describe('Contact person (R60)'),
  contactPhone: z
    .string({ error: 'must be text' })
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{6,19}$/, { error: 'is not a phone number' })
    .optional()
    .describe('Contact phone (R60)'),
  quotaTotalGB: z
    .number({ error: 'must be a number of GB' })
    .positive({ error: 'must be more than 0 GB' })
    .optional()
    .describe('Disk quota total in GB, used with % readings'),
  trafficTotalGB: z
    .number({ error: 'must be a number of GB' })
    .positive({ error: 'must be more than 0 GB' })
    .optional()
    .describe('Traffic allowance in GB, used with % readings'),
  frozen: z
    .array(
      range({
        note: z.string().max(200, { error: 'must be at most 200 characters' }).optional(),
        approvedBy: memberId.optional(),
      }),
    )
    .optional()
    .describe('Service freezes (R20): no daily/monthly entries required on these days (A21)'),
  cover: z.array(range({ memberId })).optional().describe("Temporary assignees during the specialist's leave (R55–R59)"),
  notCustomer: z.boolean({ error: 'must be true or false' }).optional().describe('This card is not a customer (a note, a team task): never judged'),
});
export type Profile = z.infer<typeof ProfileSchema>;
/** What a writer (the Power-Up form) may send: booleans default to false. */
export type ProfileInput = z.input<typeof ProfileSchema>;

/** Quota thresholds (docs/rules.md, A9) and the stale age of the newest reading (P2). */
export const DEFAULT_THRESHOLDS = Object.freeze({ high: 80, critical: 95, staleDays: 8 });
export type Thresholds = { high: number; critical: number; staleDays: number };

const percent = z.number({ error: 'must be a percentage' }).min(1, { error: 'must be at least 1 %' }).max(100, { error: 'must be at most 100 %' });
const HighCritical = z.object({ high: z.number(), critical: z.number() });

/** Board settings (docs/architecture.md), board pluginData (shared) key `settings`. */
export const BoardSettingsSchema = z.object({
  v: z.literal(1, { error: 'must be 1 (Nabız settings version)' }).describe('Schema version, always 1'),
  saturdayRota: z
    .record(
      dateStr.refine((d) => !isDateKey(d) || isoWeekday(d) === 6, { error: (iss) => `${String(iss.input)} is not a Saturday` }),
      z.array(memberId, { error: 'must be a list of member ids' }),
    )
    .optional()
    .describe('Saturday duty rota (R50): who works which Saturday; with no rota no Saturday is required (A1)'),
  leaves: z
    .array(
      range({
        memberId,
        /** A13: notice is counted in calendar days from this day. */
        createdAt: dateStr.optional(),
        emergency: z.boolean({ error: 'must be true or false' }).optional(),
      }),
    )
    .optional()
    .describe('Leave of members, days inclusive (R54–R60)'),
  inactiveDays: z
    .number({ error: 'must be a number of days' })
    .int({ error: 'must be a whole number of days' })
    .min(1, { error: 'must be at least 1 day' })
    .max(20, { error: 'must be at most 20 days' })
    .optional()
    .describe('P19 inactive days (default 2)'),
  trackingStart: dateStr.optional().describe("First day Nabız judges on this board; without it, the day of the board's first Nabız entry"),
  customerLists: z
    .array(z.string({ error: 'must be a Trello list id' }).trim().min(1, { error: 'must not be empty' }), { error: 'must be a list of Trello list ids' })
    .max(100, { error: 'must name at most 100 lists' })
    .optional()
    .describe('Lists that hold customer cards; cards in other lists are never judged (default: every list)'),
  halfDayEves: z
    .enum(['working', 'off'], { error: 'must be working or off' })
    .optional()
    .describe('A2: half-day eves (arife) are working days (default) or days off'),
  extraHolidays: z
    .array(
      range({ name: z.string().trim().min(1, { error: 'must not be empty' }).max(80, { error: 'must be at most 80 characters' }) }).refine(
        (r) => !isDateKey(r.from) || !isDateKey(r.to) || daysBetween(r.from, r.to) < 31,
        { error: 'must span at most 31 days', path: ['to'] },
      ),
    )
    .optional()
    .describe('A2: company-wide days off besides public holidays (e.g. administrative leave next to a bayram)'),
  thresholds: z
    .object({
      high: percent.default(DEFAULT_THRESHOLDS.high).describe('Reading % that needs quota actions (A9)'),
      critical: percent.default(DEFAULT_THRESHOLDS.critical).describe('Reading % that is critical at once (A9)'),
      staleDays: z
        .number({ error: 'must be a number of days' })
        .int({ error: 'must be a whole number of days' })
        .min(1, { error: 'must be at least 1 day' })
        .max(60, { error: 'must be at most 60 days' })
        .default(DEFAULT_THRESHOLDS.staleDays)
        .describe('A reading older than this many days is stale'),
    })
    .refine((t) => t.high < t.critical, {
      error: (iss) => {
        const t = HighCritical.safeParse(iss.input);
        return t.success ? `high (${t.data.high}) must be below critical (${t.data.critical})` : 'high must be below critical';
      },
      path: ['high'],
    })
    .optional()
    .describe('Quota thresholds and stale age; defaults 80 % / 95 % / 8 days'),
});
export type BoardSettings = z.infer<typeof BoardSettingsSchema>;
export type BoardSettingsInput = z.input<typeof BoardSettingsSchema>;

/**
 * R54/A13: leave announced fewer than 2 calendar days before it starts, unless marked emergency.
 * Unknown when the leave has no `createdAt`.
 */
export function isShortNoticeLeave(leave: { from: DateKey; createdAt?: DateKey; emergency?: boolean }): boolean | null {
  if (leave.emergency === true) return false;
  if (leave.createdAt === undefined) return null;
  return daysBetween(leave.createdAt, leave.from) < 2;
}

/** The board's thresholds with defaults filled in. */
export function thresholdsOf(settings: BoardSettings): Thresholds {
  return { ...DEFAULT_THRESHOLDS, ...(settings.thresholds ?? {}) };
}

// ───────────────────────── pluginData ─────────────────────────

export const PROFILE_KEY = 'profile';
export const SETTINGS_KEY = 'settings';
/** Trello's cap per pluginData scope (docs/trello.md §4: 4096 characters of JSON). */
export const PLUGIN_DATA_LIMIT = 4096;

export class PluginDataTooLargeError extends Error {
  readonly tr: string;
  constructor(
    readonly key: string,
    readonly length: number,
  ) {
    super(
      `Nabız ${key} is ${length} characters as JSON; Trello keeps at most ${PLUGIN_DATA_LIMIT} per card or board. ` +
        'Remove old frozen/cover/leave periods or shorten notes.',
    );
    this.name = 'PluginDataTooLargeError';
    this.tr =
      `Kaydedilemedi: ${key} verisi ${length} karakter, Trello en fazla ${PLUGIN_DATA_LIMIT} karakter saklıyor. ` +
      'Eski dondurma/vekil/izin kayıtlarını silin veya notları kısaltın.';
  }
}

/**
 * The JSON Trello will store for `t.set(scope, 'shared', key, value)`: the shared map holding the
 * key (plus any other keys already in that scope). Throws PluginDataTooLargeError above 4096.
 */
export function serializeForPluginData(key: string, value: unknown, others: Record<string, unknown> = {}): string {
  const json = JSON.stringify({ ...others, [key]: value });
  if (json.length > PLUGIN_DATA_LIMIT) throw new PluginDataTooLargeError(key, json.length);
  return json;
}

/**
 * Creation day (Istanbul) of a Trello object: the first 8 hex digits of its id are seconds since 1970.
 * `assignedAtFromCardId('6b0206500000000000000000') === '2026-11-22'`. Throws on a non-Trello id.
 */
export function assignedAtFromCardId(cardId: string): DateKey {
  const created = trelloIdTime(cardId);
  if (!created) throw new RangeError(`"${cardId}" is not a Trello id (24 hex digits)`);
  return dateKey(created);
}

/** Readable one-line message of a zod error: `trainingSlot: "25:00" is not a time …; site: …`. */
export function formatZodError(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      // Record keys and unions nest the telling message one level down.
      const nested = issue.code === 'invalid_key' || issue.code === 'invalid_element' ? issue.issues : [];
      const message = nested[0]?.message ?? issue.message;
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}

/** Values of Nabız's shared map under `key` with `v: 1`, in pluginData order. */
function candidates(pluginData: Array<{ value: string }>, key: string): unknown[] {
  const found: unknown[] = [];
  for (const entry of pluginData) {
    if (typeof entry?.value !== 'string') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(entry.value);
    } catch {
      continue; // another Power-Up's data, or garbage: not ours
    }
    if (!isRecord(parsed)) continue;
    const inner = parsed[key];
    if (isRecord(inner) && inner.v === 1) found.push(inner);
  }
  return found;
}

/** The card's specialist (docs/architecture.md): the profile's, else the card's first member, else ''. */
export function specialistOf(card: Pick<CardSnapshot, 'idMembers'>, profile: Profile): string {
  return profile.specialist ?? card.idMembers[0] ?? '';
}

/** Far-future day used when a card id carries no creation time: nothing is required rather than everything. */
const UNKNOWN_ASSIGNED_AT = '9999-12-31';

function defaultProfile(card: Pick<CardSnapshot, 'id' | 'name' | 'createdAt'>): { profile: Profile; error?: string } {
  let assignedAt: DateKey = UNKNOWN_ASSIGNED_AT;
  let error: string | undefined;
  try {
    // An id without a timestamp (anonymised export): the creation time the export reader derived.
    assignedAt = card.createdAt && !/^[0-9a-f]{24}$/i.test(card.id) ? dateKey(new Date(card.createdAt)) : assignedAtFromCardId(card.id);
  } catch (e) {
    error = `assignedAt: unknown, ${e instanceof Error ? e.message : String(e)}`;
  }
  const profile: Profile = { v: 1, site: card.name, assignedAt, pool: false, integration: false, design: false };
  return error ? { profile, error } : { profile };
}

/**
 * The card's profile recognised by content in any pluginData entry; defaults when absent
 * (site = card name, assignedAt = the card's creation day); error = zod message when invalid,
 * with defaults so the card is still evaluated.
 */
export function readProfile(card: CardSnapshot): { profile: Profile; error?: string; found: boolean } {
  const found = candidates(card.pluginData ?? [], PROFILE_KEY);
  let firstError: string | undefined;
  for (const raw of found) {
    const parsed = ProfileSchema.safeParse(raw);
    if (parsed.success) return { profile: parsed.data, found: true };
    firstError ??= formatZodError(parsed.error, PROFILE_KEY);
  }
  const defaults = defaultProfile(card);
  const error = [firstError, defaults.error].filter(Boolean).join('; ');
  return { profile: defaults.profile, ...(error ? { error } : {}), found: found.length > 0 };
}

/** The board's settings recognised by content; `{ v: 1 }` when absent or invalid (error = zod message). */
export function readSettings(pluginData: Array<{ idPlugin?: string; value: string }>): { settings: BoardSettings; error?: string } {
  let firstError: string | undefined;
  for (const raw of candidates(pluginData ?? [], SETTINGS_KEY)) {
    const parsed = BoardSettingsSchema.safeParse(raw);
    if (parsed.success) return { settings: parsed.data };
    firstError ??= formatZodError(parsed.error, SETTINGS_KEY);
  }
  return firstError ? { settings: { v: 1 }, error: firstError } : { settings: { v: 1 } };
}
