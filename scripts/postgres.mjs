#!/usr/bin/env node
// A throw-away PostgreSQL server for the tests: Debian's `postgresql` package (installed when missing, as root),
// `initdb` into a temporary folder as an unprivileged user, a free port on 127.0.0.1, trust auth, torn down at
// the end. `npm test` uses startPostgres(); by hand: `node scripts/postgres.mjs -- npx vitest run test/server/store`
// runs a command with NABIZ_TEST_PG_URL set.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function binDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : null;
}

function ensureInstalled() {
  let bin = binDir();
  if (bin) return bin;
  if (!isRoot) throw new Error('PostgreSQL is not installed: run `sudo apt-get install -y postgresql` and try again');
  console.log('npm test: installing postgresql (Debian) for the store contract tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status;
  if (run(['update', '-qq']) !== 0 || run(['install', '-y', '-qq', 'postgresql']) !== 0)
    throw new Error('could not install postgresql; run `apt-get install -y postgresql` as root');
  bin = binDir();
  if (!bin) throw new Error('postgresql installed but no initdb under /usr/lib/postgresql/*/bin');
  return bin;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The unprivileged user initdb runs as (PostgreSQL refuses root): Debian's `postgres`, else `nobody`. */
function serverUser() {
  for (const u of ['postgres', 'nobody']) {
    if (spawnSync('id', ['-u', u]).status === 0) return u;
  }
  throw new Error('no unprivileged user (postgres or nobody) to run PostgreSQL as');
}

/** Start a server; resolves with its URL and a stop() that removes everything it made. */
export async function startPostgres() {
  const bin = ensureInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const user = isRoot ? serverUser() : null;
  // As root: the folder belongs to the server's user; otherwise we are the unprivileged user already.
  const as = (cmd, args) => (user ? ['runuser', ['-u', user, '--', cmd, ...args]] : [cmd, args]);
  if (user) execFileSync('chown', ['-R', user, dir]);
  chmodSync(dir, 0o700);
  const exec = (cmd, args) => {
    const [c, a] = as(cmd, args);
    execFileSync(c, a, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  exec(join(bin, 'initdb'), ['-D', data, '-U', 'nabiz', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  exec(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    'start',
  ]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      exec(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      /* already gone */
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://nabiz@127.0.0.1:${port}/postgres`, stop };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const i = process.argv.indexOf('--');
  const cmd = i >= 0 ? process.argv.slice(i + 1) : [];
  const pg = await startPostgres();
  const onSignal = () => (pg.stop(), process.exit(130));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let code = 0;
  if (cmd.length) code = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...process.env, NABIZ_TEST_PG_URL: pg.url } }).status ?? 1;
  else console.log(pg.url);
  pg.stop();
  process.exit(code);
}
