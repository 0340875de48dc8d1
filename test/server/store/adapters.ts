// The store engines the contract tests run on: SQLite always; PostgreSQL when NABIZ_TEST_PG_URL names a server
// (`npm test` starts one: scripts/postgres.mjs). Each call gives a fresh, empty store location.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgres, openSqlite, type SqlDb } from '../../../server/src/store/sql.js';

export const PG_URL = process.env.NABIZ_TEST_PG_URL;

export interface Engine {
  name: 'sqlite' | 'postgres';
  /** A new empty store location (file path or database URL). */
  fresh(): Promise<string>;
  /** Raw SQL on a location (tampering in tests). */
  raw(location: string): SqlDb;
}

let n = 0;

export const sqliteEngine: Engine = {
  name: 'sqlite',
  fresh: async () => join(mkdtempSync(join(tmpdir(), 'nabiz-store-')), 'nabiz.sqlite'),
  raw: (location) => openSqlite(location),
};

/** A new database on the test server for each call (dropped with the server at the end). */
export async function freshPgDatabase(base: string): Promise<string> {
  const name = `nabiz_t_${process.pid}_${Date.now().toString(36)}_${n++}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export const postgresEngine: Engine | null = PG_URL
  ? { name: 'postgres', fresh: () => freshPgDatabase(PG_URL), raw: (location) => openPostgres(location, { max: 1 }) }
  : null;

export const engines: Engine[] = [sqliteEngine, ...(postgresEngine ? [postgresEngine] : [])];
