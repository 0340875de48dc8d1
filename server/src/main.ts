// The composition root: the one place that builds the service's parts from the configuration — store,
// Trello client, scanner, notifier, scheduler, JWT verifier, HTTP app — and hands each part what it needs.
// `nabiz serve` / `npm start` call startService; the other commands take their parts from openCliServices.
// Production only: the demo (emulator + generated workspace) is composed in server/src/demo-main.ts, which
// calls startService with a ServiceExtension; nothing here imports server/src/demo/ (a test checks the graph).
import type { Server } from 'node:http';
import axios from 'axios';
import type { Router } from 'express';
import type { Clock } from '../../shared/types.js';
import { loadConfigFromEnv, storeErrorsAsConfigErrors, type Config } from './config.js';
import { createApp } from './http/app.js';
import { createHttpServer } from './http/limits.js';
import type { AppDeps } from './http/deps.js';
import { createJwtVerifier, trelloJwtKeysUrl, trelloPublicKeys } from './http/jwt.js';
import { webhookCallbackUrl } from './http/routes/webhooks.js';
import { createLogger, type Logger } from './log.js';
import type { NotifyPorts } from './notify/channels.js';
import { createNotifier, type Notifier } from './notify/notifier.js';
import { notifyPorts, scheduleNotify, type NotifyDeps } from './notify/schedule.js';
import { createEvaluationQueue } from './scan/evaluation-queue.js';
import { postWitnessComments, witnessCards } from './notify/witness-comment.js';
import { createScanRunner, type ScanProgress, type ScanResult, type ScanRunner } from './scan/scan-boards.js';
import { createScheduler, scheduleScans, type Scheduler } from './schedule.js';
import { trackedBoardIds } from './store/board-ids.js';
import { electLeader } from './store/leader.js';
import { openConfiguredStore } from './store/open.js';
import type { Store } from './store/store.js';
import { trelloClientFromConfig, type TrelloClient } from './trello/client.js';
import { createWebhookKeeper, type WebhookKeeper } from './trello/webhooks.js';
import { errorMessage } from './errors.js';

/** Where the service writes its lines. */
export interface ServiceIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export interface ServiceOptions {
  env: NodeJS.ProcessEnv;
  io: ServiceIO;
  clock?: Clock;
  /** Overrides PORT (tests pass 0). */
  port?: number;
  /** Skip the cron jobs (tests). */
  schedule?: boolean;
  /** Progress of the first scan (CLI progress bar). */
  onScanProgress?: (p: ScanProgress) => void;
  /** What a non-production entry adds (the demo): see ServiceExtension. */
  extension?: ServiceExtension;
  /**
   * Start even though the store is missing records a witness saw (`serve --accept-reset`): the decision is
   * written into the store and shown on /healthz and in reports (docs/operations.md "Evidence ledger").
   */
  acceptReset?: boolean;
}

/**
 * What an entry other than production plugs into the service (server/src/demo-main.ts): the configuration it
 * runs with, routers beside the production ones, and what to close at the end. (Power-Up JWT keys always come from
 * TRELLO_API_URL's key endpoint: the demo's emulator serves one like Trello.)
 */
export interface ServiceExtension {
  /** The configuration the service runs with, from the one read from the environment. */
  config?: (config: Config) => Config;
  /** Added to the AppDeps (e.g. the demo's dev-host settings). */
  deps?: Partial<AppDeps>;
  /** Routers mounted after the production ones, given the finished deps. */
  routers?: (deps: AppDeps) => Router[];
  /** Webhook callbacks to the service's own listening URL when PUBLIC_URL is not set (the demo's local emulator). */
  localCallbacks?: boolean;
  /** Keep the Trello labels live while notify is a dry run (the demo, whose Trello is the emulator). */
  labelsLiveInDryRun?: boolean;
  /** Scan once at start even when SCAN_ON_START is off. */
  scanOnStart?: boolean;
  /** Closed last, after the service. */
  close?: () => Promise<void>;
  /** What the start-up banner says of this entry (startBanner); production's own lines otherwise. */
  banner?: BannerText;
}

/** The entry's words in the start-up banner. */
export interface BannerText {
  /** After "Nabız is running". */
  mode: string;
  /** Extra lines after the dashboard line (the demo's board previews). */
  lines: (url: string, store: Store) => string[];
  /** After the /outbox link. */
  outbox: string;
  /** After the store line: how long its data lives (the demo's is recreated on every start). */
  storeNote?: string;
}

export interface Service {
  url: string;
  config: Config;
  store: Store;
  trello: TrelloClient;
  runner: ScanRunner;
  scheduler: Scheduler;
  notifier: Notifier;
  deps: AppDeps;
  firstScan: ScanResult | null;
  /** The entry's banner words (ServiceExtension.banner), when it has its own. */
  banner?: BannerText;
  close(): Promise<void>;
}

export class StartupError extends Error {
  override name = 'StartupError';
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    // With the request timeouts (http/limits.ts): slow uploads are cut off, not kept open for minutes.
    const server = createHttpServer(app).listen(port, host);
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

/** The notifier's channels: the configured ones, with Trello mentions through the service's one client. */
function portsFor(config: Config, trello: () => TrelloClient): NotifyPorts {
  return notifyPorts(config, config.TRELLO_TOKEN && config.TRELLO_KEY ? trello() : undefined);
}

/** The parts a one-shot command needs, built from one configuration (the store opened once, the rest on first use). */
export interface CliServices {
  config: Config;
  log: Logger;
  store: Store;
  clock: Clock;
  /** The Trello client (throws without TRELLO_KEY and TRELLO_TOKEN). */
  trello: () => TrelloClient;
  /** The notifier over the configured channels; `ports` are the same channels (close the mailer when done). */
  notifier: () => { notifier: Notifier; ports: NotifyPorts };
}

/**
 * Config, a stderr logger, the DATA_FILE store and the other parts on demand. With `json` the info lines stay
 * off stderr so a pipe gets only the JSON and warnings. `check` runs before anything is opened (e.g. "needs a token").
 */
export async function openCliServices(
  io: { env: NodeJS.ProcessEnv; stderr: (s: string) => void },
  o: { json: boolean; check?: (config: Config) => void },
): Promise<CliServices> {
  const config = loadConfigFromEnv(io.env);
  o.check?.(config);
  const log = createLogger(o.json && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, (l) => io.stderr(l + '\n'));
  const { store } = await storeErrorsAsConfigErrors(() => openConfiguredStore(config, log));
  const clock = () => new Date();
  let trello: TrelloClient | undefined;
  const trelloOnce = () => (trello ??= trelloClientFromConfig(config, { clock, log }));
  return {
    config,
    log,
    store,
    clock,
    trello: trelloOnce,
    notifier: () => {
      const ports = portsFor(config, trelloOnce);
      return { notifier: createNotifier({ store, config, ports, clock, log }), ports };
    },
  };
}

export async function startService(opts: ServiceOptions): Promise<Service> {
  const clock = opts.clock ?? (() => new Date());
  const ext = opts.extension ?? {};
  const env = loadConfigFromEnv(opts.env);
  const log = createLogger(env.LOG_LEVEL, (l) => opts.io.stderr(l + '\n'));
  const closers: Array<() => Promise<void>> = [];
  if (ext.close) closers.push(ext.close);
  const closeAll = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
  };
  try {
    const config = ext.config ? ext.config(env) : env;
    if (!config.TRELLO_TOKEN) {
      throw new StartupError(
        'TRELLO_TOKEN is not set: set TRELLO_KEY, TRELLO_TOKEN and NABIZ_BOARDS for real boards, or run `nabiz demo` (what `npm start` does without a token)',
      );
    }
    const opened = await storeErrorsAsConfigErrors(() => openConfiguredStore(config, log, { acceptReset: !!opts.acceptReset }));
    const store = opened.store;
    closers.push(() => store.close());
    // The whole chain is recomputed in the background (streamed); /healthz says "checking" until then.
    const chainChecked = opened.verifyChain().catch((e: unknown) => log.error(`store: checking the ledger failed: ${errorMessage(e)}`));
    closers.push(async () => void (await chainChecked));
    const trello = trelloClientFromConfig(config, { clock, log });
    // Boards a live webhook keeps current are skipped by scheduled scans, unless a delivery said more than comments changed.
    let webhookKeeper: WebhookKeeper | undefined;
    const changed = new Set<string>();
    const webhookLive = (boardId: string) => !changed.delete(boardId) && (webhookKeeper?.status().some((w) => w.boardId === boardId && w.live) ?? false);
    const runner = createScanRunner(
      { store, trello, boards: config.NABIZ_BOARDS, clock, log, webhookLive, people: config.people, setupChecklists: config.NABIZ_CHECKLISTS },
      { ...(opts.onScanProgress ? { onProgress: opts.onScanProgress } : {}) },
    );
    let firstScan: ScanResult | null = null;
    const scheduler = createScheduler(log);
    closers.push(() => scheduler.stop());
    // Scheduled scans and notify run on one instance at a time (PostgreSQL advisory lock; SQLite: this one).
    let leadDeps: NotifyDeps | null = null;
    let scheduled = false;
    let unfollowScans = (): void => undefined;
    const startJobs = async () => {
      if (scheduled || opts.schedule === false || !leadDeps) return;
      scheduled = true;
      scheduleScans(scheduler, config, (o) => runner.run(o));
      // Trello removes a webhook whose callback answered 410 or failed for long: check hourly, register again.
      const keeper = webhookKeeper;
      if (keeper) scheduler.add('webhooks', '23 * * * *', () => keeper.ensure());
      // The whole chain again every night: a fresh verified checkpoint keeps the reports' tail check short, and
      // a record changed since start is noticed within a day (docs/operations.md "Evidence ledger").
      scheduler.add('ledger-verify', '45 3 * * *', async () => void (await opened.verifyChain()));
      // Once a day the head goes into Trello too (WITNESS_CARDS), beside the managers' digest.
      const cards = witnessCards(config.WITNESS_CARDS);
      if (cards.length)
        scheduler.add(
          'ledger-witness',
          '0 9 * * *',
          async () => void (await postWitnessComments({ postComment: (c, t) => trello.postComment(c, t), head: () => store.ledger.head(), clock, log }, cards)),
        );
      // notify/ registers its digest/flush jobs and follows every finished scan of the runner (labels, mentions).
      unfollowScans = (await scheduleNotify(scheduler, leadDeps)).unfollow;
    };
    let leadingAtStart = true;
    const leadership = await electLeader({
      url: config.DATABASE_URL,
      pollMs: config.LEADER_POLL_SECONDS * 1000,
      log,
      onLead: async () => {
        if (leadingAtStart) return; // decided below, before serving
        // Took over from a leader that stopped: catch up now, then run the schedule here.
        if (config.SCAN_ON_START) await runner.run({ full: false }).catch((e: unknown) => log.error(`scan after taking the lead failed: ${errorMessage(e)}`));
        await startJobs();
      },
      onLose: async () => {
        await scheduler.stop();
        unfollowScans();
        scheduled = false;
      },
    });
    leadingAtStart = false;
    closers.push(() => leadership.stop());
    if (leadership.leader && (ext.scanOnStart || config.SCAN_ON_START)) {
      log.info(`scan: first scan of ${config.NABIZ_BOARDS.length} board(s)${opened.health.count === 0 ? ' (backfilling the whole history)' : ''}…`);
      firstScan = await runner.run({ full: false });
    }

    // Power-Up JWT keys from the same Trello as the REST API (api.trello.com, or the emulator): docs/trello.md §5.
    const verifyJwt = createJwtVerifier({
      publicKeys: trelloPublicKeys({
        url: trelloJwtKeysUrl(config.TRELLO_API_URL),
        fetchJson: async (url) => (await axios.get<unknown>(url, { timeout: 10_000 })).data,
        clock,
        onError: (m) => log.warn(m),
      }),
      onKeyWait: (m) => log.warn(m),
      ...(config.TRELLO_PLUGIN_ID ? { pluginId: config.TRELLO_PLUGIN_ID } : {}),
      // JWTs carry the Trello id; NABIZ_BOARDS may hold short links.
      trackedBoards: () => trackedBoardIds(config.NABIZ_BOARDS, store.boards),
      clock,
    });
    const ports = portsFor(config, () => trello);
    const notifier = createNotifier({ store, config, ports, clock, log, ...(ext.labelsLiveInDryRun ? { labelsLiveInDryRun: true } : {}) });
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
      evaluations: createEvaluationQueue({ store, clock, log, people: config.people }),
      boardChanged: (boardKey) => void changed.add(boardKey),
      ...(config.TRELLO_TOKEN && config.TRELLO_KEY ? { trello: { postComment: (cardId: string, text: string) => trello.postComment(cardId, text) } } : {}),
      ...ext.deps,
    };
    // Webhook facts are committed already; their pending evaluations finish after the server stops, before the store closes.
    closers.push(async () => deps.evaluations?.flush());
    // The Power-Up bundle always matches the source it is served from (serve builds it at start).
    const { buildPowerUp } = await import('./bundle/powerup.js');
    await buildPowerUp().catch((e: unknown) => log.error(`powerup: bundle build failed, /powerup will answer 503: ${errorMessage(e)}`));
    const app = createApp(deps, ext.routers?.(deps) ?? []);
    const server = await listen(app, opts.port ?? config.PORT, config.HOST);
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections?.();
        }),
    );
    const addr = server.address();
    if (!addr || typeof addr === 'string') throw new Error('the HTTP server is not listening on a TCP port');
    const url = `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`;

    // Webhooks: in the demo the emulator calls us back on the local URL (signed like Trello does).
    const publicUrl = config.PUBLIC_URL ?? (ext.localCallbacks ? url : undefined);
    if (publicUrl && config.TRELLO_APP_SECRET) {
      config.PUBLIC_URL = publicUrl;
      webhookKeeper = createWebhookKeeper({ trello, store, boards: config.NABIZ_BOARDS, callbackURL: webhookCallbackUrl(publicUrl), log, clock });
      deps.webhookStatus = webhookKeeper.status;
      await webhookKeeper.ensure();
    } else if (publicUrl) {
      log.warn(
        'webhooks: PUBLIC_URL is set but TRELLO_APP_SECRET is not: no webhook registered (deliveries could not be verified); the nightly full pass catches edits and deletions',
      );
    }

    closers.push(() => runner.idle());
    closers.push(async () => ports.mailer?.close?.());
    leadDeps = { store, config, clock, log, ports, notifier, scans: runner };
    if (leadership.leader) await startJobs();
    if (leadership.leader && !firstScan) {
      // Say that no scan ran and when one will (the notify line that follows is about the last scan the store holds).
      const next = scheduler.nextRuns().scan;
      log.info(
        `scan: none at start (SCAN_ON_START=false)${next ? `; the first scheduled scan at ${next} (SCAN_CRON ${config.SCAN_CRON})` : '; no scan is scheduled in this process'}`,
      );
    }

    return { url, config, store, trello, runner, scheduler, notifier, deps, firstScan, ...(ext.banner ? { banner: ext.banner } : {}), close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/** The lines `npm start` prints once the service is up. */
export function startBanner(s: Pick<Service, 'url' | 'config' | 'firstScan' | 'store' | 'banner'>, dataNote = s.banner?.storeNote): string {
  const lines: string[] = [];
  const scan = s.firstScan;
  lines.push('');
  lines.push(`Nabız is running${s.banner?.mode ?? ''}.`);
  if (scan) {
    const cards = scan.boards.reduce((n, b) => n + b.cards, 0);
    // The scan log's counts: a board not judged again (unchanged today) has no result read whole, only its rows counted.
    const logged = s.store.scans.last();
    const findings =
      logged?.at === scan.at ? logged.boards.reduce((n, b) => n + b.findings, 0) : scan.boards.reduce((n, b) => n + (b.result?.findings.length ?? 0), 0);
    const failed = scan.boards.filter((b) => !b.ok);
    lines.push(
      `  first scan: ${scan.boards.length - failed.length}/${scan.boards.length} boards, ${cards} cards, ${findings} findings, ${scan.requests} Trello requests, ${scan.durationMs} ms`,
    );
    for (const f of failed) lines.push(`  ! board ${f.boardId}: ${f.error}`);
  }
  lines.push(`  dashboard      ${s.url}/dashboard`);
  if (s.banner) for (const l of s.banner.lines(s.url, s.store)) lines.push(l);
  // What the managers would receive (dry run) or were sent; in production it opens with the digest's signed link.
  lines.push(`  outbox         ${s.url}/outbox${s.banner?.outbox ?? '   (signed link in the digest e-mail; or nabiz notify --outbox)'}`);
  lines.push(`  health         ${s.url}/healthz`);
  lines.push(`  manifest       ${s.url}/manifest.json`);
  lines.push(
    `  store          ${s.store.location}   (${s.store.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}: evidence ledger, cursors, findings, outbox)${dataNote ? ` (${dataNote})` : ''}`,
  );
  lines.push('Press Ctrl+C to stop.');
  lines.push('');
  return lines.join('\n');
}

/**
 * `npm start`: run until SIGINT/SIGTERM, then close everything (the only process-level handlers, docs/conventions.md §7).
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
