// What the `nabiz` commands share around their flags: strict node:util parseArgs with `--help`/`-h` and
// the usual value checks (--now, --port). Services (store, Trello, notifier) come from the composition
// root, server/src/main.ts (openCliServices), not from here.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfigFromEnv } from '../config.js';
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
export const loadCliConfig = loadConfigFromEnv;
