// A real Nabız server for the Power-Up browser tests: emulator + demo workspace + store + scanner + createApp with
// the demo dev host, on port 0. Composed here (not through `serve`) so the test can count status requests on the
// server and reach the emulator's state.
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildPowerUp } from '../../../server/src/bundle/powerup.js';
import { loadConfig } from '../../../server/src/config.js';
import { emulatorPluginDataWriter } from '../../../server/src/demo/dev-host-plugin-data.js';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { demoMemberTokens, emulatorTokenOptions } from '../../../server/src/demo/member-tokens.js';
import { generateDemoWorkspace, type DemoWorkspace } from '../../../server/src/demo/workspace.js';
import { createApp } from '../../../server/src/http/app.js';
import { demoAccess } from '../../../server/src/demo/access-policy.js';
import { demoRouter } from '../../../server/src/demo/routes.js';
import type { AppDeps } from '../../../server/src/http/deps.js';
import { createJwtVerifier } from '../../../server/src/http/jwt.js';
import { createDemoJwtKeys } from '../../../server/src/demo/jwt-keys.js';
import { silentLogger } from '../../../server/src/log.js';
import { createScanRunner } from '../../../server/src/scan/scan-boards.js';
import { memoryStore, type Store } from '../../../server/src/store/store.js';
import { createTrelloClient } from '../../../server/src/trello/client.js';
import type { BoardStatus } from '../../../shared/types.js';

export const E2E_KEY = 'e2ekey000000000000000000000000ab';
export const E2E_TOKEN = 'e2etoken0000000000000000000000000000000000000000000000000000000a';
export const E2E_PLUGIN_ID = '5e0be1c0000000000000e2e0';

let built: Promise<unknown> | null = null;
/** Build the bundles once per test process (atomic renames: parallel files never read a torn bundle). */
export function ensureBuilt(): Promise<unknown> {
  built ??= buildPowerUp();
  return built;
}

export interface PowerUpServer {
  url: string;
  emulator: Emulator;
  store: Store;
  workspace: DemoWorkspace;
  boards: string[];
  /** The status the Power-Up would get (real HTTP call with a demo-signed JWT; counted like any other). */
  apiStatus(boardId: string, memberId: string): Promise<BoardStatus>;
  /** Sign a Power-Up JWT with the server's demo key (plugin id defaults to the configured one). */
  signJwt(claims: { idBoard: string; idMember: string; idPlugin?: string }, now?: Date): Promise<string>;
  /** The emulator token the board preview hands to the browser when acting as this member (the service token never). */
  memberTokens: Readonly<Record<string, string>>;
  /** Post a comment as the service token would (test set-up, not through the UI). */
  postComment(cardId: string, text: string): Promise<void>;
  /** GET /api/boards/:id/status requests the server received. */
  statusRequests(): number;
  resetCounts(): void;
  scan(): Promise<void>;
  close(): Promise<void>;
}

export async function startPowerUpServer(
  opts: {
    workspace?: DemoWorkspace /** Start the server's clock here (it then runs on). */;
    startAt?: Date /** Scans add the Nabız checklists (NABIZ_CHECKLISTS). */;
    checklists?: boolean;
  } = {},
): Promise<PowerUpServer> {
  await ensureBuilt();
  const offset = opts.startAt ? opts.startAt.getTime() - Date.now() : 0;
  const clock = () => new Date(Date.now() + offset);
  const workspace = opts.workspace ?? generateDemoWorkspace({ seed: 1, now: clock() });
  // As in serve's demo (server/src/main.ts): one token per board member, so the preview posts as the acting member.
  const memberTokens = demoMemberTokens(E2E_TOKEN, workspace.boards);
  const emulator = await startEmulator({ port: 0, key: E2E_KEY, token: E2E_TOKEN, ...emulatorTokenOptions(memberTokens), boards: workspace.boards, clock });
  const boards = workspace.boards.map((b) => b.id);
  const store = await memoryStore();
  const trello = createTrelloClient({ baseUrl: emulator.url, key: E2E_KEY, token: E2E_TOKEN, clock, log: silentLogger });
  const runner = createScanRunner({ store, trello, boards, clock, log: silentLogger, ...(opts.checklists ? { setupChecklists: true } : {}) });
  await runner.run();
  const keys = await createDemoJwtKeys(clock);
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', TRELLO_KEY: E2E_KEY, TRELLO_PLUGIN_ID: E2E_PLUGIN_ID, TRELLO_API_URL: emulator.url }),
    NABIZ_BOARDS: boards,
    people: workspace.people,
  };
  const deps: AppDeps = {
    config,
    store,
    clock,
    log: silentLogger,
    verifyJwt: createJwtVerifier({ publicKeys: () => [keys.publicKey], pluginId: E2E_PLUGIN_ID, trackedBoards: () => boards, clock }),
    requestScan: async (boardKey) => {
      await runner.run(boardKey ? { boards: [boardKey] } : {});
    },
    // These tests post several entries on one board within a minute and follow each badge; the one-scan-per-minute
    // limit of the refresh route has its own test (test/server/http/refresh-limit.test.ts).
    refreshMinMs: 0,
    // The lead's «Hatırlat» posts through the service's REST client, as serve wires it (server/src/main.ts).
    trello: { postComment: (cardId, text) => trello.postComment(cardId, text) },
    access: demoAccess({ appKey: E2E_KEY }),
    demo: {
      trelloUrl: emulator.url,
      key: E2E_KEY,
      token: E2E_TOKEN,
      memberTokens,
      signJwt: (c) => keys.signJwt(c),
      setPluginData: emulatorPluginDataWriter(emulator.state),
    },
  };
  let statusRequests = 0;
  const outer = express();
  outer.use((req, _res, next) => {
    if (req.method === 'GET' && /^\/api\/boards\/[^/]+\/status$/.test(req.path)) statusRequests++;
    next();
  });
  outer.use(createApp(deps, [demoRouter(deps)]));
  const server: Server = await new Promise((resolve) => {
    const s = outer.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    emulator,
    store,
    workspace,
    boards,
    memberTokens,
    async apiStatus(boardId, memberId) {
      const token = await keys.signJwt({ idBoard: boardId, idMember: memberId, idPlugin: E2E_PLUGIN_ID });
      const res = await fetch(`http://127.0.0.1:${port}/api/boards/${boardId}/status`, { headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`status ${res.status}: ${await res.text()}`);
      return (await res.json()) as BoardStatus;
    },
    signJwt: (c, now) => keys.signJwt({ idPlugin: E2E_PLUGIN_ID, ...c }, now),
    async postComment(cardId, text) {
      const u = new URL(`/1/cards/${cardId}/actions/comments`, emulator.url);
      u.searchParams.set('key', E2E_KEY);
      u.searchParams.set('token', E2E_TOKEN);
      const res = await fetch(u, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
      if (!res.ok) throw new Error(`emulator refused the comment: ${res.status} ${await res.text()}`);
    },
    statusRequests: () => statusRequests,
    resetCounts: () => void (statusRequests = 0),
    scan: async () => {
      await runner.run();
    },
    async close() {
      await runner.idle();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await emulator.close();
    },
  };
}
