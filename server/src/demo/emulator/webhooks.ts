// Webhook deliveries as Trello makes them: POST {model, action, webhook} to every active webhook watching the
// action's board, card or member, signed with X-Trello-Webhook = base64 HMAC-SHA1(app secret, UTF-8 body +
// UTF-8 callback URL) (developer.atlassian.com/cloud/trello/guides/rest-api/webhooks, "Webhook signatures").
// A 410 answer deletes the webhook; other failures count consecutiveFailures. docs/trello.md §9, §10.
import { createHmac } from 'node:crypto';
import type { TrelloAction, TrelloWebhook } from '../model.js';
import { actionJson, boardFull, cardFull, memberFull } from '../serialize.js';
import type { EmulatorState } from '../state.js';
import type { EmulatorLogger } from './http.js';
import { errorMessage } from '../../errors.js';

/** `X-Trello-Webhook`: base64 HMAC-SHA1(secret) over the UTF-8 bytes of body then callback URL. */
export function signWebhook(secret: string, body: string, callbackURL: string): string {
  return createHmac('sha1', secret).update(body, 'utf8').update(callbackURL, 'utf8').digest('base64');
}

export interface WebhookDelivery {
  webhookId: string;
  callbackURL: string;
  body: string;
  signature: string;
  status: number | 'error';
}

/** The webhook as Trello serves it (the owning token is never shown). */
export function webhookJson(w: TrelloWebhook): Omit<TrelloWebhook, 'token'> {
  const { token: _t, ...rest } = w;
  return rest;
}

export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly inflight = new Set<Promise<void>>();

  constructor(
    private readonly state: EmulatorState,
    private readonly appSecret: string,
    private readonly clock: () => Date,
    private readonly log: EmulatorLogger,
  ) {}

  private modelOf(idModel: string): Record<string, unknown> {
    const b = this.state.boards.get(idModel);
    if (b) return boardFull(this.state, b);
    const c = this.state.cards.get(idModel);
    if (c) return cardFull(this.state, c);
    return memberFull(this.state, this.state.memberOf(idModel));
  }

  /** Send `action` to every webhook watching its board, card or author. */
  deliver(action: TrelloAction): void {
    const boardId = action.data.board?.id;
    const cardId = action.data.card?.id;
    for (const wh of [...this.state.webhooks.values()]) {
      if (!wh.active || (wh.idModel !== boardId && wh.idModel !== cardId && wh.idModel !== action.idMemberCreator)) continue;
      const body = JSON.stringify({
        model: this.modelOf(wh.idModel),
        action: actionJson(action),
        webhook: { id: wh.id, description: wh.description, idModel: wh.idModel, callbackURL: wh.callbackURL, active: wh.active },
      });
      const signature = signWebhook(this.appSecret, body, wh.callbackURL);
      const rec: WebhookDelivery = { webhookId: wh.id, callbackURL: wh.callbackURL, body, signature, status: 'error' };
      this.deliveries.push(rec);
      const p = this.post(wh, rec);
      this.inflight.add(p);
      void p.finally(() => this.inflight.delete(p));
    }
  }

  private async post(wh: TrelloWebhook, rec: WebhookDelivery): Promise<void> {
    try {
      const res = await fetch(wh.callbackURL, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-trello-webhook': rec.signature, 'user-agent': 'Trello (emulator)' },
        body: rec.body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      rec.status = res.status;
      if (res.status === 410) {
        this.state.webhooks.delete(wh.id); // 410 Gone deletes the webhook (Trello webhooks guide)
        return;
      }
      if (res.ok) {
        wh.consecutiveFailures = 0;
        wh.firstConsecutiveFailDate = null;
        return;
      }
    } catch (e) {
      this.log.warn(`emulator: webhook ${wh.id} delivery to ${wh.callbackURL} failed: ${errorMessage(e)}`);
    }
    wh.consecutiveFailures++;
    wh.firstConsecutiveFailDate ??= this.clock().toISOString();
  }

  /** Resolves when every delivery started so far has finished. */
  async flush(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }
}
