// Trello's Power-Up JWT keys, as api.trello.com serves them (docs/trello.md §5):
//   GET /1/resource/jwt-public-keys → { "keys": ["-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n", …] }
// No key or token needed. Source: Trello's t.jwt() page, whose Node sample fetches that URL, reads `resp.keys` and
// tries each key in turn: "the vast majority of the time, Trello will provide a single public key but should Trello
// need to rotate our keys we may for brief periods serve two public keys"
// (https://developer.atlassian.com/cloud/trello/power-ups/client-library/t-jwt/; the same sample is in public
// Power-Up servers, e.g. NestJS services that axios.get the URL and keep `resp.data.keys`).
// Tokens are RS256 with the header {"alg":"RS256","typ":"JWT"} (no `kid`: decoded from the doc's sample token) and
// the claims {idPlugin, idBoard, idMember, state?, iat, exp, iss: "trello"}, exp − iat = 900 s in the sample.
import { SignJWT, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { HttpErr } from './http.js';

export interface PowerUpJwtClaims {
  idPlugin: string;
  idBoard: string;
  idMember: string;
  /** t.jwt({state}): at most 2048 characters. */
  state?: string;
}

/** The emulator's key control: what tests call directly and the `/_emulator/jwt/*` routes and CLI flags call. */
export interface JwtKeyControl {
  /** Sign a t.jwt() token with the current key (Trello's header and claims, 15 minutes from `now`). */
  sign(claims: PowerUpJwtClaims, now?: Date): Promise<string>;
  /**
   * Rotate: a new key is published beside the old one(s) and signs from now on; the old key stays published (tokens
   * it signed are valid up to 15 minutes) until `retireOld`.
   */
  rotate(): Promise<void>;
  /** End a rotation: only the current key stays published. */
  retireOld(): void;
  /** While true the key endpoint answers 503 (the REST API is unaffected): Trello's key endpoint unreachable. */
  endpointDown: boolean;
  /** The PEMs the endpoint publishes (oldest first). */
  published(): string[];
  /** How many times the key endpoint was asked (tests: the service caches). */
  readonly fetches: number;
}

interface Key {
  pem: string;
  privateKey: CryptoKey;
}

async function newKey(): Promise<Key> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  return { pem: await exportSPKI(publicKey), privateKey };
}

export interface JwtKeyring {
  control: JwtKeyControl;
  /** GET /1/resource/jwt-public-keys. */
  publicKeysRoute(): { status: number; json: unknown };
}

export async function createJwtKeyring(clock: () => Date): Promise<JwtKeyring> {
  // The newest key signs; rotation publishes it beside the old ones until retireOld().
  let newest = await newKey();
  let keys: Key[] = [newest];
  let fetches = 0;
  const control: JwtKeyControl = {
    endpointDown: false,
    get fetches() {
      return fetches;
    },
    async sign(c, now = clock()) {
      if (c.state !== undefined && c.state.length > 2048) throw new HttpErr(400, 'state must be at most 2048 characters');
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ idPlugin: c.idPlugin, idBoard: c.idBoard, idMember: c.idMember, ...(c.state !== undefined ? { state: c.state } : {}) })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuedAt(iat)
        .setExpirationTime(iat + 900)
        .setIssuer('trello')
        .sign(newest.privateKey);
    },
    async rotate() {
      newest = await newKey();
      keys.push(newest);
    },
    retireOld() {
      keys = [newest];
    },
    published: () => keys.map((k) => k.pem),
  };
  return {
    control,
    publicKeysRoute() {
      fetches++;
      if (control.endpointDown) throw new HttpErr(503, 'Service Unavailable');
      return { status: 200, json: { keys: control.published() } };
    },
  };
}
