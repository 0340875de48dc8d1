// The capability map (docs/conventions.md §9): one module per Trello capability id, so the admin portal maps to files by name.
import type { ConnectorDeps } from '../connector-deps.js';
import { authorizationStatus } from './authorization-status.js';
import { boardButtons } from './board-buttons.js';
import { cardBackSection } from './card-back-section.js';
import { cardBadges } from './card-badges.js';
import { cardButtons } from './card-buttons.js';
import { cardDetailBadges } from './card-detail-badges.js';
import { showAuthorization } from './show-authorization.js';
import { showSettings } from './show-settings.js';

export const CAPABILITY_IDS = [
  'card-badges',
  'card-detail-badges',
  'card-buttons',
  'card-back-section',
  'board-buttons',
  'show-settings',
  'authorization-status',
  'show-authorization',
] as const;
export type CapabilityId = (typeof CAPABILITY_IDS)[number];

export function createCapabilities(deps: ConnectorDeps) {
  return {
    'card-badges': cardBadges(deps),
    'card-detail-badges': cardDetailBadges(deps),
    'card-buttons': cardButtons(deps),
    'card-back-section': cardBackSection(deps),
    'board-buttons': boardButtons(deps),
    'show-settings': showSettings(),
    'authorization-status': authorizationStatus(),
    'show-authorization': showAuthorization(),
  } satisfies Record<CapabilityId, unknown>;
}
export type Capabilities = ReturnType<typeof createCapabilities>;
