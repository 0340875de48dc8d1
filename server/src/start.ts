// Which entry `nabiz serve` and `nabiz demo` start (docs/architecture.md "Production never loads server/src/demo/"):
// the demo entry (server/src/demo-main.ts) when TRELLO_TOKEN is not set or `nabiz demo` asks for it, production's
// composition root otherwise. The one place outside the demo that decides on it; the demo's code is imported only then.
import { loadConfigFromEnv } from './config.js';
import type { Service, ServiceOptions } from './main.js';

/** Starts the service from the entry the environment calls for (`wantDemo`: `nabiz demo`). */
export async function startEntry(opts: ServiceOptions, wantDemo: boolean): Promise<Service> {
  if (wantDemo || loadConfigFromEnv(opts.env).demo) {
    const { startService } = await import('./demo-main.js');
    return startService({ ...opts, forceDemo: true });
  }
  const { startService } = await import('./main.js');
  return startService(opts);
}
