// The emulator and a Trello client without rate limits, for tests about what a scan stores and judges: the limits are
// the client's and the emulator's business (tested there, test/server/trello/), here they would only slow a test down.
import { startEmulator, type Emulator } from '../../server/src/demo/emulator.js';
import { createTrelloClient, type TrelloClient } from '../../server/src/trello/client.js';
import { LimiterRegistry } from '../../server/src/trello/rate-limiter.js';

type EmulatorOptions = Parameters<typeof startEmulator>[0];

/** A client of `emu` whose limiter never waits. */
export function unlimitedClient(emu: Emulator, key: string, token: string, clock: () => Date): TrelloClient {
  return createTrelloClient({
    baseUrl: emu.url,
    key,
    token,
    clock,
    limits: { registry: new LimiterRegistry(), perToken: 100_000, perKey: 100_000 },
  });
}

/** The emulator with its rate limits out of reach, and a client of it. */
export async function unlimitedTrello(
  opts: EmulatorOptions & { key: string; token: string; clock: () => Date },
): Promise<{ emu: Emulator; trello: TrelloClient }> {
  const emu = await startEmulator(opts);
  emu.faults.rateLimits = { perToken: 100_000, perKey: 100_000, windowMs: 10_000 };
  return { emu, trello: unlimitedClient(emu, opts.key, opts.token, opts.clock) };
}
