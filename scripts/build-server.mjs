#!/usr/bin/env node
// Builds the server once (esbuild) into dist/server/: the CLI and everything it imports, as ES modules
// split per command so `nabiz --help` loads one small file. npm packages stay external (node_modules).
// Run by `npm install` (prepare) and by bin/nabiz.js when a source file is newer than the build.
import { build } from 'esbuild';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist/server');
/** The build's list of source files (relative to the root) and when it was made. */
export const INPUTS_FILE = join(OUT_DIR, 'inputs.json');

export async function buildServer() {
  // Built beside, then swapped in: a process starting meanwhile never sees half a build.
  const tmp = join(ROOT, `dist/.server-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: { cli: 'server/src/cli.ts' },
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'warning',
      chunkNames: 'chunks/[name]-[hash]',
    });
    const inputs = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, join(ROOT, p)));
    writeFileSync(join(tmp, 'inputs.json'), JSON.stringify({ builtAt: Date.now(), inputs }));
    // Two renames, so the gap without a build is as short as it can be; a process that already runs keeps
    // finding its chunks, which are named by content.
    const old = `${tmp}-old`;
    try {
      renameSync(OUT_DIR, old);
    } catch (err) {
      if (err.code !== 'ENOENT') throw err;
    }
    try {
      renameSync(tmp, OUT_DIR);
    } catch (err) {
      // Another process swapped in the same build first.
      if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
    }
    rmSync(old, { recursive: true, force: true });
    return inputs.length;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  const n = await buildServer();
  console.log(`nabiz: server built into dist/server (${n} source files, ${Math.round(performance.now() - t0)} ms)`);
}
