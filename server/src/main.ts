// The composition root (STYLE §6.7): the only place that wires real dependencies — config, store,
// Trello client, scanner, scheduler, HTTP server and, without TRELLO_TOKEN, the embedded demo
// (emulator + seeded workspace). `nabiz serve` / `npm start` and `nabiz demo` call startService.
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import type { Clock } from '../../shared/types.js';
import type { CliIO } from './cli/types.js';
import { loadCliConfig, storeErrorsAsConfigErrors } from './cli/args.js';
import { DEMO_DATA_FILE, ledgerFileFor, storeFileFor, type Config, type Person } from './config.js';
import { DEMO_KEY, DEMO_TOKEN } from './demo/credentials.js';
import { createApp } from './http/app.js';
import type { AppDeps } from './http/deps.js';
import { createDemoJwtKeys, createJwtVerifier, trelloPublicKeys } from './http/jwt.js';
import { webhookCallbackUrl } from './http/routes/webhooks.js';
import { createLogger, type Logger } from './log.js';
import { scheduleNotify } from './notify/schedule.js';
import { createScanRunner, type ScanProgress, type ScanResult, type ScanRunner } from './scan/scan-boards.js';
import { createScheduler, scheduleScans, type Scheduler } from './schedule.js';
import { trackedBoardIds } from './store/board-ids.js';
import { electLeader } from './store/leader.js';
import { openConfiguredStore } from './store/open.js';
import type { Store } from './store/store.js';
import { trelloClientFromConfig, type TrelloClient } from './trello/client.js';
import { createWebhookKeeper, type WebhookKeeper } from './trello/webhooks.js';

export { DEMO_KEY, DEMO_TOKEN };
export { DEMO_DATA_FILE };

export interface ServiceOptions {
  env: NodeJS.ProcessEnv;
  io: Pick<CliIO, 'stdout' | 'stderr'>;
  /** `nabiz demo`: the embedded demo even when TRELLO_TOKEN is set. */
  forceDemo?: boolean;
  clock?: Clock;
  /** Overrides PORT (tests pass 0). */
  port?: number;
  /** Skip the cron jobs (tests). */
  schedule?: boolean;
  /** Demo data file (tests pass a temp path). */
  demoDataFile?: string;
  /** Progress of the first scan (CLI progress bar). */
  onScanProgress?: (p: ScanProgress) => void;
}

export interface Service {
  url: string;
  config: Config;
  store: Store;
  trello: TrelloClient;
  runner: ScanRunner;
  scheduler: Scheduler;
  deps: AppDeps;
  firstScan: ScanResult | null;
  /** Demo mode: the embedded emulator. */
  emulator?: DemoEmulator;
  close(): Promise<void>;
}

/** What the composition root needs from the emulator (server/src/demo). */
export interface DemoEmulator {
  url: string;
  appSecret: string;
  close(): Promise<void>;
}

export class StartupError extends Error {
  override name = 'StartupError';
}

interface DemoWorld {
  emulator: DemoEmulator;
  boards: string[];
  people: Person[];
  /** The idPlugin the demo's dev host signs Power-Up JWTs with. */
  pluginId: string;
  /** The dev host's t.set lands in the emulator's pluginData (issue 6). */
  setPluginData: (idModel: string, value: string) => void;
  /** memberId → that member's emulator token: the preview posts as the acting member, never as the service token. */
  memberTokens: Record<string, string>;
}

async function startDemoWorld(clock: Clock, log: Logger): Promise<DemoWorld> {
  // Imported lazily: production start never loads the emulator.
  const [{ startEmulator }, { generateDemoWorkspace, DEMO_PLUGIN_ID }, { emulatorPluginDataWriter }, { demoMemberTokens, emulatorTokenOptions }] = await Promise.all([
    import('./demo/emulator.js'),
    import('./demo/workspace.js'),
    import('./demo/dev-host-plugin-data.js'),
    import('./demo/member-tokens.js'),
  ]);
  const ws = generateDemoWorkspace({ seed: 1, now: clock() });
  const memberTokens = demoMemberTokens(DEMO_TOKEN, ws.boards);
  const emulator = await startEmulator({ port: 0, key: DEMO_KEY, token: DEMO_TOKEN, ...emulatorTokenOptions(memberTokens), boards: ws.boards, clock, log });
  return { emulator, boards: ws.boards.map((b) => b.id), people: ws.people, pluginId: DEMO_PLUGIN_ID, setPluginData: emulatorPluginDataWriter(emulator.state), memberTokens };
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(new StartupError(`port ${port} on ${host} is already in use — stop the other process or start with PORT=${port + 1} npm start`));
      } else if (err.code === 'EACCES') {
        reject(new StartupError(`not allowed to listen on ${host}:${port} — use a port above 1024 (PORT=3000)`));
      } else reject(err);
    });
  });
}

export async function startService(opts: ServiceOptions): Promise<Service> {
  const clock = opts.clock ?? (() => new Date());
  let config = loadCliConfig(opts.env);
  const log = createLogger(config.LOG_LEVEL, (l) => opts.io.stderr(l + '\n'));
  const demo = opts.forceDemo === true || config.demo;
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
  };
  try {
    let world: DemoWorld | undefined;
    if (demo) {
      world = await startDemoWorld(clock, log);
      closers.push(() => world!.emulator.close());
      const dataFile = opts.demoDataFile ?? DEMO_DATA_FILE;
      const ledgerFile = ledgerFileFor(dataFile);
      const storeFile = storeFileFor(dataFile);
      // Demo data is fresh on every start (the workspace is generated for "now").
      for (const f of [dataFile, ledgerFile, storeFile, `${storeFile}-wal`, `${storeFile}-shm`]) rmSync(f, { force: true });
      config = {
        ...config,
        demo: true,
        TRELLO_API_URL: world.emulator.url,
        TRELLO_KEY: DEMO_KEY,
        TRELLO_TOKEN: DEMO_TOKEN,
        TRELLO_APP_SECRET: world.emulator.appSecret,
        TRELLO_PLUGIN_ID: world.pluginId,
        NABIZ_BOARDS: world.boards,
        DATA_FILE: dataFile,
        LEDGER_FILE: ledgerFile,
        DATABASE_URL: storeFile,
        people: config.people.length > 0 ? config.people : world.people,
      };
    }
    const opened = await storeErrorsAsConfigErrors(() => openConfiguredStore(config, log));
    const store = opened.store;
    closers.push(() => store.close());
    // The whole chain is recomputed in the background (streamed); /healthz says "checking" until then.
    const chainChecked = opened.verifyChain().catch((e: unknown) => log.error(`store: checking the ledger failed: ${(e as Error).message}`));
    closers.push(async () => void (await chainChecked));
    const trello = trelloClientFromConfig(config, { clock, log });
    const runner = createScanRunner(
      { store, trello, boards: config.NABIZ_BOARDS, clock, log },
      { ...(opts.onScanProgress ? { onProgress: opts.onScanProgress } : {}) },
    );
    let firstScan: ScanResult | null = null;
    const scheduler = createScheduler(log);
    closers.push(() => scheduler.stop());
    // Scheduled scans and notify run on one instance at a time (PostgreSQL advisory lock; SQLite: this one).
    let leadDeps: AppDeps | null = null;
    let scheduled = false;
    const startJobs = async () => {
      if (scheduled || opts.schedule === false || !leadDeps) return;
      scheduled = true;
      scheduleScans(scheduler, config, (o) => runner.run(o));
      // Trello removes a webhook whose callback answered 410 or failed for long: check hourly, register again.
      const keeper = webhookKeeper;
      if (keeper) scheduler.add('webhooks', '23 * * * *', () => keeper.ensure());
      // notify/ registers its digest/flush jobs and follows every scan (labels, mentions).
      await scheduleNotify(scheduler, leadDeps);
    };
    let leadingAtStart = true;
    const leadership = await electLeader({
      url: config.DATABASE_URL,
      pollMs: config.LEADER_POLL_SECONDS * 1000,
      log,
      onLead: async () => {
        if (leadingAtStart) return; // decided below, before serving
        // Took over from a leader that stopped: catch up now, then run the schedule here.
        if (config.SCAN_ON_START) await runner.run({ full: false }).catch((e: unknown) => log.error(`scan after taking the lead failed: ${(e as Error).message}`));
        await startJobs();
      },
      onLose: async () => {
        await scheduler.stop();
        scheduled = false;
      },
    });
    leadingAtStart = false;
    closers.push(() => leadership.stop());
    if (leadership.leader && (demo || config.SCAN_ON_START)) {
      log.info(`scan: first scan of ${config.NABIZ_BOARDS.length} board(s)${opened.health.count === 0 ? ' (backfilling the whole history)' : ''}…`);
      firstScan = await runner.run({ full: false });
    }

    const demoKeys = demo ? await createDemoJwtKeys(clock) : undefined;
    const verifyJwt = createJwtVerifier({
      publicKeys: demoKeys
        ? () => [demoKeys.publicKey]
        : trelloPublicKeys({
            fetchJson: async (url) => (await axios.get(url, { timeout: 10_000 })).data as unknown,
            clock,
            onError: (m) => log.warn(m),
          }),
      ...(config.TRELLO_PLUGIN_ID ? { pluginId: config.TRELLO_PLUGIN_ID } : {}),
      // JWTs carry the Trello id; NABIZ_BOARDS may hold short links.
      trackedBoards: () => trackedBoardIds(config.NABIZ_BOARDS, store.data),
      clock,
    });
    const deps: AppDeps = {
      config,
      store,
      ledgerHealth: () => opened.health,
      clock,
      log,
      verifyJwt,
      requestScan: async (boardKey) => {
        await runner.run(boardKey ? { boards: [boardKey] } : {});
      },
      ...(demoKeys && world
        ? { demo: { trelloUrl: world.emulator.url, key: DEMO_KEY, token: DEMO_TOKEN, memberTokens: world.memberTokens, signJwt: (c) => demoKeys.signJwt(c), setPluginData: world.setPluginData } }
        : {}),
    };
    // The Power-Up bundle always matches the source it is served from (issue 6: serve builds at start).
    const { buildPowerUp } = await import('./cli/build.js');
    await buildPowerUp().catch((e: unknown) => log.error(`powerup: bundle build failed, /powerup will answer 503: ${(e as Error).message}`));
    const app = createApp(deps);
    const server = await listen(app, opts.port ?? config.PORT, config.HOST);
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections?.();
        }),
    );
    const addr = server.address() as AddressInfo;
    const url = `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`;

    // Webhooks: in the demo the emulator calls us back on the local URL (signed like Trello does).
    const publicUrl = config.PUBLIC_URL ?? (demo ? url : undefined);
    let webhookKeeper: WebhookKeeper | undefined;
    if (publicUrl && config.TRELLO_APP_SECRET) {
      config.PUBLIC_URL = publicUrl;
      webhookKeeper = createWebhookKeeper({ trello, store, boards: config.NABIZ_BOARDS, callbackURL: webhookCallbackUrl(publicUrl), log, clock });
      deps.webhookStatus = webhookKeeper.status;
      await webhookKeeper.ensure();
    } else if (publicUrl) {
      log.warn('webhooks: PUBLIC_URL is set but TRELLO_APP_SECRET is not: no webhook registered (deliveries could not be verified); the nightly full pass catches edits and deletions');
    }

    closers.push(() => runner.idle());
    leadDeps = deps;
    if (leadership.leader) await startJobs();

    return {
      url,
      config,
      store,
      trello,
      runner,
      scheduler,
      deps,
      firstScan,
      ...(world ? { emulator: world.emulator } : {}),
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/** The lines `npm start` prints once the service is up. */
export function startBanner(s: Pick<Service, 'url' | 'config' | 'firstScan' | 'store'>, dataNote?: string): string {
  const lines: string[] = [];
  const scan = s.firstScan;
  lines.push('');
  lines.push(`Nabız is running${s.config.demo ? ' in DEMO mode (no TRELLO_TOKEN: embedded Trello emulator with a generated workspace)' : ''}.`);
  if (scan) {
    const cards = scan.boards.reduce((n, b) => n + b.cards, 0);
    const findings = scan.boards.reduce((n, b) => n + (b.result?.findings.length ?? 0), 0);
    const failed = scan.boards.filter((b) => !b.ok);
    lines.push(
      `  first scan: ${scan.boards.length - failed.length}/${scan.boards.length} boards, ${cards} cards, ${findings} findings, ${scan.requests} Trello requests, ${scan.durationMs} ms`,
    );
    for (const f of failed) lines.push(`  ! board ${f.boardId}: ${f.error}`);
  }
  lines.push(`  dashboard      ${s.url}/dashboard`);
  if (s.config.demo) {
    for (const id of s.config.NABIZ_BOARDS) {
      const name = s.store.data.boards[id]?.name;
      lines.push(`  board preview  ${s.url}/demo/board/${id}${name ? `   (${name})` : ''}`);
    }
  }
  // What the managers would receive (dry run) or were sent; outside the demo it opens with the digest's signed link.
  lines.push(`  outbox         ${s.url}/outbox${s.config.demo ? '   (what managers would receive)' : '   (signed link in the digest e-mail; or nabiz notify --outbox)'}`);
  lines.push(`  health         ${s.url}/healthz`);
  lines.push(`  manifest       ${s.url}/manifest.json`);
  lines.push(`  store          ${s.store.location}   (${s.store.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}: evidence ledger, cursors, findings, outbox)${dataNote ? ` (${dataNote})` : ''}`);
  lines.push('Press Ctrl+C to stop.');
  lines.push('');
  return lines.join('\n');
}

/**
 * `npm start`: run until SIGINT/SIGTERM, then close everything (the only process-level handlers, STYLE §7.7).
 * Resolves with the exit code.
 */
export function runUntilSignal(service: Pick<Service, 'close'>, log: (s: string) => void): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (sig: string) => {
      if (stopping) {
        log(`${sig} again: exiting now\n`);
        process.exit(1);
      }
      stopping = true;
      log(`${sig}: shutting down (finishing the current write)…\n`);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      service.close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}
