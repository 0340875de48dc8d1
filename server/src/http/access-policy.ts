// Who the viewer is and what they may see, as the entry point decides it (docs/architecture.md "The arrows").
// Production routes ask the policy and never branch on the demo: main.ts runs with PRODUCTION_ACCESS, the demo
// entry (server/src/demo-main.ts) supplies its own (server/src/demo/access-policy.ts).
import type { Person } from '../config.js';

export interface AccessPolicy {
  /** What /healthz calls the mode. */
  mode: 'live' | 'demo';
  /** Where `/` sends the browser; none: the public status page. */
  rootRedirect?: string;
  /** CSP of the Power-Up pages: may our own origin frame them (the demo's board preview)? Production: Trello only. */
  powerUpFramedBySelf: boolean;
  /** The Power-Up's public app key when TRELLO_KEY is not configured. */
  appKey?: string;
  /**
   * The dashboard viewer of a request that proves no one (no JWT, no valid session), given NABIZ_PEOPLE.
   * Production: none (sign in). The demo: its manager, signed in with a session cookie.
   */
  anonymousViewer?: (people: readonly Person[]) => Person;
  /** The client script the dashboard page loads inside the Power-Up modal instead of Trello's (the demo's dev host). */
  dashboardClient?: string;
  /** The outbox page open to everyone (the demo, whose messages are generated); production: each person's signed link. */
  outboxOpen: boolean;
}

export const PRODUCTION_ACCESS: AccessPolicy = { mode: 'live', powerUpFramedBySelf: false, outboxOpen: false };

/** The policy of this app: the one the entry supplied, else production's. */
export function accessPolicy(deps: { access?: AccessPolicy | undefined }): AccessPolicy {
  return deps.access ?? PRODUCTION_ACCESS;
}
