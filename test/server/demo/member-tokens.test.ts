// Demo member tokens: the board preview posts entries as the acting member (as Trello's t.getRestApi() does with the
// member's own token), not as the service token's member "Nabız Servis".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../server/src/demo/emulator.js';
import { demoMemberToken, demoMemberTokens, emulatorTokenOptions } from '../../../server/src/demo/member-tokens.js';
import { call, CARD_ID, KEY, LEAD, MEMBER, NOW, smallBoard, TOKEN } from './helpers.js';

describe('demoMemberToken / demoMemberTokens', () => {
  it('is deterministic, one distinct 64-hex token per member, never the service token', () => {
    const a = demoMemberToken(TOKEN, MEMBER.id);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(demoMemberToken(TOKEN, MEMBER.id)).toBe(a);
    expect(demoMemberToken(TOKEN, LEAD.id)).not.toBe(a);
    expect(demoMemberToken('another-service-token', MEMBER.id)).not.toBe(a);
    expect(a).not.toBe(TOKEN);
  });

  it('covers every member of every board once; the emulator options invert the map', () => {
    const board = smallBoard();
    const tokens = demoMemberTokens(TOKEN, [board, { members: [LEAD] }, {}]);
    expect(tokens).toEqual({ [MEMBER.id]: demoMemberToken(TOKEN, MEMBER.id), [LEAD.id]: demoMemberToken(TOKEN, LEAD.id) });
    const opts = emulatorTokenOptions(tokens);
    expect(opts.tokenMembers).toEqual({ [tokens[MEMBER.id]!]: MEMBER.id, [tokens[LEAD.id]!]: LEAD.id });
    expect(opts.extraTokens.sort()).toEqual(Object.values(tokens).sort());
  });
});

describe('the emulator with demo member tokens', () => {
  let emu: Emulator;
  const tokens = demoMemberTokens(TOKEN, [smallBoard()]);
  beforeAll(async () => {
    emu = await startEmulator({ key: KEY, token: TOKEN, ...emulatorTokenOptions(tokens), boards: [smallBoard()], clock: () => NOW });
  });
  afterAll(() => emu.close());

  it('authors a comment posted with a member token as that member; the service token stays "Nabız Servis"', async () => {
    const mine = await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, {
      auth: { key: KEY, token: tokens[MEMBER.id]! },
      body: { text: '#günlük 2026-11-23' },
    });
    expect(mine.status).toBe(200);
    expect(mine.json.idMemberCreator).toBe(MEMBER.id);
    expect(mine.json.memberCreator.fullName).toBe(MEMBER.fullName);
    const me = await call(emu.url, 'GET', '/1/members/me', { auth: { key: KEY, token: tokens[LEAD.id]! } });
    expect(me.json.id).toBe(LEAD.id);
    const service = await call(emu.url, 'POST', `/1/cards/${CARD_ID}/actions/comments`, { body: { text: 'servis' } });
    expect(service.json.memberCreator.fullName).toBe('Nabız Servis');
    // Only the author may edit: the lead's token cannot edit the member's entry.
    const edit = await call(emu.url, 'PUT', `/1/cards/${CARD_ID}/actions/${mine.json.id}/comments`, {
      auth: { key: KEY, token: tokens[LEAD.id]! },
      body: { text: 'x' },
    });
    expect(edit.status).toBe(401);
  });
});
