import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { bearerToken, createJwtVerifier, importTrelloKeys, trelloJwtKeysUrl, trelloPublicKeys } from '../../../server/src/http/jwt.js';
import { createDemoJwtKeys, type DemoJwtKeys } from '../../../server/src/demo/jwt-keys.js';

const NOW = new Date('2026-11-23T09:00:00Z');
const claims = { idBoard: 'b1', idMember: 'm1', idPlugin: 'plugin1' };
const url = trelloJwtKeysUrl('https://api.trello.com');

// RSA key generation was most of this file's time (a fresh 2048-bit pair per call): each test takes its pairs in
// order from pools filled once per file, so the keys within one test still differ from each other.
const demoPool: Array<Promise<DemoJwtKeys>> = [];
const rsaPool: Array<{ publicKey: KeyObject; privateKey: KeyObject }> = [];
let nextDemo = 0;
let nextRsa = 0;
beforeEach(() => {
  nextDemo = 0;
  nextRsa = 0;
});
function demoKeys(): Promise<DemoJwtKeys> {
  const i = nextDemo++;
  let keys = demoPool[i];
  if (!keys) demoPool[i] = keys = createDemoJwtKeys(() => NOW);
  return keys;
}
function rsaPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  const i = nextRsa++;
  let pair = rsaPool[i];
  if (!pair) rsaPool[i] = pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return pair;
}

async function setup(pluginId: string | null = 'plugin1') {
  const keys = await demoKeys();
  const verify = createJwtVerifier({ publicKeys: () => [keys.publicKey], ...(pluginId ? { pluginId } : {}), trackedBoards: () => ['b1'], clock: () => NOW });
  return { keys, verify };
}

describe('createJwtVerifier (docs/operations.md, docs/trello.md §5)', () => {
  it('accepts a token Trello-style signed for a tracked board and returns its claims', async () => {
    const { keys, verify } = await setup();
    await expect(verify(await keys.signJwt(claims))).resolves.toEqual(claims);
  });

  it('refuses a forged token (signed with another key) with 401', async () => {
    const { verify } = await setup();
    const other = await demoKeys();
    await expect(verify(await other.signJwt(claims))).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a tampered payload with 401', async () => {
    const { keys, verify } = await setup();
    const [h, , s] = (await keys.signJwt(claims)).split('.');
    const body = Buffer.from(JSON.stringify({ ...claims, idBoard: 'b2', iss: 'trello', exp: 9e9 })).toString('base64url');
    await expect(verify(`${h}.${body}.${s}`)).rejects.toMatchObject({ status: 401 });
  });

  it('refuses an expired token with 401 (15 minutes, by the injected clock)', async () => {
    const { keys, verify } = await setup();
    const old = await keys.signJwt(claims, new Date(NOW.getTime() - 16 * 60_000));
    await expect(verify(old)).rejects.toMatchObject({ status: 401, message: 'Power-Up token expired' });
  });

  it('refuses another issuer and the HS256/none algorithms', async () => {
    const { verify } = await setup();
    const { privateKey } = await generateKeyPair('RS256');
    const notTrello = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('evil')
      .setExpirationTime(Math.floor(NOW.getTime() / 1000) + 600)
      .sign(privateKey);
    await expect(verify(notTrello)).rejects.toMatchObject({ status: 401 });
    const hs = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('trello')
      .setExpirationTime(Math.floor(NOW.getTime() / 1000) + 600)
      .sign(new TextEncoder().encode('x'.repeat(32)));
    await expect(verify(hs)).rejects.toMatchObject({ status: 401 });
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, iss: 'trello' })).toString('base64url')}.`;
    await expect(verify(none)).rejects.toMatchObject({ status: 401 });
  });

  it('refuses another Power-Up’s token with 403 when TRELLO_PLUGIN_ID is set', async () => {
    const { keys, verify } = await setup();
    await expect(verify(await keys.signJwt({ ...claims, idPlugin: 'someone-else' }))).rejects.toMatchObject({ status: 403 });
    const open = await setup(null);
    await expect(open.verify(await open.keys.signJwt({ ...claims, idPlugin: 'someone-else' }))).resolves.toMatchObject({ idPlugin: 'someone-else' });
  });

  it('refuses an untracked board with 403, and a missing token with 401', async () => {
    const { keys, verify } = await setup();
    await expect(verify(await keys.signJwt({ ...claims, idBoard: 'b9' }))).rejects.toMatchObject({ status: 403 });
    await expect(verify('')).rejects.toMatchObject({ status: 401 });
    await expect(verify('not.a.jwt')).rejects.toMatchObject({ status: 401 });
  });

  it('tries every published key (rotation)', async () => {
    const a = await demoKeys();
    const b = await demoKeys();
    const verify = createJwtVerifier({ publicKeys: () => [a.publicKey, b.publicKey], trackedBoards: () => ['b1'], clock: () => NOW });
    await expect(verify(await b.signJwt(claims))).resolves.toEqual(claims);
  });
});

describe('Trello key source', () => {
  it('reads PEM keys from any JSON shape and caches them; keeps the last good set on failure', async () => {
    const keys = await demoKeys();
    let calls = 0;
    let fail = false;
    let now = NOW.getTime();
    const errors: string[] = [];
    const source = trelloPublicKeys({
      url,
      fetchJson: async () => {
        calls++;
        if (fail) throw new Error('ECONNRESET');
        return [{ key: keys.publicKeyPem }];
      },
      clock: () => new Date(now),
      ttlMs: 1000,
      minRefreshMs: 0,
      onError: (m) => errors.push(m),
    });
    expect(await source()).toHaveLength(1);
    expect(await source()).toHaveLength(1);
    expect(calls).toBe(1);
    now += 2000;
    fail = true;
    expect(await source()).toHaveLength(1);
    expect(errors[0]).toMatch(/ECONNRESET/);
    expect(importTrelloKeys({ pem: keys.publicKeyPem })).toHaveLength(1);
    expect(importTrelloKeys('no key here')).toEqual([]);
  });

  /** An RSA key pair whose public half is offered in every encoding Trello might use. */
  const rsa = () => {
    const { publicKey, privateKey } = rsaPair();
    return {
      spki: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      pkcs1: publicKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      jwk: { ...publicKey.export({ format: 'jwk' }), kid: 'k1' },
      sign: (c: typeof claims, now = NOW) =>
        new SignJWT({ ...c })
          .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
          .setIssuer('trello')
          .setIssuedAt(Math.floor(now.getTime() / 1000))
          .setExpirationTime(Math.floor(now.getTime() / 1000) + 900)
          .sign(privateKey),
    };
  };

  it.each([
    ['SPKI PEM (BEGIN PUBLIC KEY)', (k: ReturnType<typeof rsa>) => ({ keys: [k.spki] })],
    ['PKCS#1 PEM (BEGIN RSA PUBLIC KEY)', (k: ReturnType<typeof rsa>) => ({ keys: [k.pkcs1] })],
    ['a JWK set', (k: ReturnType<typeof rsa>) => ({ keys: [k.jwk] })],
  ])('verifies tokens with a key published as %s', async (_n, publish) => {
    const k = rsa();
    const source = trelloPublicKeys({ url, fetchJson: async () => publish(k), clock: () => NOW });
    const verify = createJwtVerifier({ publicKeys: source, trackedBoards: () => ['b1'], clock: () => NOW });
    await expect(verify(await k.sign(claims))).resolves.toEqual(claims);
  });

  it('skips an unreadable key (logged once), the others still work', async () => {
    const good = rsa();
    const pkcs1 = rsa();
    const broken = '-----BEGIN PUBLIC KEY-----\nTm90IGEga2V5IGF0IGFsbA==\n-----END PUBLIC KEY-----';
    const errors: string[] = [];
    let now = NOW.getTime();
    const source = trelloPublicKeys({
      url,
      fetchJson: async () => ({ keys: [broken, good.spki, pkcs1.pkcs1] }),
      clock: () => new Date(now),
      ttlMs: 1000,
      minRefreshMs: 0,
      onError: (m) => errors.push(m),
    });
    const verify = createJwtVerifier({ publicKeys: source, trackedBoards: () => ['b1'], clock: () => new Date(now) });
    await expect(verify(await good.sign(claims))).resolves.toEqual(claims);
    await expect(verify(await pkcs1.sign(claims))).resolves.toEqual(claims);
    now += 5000; // cache expired: fetched again, the broken key is not reported a second time
    await expect(verify(await good.sign(claims, new Date(now)))).resolves.toEqual(claims);
    expect(errors.filter((e) => e.includes('skipped an unreadable key'))).toHaveLength(1);
  });

  it('refreshes once on a token signed with an unknown key (rotation); not on every request while the endpoint is down', async () => {
    const oldKey = rsa();
    const newKey = rsa();
    let published = [oldKey.spki];
    let down = false;
    let calls = 0;
    let now = NOW.getTime();
    const errors: string[] = [];
    const source = trelloPublicKeys({
      url,
      fetchJson: async () => {
        calls++;
        if (down) throw new Error('503 Service Unavailable');
        return { keys: published };
      },
      clock: () => new Date(now),
      minRefreshMs: 60_000,
      onError: (m) => errors.push(m),
    });
    const verify = createJwtVerifier({ publicKeys: source, trackedBoards: () => ['b1'], clock: () => new Date(now) });
    await expect(verify(await oldKey.sign(claims))).resolves.toEqual(claims);
    expect(calls).toBe(1);
    // Trello rotates: the new key is fetched on the first token that needs it.
    published = [newKey.spki, oldKey.spki];
    now += 61_000;
    await expect(verify(await newKey.sign(claims, new Date(now)))).resolves.toEqual(claims);
    expect(calls).toBe(2);
    // Endpoint down + tokens with an unknown key: one attempt, then the cached keys, no fetch per request; the
    // unknown key waits for the endpoint (503 with a code the Power-Up shows its own text for), never a 401.
    down = true;
    const stranger = rsa();
    now += 61_000;
    for (let i = 0; i < 5; i++)
      await expect(verify(await stranger.sign(claims, new Date(now)))).rejects.toMatchObject({ status: 503, extra: { code: 'jwt-keys-unavailable' } });
    expect(calls).toBe(3);
    await expect(verify(await newKey.sign(claims, new Date(now)))).resolves.toEqual(claims);
    expect(calls).toBe(3);
    expect(errors.some((e) => e.includes('503') && e.includes('cached key(s) stay in use'))).toBe(true);
    // Back up (after the 5-minute-style pause): the new key is fetched and accepted; a forgery is a 401 again.
    down = false;
    published = [stranger.spki, newKey.spki];
    now += 61_000;
    await expect(verify(await stranger.sign(claims, new Date(now)))).resolves.toEqual(claims);
    expect(calls).toBe(4);
    now += 61_000;
    await expect(verify(await rsa().sign(claims, new Date(now)))).rejects.toMatchObject({ status: 401 });
  });

  it('within the refresh pause an unknown key waits (503, it may be Trello’s new one); once Trello’s keys were just fetched it is a 401', async () => {
    const k = rsa();
    let now = NOW.getTime();
    let calls = 0;
    const source = trelloPublicKeys({
      url,
      fetchJson: async () => {
        calls++;
        return { keys: [k.spki] };
      },
      clock: () => new Date(now),
      minRefreshMs: 60_000,
    });
    const verify = createJwtVerifier({ publicKeys: source, trackedBoards: () => ['b1'], clock: () => new Date(now) });
    await expect(verify(await k.sign(claims))).resolves.toEqual(claims);
    now += 10_000;
    const unknown = rsa();
    await expect(verify(await unknown.sign(claims, new Date(now)))).rejects.toMatchObject({
      status: 503,
      message: expect.stringMatching(/Trello's keys were fetched 10 s ago and are refetched at most every 60 s \(next in 50 s\)/),
    });
    expect(calls).toBe(1);
    now += 51_000;
    await expect(verify(await unknown.sign(claims, new Date(now)))).rejects.toMatchObject({ status: 401 });
    expect(calls).toBe(2);
  });

  it('logs the 503 wait in English, at most once a minute', async () => {
    const k = rsa();
    let now = NOW.getTime();
    let down = false;
    const waits: string[] = [];
    const source = trelloPublicKeys({
      url,
      fetchJson: async () => {
        if (down) throw new Error('connect ECONNREFUSED');
        return { keys: [k.spki] };
      },
      clock: () => new Date(now),
      minRefreshMs: 0,
    });
    const verify = createJwtVerifier({ publicKeys: source, trackedBoards: () => ['b1'], clock: () => new Date(now), onKeyWait: (m) => waits.push(m) });
    await expect(verify(await k.sign(claims))).resolves.toEqual(claims);
    down = true;
    const fresh = rsa();
    for (let i = 0; i < 3; i++) await expect(verify(await fresh.sign(claims, new Date(now)))).rejects.toMatchObject({ status: 503 });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatch(/^jwt: 503 for a Power-Up token signed with a key this service has not loaded: .*jwt-public-keys failed: connect ECONNREFUSED/);
    now += 61_000;
    await expect(verify(await fresh.sign(claims, new Date(now)))).rejects.toMatchObject({ status: 503 });
    expect(waits).toHaveLength(2);
  });

  it('the key URL is the REST base’s (TRELLO_API_URL)', () => {
    expect(trelloJwtKeysUrl('https://api.trello.com')).toBe('https://api.trello.com/1/resource/jwt-public-keys');
    expect(trelloJwtKeysUrl('http://127.0.0.1:3001/')).toBe('http://127.0.0.1:3001/1/resource/jwt-public-keys');
  });

  it('answers 503 while no key was ever loaded, without fetching on every request', async () => {
    let calls = 0;
    const source = trelloPublicKeys({
      url,
      fetchJson: async () => {
        calls++;
        throw new Error('ECONNREFUSED');
      },
      clock: () => NOW,
      minRefreshMs: 60_000,
    });
    const verify = createJwtVerifier({ publicKeys: source, trackedBoards: () => ['b1'], clock: () => NOW });
    const k = rsa();
    for (let i = 0; i < 4; i++) await expect(verify(await k.sign(claims))).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(1);
  });

  it('bearerToken reads the Authorization header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Basic x')).toBe('');
    expect(bearerToken(undefined)).toBe('');
  });
});
