// What every route module is given.
import type { EmulatorState } from '../../state.js';
import type { Access } from '../access.js';
import type { Ctx, Result } from '../http.js';
import type { WebhookDispatcher } from '../webhooks.js';

export interface RouteEnv {
  state: EmulatorState;
  clock: () => Date;
  access: Access;
  hooks: WebhookDispatcher;
  /** Run another route (batch): `path` with its query string. */
  dispatch(method: string, path: string, base: Ctx, inBatch: boolean): Promise<Result>;
}
