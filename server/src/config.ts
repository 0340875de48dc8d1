// The one place that reads process.env (docs/conventions.md §3). Parsed once at start, then injected.
import { statSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';
import { readInputFile } from './input-file.js';
import { isRecord } from '../../shared/guards.js';
import { errorMessage, errorCode } from './errors.js';

/** NABIZ_PEOPLE=@file: a few hundred people are a few dozen KB. */
const MAX_PEOPLE_BYTES = 4 * 1024 * 1024;

/** A node-cron expression (5 or 6 fields); checked at start so a typo never silently stops scans. */
const cronExpr = (def: string) =>
  z
    .string()
    .default(def)
    .refine((v) => cron.validate(v), { message: 'not a valid cron expression (e.g. "*/10 8-18 * * 1-6")' });

const bool = (def: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(def)
    .transform((v) => v === 'true' || v === '1');

/** A person who receives flags or may open the dashboard (server config, never pluginData: docs/architecture.md). */
export const PersonSchema = z.object({
  name: z.string().min(1),
  email: z.string().email().optional(),
  trelloId: z.string().min(1),
  role: z.enum(['manager', 'teamLead']),
  /** Boards this person oversees (all tracked boards when omitted). */
  boards: z.array(z.string()).optional(),
  /** Specialists (Trello member ids) of a team lead's team (all when omitted). */
  specialists: z.array(z.string()).optional(),
  /** Language of this person's digests: Turkish unless `en`. */
  lang: z.enum(['tr', 'en']).optional(),
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
    .transform((s) =>
      s
        ? s
            .split(',')
            .map((b) => b.trim())
            .filter(Boolean)
        : [],
    )
    .refine((ids) => ids.every((id) => /^[0-9a-f]{24}$/i.test(id) || /^[A-Za-z0-9]{8}$/.test(id)), {
      message: 'each board must be a 24-hex board id or the 8-character short link from the board URL (trello.com/b/<shortLink>/…)',
    })
    .describe('Comma-separated Trello board ids (or short links) to track'),
  NABIZ_PEOPLE: z.string().optional().describe('JSON array of managers/team leads (see docs/operations.md), or @path/to/file.json'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((u) => u === undefined || /^postgres(ql)?:\/\//i.test(u) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(u), {
      message: 'must be postgres://user:pass@host:5432/db, or a SQLite file path (sqlite:path optional)',
    })
    .describe(
      'The store: postgres://… for PostgreSQL (several instances), or a SQLite file path (default: DATA_FILE with .json → .sqlite, e.g. data/nabiz-data.sqlite)',
    ),
  DATA_FILE: z
    .string()
    .default('data/nabiz-data.json')
    .describe('Data file of the old lowdb store: imported once into the store at first start, then no longer read'),
  LEDGER_FILE: z
    .string()
    .optional()
    .describe('Ledger file (JSON lines) of the old lowdb store, imported with DATA_FILE (default: DATA_FILE with .json → .ledger.jsonl)'),
  WITNESS_FILE: z
    .string()
    .optional()
    .describe(
      'Witness file of the evidence ledger head, rewritten after every commit (docs/operations.md "Evidence ledger"); keep it off the store\'s disk for PostgreSQL (default: beside the SQLite file; for PostgreSQL the data folder)',
    ),
  WITNESS_CARDS: z
    .string()
    .optional()
    .describe(
      'Comma-separated Trello card ids (or short links), one per tracked board, where Nabız comments the evidence ledger head once a day (a witness in Trello; docs/operations.md "Evidence ledger")',
    ),
  PORT: z.coerce
    .number({ error: 'must be a port number (0–65535)' })
    .int({ error: 'must be a port number (0–65535)' })
    .min(0, { error: 'must be a port number (0–65535)' })
    .max(65535, { error: 'must be a port number (0–65535)' })
    .default(3000)
    .describe('HTTP port'),
  HOST: z.string().default('127.0.0.1').describe('HTTP bind address'),
  PUBLIC_URL: z
    .string()
    .url()
    .optional()
    .transform((u) => u?.replace(/\/+$/, ''))
    .describe('Public HTTPS URL of this service; when set, a Trello webhook per board calls PUBLIC_URL/webhooks/trello'),
  SCAN_CRON: cronExpr('*/10 8-18 * * 1-6').describe('Incremental scan schedule, cron syntax in Europe/Istanbul (default: every 10 min, Mon–Sat 08:00–18:50)'),
  FULL_SCAN_CRON: cronExpr('30 2 * * *').describe('Full pass re-listing every comment (catches edits and deletions), Europe/Istanbul'),
  SCAN_ON_START: bool('true').describe('Scan once at start-up before serving (the leading instance only)'),
  NABIZ_CHECKLISTS: bool('true').describe(
    "Add the Nabız onboarding and go-live checklists to customer cards set up in the last 14 days, and keep the team lead's month-end review card (R17)",
  ),
  LEADER_POLL_SECONDS: z.coerce
    .number()
    .min(1)
    .max(3600)
    .default(30)
    .describe('Several instances on one PostgreSQL: how often a follower tries to take the lead (keep it below the scan interval)'),
  TRELLO_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000).describe('Timeout of one Trello request (ms)'),
  DIGEST_TIME: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .default('18:30')
    .describe('Digest time on working days (Europe/Istanbul)'),
  SMTP_URL: z.string().optional().describe('smtp://user:pass@host:port for e-mail digests'),
  MAIL_FROM: z.string().default('Nabız <nabiz@localhost>').describe('From address of digests'),
  CHAT_WEBHOOK_URL: z.string().url().optional().describe('Teams/Slack incoming-webhook URL'),
  NOTIFY_DRY_RUN: bool('true').describe('Print what would be sent instead of sending'),
  NOTIFY_MAX_PER_RUN: z.coerce.number().int().min(1).default(50).describe('Cap on messages per notify run'),
  // notify/ (docs/operations.md): the escalation ladder and its limits. Defaults follow R11/R27/R62 and A8.
  NOTIFY_TEAMLEAD_AFTER: z.coerce.number().int().min(0).max(30).default(1).describe('Working days a flag stays open before the team lead digest lists it'),
  NOTIFY_MANAGER_AFTER: z.coerce.number().int().min(0).max(60).default(3).describe('Working days a flag stays open before the manager digest lists it'),
  NOTIFY_CRITICAL: z
    .string()
    .default('golive-reason,unreachable,disk:critical,traffic:critical')
    .describe('Findings sent to managers at once: rule or rule:status, comma-separated'),
  NOTIFY_QUIET_HOURS: z
    .string()
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/)
    .default('20:00-08:00')
    .describe('Nothing is sent in this window (Europe/Istanbul), mentions included'),
  NOTIFY_MENTIONS: bool('true').describe('Mention the specialist in a Trello comment on a fresh miss'),
  NOTIFY_ENGLISH_MEMBERS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim().replace(/^@/, ''))
        .filter(Boolean),
    )
    .describe('Trello member ids or usernames whose @mention comments are in English (everyone else: Turkish)'),
  NOTIFY_LABEL: z.string().min(1).max(100).default('Nabız: eksik kayıt').describe('Trello label kept on exactly the cards with open findings'),
  NOTIFY_LABELS: bool('true').describe('Keep the NOTIFY_LABEL label in sync after every scan'),
  NOTIFY_MAX_LINES: z.coerce.number().int().min(1).default(100).describe('Lines per digest; the rest waits for the next digest'),
  NOTIFY_EXPIRE_HOURS: z.coerce.number().int().min(1).default(72).describe('Undelivered messages expire after this (and are reported in the next digest)'),
  CHAT_WEBHOOK_FORMAT: z.enum(['slack', 'teams']).default('slack').describe('Payload shape of CHAT_WEBHOOK_URL'),
  DASHBOARD_LINK_SECRET: z.string().min(16).optional().describe('HMAC secret of signed dashboard links in digests'),
  LINK_MAX_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(31)
    .default(7)
    .describe('Lifetime of the signed links in a digest (dashboard, outbox); links reaching further ahead are refused'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info').describe('Log level (logs go to stderr, never secrets)'),
});

export type Env = z.output<typeof EnvSchema>;

export interface Config extends Omit<Env, 'LEDGER_FILE' | 'DATABASE_URL'> {
  /** LEDGER_FILE, or the default derived from DATA_FILE (ledgerFileFor). */
  LEDGER_FILE: string;
  /** DATABASE_URL, or the SQLite file derived from DATA_FILE (storeFileFor). */
  DATABASE_URL: string;
  demo: boolean;
  people: Person[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function readPeople(raw: string | undefined, readFile: (p: string) => string): Person[] {
  if (!raw) return [];
  let text = raw;
  if (raw.startsWith('@')) {
    try {
      text = readFile(raw.slice(1));
    } catch (e) {
      throw new ConfigError(`NABIZ_PEOPLE=${raw}: ${errorMessage(e)}`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`NABIZ_PEOPLE${raw.startsWith('@') ? `=${raw}` : ''}: not valid JSON (${errorMessage(e)})`);
  }
  const parsed = z.array(PersonSchema).safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `NABIZ_PEOPLE[${i.path.join('.')}]: ${i.message}`).join('\n'));
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
  const cleaned = Object.fromEntries(
    Object.entries(env)
      .filter(([k]) => k in EnvSchema.shape)
      .map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  const lines: string[] = [];
  if (!parsed.success) {
    // One line per bad variable (the first problem of each), naming the variable (docs/operations.md).
    const seen = new Set<string>();
    for (const i of parsed.error.issues) {
      const name = String(i.path[0] ?? '(env)');
      if (seen.has(name)) continue;
      seen.add(name);
      lines.push(`${name}: ${i.message}`);
    }
  }
  const e = parsed.success ? parsed.data : undefined;
  const demo = !cleaned.TRELLO_TOKEN;
  if (!demo && !cleaned.TRELLO_KEY) lines.push('TRELLO_KEY: required when TRELLO_TOKEN is set (Power-Up admin portal → API key)');
  if (e?.LEDGER_FILE && resolve(e.LEDGER_FILE) === resolve(e.DATA_FILE))
    lines.push('LEDGER_FILE: must not be the DATA_FILE itself (the ledger has its own append-only file)');
  if (!demo && e && e.NABIZ_BOARDS.length === 0) lines.push('NABIZ_BOARDS: list at least one board id to track (comma-separated)');
  let people: Person[] = [];
  try {
    people = readPeople(typeof cleaned.NABIZ_PEOPLE === 'string' ? cleaned.NABIZ_PEOPLE : undefined, readFile);
  } catch (err) {
    lines.push(...errorMessage(err).split('\n'));
  }
  if (lines.length > 0 || !e) throw new ConfigError(lines.join('\n'));
  return { ...e, LEDGER_FILE: e.LEDGER_FILE ?? ledgerFileFor(e.DATA_FILE), DATABASE_URL: e.DATABASE_URL ?? storeFileFor(e.DATA_FILE), demo, people };
}

/** The configuration from the process environment (NABIZ_PEOPLE=@file is read from disk). */
/**
 * The configuration from the environment (NABIZ_PEOPLE=@file is read from disk), with every path variable
 * checked (checkPathVariables). Any problem is a ConfigError: one line per variable, exit 2.
 */
export function loadConfigFromEnv(env: NodeJS.ProcessEnv): Config {
  const config = loadConfig(env, (p) => {
    try {
      // A regular file of at most 4 MB: NABIZ_PEOPLE=@/dev/zero must not hang the start.
      return readInputFile(p, MAX_PEOPLE_BYTES);
    } catch (e) {
      const m = errorMessage(e);
      throw new Error(m.endsWith(' does not exist') ? `file ${m}` : m.endsWith(' is a folder, not a file') ? `${p} is a folder, not a JSON file` : m);
    }
  });
  checkPathVariables(config);
  return config;
}

/** Open the data store; a file that cannot be read or is not valid becomes a ConfigError (one line, exit 2). */
export async function storeErrorsAsConfigErrors<T>(open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (e) {
    const known = isRecord(e) && (e.name === 'StoreError' || Boolean(e.code));
    if (known || e instanceof SyntaxError)
      throw new ConfigError(
        `data store: ${errorMessage(e)
          .replace(/\s*\n\s*/g, ' ')
          .slice(0, 600)}`,
      );
    throw e;
  }
}

/**
 * The ledger file that goes with a data file when LEDGER_FILE is not set: next to it, `.json` → `.ledger.jsonl`.
 * @example ledgerFileFor('data/nabiz-data.json') === 'data/nabiz-data.ledger.jsonl'
 */
export function ledgerFileFor(dataFile: string): string {
  return (dataFile.endsWith('.json') ? dataFile.slice(0, -'.json'.length) : dataFile) + '.ledger.jsonl';
}

/** The demo's data location (recreated on every demo start); its store is storeFileFor(DEMO_DATA_FILE). */
export const DEMO_DATA_FILE = 'data/demo/nabiz-demo-data.json';

/**
 * The SQLite store that goes with a data file when DATABASE_URL is not set: next to it, `.json` → `.sqlite`.
 * @example storeFileFor('data/nabiz-data.json') === 'data/nabiz-data.sqlite'
 */
export function storeFileFor(dataFile: string): string {
  return (dataFile.endsWith('.json') ? dataFile.slice(0, -'.json'.length) : dataFile) + '.sqlite';
}

/**
 * The README configuration table, generated from the schema's `.describe()` strings (docs/conventions.md §15).
 * @example configTable().startsWith('| Variable |')
 */
export function configTable(): string {
  const rows = Object.entries(EnvSchema.shape).map(([name, schema]) => {
    const probe = z.object({ [name]: schema }).safeParse({});
    const def = probe.success && probe.data[name] !== undefined ? formatDefault(probe.data[name]) : '—';
    return `| \`${name}\` | ${def} | ${(schema.description ?? '').replace(/\|/g, '\\|')} |`;
  });
  return ['| Variable | Default | Description |', '|---|---|---|', ...rows].join('\n');
}

function formatDefault(v: unknown): string {
  if (Array.isArray(v)) return v.length ? `\`${v.join(',')}\`` : '—';
  return `\`${String(v)}\``;
}

/** Kernel pseudo filesystems (statfs f_type): nothing can be stored there, and Node's recursive mkdir spins on them. */
// A Map keeps the magic numbers in hex, as the kernel headers write them.
const PSEUDO_FS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
]);

/** Why a file path cannot hold our data, or null when it can (it, or the folders to create for it). */
export function pathProblem(path: string): string | null {
  const abs = resolve(path);
  try {
    const st = statSync(abs);
    if (st.isDirectory()) return `${path} is a folder, not a file`;
    if (!st.isFile()) return `${path} is not a regular file`;
  } catch (e) {
    const code = errorCode(e);
    if (code === 'ENOTDIR') return `a part of ${path} is a file, not a folder`;
    if (code !== 'ENOENT') return `cannot use ${path} (${code ?? errorMessage(e)})`;
  }
  // The nearest existing folder: it must be a real folder on a real filesystem.
  let dir = dirname(abs);
  for (;;) {
    try {
      const st = statSync(dir);
      if (!st.isDirectory()) return `${dir} (in ${path}) is a file, not a folder`;
      break;
    } catch (e) {
      const code = errorCode(e);
      if (code === 'ENOTDIR') return `a part of ${path} is a file, not a folder`;
      if (code !== 'ENOENT') return `cannot use ${path} (${code ?? errorMessage(e)})`;
      const up = dirname(dir);
      if (up === dir) return `no folder of ${path} exists`;
      dir = up;
    }
  }
  try {
    const fs = PSEUDO_FS.get(statfsSync(dir).type);
    if (fs) return `${path} is on the kernel's ${fs} filesystem (${dir}); give a path on a disk, e.g. data/nabiz-data.json`;
  } catch {
    // statfs unsupported here: the open itself will report.
  }
  return null;
}

/**
 * Check every file-path variable of the configuration (any `…_FILE`, whatever the storage uses) before anything
 * opens it: a folder, a path through a file, or a kernel filesystem (/proc, /sys) is a ConfigError naming the
 * variable — one line each, exit 2 — instead of a raw EISDIR or a silent hang.
 */
export function checkPathVariables(config: object): void {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(config)) {
    if (!/_FILE$/.test(name) || typeof value !== 'string' || !value) continue;
    const why = pathProblem(value);
    // The first bad one only: a derived path (LEDGER_FILE next to DATA_FILE) would repeat the same problem.
    if (why) {
      lines.push(`${name}: ${why}`);
      break;
    }
  }
  if (lines.length) throw new ConfigError(lines.join('\n'));
}
