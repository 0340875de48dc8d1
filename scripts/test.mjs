#!/usr/bin/env node
// `npm test`: make sure the browser tests can run (Debian's chromium), type-check (tsc -b), lint, start a throw-away
// PostgreSQL for the store contract and two-instance tests (scripts/postgres.mjs), then vitest.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { startPostgres } from './postgres.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status ?? 1;

function ensureDebianPackages() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!existsSync('/usr/bin/pdftoppm') || !existsSync('/usr/bin/pdftotext')) missing.push('poppler-utils');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`npm test needs ${missing.join(' and ')}: run \`sudo apt-get install -y ${missing.join(' ')}\` and try again.`);
    process.exit(1);
  }
  console.log(`npm test: installing ${missing.join(', ')} (Debian) for the browser and PDF tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', ...missing], { env }) !== 0) {
    console.error(`npm test: could not install ${missing.join(' ')}; run \`apt-get update && apt-get install -y ${missing.join(' ')}\` as root.`);
    process.exit(1);
  }
}

ensureDebianPackages();
// The projects of tsconfig.json in reference order (shared without DOM or Node, powerup, server, tests); the build
// info in .tsbuild/ lets a second run re-check only what changed.
const tsc = run('npx', ['tsc', '-b']);
if (tsc !== 0) {
  console.error('npm test: type errors (above).');
  process.exit(tsc);
}
// Lint errors fail the run; warnings (non-null assertions, unchecked casts) are listed by `npm run lint`.
const lint = run('npx', ['biome', 'lint', '--max-diagnostics=0', '.']);
if (lint !== 0) {
  console.error('npm test: lint errors (run `npm run lint` to see them).');
  process.exit(lint);
}
// The tree is kept formatted (biome.jsonc); a file written by hand that is not fails here with the one-line fix.
const format = run('npx', ['biome', 'format', '--max-diagnostics=0', '.']);
if (format !== 0) {
  console.error('npm test: files are not formatted (run `npm run format`).');
  process.exit(format);
}
const report = 'test-results/vitest-report.json';
rmSync(report, { force: true }); // never print a previous run's numbers
let pg;
try {
  pg = await startPostgres();
} catch (e) {
  console.error(`npm test: could not start PostgreSQL for the store tests: ${e.message}`);
  process.exit(1);
}
const stopPg = () => pg.stop();
process.on('SIGINT', () => (stopPg(), process.exit(130)));
process.on('SIGTERM', () => (stopPg(), process.exit(143)));
let code;
try {
  code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
    env: { ...process.env, NABIZ_TEST_PG_URL: pg.url },
  });
} finally {
  stopPg();
}
// One plain closing line CI can read whatever the runner: "N passed, N failed".
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''));
}
process.exit(code);
