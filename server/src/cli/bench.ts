// `nabiz bench` / `npm run bench`: runs every module in server/src/bench/*.ts that exports `run(io)`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../paths.js';
import { isRecord } from '../../../shared/guards.js';
import { UsageError, type CliCommand } from './types.js';

const help = `nabiz bench — performance benchmarks (not part of the tests)

Usage: nabiz bench [--quick] [--only NAME] [scan options]

  --quick            small sizes (seconds instead of ~3 minutes)
  --only NAME        run one module of server/src/bench (e.g. scan)
scan options:
  --boards N --cards M --days D   workspace size (default 20 × 50 × 180; quick 3 × 10 × 30)
  --latency MS       emulated latency per Trello request (default 20)
  --no-naive         skip the naive per-card baseline (the slow part)
  --naive-boards N   boards the baseline really scans (default 2; the rest is extrapolated exactly)
  --naive-all        let the baseline scan every board (≈ 8 minutes at 20 × 50 × 180)
store options:
  --boards N --cards M --days D   ledger size (default 100 × 50 × 365 ≈ 1.6M records; quick 3 × 10 × 30)
  --sqlite-only | --postgres-only one engine (PostgreSQL: a throw-away server, or NABIZ_BENCH_PG_URL)
`;

export const command: CliCommand = {
  help,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(help);
      return 0;
    }
    const quick = argv.includes('--quick');
    const oi = argv.indexOf('--only');
    const only = oi >= 0 ? argv[oi + 1] : undefined;
    if (oi >= 0 && !only) throw new UsageError('--only needs a module name (e.g. --only scan)');
    const dir = join(ROOT, 'server/src/bench');
    // The benchmarks are TypeScript read by path: from the built CLI they go through tsx's loader.
    if (!import.meta.url.endsWith('.ts')) (await import('tsx/esm/api')).register();
    const files = readdirSync(dir)
      .filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))
      .sort();
    const selected = only ? files.filter((f) => f.replace(/(-bench)?\.ts$/, '') === only || f === only) : files;
    if (selected.length === 0) throw new UsageError(`no benchmark "${only}" in server/src/bench (have: ${files.join(', ')})`);
    let failed = 0;
    for (const f of selected) {
      // A bench module exports `run(io, { quick, argv })`: a promise (server/src/bench/*.ts).
      const mod: unknown = await import(pathToFileURL(join(dir, f)).href);
      const run = isRecord(mod) ? mod.run : undefined;
      if (typeof run !== 'function') continue;
      io.stderr(`── bench ${f} ──\n`);
      try {
        await run(io, { quick, argv });
      } catch (err) {
        failed++;
        io.stderr(`bench ${f} failed: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
