// The one place that reads process.env (STYLE §6.3). Parsed once at start, then injected.
import { z } from 'zod';

const bool = (def: 'true' | 'false') =>
  z.enum(['true', 'false', '1', '0']).default(def).transform((v) => v === 'true' || v === '1');

/** A person who receives flags or may open the dashboard (server config, never pluginData: DESIGN §3). */
export const PersonSchema = z.object({
  name: z.string().min(1),
  email: z.string().email().optional(),
  trelloId: z.string().min(1),
  role: z.enum(['manager', 'teamLead']),
  /** Boards this person oversees (all tracked boards when omitted). */
  boards: z.array(z.string()).optional(),
  /** Specialists (Trello member ids) of a team lead's team (all when omitted). */
  specialists: z.array(z.string()).optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const EnvSchema = z.object({
  TRELLO_KEY: z.string().min(1).optional().describe('Trello API key (Power-Up admin portal → API key)'),
  TRELLO_TOKEN: z.string().min(1).optional().describe('Trello token with read/write access to the tracked boards; absent → demo mode'),
  TRELLO_API_URL: z.string().url().default('https://api.trello.com').describe('Trello REST base URL (the emulator in demo/tests)'),
  TRELLO_APP_SECRET: z.string().min(1).optional().describe('OAuth secret of the API key: verifies webhook signatures'),
  TRELLO_PLUGIN_ID: z.string().min(1).optional().describe('Power-Up id: JWTs from other plugins are refused'),
  NABIZ_BOARDS: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((b) => b.trim()).filter(Boolean) : []))
    .describe('Comma-separated Trello board ids to track'),
  NABIZ_PEOPLE: z.string().optional().describe('JSON array of managers/team leads (see README), or @path/to/file.json'),
  DATA_FILE: z.string().default('data/nabiz-data.json').describe('lowdb JSON file: cursors, evidence ledger, findings, outbox'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port'),
  HOST: z.string().default('127.0.0.1').describe('HTTP bind address'),
  PUBLIC_URL: z.string().url().optional().describe('Public HTTPS URL of this service (webhooks are registered when set)'),
  SCAN_CRON: z.string().default('*/10 8-18 * * 1-6').describe('Incremental scan schedule (Europe/Istanbul)'),
  FULL_SCAN_CRON: z.string().default('30 2 * * *').describe('Nightly full pass (catches edits and deletions)'),
  DIGEST_TIME: z.string().regex(/^\d{2}:\d{2}$/).default('18:30').describe('Digest time on working days (Europe/Istanbul)'),
  SMTP_URL: z.string().optional().describe('smtp://user:pass@host:port for e-mail digests'),
  MAIL_FROM: z.string().default('Nabız <nabiz@localhost>').describe('From address of digests'),
  CHAT_WEBHOOK_URL: z.string().url().optional().describe('Teams/Slack incoming-webhook URL'),
  NOTIFY_DRY_RUN: bool('true').describe('Print what would be sent instead of sending'),
  NOTIFY_MAX_PER_RUN: z.coerce.number().int().min(1).default(50).describe('Cap on messages per notify run'),
  DASHBOARD_LINK_SECRET: z.string().min(16).optional().describe('HMAC secret of signed dashboard links in digests'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Env = z.output<typeof EnvSchema>;

export interface Config extends Env {
  demo: boolean;
  people: Person[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function readPeople(raw: string | undefined, readFile: (p: string) => string): Person[] {
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw.startsWith('@') ? readFile(raw.slice(1)) : raw);
  } catch (e) {
    throw new ConfigError(`NABIZ_PEOPLE: not valid JSON (${(e as Error).message})`);
  }
  const parsed = z.array(PersonSchema).safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `NABIZ_PEOPLE[${i.path.join('.')}]: ${i.message}`).join('\n'),
    );
  }
  return parsed.data;
}

/**
 * Parse the environment. Empty strings count as unset. Throws ConfigError with one line per bad variable.
 * @example loadConfig({ PORT: '8080' }).demo === true
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  readFile: (p: string) => string = () => {
    throw new Error('no file reader');
  },
): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const e = parsed.data;
  const demo = !e.TRELLO_TOKEN;
  if (!demo && !e.TRELLO_KEY) throw new ConfigError('TRELLO_KEY: required when TRELLO_TOKEN is set');
  if (!demo && e.NABIZ_BOARDS.length === 0) throw new ConfigError('NABIZ_BOARDS: list at least one board id to track');
  return { ...e, demo, people: readPeople(e.NABIZ_PEOPLE, readFile) };
}
