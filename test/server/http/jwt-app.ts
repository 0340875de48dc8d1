// The real Express app over a scanned test world, behind the production JWT check (RS256 keys signed like the demo's),
// listening on a loopback port: the set-up the card API tests share (explanations, freeze approvals, nudges, reminders).
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../../server/src/config.js';
import { createDemoJwtKeys } from '../../../server/src/demo/jwt-keys.js';
import { createApp } from '../../../server/src/http/app.js';
import type { AppDeps } from '../../../server/src/http/deps.js';
import { createJwtVerifier } from '../../../server/src/http/jwt.js';
import { silentLogger } from '../../../server/src/log.js';
import type { World } from '../scan/world.js';

export const PLUGIN = '5e0be1c0000000000000a001';

export interface JwtApp {
  url: string;
  config: Config;
  /** A Power-Up token of `idMember` on `idBoard`. */
  token(idMember: string, idBoard: string): Promise<string>;
  close(): void;
}

/** `env`: config beyond the Trello key/token, tracked boards, plugin id and silent logs; `deps`: app deps beyond store, clock, log and JWT. */
export async function startJwtApp(world: World, env: Record<string, string> = {}, deps: Partial<AppDeps> = {}): Promise<JwtApp> {
  const config = loadConfig({
    TRELLO_KEY: 'k',
    TRELLO_TOKEN: 't',
    NABIZ_BOARDS: world.boardIds.join(','),
    TRELLO_PLUGIN_ID: PLUGIN,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const clock = () => world.clock.now;
  const keys = await createDemoJwtKeys(clock);
  const verifyJwt = createJwtVerifier({ publicKeys: () => [keys.publicKey], pluginId: PLUGIN, trackedBoards: () => world.boardIds, clock });
  const app = createApp({ config, store: world.store, clock, log: silentLogger, verifyJwt, ...deps });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    config,
    token: (idMember, idBoard) => keys.signJwt({ idMember, idBoard, idPlugin: PLUGIN }),
    close: () => server.close(),
  };
}
