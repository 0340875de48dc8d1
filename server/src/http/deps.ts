import type { AccessPolicy } from './access-policy.js';
import type { BoardWebhookStatus } from '../trello/webhooks.js';
import type { Clock } from '../../../shared/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { LedgerHealth } from '../store/open.js';
import type { Store } from '../store/store.js';
import type { EvaluationQueue } from '../scan/evaluation-queue.js';

/** Claims of a verified Power-Up JWT (t.jwt(): docs/trello.md §5). */
export interface PowerUpClaims {
  idMember: string;
  idBoard: string;
  idPlugin: string;
}

/** Verifies a t.jwt() token; throws HttpError(401/403) when refused. */
export type JwtVerifier = (token: string) => Promise<PowerUpClaims>;

/** Everything the HTTP routes may use. Built once in the composition root (server/src/cli/serve.ts). */
export interface AppDeps {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
  verifyJwt: JwtVerifier;
  /** The evidence chain as checked at start (and re-checked in the background); /healthz reports it. */
  ledgerHealth?: () => LedgerHealth;
  /** Per tracked board: does a live Trello webhook exist (last check)? Set once webhooks are registered. */
  webhookStatus?: () => BoardWebhookStatus[];
  /**
   * Ask the scanner for a scan now (after a form posted an entry); resolves when done. With a board (its
   * NABIZ_BOARDS key) only that board is scanned. The refresh route limits how often (routes/api.ts).
   */
  requestScan?: (boardKey?: string) => Promise<void>;
  /** Debounced re-evaluation after webhook deliveries (created by the webhook route when not given). */
  evaluations?: EvaluationQueue;
  /** A delivery said something other than a comment changed on this board (its NABIZ_BOARDS key): scan it next time. */
  boardChanged?: (boardKey: string) => void;
  /** Least time between two refresh scans of one board (default REFRESH_MIN_MS, one minute; browser tests set 0). */
  refreshMinMs?: number;
  /**
   * The Trello write the lead's «Hatırlat» needs (routes/nudge.ts): one @mention comment. Absent when no
   * TRELLO_TOKEN is configured: the route answers 503.
   */
  trello?: { postComment(cardId: string, text: string): Promise<{ id: string }> };
  /** Who the viewer is and what they may see (http/access-policy.ts); default PRODUCTION_ACCESS. */
  access?: AccessPolicy;
  /** Demo mode only (read by server/src/demo/ alone): the emulator's base URL, demo key/tokens for the dev host, the demo JWT signer. */
  demo?: {
    trelloUrl: string;
    key: string;
    /** The emulator's service token: server side only (board page rendering); never sent to the browser. */
    token: string;
    /**
     * memberId → that member's emulator token (server/src/demo/member-tokens.ts). The board preview hands the acting
     * member's token to the browser (t.getRestApi().getToken()) and /demo/trello accepts only these, so entries are
     * authored by the member, as in Trello. Without it the preview answers 501.
     */
    memberTokens?: Readonly<Record<string, string>>;
    signJwt: (claims: PowerUpClaims) => Promise<string>;
    /**
     * Dev host only (additive): store the Power-Up's shared pluginData of a card/board in the emulator —
     * what Trello does for t.set (REST has no pluginData write). See server/src/demo/dev-host-plugin-data.ts.
     */
    setPluginData?: (idModel: string, value: string) => void | Promise<void>;
    /** The plugin id the dev host signs JWTs and stores pluginData with (default DEMO_PLUGIN_ID). */
    pluginId?: string;
  };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** A stable reason the client can show its own text for (answered as `code`). */
    readonly extra?: { code: string },
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
