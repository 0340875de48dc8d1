// `nabiz serve` (what `npm start` runs): the service — first scan, HTTP server, schedule, webhooks.
// Without TRELLO_TOKEN it starts the embedded demo (emulator + generated workspace) from its own entry,
// server/src/demo-main.ts, chosen by server/src/start.ts: with a token, the demo's code is never loaded. This
// command never branches on the demo itself; the demo entry supplies its banner words.
import { runUntilSignal, startBanner, type ServiceOptions } from '../main.js';
import { startEntry } from '../start.js';
import { parseFlags, parseNow, parsePort } from './args.js';
import { scanProgressBar } from './progress.js';
import type { CliCommand, CliIO } from './types.js';

const help = `nabiz serve — run Nabız (what \`npm start\` runs)

Usage: nabiz serve [--port N] [--accept-reset] [--now WHEN]

  --accept-reset  start even though the store is missing records its witnesses saw (or holds another chain):
                  only after restoring what can be restored (docs/operations.md "Evidence ledger"); the decision
                  is written into the store and shown on /healthz and in every report
  --now WHEN      the service's clock starts at WHEN and runs on from there (benchmarks, reproducing a day's
                  dashboard on a copy of the store): 2026-11-23T09:00:00+03:00, 2026-11-23T09:00 (Istanbul);
                  everything it judges and writes is dated by that clock, so never on the live store

With TRELLO_TOKEN: scans NABIZ_BOARDS, serves the Power-Up, API, dashboard and /healthz on PORT, and keeps
scanning on SCAN_CRON (full pass on FULL_SCAN_CRON). Without TRELLO_TOKEN: the demo — an embedded Trello
emulator with a generated workspace (fresh data file on every start).
`;

export async function serveCommand(argv: string[], io: CliIO, wantDemo: boolean, helpText: string): Promise<number> {
  const args = parseFlags(argv, { port: { type: 'string' }, 'accept-reset': { type: 'boolean', default: false }, now: { type: 'string' } }, helpText, io);
  if (!args) return 0;
  const port = parsePort(args.port);
  const start = parseNow(args.now);
  if (start) io.stderr(`nabiz serve: the clock starts at ${start.toISOString()} (--now) and runs on from there\n`);
  // The offset from the real clock, taken once: time still passes (schedules, token expiry), from `start`.
  const offset = start ? start.getTime() - Date.now() : 0;
  const bar = scanProgressBar(io.stderr, Boolean(process.stderr.isTTY));
  const opts: ServiceOptions = {
    env: io.env,
    io,
    ...(port !== undefined ? { port } : {}),
    ...(args['accept-reset'] ? { acceptReset: true } : {}),
    ...(start ? { clock: () => new Date(Date.now() + offset) } : {}),
    ...(bar.onProgress ? { onScanProgress: bar.onProgress } : {}),
  };
  const service = await startEntry(opts, wantDemo);
  bar.done();
  io.stdout(startBanner(service));
  return runUntilSignal(service, io.stderr);
}

export const command: CliCommand = {
  help,
  run: (argv, io) => serveCommand(argv, io, false, help),
};
