// The SQL of the small state's repositories (repos.ts, docs/architecture.md "Store"): plain functions over the
// engine-neutral executor (sql.ts), one statement each. Keyed tables (boards, snapshots, evaluations, flags) hold one
// JSON document per key; list tables (outbox, digests, scans) one per numeric row id, in id order.
import type { SqlExec } from './sql.js';

export type KeyedTable = 'boards' | 'snapshots' | 'evaluations' | 'flags';
export type ListTable = 'outbox' | 'digests' | 'scans';

export function keyedRows(q: SqlExec, table: KeyedTable): Promise<Array<{ key: string; doc: string }>> {
  return q.all<{ key: string; doc: string }>(`SELECT key, doc FROM ${table} ORDER BY key`);
}

export async function putKeyed(q: SqlExec, table: KeyedTable, key: string, doc: string): Promise<void> {
  await q.run(`INSERT INTO ${table} (key, doc) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET doc = excluded.doc`, [key, doc]);
}

export async function deleteKeyed(q: SqlExec, table: KeyedTable, key: string): Promise<void> {
  await q.run(`DELETE FROM ${table} WHERE key = ?`, [key]);
}

export async function listRows(q: SqlExec, table: ListTable): Promise<Array<{ id: number; doc: string }>> {
  return (await q.all<{ id: number | string; doc: string }>(`SELECT id, doc FROM ${table} ORDER BY id`)).map((r) => ({ id: Number(r.id), doc: r.doc }));
}

export async function putListed(q: SqlExec, table: ListTable, id: number, doc: string): Promise<void> {
  await q.run(`INSERT INTO ${table} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`, [id, doc]);
}

export async function deleteListed(q: SqlExec, table: ListTable, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    await q.run(`DELETE FROM ${table} WHERE id IN (${part.map(() => '?').join(',')})`, part);
  }
}

export type StateTable = KeyedTable | ListTable;
export const STATE_TABLES: readonly StateTable[] = ['boards', 'snapshots', 'evaluations', 'flags', 'outbox', 'digests', 'scans'];

/**
 * The state's versions (meta): `state_version`, bumped by every state write, and per table the version of its last
 * write (`state_version:<table>`), so a process reloads only the tables written since it last read. A table without
 * one (a store written before they were kept) counts as written at every version.
 */
export interface StateVersions {
  all: number;
  tables: Partial<Record<StateTable, number>>;
}

export async function stateVersions(q: SqlExec): Promise<StateVersions> {
  const rows = await q.all<{ key: string; value: string }>(`SELECT key, value FROM meta WHERE key = 'state_version' OR key LIKE 'state_version:%'`);
  const out: StateVersions = { all: 0, tables: {} };
  for (const { key, value } of rows) {
    if (key === 'state_version') out.all = Number(value);
    else {
      const table = STATE_TABLES.find((t) => key === `state_version:${t}`);
      if (table) out.tables[table] = Number(value);
    }
  }
  return out;
}

/** Record a write at version `v` of the state and of each table it wrote. */
export async function setStateVersion(q: SqlExec, v: number, tables: Iterable<StateTable>): Promise<void> {
  for (const key of ['state_version', ...[...tables].map((t) => `state_version:${t}`)]) {
    await q.run(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key, String(v)]);
  }
}
