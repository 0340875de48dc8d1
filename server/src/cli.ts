// The `nabiz` command line. Each command lives in server/src/cli/<name>.ts and exports
// `command: CliCommand`; they are imported lazily so `nabiz parse` does not load express.
import type { CliCommand, CliIO } from './cli/types.js';
import { UsageError } from './cli/types.js';

const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  parse: () => import('./cli/parse.js'),
  audit: () => import('./cli/audit.js'),
  scan: () => import('./cli/scan.js'),
  serve: () => import('./cli/serve.js'),
  demo: () => import('./cli/demo.js'),
  emulator: () => import('./cli/emulator.js'),
  verify: () => import('./cli/verify.js'),
  report: () => import('./cli/report.js'),
  notify: () => import('./cli/notify.js'),
  build: () => import('./cli/build.js'),
  bench: () => import('./cli/bench.js'),
};

/** The commands `nabiz` knows (README's "Command line" lists each: test/server/cli/readme-commands.test.ts). */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

export const defaultIO: CliIO = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
    return Buffer.concat(chunks).toString('utf8');
  },
  env: process.env,
};

function usage(): string {
  return [
    'nabiz — Gelişmiş Destek compliance for Trello',
    '',
    'Usage: nabiz <command> [options]   (nabiz <command> --help for details)',
    '',
    'Commands:',
    '  parse --jsonl            parse comments (JSON lines on stdin) with the entry grammar',
    '  audit --export FILE      evaluate a Trello board JSON export offline',
    '  scan [--once]            scan the tracked boards (REST) and store findings',
    '  serve                    run the service (what `npm start` runs)',
    '  demo                     emulator + demo workspace + service',
    '  emulator                 run the Trello API emulator alone',
    '  verify                   check the evidence ledger hash chain',
    '  report                   evidence report for a board/card/member and period',
    '  notify [--dry-run]       build and send the flags/digests',
    '  build                    bundle the Power-Up into powerup/dist',
    '  bench                    performance benchmarks',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`nabiz: unknown command "${name}". Run \`nabiz --help\` for the list.\n`);
    return 2;
  }
  const { command } = await load();
  try {
    return await command.run(rest, io);
  } catch (err) {
    io.stderr(`nabiz ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    // Bad flags and bad configuration (ConfigError, by name: config.ts is not loaded for every command) are the
    // user's input: exit 2. Anything else is a runtime failure: exit 1.
    return err instanceof UsageError || (err instanceof Error && err.name === 'ConfigError') ? 2 : 1;
  }
}
