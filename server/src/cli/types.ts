export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whole standard input as UTF-8 (only read by commands that need it). */
  stdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  /** Help text printed by `nabiz <name> --help`. */
  help: string;
  /** Exit code: 0 ok, 1 runtime failure, 2 bad input/usage. */
  run: (argv: string[], io: CliIO) => Promise<number>;
}

/** Thrown for bad flags/input: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
