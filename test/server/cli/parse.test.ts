// `nabiz parse --jsonl` (docs/operations.md): JSON lines in, one JSON line out per input, bad lines reported
// in place with exit code 2 while the others are still parsed.
import { describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli.js';
import type { CliIO } from '../../../server/src/cli/types.js';

function fakeIO(stdin: string): { io: CliIO; out: () => string; err: () => string; lines: () => unknown[] } {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    stdin: async () => stdin,
    env: {},
  };
  return {
    io,
    out: () => out,
    err: () => err,
    lines: () =>
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as unknown),
  };
}

const line = (o: unknown) => JSON.stringify(o);

describe('nabiz parse --jsonl', () => {
  it('prints one entry per input line, in order, null for untagged comments', async () => {
    const f = fakeIO(
      [
        line({ id: 'a1', text: '#haftalık 2026-W48\nDisk: 3,1 / 4 GB\nTrafik: 120 / 200 GB\nbilgilendirildi', postedAt: '2026-11-27T09:00:00.000Z' }),
        line({ id: 'a2', text: 'Müşteri aradı, teşekkürler', postedAt: '2026-11-27T09:00:00Z' }),
        line({ id: 7, text: '#gunluk', postedAt: '2026-11-23T22:30:00Z' }),
      ].join('\n') + '\n',
    );
    const code = await main(['parse', '--jsonl'], f.io);
    expect(code).toBe(0);
    expect(f.err()).toBe('');
    expect(f.lines()).toEqual([
      {
        id: 'a1',
        entry: {
          kinds: ['weekly'],
          forDate: '2026-11-23',
          forWeek: '2026-W48',
          late: false,
          readings: { disk: { usedGB: 3.1, totalGB: 4, percent: 77.5 }, traffic: { usedGB: 120, totalGB: 200, percent: 60 } },
          actions: ['informed'],
          warnings: [],
        },
      },
      { id: 'a2', entry: null },
      { id: 7, entry: { kinds: ['daily'], forDate: '2026-11-24', late: false, readings: {}, actions: [], warnings: [] } },
    ]);
  });

  it('reports a bad line in place, keeps going, and exits 2', async () => {
    const f = fakeIO(
      [
        line({ id: 'ok1', text: '#günlük', postedAt: '2026-11-27T09:00:00Z' }),
        '{not json',
        line({ id: 'bad-time', text: '#günlük', postedAt: '27.11.2026' }),
        line({ text: '#günlük', postedAt: '2026-11-27T09:00:00Z' }),
        line({ id: 'no-text', postedAt: '2026-11-27T09:00:00Z' }),
        '',
        line({ id: 'ok2', text: '#aylık 2026-10', postedAt: '2026-11-02T09:00:00+03:00' }),
      ].join('\r\n'),
    );
    const code = await main(['parse', '--jsonl'], f.io);
    expect(code).toBe(2);
    const out = f.lines() as Array<{ id: unknown; entry?: unknown; error?: string }>;
    expect(out).toHaveLength(6); // the blank line is no input
    expect(out[0]).toMatchObject({ id: 'ok1', entry: { kinds: ['daily'] } });
    expect(out[1]).toEqual({ id: null, error: expect.stringMatching(/^line 2: not JSON/) });
    expect(out[2]).toEqual({ id: 'bad-time', error: expect.stringMatching(/^line 3: postedAt: must be an ISO time/) });
    expect(out[3]).toEqual({ id: null, error: expect.stringMatching(/^line 4: id:/) });
    expect(out[4]).toEqual({ id: 'no-text', error: expect.stringMatching(/^line 5: text: must be a string/) });
    expect(out[5]).toMatchObject({ id: 'ok2', entry: { forMonth: '2026-10', forDate: '2026-10-01', late: true } });
    expect(f.err()).toContain('4 line(s) could not be read');
  });

  it('a JSON value that is not an object is an error line', async () => {
    const f = fakeIO('[1,2]\n"text"\n');
    expect(await main(['parse', '--jsonl'], f.io)).toBe(2);
    expect(f.lines()).toEqual([
      { id: null, error: expect.stringMatching(/^line 1: /) },
      { id: null, error: expect.stringMatching(/^line 2: /) },
    ]);
  });

  it('empty input prints nothing and succeeds', async () => {
    const f = fakeIO('');
    expect(await main(['parse', '--jsonl'], f.io)).toBe(0);
    expect(f.out()).toBe('');
  });

  it('--help explains the input and output', async () => {
    const f = fakeIO('');
    expect(await main(['parse', '--help'], f.io)).toBe(0);
    expect(f.out()).toContain('nabiz parse --jsonl');
    expect(f.out()).toContain('"postedAt"');
  });

  it('without --jsonl, or with an unknown option, it is a usage error (exit 2)', async () => {
    const a = fakeIO('');
    expect(await main(['parse'], a.io)).toBe(2);
    expect(a.err()).toContain('--jsonl is required');
    const b = fakeIO('');
    expect(await main(['parse', '--jsonl', '--csv'], b.io)).toBe(2);
    expect(b.err()).toContain('unknown option "--csv"');
  });
});
