// authorization-status: forms post comments through Trello's REST client, which needs the member's token.
import { restApi, type PowerUpT } from '../t.js';

export function authorizationStatus() {
  return async (t: PowerUpT): Promise<{ authorized: boolean }> => {
    const api = restApi(t);
    if (!api) return { authorized: false };
    try {
      return { authorized: Boolean(await api.isAuthorized()) };
    } catch {
      // Third-party storage partitioning can break isAuthorized (docs/trello.md §3): ask again.
      return { authorized: false };
    }
  };
}
