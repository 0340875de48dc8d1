// Emulator: Trello's Power-Up JWT key endpoint, t.jwt() signing, key rotation and the key endpoint going down
// (docs/emulator.md, docs/trello.md §5). The service's own verifier reads what the emulator publishes.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { createJwtVerifier, trelloJwtKeysUrl, trelloPublicKeys } from '../../../server/src/http/jwt.js';
import { BOARD_ID, KEY, LEAD, MEMBER, NOW, OTHER_TOKEN, smallBoard, TOKEN } from './helpers.js';

const SERVICE_TOKEN = 's'.repeat(64);
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({
    key: KEY,
    token: SERVICE_TOKEN,
    extraTokens: [TOKEN, OTHER_TOKEN],
    tokenMembers: { [TOKEN]: MEMBER.id, [OTHER_TOKEN]: LEAD.id },
    boards: [smallBoard()],
    clock: () => NOW,
  });
});
afterAll(() => emu.close());

const keysUrl = () => trelloJwtKeysUrl(emu.url);
const post = (path: string, q: Record<string, string> = {}, body?: unknown) => {
  const u = new URL(path, emu.url);
  for (const [k, v] of Object.entries(q)) u.searchParams.set(k, v);
  return fetch(u, { method: 'POST', ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) });
};
const claims = { idPlugin: 'plugin1', idBoard: BOARD_ID, idMember: MEMBER.id };

function verifier() {
  const source = trelloPublicKeys({ url: keysUrl(), fetchJson: async (u) => (await fetch(u)).json(), clock: () => NOW, minRefreshMs: 0 });
  return createJwtVerifier({ publicKeys: source, trackedBoards: () => [BOARD_ID], clock: () => NOW });
}

describe('GET /1/resource/jwt-public-keys', () => {
  it('answers without key or token, in Trello’s shape: { keys: [SPKI PEM] }', async () => {
    const res = await fetch(keysUrl());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { keys: string[] };
    expect(Object.keys(body)).toEqual(['keys']);
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n?$/);
  });
});

describe('t.jwt() tokens', () => {
  it('are signed like Trello’s (RS256, no kid, idPlugin/idBoard/idMember/iat/exp/iss, 15 minutes) and verify with the published key', async () => {
    const token = await emu.jwt.sign({ ...claims, state: '{"hello":"world"}' });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', typ: 'JWT' });
    const p = decodeJwt(token);
    expect(p).toEqual({ ...claims, state: '{"hello":"world"}', iat: NOW.getTime() / 1000, exp: NOW.getTime() / 1000 + 900, iss: 'trello' });
    await expect(verifier()(token)).resolves.toEqual(claims);
  });

  it('POST /_emulator/powerup/jwt signs for the member the token belongs to, on a board they are on', async () => {
    const res = await post('/_emulator/powerup/jwt', { key: KEY, token: TOKEN }, { idBoard: BOARD_ID, idPlugin: 'plugin1' });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    expect(decodeJwt(token)).toMatchObject(claims);
    // The service member is on no board: no t.jwt() for it; a wrong key is Trello's 401.
    expect((await post('/_emulator/powerup/jwt', { key: KEY, token: SERVICE_TOKEN }, { idBoard: BOARD_ID, idPlugin: 'plugin1' })).status).toBe(401);
    expect((await post('/_emulator/powerup/jwt', { key: 'x', token: TOKEN }, { idBoard: BOARD_ID, idPlugin: 'plugin1' })).status).toBe(401);
    expect((await post('/_emulator/powerup/jwt', { key: KEY, token: TOKEN }, { idBoard: '6a0000000000000000000000', idPlugin: 'plugin1' })).status).toBe(404);
    // The operator's token (the emulator's own) may name the member; a member token only itself.
    const op = await post('/_emulator/powerup/jwt', { key: KEY, token: SERVICE_TOKEN }, { idBoard: BOARD_ID, idPlugin: 'plugin1', idMember: LEAD.id });
    expect(decodeJwt(((await op.json()) as { token: string }).token)).toMatchObject({ idMember: LEAD.id });
    expect((await post('/_emulator/powerup/jwt', { key: KEY, token: TOKEN }, { idBoard: BOARD_ID, idPlugin: 'plugin1', idMember: LEAD.id })).status).toBe(401);
  });

  it('POST /_emulator/powerup/pluginData stores the shared value of our plugin (4096 characters at most)', async () => {
    const value = JSON.stringify({ profile: { v: 1, site: 'x.com.tr' } });
    expect((await post('/_emulator/powerup/pluginData', { key: KEY, token: TOKEN }, { idModel: BOARD_ID, idPlugin: 'plugin1', value })).status).toBe(200);
    expect([...emu.state.pluginData.values()].find((p) => p.idModel === BOARD_ID && p.idPlugin === 'plugin1')?.value).toBe(value);
    const big = await post('/_emulator/powerup/pluginData', { key: KEY, token: TOKEN }, { idModel: BOARD_ID, idPlugin: 'plugin1', value: 'x'.repeat(4097) });
    expect([big.status, await big.text()]).toEqual([400, 'PluginData length of 4096 characters exceeded']);
  });
});

describe('key rotation and an unreachable key endpoint', () => {
  it('rotate: old and new served together, new tokens signed with the new key; retire-old drops the old one', async () => {
    const verify = verifier();
    const before = await emu.jwt.sign(claims);
    await expect(verify(before)).resolves.toEqual(claims);
    const r = await post('/_emulator/jwt/rotate');
    expect(await r.json()).toEqual({ published: 2, endpointDown: false });
    const after = await emu.jwt.sign(claims);
    expect(after.split('.')[2]).not.toBe(before.split('.')[2]);
    // The verifier refreshes on the unknown key and accepts both during the overlap.
    await expect(verify(after)).resolves.toEqual(claims);
    await expect(verify(before)).resolves.toEqual(claims);
    expect(await (await post('/_emulator/jwt/retire-old')).json()).toEqual({ published: 1, endpointDown: false });
    const fresh = verifier();
    await expect(fresh(after)).resolves.toEqual(claims);
    await expect(fresh(before)).rejects.toMatchObject({ status: 401 });
  });

  it('endpoint down: 503 for the key endpoint only (REST unaffected); the switch and the admin route agree', async () => {
    expect(await (await post('/_emulator/jwt/endpoint', { down: 'true' })).json()).toEqual({ published: 1, endpointDown: true });
    expect((await fetch(keysUrl())).status).toBe(503);
    const rest = await fetch(new URL(`/1/boards/${BOARD_ID}?key=${KEY}&token=${TOKEN}`, emu.url));
    expect(rest.status).toBe(200);
    expect((await post('/_emulator/jwt/endpoint', { down: 'maybe' })).status).toBe(400);
    emu.jwt.endpointDown = false;
    expect((await fetch(keysUrl())).status).toBe(200);
  });
});
