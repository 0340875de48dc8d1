// The Trello REST API emulator (docs/emulator.md): the part of api.trello.com/1 Nabız uses, with Trello's JSON
// shapes, auth, rate limits, paging, excluded action types, batch, signed webhooks and fault injection.
// This file only assembles the pieces in ./emulator/: http (router plumbing, logger), auth, limits, faults,
// webhooks, and one route module per resource.
import type { EmulatedBoard, EmulatedBoardInput, TrelloAction } from './model.js';
import { EmulatorState } from './state.js';
import { Access } from './emulator/access.js';
import { controlRoute } from './emulator/control.js';
import { createFaults, type FaultControl } from './emulator/faults.js';
import { silentEmulatorLogger, type EmulatorLogger } from './emulator/http.js';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from './emulator/limits.js';
import { createRequestCounter, Router, type RequestCounter } from './emulator/router.js';
import { createJwtKeyring, type JwtKeyControl, type PowerUpJwtClaims } from './emulator/jwt-keys.js';
import { listen } from './emulator/server.js';
import { WebhookDispatcher, signWebhook, type WebhookDelivery } from './emulator/webhooks.js';
import { actionRoutes } from './emulator/routes/actions.js';
import { batchRoutes } from './emulator/routes/batch.js';
import { boardRoutes } from './emulator/routes/boards.js';
import { cardRoutes } from './emulator/routes/cards.js';
import { checklistRoutes } from './emulator/routes/checklists.js';
import type { RouteEnv } from './emulator/routes/env.js';
import { memberRoutes } from './emulator/routes/members.js';
import { webhookRoutes } from './emulator/routes/webhooks.js';

export { DEFAULT_RATE_LIMITS, signWebhook };
export type { EmulatorLogger, FaultControl, JwtKeyControl, PowerUpJwtClaims, RateLimits, WebhookDelivery };

export interface StartEmulatorOptions {
  port?: number;
  host?: '127.0.0.1';
  key: string;
  token: string;
  /** More tokens accepted with `key` (each belongs to `tokenMembers[token]` or the service member). */
  extraTokens?: string[];
  /** token → member id (the author of comments posted with that token). */
  tokenMembers?: Record<string, string>;
  boards?: Array<EmulatedBoard | EmulatedBoardInput>;
  /** OAuth secret used to sign webhook deliveries (default: a fixed demo secret, see Emulator.appSecret). */
  appSecret?: string;
  clock?: () => Date;
  log?: EmulatorLogger;
}

export interface Emulator {
  url: string;
  close(): Promise<void>;
  state: EmulatorState;
  requests: RequestCounter;
  faults: FaultControl;
  /** Trello's Power-Up JWT keys: sign t.jwt() tokens, rotate, take the key endpoint down (docs/emulator.md). */
  jwt: JwtKeyControl;
  /** Load a Trello board JSON export under its own id (cut when it holds Trello's cap of 1000 actions); returns the board id. */
  loadExport(json: unknown): string;
  /** The secret webhook signatures use. */
  appSecret: string;
  /** Webhook deliveries made so far (tests). */
  deliveries: WebhookDelivery[];
  /** Resolves when every webhook delivery started so far has finished. */
  flushWebhooks(): Promise<void>;
  /** Send an action made directly on `state` (seeding) to the webhooks watching its board/card. */
  deliverWebhooks(action: TrelloAction): void;
}

export const DEMO_APP_SECRET = 'nabiz-emulator-app-secret';
const SERVICE_MEMBER = { id: '5e0be1c000000000000a0001', fullName: 'Nabız Servis', username: 'nabizservis' };

export async function startEmulator(opts: StartEmulatorOptions): Promise<Emulator> {
  const log = opts.log ?? silentEmulatorLogger;
  const clock = opts.clock ?? (() => new Date());
  const state = new EmulatorState(clock);
  const appSecret = opts.appSecret ?? DEMO_APP_SECRET;
  const tokenMembers = opts.tokenMembers ?? {};

  const registerTokens = () => {
    for (const t of [opts.token, ...(opts.extraTokens ?? [])]) {
      if (state.tokens.has(t)) continue;
      const memberId = tokenMembers[t] ?? SERVICE_MEMBER.id;
      if (memberId === SERVICE_MEMBER.id && !state.members.has(SERVICE_MEMBER.id)) state.members.set(SERVICE_MEMBER.id, { ...SERVICE_MEMBER });
      state.tokens.set(t, { memberId });
    }
  };
  for (const b of opts.boards ?? []) state.loadBoard(b);
  registerTokens();

  const requests = createRequestCounter();
  let limiter: RateLimiter | undefined;
  const faults = createFaults(() => limiter?.reset());
  limiter = new RateLimiter(() => faults.control.rateLimits);
  const hooks = new WebhookDispatcher(state, appSecret, clock, log);
  const router = new Router(requests);
  const env: RouteEnv = { state, clock, access: new Access(state), hooks, dispatch: (m, p, base, inBatch) => router.dispatch(m, p, base, inBatch) };
  for (const routes of [boardRoutes, cardRoutes, checklistRoutes, actionRoutes, memberRoutes, batchRoutes, webhookRoutes]) router.add(routes(env));

  const keyring = await createJwtKeyring(clock);
  const server = await listen(
    {
      key: opts.key,
      state,
      router,
      requests,
      faults,
      limiter,
      log,
      jwtPublicKeys: () => keyring.publicKeysRoute(),
      control: (method, path, q, headers) => controlRoute({ key: opts.key, operatorToken: opts.token, state, jwt: keyring.control }, method, path, q, headers),
    },
    opts.host ?? '127.0.0.1',
    opts.port ?? 0,
  );

  return {
    url: server.url,
    state,
    requests,
    faults: faults.control,
    jwt: keyring.control,
    appSecret,
    deliveries: hooks.deliveries,
    loadExport(json: unknown): string {
      const id = state.loadExport(json);
      registerTokens();
      return id;
    },
    deliverWebhooks: (action) => hooks.deliver(action),
    flushWebhooks: () => hooks.flush(),
    async close() {
      await hooks.flush();
      await server.close();
    },
  };
}
