#!/usr/bin/env node
// `npx nabiz …` and `npm start`: run the built server (dist/server, made by `npm install` through
// scripts/build-server.mjs). When a source file is newer than the build (a checkout or an edit), it is
// rebuilt first (~1 s), so the sources are never transpiled while the service runs.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/server/cli.js');

function stale() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(ROOT, 'dist/server/inputs.json'), 'utf8'));
  } catch {
    return true;
  }
  for (const file of manifest.inputs) {
    try {
      if (statSync(join(ROOT, file)).mtimeMs > manifest.builtAt) return true;
    } catch {
      return true; // a source file went away
    }
  }
  return false;
}

let entry = CLI;
if (stale()) {
  try {
    const { buildServer } = await import('../scripts/build-server.mjs');
    await buildServer();
  } catch (err) {
    // A read-only install, or a build error: say so, and run what there is (an older build, else the sources).
    process.stderr.write(`nabiz: could not rebuild dist/server (${err instanceof Error ? err.message.split('\n')[0] : err}); `);
    try {
      statSync(CLI);
      process.stderr.write('running the existing build\n');
    } catch {
      process.stderr.write("running the sources through tsx's loader\n");
      (await import('tsx/esm/api')).register();
      entry = join(ROOT, 'server/src/cli.ts');
    }
  }
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
