import { describe, expect, it } from 'vitest';
import { StorageError, loadProfile, loadSettings, saveProfile, saveSettings } from '../../powerup/src/storage.js';
import { fakeT, fakeWorld } from './fake-t.js';
import { CARD } from './fixtures.js';

const profile = { v: 1, site: 'ornek.com.tr', assignedAt: '2026-10-17' };

describe('storage wrapper (the only t.get/t.set caller)', () => {
  it('saves a valid profile to card/shared `profile` and reads it back with defaults', async () => {
    const world = fakeWorld();
    const t = fakeT(world, { card: CARD });
    await saveProfile(t, profile);
    expect(world.calls).toEqual([
      { fn: 'set', arg: { scope: 'card', vis: 'shared', key: 'profile', value: { ...profile, pool: false, integration: false, design: false } } },
    ]);
    expect((await loadProfile(t)).value).toMatchObject({ site: 'ornek.com.tr', pool: false });
  });

  it('refuses when the member cannot write to the card (t.memberCanWriteToModel)', async () => {
    const world = fakeWorld();
    world.canWrite = false;
    await expect(saveProfile(fakeT(world, { card: CARD }), profile)).rejects.toMatchObject({ code: 'no-write' });
    expect(world.calls).toEqual([]);
  });

  it('refuses above Trello’s 4096 characters, counting the other keys of the scope', async () => {
    const world = fakeWorld();
    world.data.set(`${CARD}:shared`, { other: 'x'.repeat(4000) });
    const err = await saveProfile(fakeT(world, { card: CARD }), profile).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: 'too-large' });
    expect(world.calls).toEqual([]);
  });

  it('refuses an invalid profile with the schema’s message, nothing written', async () => {
    const world = fakeWorld();
    await expect(saveProfile(fakeT(world, { card: CARD }), { ...profile, trainingSlot: '25:00' })).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('trainingSlot'),
    });
    expect(world.calls).toEqual([]);
  });

  it('a stored profile that fails the schema is reported, not thrown', async () => {
    const world = fakeWorld();
    world.data.set(`${CARD}:shared`, { profile: { v: 1, site: '' } });
    const r = await loadProfile(fakeT(world, { card: CARD }));
    expect(r.value).toBeNull();
    expect(r.error).toMatch(/profile\.site/);
  });

  it('board settings round-trip through board/shared `settings`', async () => {
    const world = fakeWorld();
    const t = fakeT(world);
    await saveSettings(t, { v: 1, saturdayRota: { '2026-11-28': ['m1'] }, trackingStart: '2026-11-01' });
    expect((await loadSettings(t)).value).toEqual({ v: 1, saturdayRota: { '2026-11-28': ['m1'] }, trackingStart: '2026-11-01' });
    await expect(saveSettings(t, { v: 1, saturdayRota: { '2026-11-27': ['m1'] } })).rejects.toMatchObject({
      message: expect.stringContaining('not a Saturday'),
    });
  });
});
