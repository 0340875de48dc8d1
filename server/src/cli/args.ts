// What the `nabiz` commands share around their flags: strict node:util parseArgs with `--help`/`-h`,
// the usual value checks (--now, --port) and opening DATA_FILE from the configuration.
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import { openConfiguredStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { UsageError, type CliIO } from './types.js';

type FlagOptions = NonNullable<ParseArgsConfig['options']>;
const HELP_FLAG = { help: { type: 'boolean', short: 'h', default: false } } as const;

export type Flags<O extends FlagOptions> = ReturnType<typeof parseArgs<{ args: string[]; options: O & typeof HELP_FLAG; strict: true }>>['values'];

/**
 * Strict flags plus `--help`/`-h`. An unknown or malformed flag is a UsageError carrying the help text
 * (exit 2). Returns null once `--help` has printed the help: the command then exits 0.
 */
export function parseFlags<const O extends FlagOptions>(argv: string[], options: O, help: string, io: Pick<CliIO, 'stdout'>): Flags<O> | null {
  let values: Flags<O>;
  try {
    values = parseArgs({ args: argv, options: { ...options, ...HELP_FLAG }, strict: true }).values as Flags<O>;
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${help}`);
  }
  if ((values as { help?: boolean }).help) {
    io.stdout(help);
    return null;
  }
  return values;
}

/** `--now ISO`: a full ISO instant (a bare date would silently mean UTC midnight, not Istanbul). */
export function parseInstant(value: string | undefined, example: string): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at.getTime())) {
    throw new UsageError(`--now: "${value}" is not an ISO instant (e.g. ${example})`);
  }
  return at;
}

/** `--port N`: 0–65535 (0 = any free port). */
export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: "${value}" is not a port number (0–65535)`);
  return port;
}

/** The configuration from the environment (NABIZ_PEOPLE=@file is read from disk). */
export function loadCliConfig(env: NodeJS.ProcessEnv): Config {
  return loadConfig(env, (p) => readFileSync(p, 'utf8'));
}

export interface CliContext {
  config: Config;
  log: Logger;
  store: Store;
  clock: () => Date;
}

/**
 * Config, a stderr logger and the store (DATABASE_URL; the old DATA_FILE is imported once). With `json` the info lines stay off stderr so a
 * pipe gets only the JSON and warnings. `check` runs before anything is opened (e.g. "needs a token").
 */
export async function openCliContext(io: CliIO, o: { json: boolean; check?: (config: Config) => void }): Promise<CliContext> {
  const config = loadCliConfig(io.env);
  o.check?.(config);
  const log = createLogger(o.json && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, (l) => io.stderr(l + '\n'));
  const { store } = await openConfiguredStore(config, log);
  return { config, log, store, clock: () => new Date() };
}
