// The demo entry: production's composition root (server/src/main.ts) plus the demo — a Trello emulator
// seeded with a generated workspace (it also serves Trello's JWT key endpoint and signs the board preview's
// t.jwt() tokens, so the service verifies them as it does Trello's), and the /demo board preview. `nabiz demo`, and `npm start` without TRELLO_TOKEN, start here; with a token this is plain startService.
import { rmSync } from 'node:fs';
import { witnessFileFor } from './store/witness.js';
import type { Clock } from '../../shared/types.js';
import { DEMO_DATA_FILE, ledgerFileFor, loadConfigFromEnv, storeFileFor, type Config } from './config.js';
import { DEMO_KEY, DEMO_TOKEN } from './demo/credentials.js';
import { emulatorPluginDataWriter } from './demo/dev-host-plugin-data.js';
import { startEmulator, type Emulator } from './demo/emulator.js';
import { demoMemberTokens, emulatorTokenOptions } from './demo/member-tokens.js';
import { demoAccess } from './demo/access-policy.js';
import { demoRouter } from './demo/routes.js';
import { DEMO_PLUGIN_ID, generateDemoWorkspace } from './demo/workspace.js';
import { createLogger } from './log.js';
import { startService as startProductionService, type Service, type ServiceOptions } from './main.js';

export { runUntilSignal, startBanner, StartupError, type Service } from './main.js';
export { DEMO_DATA_FILE, DEMO_KEY, DEMO_TOKEN };

export interface DemoServiceOptions extends Omit<ServiceOptions, 'extension'> {
  /** `nabiz demo`: the embedded demo even when TRELLO_TOKEN is set. */
  forceDemo?: boolean;
  /** Demo data file (tests pass a temp path). */
  demoDataFile?: string;
}

/** The service, with the demo's emulator when it runs one. */
export type DemoService = Service & { emulator?: Emulator };

/**
 * The service as `npm start` runs it: the demo without TRELLO_TOKEN (or with `forceDemo`), production otherwise.
 * The demo's data file is recreated on every start (the workspace is generated for "now").
 */
export async function startService(opts: DemoServiceOptions): Promise<DemoService> {
  const env = loadConfigFromEnv(opts.env);
  if (!(opts.forceDemo === true || env.demo)) return startProductionService(opts);
  const clock: Clock = opts.clock ?? (() => new Date());
  const log = createLogger(env.LOG_LEVEL, (l) => opts.io.stderr(l + '\n'));

  const ws = generateDemoWorkspace({ seed: 1, now: clock() });
  const memberTokens = demoMemberTokens(DEMO_TOKEN, ws.boards);
  const emulator = await startEmulator({ port: 0, key: DEMO_KEY, token: DEMO_TOKEN, ...emulatorTokenOptions(memberTokens), boards: ws.boards, clock, log });
  try {
    const dataFile = opts.demoDataFile ?? DEMO_DATA_FILE;
    const ledgerFile = ledgerFileFor(dataFile);
    const storeFile = storeFileFor(dataFile);
    // Demo data is fresh on every start (the workspace is generated for "now").
    // Its witness goes too: the fresh store must not be mistaken for a lost one (docs/operations.md "Evidence ledger").
    for (const f of [dataFile, ledgerFile, storeFile, `${storeFile}-wal`, `${storeFile}-shm`, witnessFileFor(storeFile, dataFile)]) rmSync(f, { force: true });
    const demoConfig = (config: Config): Config => ({
      ...withoutWitnessFile(config),
      demo: true,
      TRELLO_API_URL: emulator.url,
      TRELLO_KEY: DEMO_KEY,
      TRELLO_TOKEN: DEMO_TOKEN,
      TRELLO_APP_SECRET: emulator.appSecret,
      TRELLO_PLUGIN_ID: DEMO_PLUGIN_ID,
      NABIZ_BOARDS: ws.boards.map((b) => b.id),
      DATA_FILE: dataFile,
      LEDGER_FILE: ledgerFile,
      DATABASE_URL: storeFile,
      people: config.people.length > 0 ? config.people : ws.people,
    });
    const service = await startProductionService({
      ...opts,
      clock,
      extension: {
        config: demoConfig,
        scanOnStart: true,
        // The demo's "Trello" is the emulator: it calls back on the local URL, and its labels stay live in dry run.
        localCallbacks: true,
        labelsLiveInDryRun: true,
        deps: {
          access: demoAccess({ appKey: DEMO_KEY }),
          demo: {
            trelloUrl: emulator.url,
            key: DEMO_KEY,
            token: DEMO_TOKEN,
            memberTokens,
            signJwt: (c) => emulator.jwt.sign(c),
            setPluginData: emulatorPluginDataWriter(emulator.state),
          },
        },
        routers: (deps) => [demoRouter(deps)],
        close: () => emulator.close(),
        banner: {
          mode: ' in DEMO mode (no TRELLO_TOKEN: embedded Trello emulator with a generated workspace)',
          lines: (url, store) =>
            ws.boards.map((b) => {
              const name = store.boards.get(b.id)?.name;
              return `  board preview  ${url}/demo/board/${b.id}${name ? `   (${name})` : ''}`;
            }),
          outbox: '   (what managers would receive)',
          storeNote: 'demo: recreated on every start',
        },
      },
    });
    return { ...service, emulator };
  } catch (err) {
    await emulator.close().catch(() => undefined);
    throw err;
  }
}

/** The demo's witness lives beside its own store, never in an operator's WITNESS_FILE. */
function withoutWitnessFile(config: Config): Config {
  const { WITNESS_FILE: _w, ...rest } = config;
  return rest;
}
