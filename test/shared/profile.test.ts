// Profile and board settings (docs/architecture.md; A1, A9, A13, R20, R50, R55–R59).
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BoardSettingsSchema,
  DEFAULT_THRESHOLDS,
  PLUGIN_DATA_LIMIT,
  PROFILE_KEY,
  PluginDataTooLargeError,
  ProfileSchema,
  SETTINGS_KEY,
  assignedAtFromCardId,
  formatZodError,
  isShortNoticeLeave,
  readProfile,
  readSettings,
  serializeForPluginData,
  specialistOf,
  thresholdsOf,
  type ProfileInput,
} from '../../shared/profile.js';
import type { CardSnapshot } from '../../shared/types.js';

// 0x6b020650 = 1795294800 s = 2026-11-21T21:00:00Z = 2026-11-22 00:00 in Istanbul.
const CARD_ID = '6b0206500000000000000abc';

const base: ProfileInput = { v: 1, site: 'ornek.com.tr', assignedAt: '2026-11-02' };

function aCard(pluginData: CardSnapshot['pluginData'] = [], over: Partial<CardSnapshot> = {}): CardSnapshot {
  return { id: CARD_ID, name: 'Örnek Mağaza', idList: 'list1', closed: false, idMembers: ['m1', 'm2'], pluginData, ...over };
}
const stored = (key: string, value: unknown, idPlugin = '5f0000000000000000000001') => ({ idPlugin, value: JSON.stringify({ [key]: value }) });

function messageOf(schema: typeof ProfileSchema | typeof BoardSettingsSchema, input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) return 'VALID';
  return formatZodError(result.error);
}

describe('ProfileSchema (docs/architecture.md)', () => {
  it.each<[string, ProfileInput]>([
    ['minimal', base],
    ['with www and scheme', { ...base, site: 'https://www.ornek.com.tr/' }],
    ['an IDN domain', { ...base, site: 'çiçekçi.com.tr' }],
    ['a subdomain with port', { ...base, site: 'magaza.ornek.com:8080' }],
    ['slot at midnight', { ...base, trainingSlot: '00:00' }],
    ['slot at 23:59', { ...base, trainingSlot: '23:59' }],
    [
      'every field',
      {
        ...base,
        package: 'fixedTerm',
        specialist: 'm2',
        trainingSlot: '10:00',
        pool: false,
        integration: true,
        design: true,
        goLiveTargetDays: 30,
        liveAt: '2026-12-15',
        quotaTotalGB: 4,
        trafficTotalGB: 200,
        frozen: [{ from: '2026-11-10', to: '2026-11-10', note: 'bayram tatili', approvedBy: 'mgr1' }],
        cover: [{ from: '2026-11-24', to: '2026-11-26', memberId: 'm3' }],
      },
    ],
  ])('accepts %s', (_name, input) => {
    expect(messageOf(ProfileSchema, input)).toBe('VALID');
  });

  it('fills booleans with false (pool, integration, design)', () => {
    expect(ProfileSchema.parse(base)).toEqual({ ...base, pool: false, integration: false, design: false });
  });

  it.each<[string, unknown, string]>([
    ['wrong version', { ...base, v: 2 }, 'v: must be 1 (Nabız profile version)'],
    ['no version', { site: 'ornek.com', assignedAt: '2026-11-02' }, 'v: must be 1'],
    ['empty site', { ...base, site: '  ' }, 'site: is required'],
    ['missing site', { v: 1, assignedAt: '2026-11-02' }, 'site: is required'],
    ['site is a shop name', { ...base, site: 'Örnek Mağaza' }, 'site: "Örnek Mağaza" does not look like a domain'],
    ['site without a TLD', { ...base, site: 'ornek' }, 'does not look like a domain'],
    ['site with a path', { ...base, site: 'ornek.com/urunler' }, 'does not look like a domain'],
    ['no assignedAt', { v: 1, site: 'ornek.com' }, 'assignedAt: must be a date written YYYY-MM-DD'],
    ['assignedAt day-first', { ...base, assignedAt: '02.11.2026' }, 'assignedAt: "02.11.2026" is not a real date'],
    ['assignedAt 30 February', { ...base, assignedAt: '2026-02-30' }, '"2026-02-30" is not a real date'],
    ['slot hour 24', { ...base, trainingSlot: '24:00' }, 'trainingSlot: "24:00" is not a time HH:MM between 00:00 and 23:59'],
    ['slot minute 60', { ...base, trainingSlot: '10:60' }, 'trainingSlot: "10:60" is not a time'],
    ['slot without leading zero', { ...base, trainingSlot: '9:00' }, 'trainingSlot: "9:00" is not a time'],
    ['slot with a dot', { ...base, trainingSlot: '14.00' }, 'is not a time'],
    ['unknown package', { ...base, package: 'gold' }, 'package: must be one of monthly, fixedTerm, other'],
    ['pool as text', { ...base, pool: 'evet' }, 'pool: must be true or false'],
    ['go-live target 0', { ...base, goLiveTargetDays: 0 }, 'goLiveTargetDays: must be at least 1 day'],
    ['go-live target 1.5', { ...base, goLiveTargetDays: 1.5 }, 'goLiveTargetDays: must be a whole number of days'],
    ['quota 0', { ...base, quotaTotalGB: 0 }, 'quotaTotalGB: must be more than 0 GB'],
    ['quota as text', { ...base, quotaTotalGB: '4 GB' }, 'quotaTotalGB: must be a number of GB'],
    ['bad liveAt', { ...base, liveAt: '2026-11' }, 'liveAt: "2026-11" is not a real date'],
    [
      'R20 freeze ends before it starts',
      { ...base, frozen: [{ from: '2026-11-12', to: '2026-11-10' }] },
      'frozen.0.to: from (2026-11-12) is after to (2026-11-10)',
    ],
    ['freeze without to', { ...base, frozen: [{ from: '2026-11-12' }] }, 'frozen.0.to: must be a date written YYYY-MM-DD'],
    ['R55 cover without member', { ...base, cover: [{ from: '2026-11-24', to: '2026-11-26', memberId: '' }] }, 'cover.0.memberId: must not be empty'],
    [
      'cover ends before it starts',
      { ...base, cover: [{ from: '2026-11-26', to: '2026-11-24', memberId: 'm3' }] },
      'cover.0.to: from (2026-11-26) is after to (2026-11-24)',
    ],
  ])('rejects %s', (_name, input, fragment) => {
    expect(messageOf(ProfileSchema, input)).toContain(fragment);
  });

  it('describes every field (config tables, form hints)', () => {
    for (const [key, field] of Object.entries(ProfileSchema.shape)) {
      expect(field.description, key).toBeTruthy();
    }
    for (const [key, field] of Object.entries(BoardSettingsSchema.shape)) {
      expect(field.description, key).toBeTruthy();
    }
  });
});

describe('BoardSettingsSchema (docs/architecture.md; R50 rota, R54 leave, A9 thresholds)', () => {
  it.each<[string, unknown]>([
    ['minimal', { v: 1 }],
    ['rota on Saturdays', { v: 1, saturdayRota: { '2026-11-28': ['m1', 'm2'], '2026-12-05': [] } }],
    ['leave of one day', { v: 1, leaves: [{ memberId: 'm1', from: '2026-11-24', to: '2026-11-24' }] }],
    [
      'A13 leave with notice day and emergency flag',
      { v: 1, leaves: [{ memberId: 'm1', from: '2026-11-24', to: '2026-11-25', createdAt: '2026-11-20', emergency: false }] },
    ],
    ['thresholds', { v: 1, thresholds: { high: 70, critical: 90, staleDays: 10 } }],
    ['tracking start', { v: 1, trackingStart: '2026-10-01' }],
    ['A2 eves off and a day off', { v: 1, halfDayEves: 'off', extraHolidays: [{ from: '2026-05-25', to: '2026-05-25', name: 'İdari izin' }] }],
  ])('accepts %s', (_name, input) => {
    expect(messageOf(BoardSettingsSchema, input)).toBe('VALID');
  });

  it.each<[string, unknown, string]>([
    ['wrong version', { v: '1' }, 'v: must be 1 (Nabız settings version)'],
    ['R50 rota on a Friday', { v: 1, saturdayRota: { '2026-11-27': ['m1'] } }, 'saturdayRota.2026-11-27: 2026-11-27 is not a Saturday'],
    ['rota key not a date', { v: 1, saturdayRota: { cumartesi: ['m1'] } }, 'saturdayRota.cumartesi: "cumartesi" is not a real date'],
    ['rota with an empty member', { v: 1, saturdayRota: { '2026-11-28': [''] } }, 'saturdayRota.2026-11-28.0: must not be empty'],
    ['rota with one member, not a list', { v: 1, saturdayRota: { '2026-11-28': 'm1' } }, 'saturdayRota.2026-11-28: must be a list of member ids'],
    [
      'leave ends before it starts',
      { v: 1, leaves: [{ memberId: 'm1', from: '2026-11-25', to: '2026-11-24' }] },
      'leaves.0.to: from (2026-11-25) is after to (2026-11-24)',
    ],
    ['leave without a member', { v: 1, leaves: [{ from: '2026-11-24', to: '2026-11-24' }] }, 'leaves.0.memberId: must be a Trello member id'],
    ['A9 high not below critical', { v: 1, thresholds: { high: 96 } }, 'thresholds.high: high (96) must be below critical (95)'],
    ['threshold above 100 %', { v: 1, thresholds: { critical: 120 } }, 'thresholds.critical: must be at most 100 %'],
    ['stale days 0', { v: 1, thresholds: { staleDays: 0 } }, 'thresholds.staleDays: must be at least 1 day'],
    ['bad tracking start', { v: 1, trackingStart: '2026-10-32' }, 'trackingStart: "2026-10-32" is not a real date'],
    ['A2 eves neither working nor off', { v: 1, halfDayEves: 'half' }, 'halfDayEves: must be working or off'],
    ['a day off without a name', { v: 1, extraHolidays: [{ from: '2026-05-25', to: '2026-05-25', name: ' ' }] }, 'extraHolidays.0.name: must not be empty'],
    [
      'a day off spanning months',
      { v: 1, extraHolidays: [{ from: '2026-05-01', to: '2026-07-01', name: 'yaz' }] },
      'extraHolidays.0.to: must span at most 31 days',
    ],
  ])('rejects %s', (_name, input, fragment) => {
    expect(messageOf(BoardSettingsSchema, input)).toContain(fragment);
  });
});

describe('R54/A13 leave notice: 2 calendar days unless emergency', () => {
  it.each<[string, { from: string; createdAt?: string; emergency?: boolean }, boolean | null]>([
    ['two calendar days ahead', { from: '2026-11-25', createdAt: '2026-11-23' }, false],
    ['one day ahead', { from: '2026-11-25', createdAt: '2026-11-24' }, true],
    ['same day', { from: '2026-11-25', createdAt: '2026-11-25' }, true],
    ['over a weekend counts calendar days (A13)', { from: '2026-11-30', createdAt: '2026-11-28' }, false],
    ['emergency is exempt', { from: '2026-11-25', createdAt: '2026-11-25', emergency: true }, false],
    ['unknown when never recorded', { from: '2026-11-25' }, null],
  ])('%s', (_name, leave, short) => {
    expect(isShortNoticeLeave(leave)).toBe(short);
  });
});

describe('thresholds (docs/rules.md, disk/traffic; A9)', () => {
  it('defaults to 80 / 95 / 8', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ high: 80, critical: 95, staleDays: 8 });
    expect(thresholdsOf({ v: 1 })).toEqual({ high: 80, critical: 95, staleDays: 8 });
  });

  it('fills what a board leaves out', () => {
    expect(thresholdsOf(BoardSettingsSchema.parse({ v: 1, thresholds: { high: 70 } }))).toEqual({ high: 70, critical: 95, staleDays: 8 });
    expect(thresholdsOf(BoardSettingsSchema.parse({ v: 1, thresholds: { staleDays: 14 } }))).toEqual({ high: 80, critical: 95, staleDays: 14 });
  });
});

describe('assignedAtFromCardId (docs/architecture.md: id timestamp → Istanbul day)', () => {
  it.each([
    [CARD_ID, '2026-11-22'], // 00:00 Istanbul
    ['6b02064f0000000000000abc', '2026-11-21'], // one second earlier: 23:59:59 Istanbul
    ['5c0ffee00000000000000000', '2018-12-11'],
    ['6B0206500000000000000ABC', '2026-11-22'],
  ])('%s → %s', (id, day) => {
    expect(assignedAtFromCardId(id)).toBe(day);
  });

  it.each(['card1', '', '6b020650', 'zz0206500000000000000abc'])('refuses %j', (id) => {
    expect(() => assignedAtFromCardId(id)).toThrow(/is not a Trello id \(24 hex digits\)/);
  });
});

describe('readProfile (pluginData recognised by content)', () => {
  it('defaults when the card has no profile: site = card name, assignedAt = creation day', () => {
    expect(readProfile(aCard())).toEqual({
      profile: { v: 1, site: 'Örnek Mağaza', assignedAt: '2026-11-22', pool: false, integration: false, design: false },
      found: false,
    });
  });

  it.each<[string, CardSnapshot['pluginData']]>([
    ['not JSON', [{ value: 'hello' }]],
    ['JSON but not an object', [{ value: '[1,2]' }, { value: 'null' }, { value: '"profile"' }]],
    ["another Power-Up's data", [{ idPlugin: 'x', value: '{"votes":3}' }]],
    ['a profile of another Power-Up (no v: 1)', [{ value: '{"profile":{"name":"Ali"}}' }]],
    ['a profile with v: 2', [stored(PROFILE_KEY, { ...base, v: 2 })]],
  ])('ignores %s', (_name, pluginData) => {
    const result = readProfile(aCard(pluginData));
    expect(result.found).toBe(false);
    expect(result.error).toBeUndefined();
    expect(result.profile.site).toBe('Örnek Mağaza');
  });

  it("reads Nabız's profile whatever the idPlugin, next to other keys and other plugins", () => {
    const pluginData = [
      { idPlugin: 'other', value: '{"votes":3}' },
      { value: JSON.stringify({ note: 'x', [PROFILE_KEY]: { ...base, trainingSlot: '10:00', cover: [] } }) },
    ];
    expect(readProfile(aCard(pluginData))).toEqual({
      profile: { ...base, trainingSlot: '10:00', cover: [], pool: false, integration: false, design: false },
      found: true,
    });
  });

  it('invalid profile → defaults plus the zod message; the card is still evaluated', () => {
    const result = readProfile(aCard([stored(PROFILE_KEY, { ...base, trainingSlot: '25:00', specialist: 'm2' })]));
    expect(result.found).toBe(true);
    expect(result.error).toBe('profile.trainingSlot: "25:00" is not a time HH:MM between 00:00 and 23:59');
    expect(result.profile).toEqual({ v: 1, site: 'Örnek Mağaza', assignedAt: '2026-11-22', pool: false, integration: false, design: false });
  });

  it('prefers a valid copy when another copy is broken', () => {
    const result = readProfile(aCard([stored(PROFILE_KEY, { ...base, site: '' }), stored(PROFILE_KEY, base, 'other-id')]));
    expect(result).toEqual({ profile: ProfileSchema.parse(base), found: true });
  });

  it('a card id without a timestamp: nothing is required rather than everything, and it says why', () => {
    const result = readProfile(aCard([], { id: 'card-1' }));
    expect(result.profile.assignedAt).toBe('9999-12-31');
    expect(result.error).toContain('assignedAt: unknown, "card-1" is not a Trello id');
  });

  it('round-trips through serializeForPluginData', () => {
    const profile = ProfileSchema.parse({ ...base, frozen: [{ from: '2026-11-10', to: '2026-11-12', note: 'tatil' }] });
    const value = serializeForPluginData(PROFILE_KEY, profile);
    expect(readProfile(aCard([{ idPlugin: 'p', value }]))).toEqual({ profile, found: true });
  });

  it("specialistOf: the profile's specialist, else the first card member, else empty", () => {
    expect(specialistOf(aCard(), ProfileSchema.parse({ ...base, specialist: 'm9' }))).toBe('m9');
    expect(specialistOf(aCard(), ProfileSchema.parse(base))).toBe('m1');
    expect(specialistOf(aCard([], { idMembers: [] }), ProfileSchema.parse(base))).toBe('');
  });
});

describe('readSettings (board pluginData recognised by content)', () => {
  it('absent → { v: 1 } without error', () => {
    expect(readSettings([])).toEqual({ settings: { v: 1 } });
    expect(readSettings([{ value: '{"settings":{"theme":"dark"}}' }, { value: 'garbage' }])).toEqual({ settings: { v: 1 } });
  });

  it('reads the settings and fills threshold defaults', () => {
    const value = serializeForPluginData(SETTINGS_KEY, { v: 1, saturdayRota: { '2026-11-28': ['m1'] }, thresholds: {} });
    expect(readSettings([{ idPlugin: 'any', value }])).toEqual({
      settings: { v: 1, saturdayRota: { '2026-11-28': ['m1'] }, thresholds: { high: 80, critical: 95, staleDays: 8 } },
    });
  });

  it('invalid → { v: 1 } plus every zod message', () => {
    const result = readSettings([
      stored(SETTINGS_KEY, { v: 1, saturdayRota: { '2026-11-27': ['m1'] }, leaves: [{ memberId: 'm1', from: '2026-11-25', to: '2026-11-24' }] }),
    ]);
    expect(result.settings).toEqual({ v: 1 });
    expect(result.error).toBe(
      'settings.saturdayRota.2026-11-27: 2026-11-27 is not a Saturday; settings.leaves.0.to: from (2026-11-25) is after to (2026-11-24)',
    );
  });
});

describe('serializeForPluginData (Trello: 4096 characters per scope)', () => {
  const wrapper = `{"${PROFILE_KEY}":""}`.length;

  it('returns the JSON Trello stores, with other keys of the scope', () => {
    expect(serializeForPluginData(PROFILE_KEY, { v: 1 })).toBe('{"profile":{"v":1}}');
    expect(JSON.parse(serializeForPluginData(PROFILE_KEY, { v: 1 }, { other: true }))).toEqual({ other: true, profile: { v: 1 } });
  });

  it('accepts exactly 4096 characters and refuses 4097 with a clear message in both languages', () => {
    expect(serializeForPluginData(PROFILE_KEY, 'x'.repeat(PLUGIN_DATA_LIMIT - wrapper))).toHaveLength(4096);
    let error: unknown;
    try {
      serializeForPluginData(PROFILE_KEY, 'x'.repeat(PLUGIN_DATA_LIMIT - wrapper + 1));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PluginDataTooLargeError);
    expect((error as PluginDataTooLargeError).length).toBe(4097);
    expect((error as Error).message).toContain('Nabız profile is 4097 characters as JSON; Trello keeps at most 4096');
    expect((error as PluginDataTooLargeError).tr).toContain('Kaydedilemedi: profile verisi 4097 karakter');
  });

  it('a profile with many long freeze notes does not fit', () => {
    const frozen = Array.from({ length: 30 }, (_, i) => ({ from: '2026-01-01', to: '2026-01-02', note: `${i} `.padEnd(150, 'n') }));
    const profile = ProfileSchema.parse({ ...base, frozen });
    expect(() => serializeForPluginData(PROFILE_KEY, profile)).toThrow(/Remove old frozen\/cover\/leave periods/);
  });
});

describe('bundle size: the Power-Up can import profile.ts without the holiday tables', () => {
  it('profile.ts and dates.ts pull in neither date-holidays nor node modules', async () => {
    const root = resolve(__dirname, '../..');
    for (const entry of ['shared/profile.ts', 'shared/dates.ts']) {
      const result = await build({
        entryPoints: [resolve(root, entry)],
        bundle: true,
        write: false,
        metafile: true,
        platform: 'browser',
        format: 'esm',
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(
        inputs.filter((p) => p.includes('date-holidays')),
        entry,
      ).toEqual([]);
      expect(
        inputs.some((p) => p.endsWith('shared/calendar.ts')),
        entry,
      ).toBe(false);
    }
  });
});
