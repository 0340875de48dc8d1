// Demo only — served by /demo/powerup/* in place of Trello's power-up.min.js (never in real Trello).
// Gives our unchanged connector/pages a `window.TrelloPowerUp` that talks to the board preview host page.
import './protocol.js';

const host = window.parent !== window ? window.parent.__nabizDevHost : undefined;
if (!host) {
  document.body?.append('Nabız dev host: open this page from /demo/board/<id>.');
  throw new Error('nabiz dev stand-in: no dev host in the parent window');
}

const standIn = {
  version: 'nabiz-dev-host',
  Promise,
  initialize(handlers: Trello.PowerUp.CapabilityHandlers, options?: Trello.PowerUp.PluginOptions) {
    host.connect(window, handlers as Record<string, unknown>, options);
    return {};
  },
  iframe() {
    return host.iframeT(window);
  },
};

(window as unknown as { TrelloPowerUp: typeof standIn }).TrelloPowerUp = standIn;
