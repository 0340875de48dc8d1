// The browser bundles alias `zod` to powerup/src/zod-browser.ts, a plain object of the builders shared/ uses
// (docs/architecture.md "Bundles"). A builder shared/ calls but the shim lacks is `undefined` in the browser: the
// module's top-level schema throws and the whole page (e.g. the card back) never renders, while every Node test
// passes. This guard reads the builders shared/ calls (`z.<name>(`) and asserts the shim offers each.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z as shim } from '../../powerup/src/zod-browser.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('zod browser shim', () => {
  it('offers every zod builder shared/ calls', () => {
    const used = new Set<string>();
    for (const file of sources('shared')) for (const m of readFileSync(file, 'utf8').matchAll(/\bz\.([a-zA-Z]+)\(/g)) used.add(m[1] ?? '');
    expect(used.size).toBeGreaterThan(3);
    const missing = [...used].filter((name) => typeof (shim as Record<string, unknown>)[name] !== 'function');
    expect(missing).toEqual([]);
  });
});
