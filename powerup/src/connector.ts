// The iframe connector (powerup/index.html): Trello loads it hidden and calls our capability map.
// In real Trello `window.TrelloPowerUp` is Trello's client library (p.trellocdn.com); in the demo the dev host
// provides a stand-in with the same interface. This file is identical in both.
import { createCapabilities } from './capabilities/index.js';
import { appOptions } from './app-options.js';
import { createStatusClient } from './status-client.js';

const baseUrl = window.location.origin;
const status = createStatusClient({ baseUrl, fetch: (u, i) => window.fetch(u, i), now: () => Date.now() });
const capabilities = createCapabilities({ status, now: () => new Date(), baseUrl });

// biome-ignore lint/nursery/noUnsafeTypeAssertion: the typings declare handlers without `opts` and some as `() => void` (docs/trello.md §1): cast at this one edge.
window.TrelloPowerUp.initialize(capabilities as unknown as Trello.PowerUp.CapabilityHandlers, appOptions());
