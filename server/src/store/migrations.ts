// Versioned schema migrations, applied in order at start (both engines speak this SQL). Never edit a shipped
// migration: add the next version. docs/operations.md "Store" explains the tables.
import type { SqlDb, SqlExec } from './sql.js';

export interface Migration {
  version: number;
  name: string;
  sql: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger and state tables',
    sql: [
      // Small facts: state_version (bumped by every state write, so other processes reload), the chain head and
      // count this store last wrote (checked at start), where the data was imported from.
      `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      // The evidence ledger (R62): append-only; `record` is the JSON the hash was computed over (plus its hash).
      // `fact` is ledgerKey: a comment and a deletion once per action id, an edit once per (time, text).
      `CREATE TABLE ledger (
        seq BIGINT PRIMARY KEY,
        fact TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        action_id TEXT NOT NULL,
        board_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        posted_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        hash TEXT NOT NULL,
        record TEXT NOT NULL
      )`,
      `CREATE INDEX ledger_board ON ledger (board_id, seq)`,
      `CREATE INDEX ledger_card ON ledger (card_id, posted_at)`,
      `CREATE INDEX ledger_author ON ledger (author_id, posted_at)`,
      `CREATE INDEX ledger_action ON ledger (action_id)`,
      // Per tracked board: cursor, backfilled, scan times, webhook id (JSON without the snapshot).
      `CREATE TABLE boards (key TEXT PRIMARY KEY, doc TEXT NOT NULL)`,
      // The board JSON minus comments from its last scan (comments come from the ledger).
      `CREATE TABLE snapshots (key TEXT PRIMARY KEY, doc TEXT NOT NULL)`,
      // The latest evaluation per board.
      `CREATE TABLE findings (key TEXT PRIMARY KEY, doc TEXT NOT NULL)`,
      // notify/: ladder state per finding, outbox items, messages (digests, mentions); the scan log.
      `CREATE TABLE flags (key TEXT PRIMARY KEY, doc TEXT NOT NULL)`,
      `CREATE TABLE outbox (id BIGINT PRIMARY KEY, doc TEXT NOT NULL)`,
      `CREATE TABLE digests (id BIGINT PRIMARY KEY, doc TEXT NOT NULL)`,
      `CREATE TABLE scans (id BIGINT PRIMARY KEY, doc TEXT NOT NULL)`,
    ],
  },
  {
    version: 2,
    name: 'dated facts index',
    sql: [
      // The dated facts (membership, pluginData versions, freeze approvals) live in the ledger beside the comments;
      // a board's facts are read without walking its comments (docs/operations.md "Evidence ledger").
      `CREATE INDEX ledger_type ON ledger (board_id, type, seq)`,
    ],
  },
  {
    version: 3,
    name: 'last profile version index',
    sql: [
      // A card's last profile version (a scan that saw its pluginData change): never through its comments.
      `CREATE INDEX ledger_card_type ON ledger (card_id, type, seq)`,
    ],
  },
  {
    version: 4,
    name: 'verdict rows',
    sql: [
      // One row per finding of a card judged at `judged_at` (docs/architecture.md "Evaluation path"): rule, period,
      // status, who answers for it, its class and severity, and the ledger seqs it rests on (`seqs`, JSON array).
      // Board-level and cross-card findings (slot, capacity, inactive) are kept under card_id ''.
      `CREATE TABLE verdicts (
        board_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        ord INTEGER NOT NULL,
        rule TEXT NOT NULL,
        period TEXT NOT NULL,
        status TEXT NOT NULL,
        member_id TEXT NOT NULL,
        class TEXT NOT NULL,
        severity TEXT NOT NULL,
        seqs TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (board_id, card_id, ord)
      )`,
      `CREATE INDEX verdicts_member ON verdicts (member_id, rule)`,
      // Per card: its summary row (name, specialist, judged periods per kind, open findings by class/severity) and
      // a digest of its verdict rows, so a re-judge that changes nothing writes nothing.
      `CREATE TABLE card_verdicts (
        board_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        judged_day TEXT NOT NULL,
        open_compliance INTEGER NOT NULL,
        open_risk INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        warnings INTEGER NOT NULL,
        digest TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (board_id, card_id)
      )`,
    ],
  },
  {
    version: 5,
    name: 'kept parses',
    sql: [
      // A comment or edit record's parse (shared/entries parseEntry of its text at its posting time), kept at append
      // under the grammar version it was made with (docs/architecture.md "Evaluation path"): derived data, rebuilt
      // lazily from the ledger when missing (a store from before) or made under another version. `entry`: the
      // ParsedEntry JSON, NULL when the text is no entry; `is_entry`: its text or old text reads as an entry (a
      // candidate for the board's first entry); `across`: the rules across cards read its text (training spans).
      // `first_sight`: a comment record (not an edit); card, author and posting day copied for the activity index.
      `CREATE TABLE entries (
        seq BIGINT PRIMARY KEY,
        board_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        posted_at TEXT NOT NULL,
        posted_day TEXT NOT NULL,
        first_sight INTEGER NOT NULL,
        grammar INTEGER NOT NULL,
        is_entry INTEGER NOT NULL,
        across INTEGER NOT NULL,
        entry TEXT
      )`,
      // Who wrote on which card on which Istanbul day (P19 activity), read without the ledger's rows: comment records only.
      `CREATE INDEX entries_activity ON entries (board_id, card_id, author_id, posted_day, posted_at) WHERE first_sight = 1`,
      // A card's rows are found through the ledger's card index (joined on seq); these two are partial, small.
      `CREATE INDEX entries_first ON entries (board_id, posted_at) WHERE is_entry = 1`,
      `CREATE INDEX entries_across ON entries (board_id) WHERE across = 1`,
    ],
  },
  {
    version: 6,
    name: 'board dashboard rows',
    sql: [
      // Per board what the manager dashboard reads (docs/architecture.md "Evaluation path"), rebuilt at every judge of
      // the board (whole or one card), so the dashboard reads one small row per board, never a card's summary: `doc`
      // the board's view (shared/dashboard-part.ts BoardDashboardView: counters per member, one line per customer),
      // `lines` its cards' dashboard lines it was made from (a one-card judge replaces that card's line only).
      // `rows_digest`: of the card rows' digests the counts below were made from (a judge stopped between the card
      // rows and this row is counted again at the next judge).
      `CREATE TABLE board_dashboard (board_id TEXT PRIMARY KEY, judged_day TEXT NOT NULL, rows_digest TEXT NOT NULL, doc TEXT NOT NULL, lines TEXT NOT NULL)`,
      // The board's open findings counted per member they are against (the card's specialist when the finding names
      // none), class, severity and period: the dashboard's counts and its pick of the first findings read these, not
      // every verdict row. Board-level rows naming no member are left out (the dashboard scopes those few in code).
      `CREATE TABLE verdict_periods (
        board_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        class TEXT NOT NULL,
        severity TEXT NOT NULL,
        period TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (board_id, member_id, class, severity, period)
      )`,
      // The dashboard's pick of the first findings reads them by board, class, severity and period (equality only: no
      // collation involved), and only these columns: the index holds them all.
      `CREATE INDEX verdicts_pick ON verdicts (board_id, class, severity, period, card_id, ord, rule, status, member_id)`,
    ],
  },
  {
    version: 7,
    name: 'author index dropped, reminder index',
    sql: [
      // No query selects ledger rows by author (a member's records are found through the board and card indexes and
      // the verdict rows): the index cost 65 bytes and an index insert per record (docs/operations.md "Store").
      `DROP INDEX IF EXISTS ledger_author`,
      // The reminder choices across every board (notify/reminders.ts), read without walking any board's facts: a
      // partial index, as small as the choices themselves.
      `CREATE INDEX ledger_reminder ON ledger (seq) WHERE type = 'reminder'`,
    ],
  },
  {
    version: 8,
    name: 'whole-board results dropped, evaluation marks',
    sql: [
      // A board's findings are its verdict rows (migration 4): the whole-board result kept beside them (one JSON row
      // per board, 30 MB on a year-old 50-card board) is gone. What stays is when the board was judged (docs/operations.md
      // "Store"), taken from the old row's head (`{"evaluatedAt":"<24-char ISO>",…`, as JSON.stringify wrote it) for
      // the boards whose verdict rows exist; any other board counts as not judged until its next scan.
      `CREATE TABLE evaluations (key TEXT PRIMARY KEY, doc TEXT NOT NULL)`,
      `INSERT INTO evaluations (key, doc)
        SELECT key, SUBSTR(doc, 1, 41) || '}' FROM findings
        WHERE doc LIKE '{"evaluatedAt":"____-__-__T__:__:__.___Z",%' AND key IN (SELECT board_id FROM card_verdicts WHERE card_id = '')`,
      `DROP TABLE findings`,
      `DELETE FROM meta WHERE key = 'state_version:findings'`,
    ],
  },
];

/** The newest schema this build knows. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/** A store written by a newer build: this one must not read it as its own, nor write into it. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/** The newest schema version the store has applied (0: none yet, a new store). Reads only. */
export async function storedSchemaVersion(db: SqlExec): Promise<number> {
  try {
    const rows = await db.all<{ v: number | string | null }>(`SELECT MAX(version) AS v FROM schema_migrations`);
    return Number(rows[0]?.v ?? 0);
  } catch {
    return 0; // no schema_migrations table: a new store
  }
}

/** Refuse (writing nothing) a store whose schema is newer than this build's. */
export async function checkSchemaVersion(db: SqlDb): Promise<void> {
  const v = await storedSchemaVersion(db);
  if (v > SCHEMA_VERSION) {
    throw new SchemaTooNewError(
      `the store at ${db.location} has schema version ${v}, newer than this build of Nabız knows (${SCHEMA_VERSION}): run the newer build that wrote it; nothing was written`,
    );
  }
}

/** Apply the migrations this store has not seen yet, each in its own transaction. Returns the versions applied. */
export async function migrate(db: SqlDb): Promise<number[]> {
  await checkSchemaVersion(db);
  await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const done = await db.tx(async (q: SqlExec) => {
      // Checked inside the write transaction: two processes starting together apply each version once.
      const seen = await q.all(`SELECT version FROM schema_migrations WHERE version = ?`, [m.version]);
      if (seen.length > 0) return false;
      for (const s of m.sql) await q.run(s);
      await q.run(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, [m.version, m.name, new Date().toISOString()]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
