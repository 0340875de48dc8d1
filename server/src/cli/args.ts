// What the `nabiz` commands share around their flags: strict node:util parseArgs with `--help`/`-h` and
// the usual value checks (--now, --port, --out). Services (store, Trello, notifier) come from the composition
// root, server/src/main.ts (openCliServices), not from here.
import { closeSync, openSync, statSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfigFromEnv } from '../config.js';
import { isDateKey, parseInstant as parseIstanbulInstant } from '../../../shared/dates.js';
import { UsageError, type CliIO } from './types.js';
import { errorMessage, errorCode } from '../errors.js';

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
    values = parseArgs<{ args: string[]; options: O & typeof HELP_FLAG; strict: true }>({
      args: argv,
      options: { ...options, ...HELP_FLAG },
      strict: true,
    }).values;
  } catch (e) {
    throw new UsageError(`${errorMessage(e)}\n\n${help}`);
  }
  if ('help' in values && values.help === true) {
    io.stdout(help);
    return null;
  }
  return values;
}

/** The forms every command's `--now` accepts (one place, so every command says the same). */
export const NOW_FORMS = '2026-11-23T09:00:00+03:00, 2026-11-23T09:00:00Z, 2026-11-23T09:00 (Istanbul) or 2026-11-23 (00:00 Istanbul)';

const NOW_RE = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))?)?$/;

/**
 * `--now`, the same in every command: an ISO date-time with a zone, an Istanbul wall time without one, or a
 * bare date (00:00 Istanbul). Impossible dates and times (2026-02-30, 24:00, +15:00) are refused, never rolled
 * over into another day. Throws UsageError (exit 2) with the one message every command prints.
 * @example parseNow('2026-11-23')!.toISOString() === '2026-11-22T21:00:00.000Z'
 */
export function parseNow(value: string): Date;
export function parseNow(value: string | undefined): Date | undefined;
export function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const m = NOW_RE.exec(v);
  const bad = (why: string) => new UsageError(`--now: "${value}" ${why}; use ${NOW_FORMS}`);
  if (!m) throw bad('is not an ISO date or date-time');
  const [, day, hh, mm, ss, zone, zh, zm] = m;
  if (!isDateKey(day)) throw bad(`is not a real date (${day} does not exist)`);
  if (hh !== undefined && (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59))
    throw bad(`is not a real time of day (${hh}:${mm}${ss ? `:${ss}` : ''})`);
  if (zh !== undefined && (Number(zh) > 14 || Number(zm) > 59)) throw bad(`has an impossible UTC offset (${zone})`);
  let at: Date;
  try {
    at = zone ? new Date(v) : parseIstanbulInstant(v);
  } catch {
    throw bad('is not an ISO date or date-time');
  }
  if (Number.isNaN(at.getTime())) throw bad('is not an ISO date or date-time');
  return at;
}

/**
 * `--out FILE`: checked before any work is done, so a long audit does not end in a raw ENOENT. The folder must
 * exist and the path must not be a folder. Throws UsageError (exit 2) with one line.
 */
export function checkOutPath(file: string | undefined): void {
  if (file === undefined) return;
  if (file === '') throw new UsageError('--out: give a file name (e.g. --out denetim.html)');
  const dir = dirname(resolve(file));
  let st: Stats;
  try {
    st = statSync(dir);
  } catch {
    throw new UsageError(`--out ${file}: the folder ${dir} does not exist (create it first)`);
  }
  if (!st.isDirectory()) throw new UsageError(`--out ${file}: ${dir} is not a folder`);
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`--out ${file}: that is a folder; give a file name inside it`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
}

/** Write an `--out` file; a failure (permissions, full disk) is one line and exit 2, never a stack. */
export function writeOut(file: string, data: string | Uint8Array | Iterable<string>): void {
  checkOutPath(file);
  try {
    if (typeof data === 'string') writeFileSync(file, data, 'utf8');
    else if (data instanceof Uint8Array) writeFileSync(file, data);
    else {
      // In parts (a big report's JSON), never joined into one string.
      const fd = openSync(file, 'w');
      try {
        for (const part of data) writeSync(fd, part, null, 'utf8');
      } finally {
        closeSync(fd);
      }
    }
  } catch (e) {
    const code = errorCode(e);
    throw new UsageError(`--out ${file}: cannot write the file (${code ?? errorMessage(e)})`);
  }
}

/** `--port N`: 0–65535 (0 = any free port). */
/** Is `value` one of `options`? A flag's value checked against its allowed words, typed by them. */
export function isOneOf<T extends string>(options: readonly T[], value: unknown): value is T {
  return options.some((o) => o === value);
}

export function parsePort(value: string): number;
export function parsePort(value: string | undefined): number | undefined;
export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: "${value}" is not a port number (0–65535)`);
  return port;
}

/** The configuration from the environment (config.ts loadConfigFromEnv: one line per bad variable, exit 2). */
export const loadCliConfig = loadConfigFromEnv;
