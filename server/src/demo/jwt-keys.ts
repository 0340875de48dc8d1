// A Power-Up JWT key pair generated at start, for unit tests that hand the verifier its key directly (never
// persisted). The demo and the live end-to-end test use the emulator's keys instead (./emulator/jwt-keys.ts), which
// the service fetches from TRELLO_API_URL like Trello's.
import { SignJWT, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import type { Clock } from '../../../shared/types.js';
import type { PowerUpClaims } from '../http/deps.js';

export interface DemoJwtKeys {
  /** The public key the demo server verifies with. */
  publicKey: CryptoKey;
  publicKeyPem: string;
  /** Sign claims the way Trello does (RS256, iss trello, 15 min from `now`). */
  signJwt: (claims: PowerUpClaims, now?: Date) => Promise<string>;
}

export async function createDemoJwtKeys(clock: Clock = () => new Date()): Promise<DemoJwtKeys> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const publicKeyPem = await exportSPKI(publicKey);
  return {
    publicKey,
    publicKeyPem,
    signJwt: async (claims, now = clock()) => {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ idPlugin: claims.idPlugin, idBoard: claims.idBoard, idMember: claims.idMember })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuer('trello')
        .setIssuedAt(iat)
        .setExpirationTime(iat + 900)
        .sign(privateKey);
    },
  };
}

/** Token from `Authorization: Bearer <jwt>`. */
