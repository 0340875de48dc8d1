// One Trello webhook per tracked board (docs/operations.md "Webhooks"), kept alive: registered at start,
// idempotently (a webhook of this token with the same model and callback URL is reused), and checked again
// on a schedule — Trello deletes a webhook when its callback answered 410 Gone or the token lost access, and
// an inactive one delivers nothing (guides/rest-api/webhooks). A board whose webhook is gone from
// GET /1/tokens/{token}/webhooks, or inactive, is registered again. /healthz shows the per-board result.
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { TrelloClient } from './client.js';
import type { Webhook } from './schemas.js';
import { errorMessage } from '../errors.js';

export interface WebhookRegistration {
  boardId: string;
  ok: boolean;
  webhookId?: string;
  created?: boolean;
  /** Created again because Trello had removed (or deactivated) the one registered before. */
  reRegistered?: boolean;
  error?: string;
}

/** What /healthz reports per board. */
export interface BoardWebhookStatus {
  boardId: string;
  /** A webhook of this token, active, watching the board with our callback URL (as of checkedAt). */
  live: boolean;
  webhookId?: string;
  checkedAt: string;
  error?: string;
}

export interface WebhookKeeperDeps {
  trello: TrelloClient;
  store: Store;
  boards: string[];
  callbackURL: string;
  log: Logger;
  clock?: () => Date;
}

export interface WebhookKeeper {
  /** List this token's webhooks and (re-)register what is missing. Never throws. */
  ensure(): Promise<WebhookRegistration[]>;
  /** The last result per board, in board order (empty before the first ensure). */
  status(): BoardWebhookStatus[];
}

export function createWebhookKeeper(deps: WebhookKeeperDeps): WebhookKeeper {
  const clock = deps.clock ?? (() => new Date());
  const status = new Map<string, BoardWebhookStatus>();

  async function ensure(): Promise<WebhookRegistration[]> {
    const out: WebhookRegistration[] = [];
    let existing: Webhook[] | null = null;
    try {
      existing = await deps.trello.listWebhooks();
    } catch (err) {
      deps.log.warn(`webhooks: could not list this token's webhooks: ${errorMessage(err)}`);
    }
    const checkedAt = clock().toISOString();
    /** Boards whose webhook pointed at an older callback URL (PUBLIC_URL changed): reported in one line. */
    const moved: string[] = [];
    for (const boardId of deps.boards) {
      const stored = deps.store.boards.get(boardId);
      const previousId = stored?.webhookId;
      // Trello answers with the board's full id: match on the id or the stored short-link alias.
      const ofBoard = (existing ?? []).filter((w) => w.idModel === boardId || w.idModel === stored?.id);
      const mine = ofBoard.filter((w) => w.callbackURL === deps.callbackURL);
      // Our stored webhook, still at Trello but calling an old URL: PUBLIC_URL changed, Trello removed nothing.
      const stale = ofBoard.filter((w) => w.callbackURL !== deps.callbackURL && w.id === previousId);
      const live = mine.find((w) => w.active !== false);
      const removed = existing !== null && !live && stale.length === 0 && (previousId !== undefined || mine.length > 0);
      try {
        // An inactive webhook blocks a new one with the same model + callback: delete it first.
        for (const w of mine) if (w.active === false) await deps.trello.deleteWebhook(w.id);
        const w =
          live ?? (await deps.trello.createWebhook({ callbackURL: deps.callbackURL, idModel: stored?.id ?? boardId, description: `Nabız: board ${boardId}` }));
        // The old URL's webhook would keep calling a place we no longer answer at.
        for (const old of stale) {
          await deps.trello
            .deleteWebhook(old.id)
            .catch((e: unknown) => deps.log.warn(`webhooks: board ${boardId}: could not delete the old webhook ${old.id} (${errorMessage(e)})`));
          moved.push(boardId);
        }
        if (previousId !== w.id) {
          await deps.store.write(async (tx) => {
            // The row as of inside the write (another process may have scanned since).
            const b = deps.store.boards.get(boardId);
            if (b) await tx.boards.put(boardId, { ...b, webhookId: w.id });
          });
        }
        if (removed)
          deps.log.warn(`webhooks: board ${boardId}: Trello no longer had our webhook${previousId ? ` ${previousId}` : ''}; registered again as ${w.id}`);
        out.push({ boardId, ok: true, webhookId: w.id, created: !live, ...(removed ? { reRegistered: true } : {}) });
        status.set(boardId, { boardId, live: true, webhookId: w.id, checkedAt });
      } catch (err) {
        const msg = errorMessage(err);
        deps.log.warn(`webhooks: board ${boardId}: not registered (${msg}); edits and deletions will be caught by the full pass instead`);
        out.push({ boardId, ok: false, error: msg });
        status.set(boardId, { boardId, live: false, checkedAt, error: msg });
      }
    }
    if (moved.length)
      deps.log.info(`webhooks: the callback URL changed (PUBLIC_URL): ${moved.length} board(s) moved to ${deps.callbackURL}, their old webhooks deleted`);
    const made = out.filter((r) => r.created).length;
    deps.log.info(`webhooks: ${out.filter((r) => r.ok).length}/${out.length} boards registered (${made} new) → ${deps.callbackURL}`);
    return out;
  }

  return {
    ensure,
    status: () => deps.boards.map((b) => status.get(b)).filter((s): s is BoardWebhookStatus => s !== undefined),
  };
}

/** Register once (start-up, tests). */
export async function registerWebhooks(deps: WebhookKeeperDeps): Promise<WebhookRegistration[]> {
  return createWebhookKeeper(deps).ensure();
}
