// The evidence ledger against someone with write access to the data folder (docs/operations.md "Evidence
// ledger"): derived columns changed beside the chain, the tail deleted, the store swapped, a schema from a newer
// build; `nabiz verify` with its witnesses and `--head`, and the stamp a report carries.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli.js';
import type { CliIO } from '../../../server/src/cli/types.js';
import { ledgerFileFor, storeFileFor } from '../../../server/src/config.js';
import { silentLogger } from '../../../server/src/log.js';
import { evidenceFromStore } from '../../../server/src/reports/evaluate.js';
import { execFileSync } from 'node:child_process';
import { renderCsv, renderHtml, renderJson, verificationLine } from '../../../server/src/reports/evidence-render.js';
import { renderPdf } from '../../../server/src/reports/evidence-pdf.js';
import { readCheckpoint } from '../../../server/src/store/integrity.js';
import { LedgerLossError, openConfiguredStore, readStoredResets } from '../../../server/src/store/open.js';
import { StoreUnavailableError } from '../../../server/src/store/sql.js';
import { StoreError, openStore } from '../../../server/src/store/store.js';
import { readWitnessFile, witnessFileFor } from '../../../server/src/store/witness.js';
import { BOARD, CARD, CARD2, NOW, buildState } from '../reports/fixture.js';
import type { LedgerInput } from '../../../server/src/store/ledger.js';

/** A store holding the report fixture (8 records), opened the way the service opens it (witness written). */
/** A webhook's comment record on the fixture's card. */
const webhookComment = (actionId: string): LedgerInput => ({
  type: 'comment',
  actionId,
  boardId: BOARD,
  cardId: CARD,
  authorId: 'm',
  postedAt: NOW.toISOString(),
  text: 'x',
  recordedAt: NOW.toISOString(),
  source: 'webhook',
});

async function fixtureStore() {
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-integrity-'));
  const dataFile = join(dir, 'data.json');
  writeFileSync(dataFile, JSON.stringify(buildState()));
  const cfg = { DATABASE_URL: storeFileFor(dataFile), DATA_FILE: dataFile, LEDGER_FILE: ledgerFileFor(dataFile) };
  const { store } = await openConfiguredStore(cfg, silentLogger);
  const head = await store.ledger.head();
  await store.close();
  return { dir, dataFile, db: cfg.DATABASE_URL, cfg, head, witness: witnessFileFor(cfg.DATABASE_URL, dataFile) };
}

function cli(cmd: string, args: string[], dataFile: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), stdin: async () => '', env: { DATA_FILE: dataFile } };
  return main([cmd, ...args], io).then((code) => ({ code, out: out.join(''), err: err.join('') }));
}

const sql = (file: string, q: string, ...params: unknown[]) => {
  const db = new Database(file);
  try {
    db.prepare(q).run(...params);
  } finally {
    db.close();
  }
};

const week = { boardId: BOARD, from: '2026-11-02', to: '2026-11-08' };

describe('derived columns are covered by verify', () => {
  it('UPDATE ledger SET board_id → verify names the record, the report stamp is no longer "intact"', async () => {
    const f = await fixtureStore();
    const before = await openStore(f.db, { witnessFile: f.witness });
    const ok = await evidenceFromStore(before, week, NOW);
    expect(ok.ledger.verification.ok).toBe(true);
    expect(ok.cards.length).toBe(2);
    await before.close();

    sql(f.db, `UPDATE ledger SET board_id = 'b-other' WHERE board_id = ?`, BOARD);
    const v = await cli('verify', ['--db', f.db], f.dataFile);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/ledger BROKEN at record seq 0 .*column board_id says "b-other" but the hashed record says "b0000000000000000000b001"/);

    const after = await openStore(f.db, { witnessFile: f.witness });
    const report = await evidenceFromStore(after, week, NOW);
    expect(report.ledger.verification).toMatchObject({ ok: false, badSeq: 0 });
    expect(verificationLine(report, 'tr')).toMatch(/^DOĞRULAMA BAŞARISIZ/);
    expect(verificationLine(report, 'tr')).not.toMatch(/sağlam/);
    await after.close();
  });

  it.each([
    ['card_id', `'c-other'`],
    ['posted_at', `'2020-01-01T00:00:00.000Z'`],
    ['author_id', `'m-other'`],
    ['type', `'delete'`],
    ['action_id', `'a-other'`],
  ])('a changed %s is a broken record', async (column, value) => {
    const f = await fixtureStore();
    sql(f.db, `UPDATE ledger SET ${column} = ${value} WHERE seq = 3`);
    const v = await cli('verify', ['--db', f.db, '--json'], f.dataFile);
    expect(v.code).toBe(1);
    expect(JSON.parse(v.out)).toMatchObject({ ok: false, badSeq: 3, reason: expect.stringContaining(`column ${column} says`) });
  });

  it('a record that is no longer JSON is a broken record, named by its row', async () => {
    const f = await fixtureStore();
    sql(f.db, `UPDATE ledger SET record = '{"seq": 3,' WHERE seq = 3`);
    const store = await openStore(f.db, { witnessFile: f.witness });
    expect(await store.ledger.verify()).toMatchObject({ ok: false, badSeq: 3, reason: expect.stringContaining('not valid JSON') });
    await store.close();
    // The CLI names the row too (its columns still say which record it was).
    const v = await cli('verify', ['--db', f.db], f.dataFile);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/^ledger BROKEN at record seq 3 \(\w[\w-]* of action \S+, card c0000000000000000000c00\d\): .*not valid JSON/);
    expect(v.out).toMatch(/3 of 8 records verified before it/);
    const j = await cli('verify', ['--db', f.db, '--json'], f.dataFile);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out)).toMatchObject({ ok: false, badSeq: 3, reason: expect.stringContaining('not valid JSON') });
    // A report on the board cannot judge without the record: it stops saying the ledger is broken and where to look.
    const s = await openStore(f.db, { witnessFile: f.witness });
    await expect(evidenceFromStore(s, week, NOW)).rejects.toThrow(/evidence ledger is not valid JSON .*the ledger is broken; `nabiz verify` names the record/);
    await s.close();
    // And the service's chain check says BROKEN naming it (not a JSON error).
    const lines: string[] = [];
    const opened = await openConfiguredStore(f.cfg, { info: () => undefined, warn: () => undefined, error: (l) => void lines.push(l) });
    expect(await opened.verifyChain()).toMatchObject({ state: 'broken', badSeq: 3 });
    await opened.store.close();
    expect(lines.join('\n')).toMatch(/the evidence ledger is BROKEN at record seq 3 \(\S+ of action \S+, card c0\w+\)/);
  });

  it('after a verified checkpoint a report checks only the tail and its own rows, and still notices rows moved out of its board', async () => {
    const f = await fixtureStore();
    const v = await cli('verify', ['--db', f.db], f.dataFile);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/ledger OK: 8 records, hash chain and derived columns intact/);
    expect(v.out).toMatch(/ok {3}witness file .* matches \(8 records/);
    const s = await openStore(f.db, { witnessFile: f.witness });
    expect(await readCheckpoint(s)).toMatchObject({ count: 8, hash: f.head.hash, boards: { [BOARD]: 8 } });
    expect(readWitnessFile(f.witness)).toMatchObject({ ok: true, doc: { verified: { count: 8, hash: f.head.hash } } });
    const r = await evidenceFromStore(s, { ...week, cardId: CARD }, NOW);
    expect(r.ledger).toMatchObject({ verification: { ok: true }, checkedFrom: 8, witnesses: [{ status: 'match', count: 8 }] });
    expect(verificationLine(r, 'en')).toMatch(
      /^Verified: hash chain intact \(8 records\); records after checkpoint #8 \(.*\) and this report’s own records recomputed; matches the witness of /,
    );
    await s.close();

    // A card's rows moved to the other card: both card reports notice it through the checkpoint's counts.
    sql(f.db, `UPDATE ledger SET card_id = ? WHERE card_id = ?`, CARD2, CARD);
    const t = await openStore(f.db, { witnessFile: f.witness });
    const r1 = await evidenceFromStore(t, { ...week, cardId: CARD2 }, NOW);
    expect(r1.ledger.verification).toMatchObject({ ok: false, reason: expect.stringMatching(/column card_id says/) });
    const r2 = await evidenceFromStore(t, { ...week, cardId: CARD }, NOW);
    expect(r2.ledger.verification).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/card c0000000000000000000c001 held \d+ records at the verified checkpoint \(8\) but 0/),
    });
    await t.close();
  });

  it('a checkpoint in meta that the witness file does not confirm is not trusted (the whole chain is checked)', async () => {
    const f = await fixtureStore();
    expect((await cli('verify', ['--db', f.db], f.dataFile)).code).toBe(0);
    // Someone with write access rewrites a record before the checkpoint AND re-hashes the chain after it:
    // the meta's checkpoint could be rewritten too, but the witness file outside the store still says otherwise.
    sql(f.db, `UPDATE meta SET value = '{"count":2,"hash":"x","at":"2026-11-10T00:00:00.000Z","boards":{},"cards":{}}' WHERE key = 'ledger_verified'`);
    const s = await openStore(f.db, { witnessFile: f.witness });
    const r = await evidenceFromStore(s, week, NOW);
    expect(r.ledger.checkedFrom).toBe(0);
    expect(r.ledger.verification.ok).toBe(true);
    await s.close();
  });
});

describe('witnesses of the head', () => {
  it('tail loss: verify and reports fail through the witness file; serve and scans refuse the store', async () => {
    const f = await fixtureStore();
    sql(f.db, `DELETE FROM ledger WHERE seq >= 6`);
    const v = await cli('verify', ['--db', f.db], f.dataFile);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/ledger NOT AS WITNESSED: 6 records/);
    expect(v.out).toMatch(/FAIL witness file .*saw 8 records .* but the ledger holds 6: 2 records are missing/);
    const s = await openStore(f.db, { witnessFile: f.witness });
    const r = await evidenceFromStore(s, week, NOW);
    expect(r.ledger.verification).toMatchObject({ ok: false, reason: expect.stringMatching(/2 records are missing/) });
    expect(JSON.parse(renderJson(r)).ledger.witnesses[0]).toMatchObject({ status: 'missing-records', count: 8 });
    await s.close();
    await expect(openConfiguredStore(f.cfg, silentLogger)).rejects.toBeInstanceOf(LedgerLossError);
  });

  it('--head COUNT:HASH copied from a mail: a count within the ledger must match record COUNT-1; a larger one means records are missing', async () => {
    const f = await fixtureStore();
    const s = await openStore(f.db);
    const rec4 = (await s.ledger.bySeq(4))!;
    await s.close();
    unlinkSync(f.witness); // only the head from the mail to go by
    expect((await cli('verify', ['--db', f.db, '--head', `5:${rec4.hash}`], f.dataFile)).code).toBe(0);
    const wrong = await cli('verify', ['--db', f.db, '--head', `4:${rec4.hash}`], f.dataFile);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/FAIL --head 4:.* the chain is not the one the witness saw/);
    const more = await cli('verify', ['--db', f.db, '--head', `12:${rec4.hash}`], f.dataFile);
    expect(more.code).toBe(1);
    expect(more.out).toMatch(/saw 12 records .* 4 records are missing/);
    expect((await cli('verify', ['--db', f.db, '--head', 'nonsense'], f.dataFile)).code).toBe(2);
  });

  it('a store replaced by a new empty one (deleted file) is refused, and a reset accepted once is written down', async () => {
    const f = await fixtureStore();
    // (The old lowdb data file went too: it would be imported again, which is a restore.)
    for (const x of [f.db, `${f.db}-wal`, `${f.db}-shm`, f.dataFile]) if (existsSync(x)) unlinkSync(x);
    const err = await openConfiguredStore(f.cfg, silentLogger).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerLossError);
    expect((err as Error).message).toMatch(/saw 8 records .* but the ledger holds 0/);
    const lines: string[] = [];
    const log = { info: (l: string) => void lines.push(l), warn: (l: string) => void lines.push(l), error: (l: string) => void lines.push(l) };
    const accepted = await openConfiguredStore(f.cfg, log, { acceptReset: true });
    expect(accepted.health.resets).toEqual([expect.objectContaining({ found: { count: 0, hash: expect.any(String) } })]);
    expect(lines.join('\n')).toMatch(/RESET ACCEPTED/);
    await accepted.store.close();
    // The old witness is kept beside the new one.
    expect(readWitnessFile(f.witness)).toMatchObject({ ok: true, doc: { head: { count: 0 } } });
  });
});

describe('reset records that cannot be read', () => {
  const readable = {
    at: '2026-11-20T10:00:00.000Z',
    found: { count: 6, hash: 'f'.repeat(64) },
    witnesses: ['witness file saw 8 records but the ledger holds 6: 2 records are missing'],
    via: 'serve --accept-reset',
  };
  const setResets = (db: string, value: string) =>
    sql(db, `INSERT INTO meta (key, value) VALUES ('ledger_resets', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, value);
  const logInto = (lines: string[]) => ({
    info: () => undefined,
    warn: (l: string) => void lines.push(`warn ${l}`),
    error: (l: string) => void lines.push(`error ${l}`),
  });

  it('a bad entry beside a good one: the log warns once, /healthz, verify and every report format name it by key and position', async () => {
    const f = await fixtureStore();
    setResets(f.db, JSON.stringify([readable, { at: 5, witnesses: 'lost' }]));
    const lines: string[] = [];
    const opened = await openConfiguredStore(f.cfg, logInto(lines));
    expect(opened.health.resets).toEqual([expect.objectContaining({ at: readable.at })]);
    expect(opened.health.unreadableResets).toEqual([{ key: 'ledger_resets', index: 1, reason: expect.stringMatching(/^at: .*expected string/) }]);
    expect(lines.filter((l) => /reset record exists but could not be read/.test(l))).toEqual([
      expect.stringMatching(/^warn store: a ledger reset record exists but could not be read \(meta ledger_resets, entry 1: at: /),
    ]);

    const r = await evidenceFromStore(opened.store, week, NOW);
    await opened.store.close();
    // The good one is still shown, and the bad one is named, never guessed.
    expect(r.ledger.resets).toEqual([{ at: readable.at, witnesses: readable.witnesses }]);
    expect(r.ledger.unreadableResets).toEqual([expect.objectContaining({ key: 'ledger_resets', index: 1 })]);
    expect(JSON.parse(renderJson(r)).ledger.unreadableResets).toEqual([expect.objectContaining({ key: 'ledger_resets', index: 1 })]);
    const en = /a ledger reset record exists but could not be read \(meta ledger_resets #1: at: .*\); its content is unknown/;
    const tr = /defterde bir sıfırlama kaydı var ama okunamadı \(meta ledger_resets #1: /;
    expect(verificationLine(r, 'en')).toMatch(en);
    expect(verificationLine(r, 'en')).toMatch(/a loss was accepted on .*2 records are missing/);
    expect(renderCsv(r, 'en')).toMatch(en);
    expect(renderCsv(r, 'tr')).toMatch(tr);
    expect(renderHtml(r, 'tr')).toMatch(tr);
    const pdf = join(f.dir, 'r.pdf');
    writeFileSync(pdf, await renderPdf(r, 'en'));
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toMatch(/a ledger reset record exists but could not be read/);

    const v = await cli('verify', ['--db', f.db], f.dataFile);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/RESET accepted at 2026-11-20T10:00:00.000Z \(serve --accept-reset\): witness file saw 8 records/);
    expect(v.out).toMatch(/RESET\? a ledger reset record exists but could not be read \(meta ledger_resets, entry 1: at: /);
    const j = JSON.parse((await cli('verify', ['--db', f.db, '--json'], f.dataFile)).out);
    expect(j.unreadableResets).toEqual([expect.objectContaining({ key: 'ledger_resets', index: 1 })]);
    expect(j.resets).toEqual([expect.objectContaining({ at: readable.at })]);
  });

  it('a value that is not JSON is named without a position, and a later accepted reset keeps it (as entry 0)', async () => {
    const f = await fixtureStore();
    setResets(f.db, '[{"at": "2026-11-20T1');
    const s = await openStore(f.db, { witnessFile: f.witness });
    expect(await readStoredResets(s)).toEqual({ resets: [], unreadable: [{ key: 'ledger_resets', reason: expect.stringMatching(/^not valid JSON/) }] });
    const r = await evidenceFromStore(s, week, NOW);
    expect(verificationLine(r, 'en')).toMatch(/a ledger reset record exists but could not be read \(meta ledger_resets: not valid JSON/);
    await s.close();

    sql(f.db, `DELETE FROM ledger WHERE seq >= 6`);
    const accepted = await openConfiguredStore(f.cfg, silentLogger, { acceptReset: true });
    expect(accepted.health.resets).toEqual([expect.objectContaining({ found: expect.objectContaining({ count: 6 }) })]);
    expect(accepted.health.unreadableResets).toEqual([{ key: 'ledger_resets', index: 0, reason: expect.any(String) }]);
    expect(await accepted.store.meta('ledger_resets')).toContain(JSON.stringify('[{"at": "2026-11-20T1'));
    await accepted.store.close();
  });
});

describe('the store disappearing under a running process', () => {
  it.each(['deleted', 'truncated'] as const)('a %s SQLite file: health() names it at once and no write is accepted', async (how) => {
    const f = await fixtureStore();
    const s = await openStore(f.db);
    expect(await s.health()).toBeNull();
    if (how === 'deleted') unlinkSync(f.db);
    else truncateSync(f.db, 0);
    expect(await s.health()).toMatch(how === 'deleted' ? /is gone/ : /truncated to 0 bytes/);
    await expect(s.append([webhookComment('late')])).rejects.toBeInstanceOf(StoreUnavailableError);
    await s.close();
  });

  it('rows removed from the end while the process runs: health() says so', async () => {
    const f = await fixtureStore();
    const s = await openStore(f.db);
    await s.ledger.head();
    sql(f.db, `DELETE FROM ledger WHERE seq >= 7`);
    expect(await s.health()).toMatch(/holds 7 records but this process saw 8/);
    await s.close();
  });

  it('another process appending is no loss; the record this process saw last rewritten is, and health() names it', async () => {
    const f = await fixtureStore();
    const s = await openStore(f.db);
    const seen = await s.ledger.head();
    const other = await openStore(f.db);
    await other.append([webhookComment('more')]);
    await other.close();
    expect(await s.health()).toBeNull();
    // The record at the head this process now saw (seq = the old count) gets another hash: a rewritten ledger.
    sql(f.db, `UPDATE ledger SET hash = ? WHERE seq = ?`, '0'.repeat(64), seen.count);
    expect(await s.health()).toMatch(new RegExp(`record ${seen.count} no longer has the hash this process saw .*rewritten or replaced`));
    await s.close();
  });
});

describe('schema newer than the code', () => {
  it('refuses with one line and writes nothing', async () => {
    const f = await fixtureStore();
    sql(f.db, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', '2027-01-01T00:00:00Z')`);
    // Checkpoint the WAL into the file so the bytes compared are all of it.
    const db = new Database(f.db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(f.db);
    const err = await openStore(f.db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(
      /^the store at .* has schema version 999, newer than this build of Nabız knows \(\d+\): run the newer build that wrote it; nothing was written$/,
    );
    expect(readFileSync(f.db).equals(bytes)).toBe(true);
    const ro = await openStore(f.db, { readOnly: true }).catch((e: unknown) => e);
    expect(ro).toBeInstanceOf(StoreError);
    expect(readFileSync(f.db).equals(bytes)).toBe(true);
  });
});
