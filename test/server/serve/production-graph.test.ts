// Production never loads demo code: the module graph of the production entry (the composition root and the
// HTTP app it serves) holds no file of server/src/demo/ nor the demo entry. Asserted on esbuild's metafile,
// which follows every static and dynamic import the way the built server resolves them.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

async function graph(entry: string): Promise<string[]> {
  const out = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
    outdir: 'out',
  });
  return Object.keys(out.metafile.inputs);
}

describe('the production module graph', () => {
  it('server/src/main.ts reaches the whole service (HTTP, notify, scan, store) and no demo file', async () => {
    const files = await graph('server/src/main.ts');
    for (const part of [
      'server/src/http/app.ts',
      'server/src/notify/notifier.ts',
      'server/src/scan/scan-boards.ts',
      'server/src/store/store.ts',
      'server/src/trello/client.ts',
    ]) {
      expect(files).toContain(part);
    }
    expect(files.filter((f) => f.includes('/demo/') || f.includes('demo-main'))).toEqual([]);
  });

  it('the demo entry does load the demo (the check above can fail)', async () => {
    const files = await graph('server/src/demo-main.ts');
    expect(files).toContain('server/src/demo/emulator.ts');
    expect(files).toContain('server/src/main.ts');
  });
});
