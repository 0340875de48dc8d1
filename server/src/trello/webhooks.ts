// Register one Trello webhook per tracked board (DESIGN §9) when PUBLIC_URL is set. Idempotent:
// an existing webhook of this token with the same model and callback URL is reused.
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { TrelloClient } from './client.js';

export interface WebhookRegistration {
  boardId: string;
  ok: boolean;
  webhookId?: string;
  created?: boolean;
  error?: string;
}

export async function registerWebhooks(deps: {
  trello: TrelloClient;
  store: Store;
  boards: string[];
  callbackURL: string;
  log: Logger;
}): Promise<WebhookRegistration[]> {
  const out: WebhookRegistration[] = [];
  let existing: Awaited<ReturnType<TrelloClient['listWebhooks']>> = [];
  try {
    existing = await deps.trello.listWebhooks();
  } catch (err) {
    deps.log.warn(`webhooks: could not list this token's webhooks: ${(err as Error).message}`);
  }
  for (const boardId of deps.boards) {
    // Trello answers with the board's full id: match on the id or the stored short-link alias.
    const known = existing.find((w) => w.callbackURL === deps.callbackURL && (w.idModel === boardId || w.idModel === deps.store.data.boards[boardId]?.id));
    try {
      const w = known ?? (await deps.trello.createWebhook({ callbackURL: deps.callbackURL, idModel: boardId, description: `Nabız: board ${boardId}` }));
      await deps.store.update((s) => {
        const b = s.boards[boardId];
        if (b) b.webhookId = w.id;
      });
      out.push({ boardId, ok: true, webhookId: w.id, created: !known });
    } catch (err) {
      const msg = (err as Error).message;
      deps.log.warn(`webhooks: board ${boardId}: not registered (${msg}); edits and deletions will be caught by the full pass instead`);
      out.push({ boardId, ok: false, error: msg });
    }
  }
  const made = out.filter((r) => r.created).length;
  deps.log.info(`webhooks: ${out.filter((r) => r.ok).length}/${out.length} boards registered (${made} new) → ${deps.callbackURL}`);
  return out;
}
