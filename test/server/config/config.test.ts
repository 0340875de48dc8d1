import { describe, expect, it } from 'vitest';
import { ConfigError, configTable, loadConfig } from '../../../server/src/config.js';

const live = { TRELLO_KEY: 'k'.repeat(32), TRELLO_TOKEN: 't'.repeat(64), NABIZ_BOARDS: '5f3a1b2c3d4e5f6a7b8c9d0e,AbCd1234' };

describe('loadConfig', () => {
  it('no TRELLO_TOKEN → demo mode with defaults', () => {
    const c = loadConfig({});
    expect(c.demo).toBe(true);
    expect(c.PORT).toBe(3000);
    expect(c.SCAN_CRON).toBe('*/10 8-18 * * 1-6');
    expect(c.NABIZ_BOARDS).toEqual([]);
  });

  it('live mode: boards split and trimmed, PUBLIC_URL without trailing slash, empty strings unset', () => {
    const c = loadConfig({ ...live, NABIZ_BOARDS: ' 5f3a1b2c3d4e5f6a7b8c9d0e , AbCd1234 ', PUBLIC_URL: 'https://nabiz.example.com/', PORT: '' });
    expect(c.demo).toBe(false);
    expect(c.NABIZ_BOARDS).toEqual(['5f3a1b2c3d4e5f6a7b8c9d0e', 'AbCd1234']);
    expect(c.PUBLIC_URL).toBe('https://nabiz.example.com');
    expect(c.PORT).toBe(3000);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT: /m],
    [{ PORT: '70000' }, /^PORT: /m],
    [{ SCAN_CRON: 'every ten minutes' }, /^SCAN_CRON: not a valid cron expression/m],
    [{ FULL_SCAN_CRON: '61 2 * * *' }, /^FULL_SCAN_CRON: not a valid cron/m],
    [{ PUBLIC_URL: 'not a url' }, /^PUBLIC_URL: /m],
    [{ NABIZ_BOARDS: 'https://trello.com/b/x' }, /^NABIZ_BOARDS: each board must be/m],
    [{ TRELLO_TOKEN: 'x', NABIZ_BOARDS: '', TRELLO_KEY: '' }, /^TRELLO_KEY: required when TRELLO_TOKEN is set/m],
    [{ ...live, NABIZ_BOARDS: '' }, /^NABIZ_BOARDS: list at least one board/m],
    [{ NABIZ_PEOPLE: '[{"name":"A"}]' }, /^NABIZ_PEOPLE\[0\.trelloId\]/m],
    [{ NABIZ_PEOPLE: '{oops' }, /^NABIZ_PEOPLE: not valid JSON/m],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /m],
  ])('%o → %s', (env, msg) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(msg);
  });

  it('reports every bad variable, one line each', () => {
    try {
      loadConfig({ PORT: 'x', SCAN_CRON: 'nope', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (e) {
      const lines = (e as Error).message.split('\n');
      expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'SCAN_CRON']);
    }
  });

  it('reads NABIZ_PEOPLE from @file', () => {
    const c = loadConfig({ NABIZ_PEOPLE: '@people.json' }, (p) => {
      expect(p).toBe('people.json');
      return JSON.stringify([{ name: 'Ayşe', trelloId: 'm1', role: 'manager' }]);
    });
    expect(c.people).toEqual([{ name: 'Ayşe', trelloId: 'm1', role: 'manager' }]);
  });

  it('configTable lists every variable with its default and description', () => {
    const t = configTable();
    expect(t).toMatch(/^\| Variable \| Default \| Description \|/);
    expect(t).toContain('| `PORT` | `3000` |');
    expect(t).toContain('`SCAN_CRON`');
    expect(t).toContain('| `TRELLO_TOKEN` | — |');
  });
});
