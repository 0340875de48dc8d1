// Where the repository lives, found from this module's URL by walking up to Nabız's package.json: the same
// answer whether the server runs from its sources (server/src/…) or from the built bundle (dist/server/…),
// whose modules all share one URL.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRecord } from '../../shared/guards.js';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    const json: unknown = existsSync(pkg) ? JSON.parse(readFileSync(pkg, 'utf8')) : undefined;
    if (isRecord(json) && json.name === 'nabiz') return dir;
    if (dirname(dir) === dir) throw new Error(`no nabiz package.json above ${from}`);
  }
}

/** The repository root (package.json, powerup/, server/src/, data/ defaults are relative to the working directory). */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
