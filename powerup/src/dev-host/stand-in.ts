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
    host.connect(window, handlers, options);
    return {};
  },
  iframe() {
    return host.iframeT(window);
  },
};

// Our stand-in, not Trello's whole client: assigned as a plain property (the typings declare Trello's type).
Object.assign(window, { TrelloPowerUp: standIn });
