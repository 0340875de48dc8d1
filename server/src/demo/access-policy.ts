// The demo's access policy (docs/architecture.md "The arrows"): the demo workspace is generated, so everyone
// sees everything — `/` opens the demo index, the dashboard signs its manager in, the outbox is open — and the
// board preview (our own origin) may frame the Power-Up pages.
import type { Person } from '../config.js';
import type { AccessPolicy } from '../http/access-policy.js';
import { DEMO_CLIENT } from '../reports/dashboard/page.js';

/** The dashboard's viewer when NABIZ_PEOPLE names no manager. */
export const DEMO_MANAGER: Person = { name: 'Demo Yönetici', trelloId: 'demo-manager', role: 'manager' };

export function demoAccess(o: { appKey: string }): AccessPolicy {
  return {
    mode: 'demo',
    rootRedirect: '/demo/',
    powerUpFramedBySelf: true,
    appKey: o.appKey,
    anonymousViewer: (people) => people.find((p) => p.role === 'manager') ?? DEMO_MANAGER,
    dashboardClient: DEMO_CLIENT,
    outboxOpen: true,
  };
}
