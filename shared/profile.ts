// CONTRACT STUB — replaced by the profile implementation. Signatures are binding.
import { z } from 'zod';
import type { CardSnapshot, DateKey } from './types.js';

const dateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Card profile (DESIGN §3), stored in card pluginData under key `profile`. */
export const ProfileSchema = z.object({
  v: z.literal(1),
  site: z.string().min(1),
  package: z.enum(['monthly', 'fixedTerm', 'other']).optional(),
  assignedAt: dateStr,
  specialist: z.string().optional(),
  trainingSlot: z.string().regex(/^\d{2}:\d{2}$/).optional(),
  pool: z.boolean().default(false),
  integration: z.boolean().default(false),
  design: z.boolean().default(false),
  goLiveTargetDays: z.number().int().positive().optional(),
  liveAt: dateStr.optional(),
  quotaTotalGB: z.number().positive().optional(),
  trafficTotalGB: z.number().positive().optional(),
  frozen: z.array(z.object({ from: dateStr, to: dateStr, note: z.string().optional() })).optional(),
  cover: z.array(z.object({ from: dateStr, to: dateStr, memberId: z.string() })).optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

/** Board settings (DESIGN §3), board pluginData key `settings`. */
export const BoardSettingsSchema = z.object({
  v: z.literal(1),
  saturdayRota: z.record(z.string(), z.array(z.string())).optional(),
  leaves: z.array(z.object({ memberId: z.string(), from: dateStr, to: dateStr })).optional(),
  trackingStart: dateStr.optional(),
  thresholds: z
    .object({
      high: z.number().default(80),
      critical: z.number().default(95),
      staleDays: z.number().default(8),
    })
    .optional(),
});
export type BoardSettings = z.infer<typeof BoardSettingsSchema>;

export declare function assignedAtFromCardId(cardId: string): DateKey;
/** The card's profile recognised by content in any pluginData entry; defaults when absent; error = zod message when invalid. */
export declare function readProfile(card: CardSnapshot): { profile: Profile; error?: string; found: boolean };
export declare function readSettings(pluginData: Array<{ value: string }>): { settings: BoardSettings; error?: string };
