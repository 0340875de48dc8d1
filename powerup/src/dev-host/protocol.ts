// What the board preview page (host.ts) exposes to our iframes (stand-in.ts). All frames are same-origin
// children of the host page, so they call it directly instead of Trello's postMessage protocol.
import type { PowerUpT, RestApiClient } from '../t.js';

export type DevT = PowerUpT & { getRestApi(): RestApiClient };

export interface DevHostApi {
  /** The connector iframe registers its capability map (TrelloPowerUp.initialize). */
  connect(win: Window, handlers: Trello.PowerUp.CapabilityHandlers, options: Trello.PowerUp.PluginOptions | undefined): void;
  /** A popup/modal/section iframe asks for its `t` (TrelloPowerUp.iframe). */
  iframeT(win: Window): DevT;
}

declare global {
  interface Window {
    __nabizDevHost?: DevHostApi;
  }
}
