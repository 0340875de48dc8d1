// The running service whose store goes away (docs/operations.md "Evidence ledger"): the SQLite file deleted or
// truncated under it → /healthz, the API and webhooks answer 503 at once (Trello delivers again later); the next
// start refuses the store its witness outgrew (exit 2, one line) until `--accept-reset`, which is reported.
import { existsSync, mkdtempSync, truncateSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/src/config.js';
import { signWebhook } from '../../../server/src/demo/emulator.js';
import type { HealthReport } from '../../../server/src/http/routes/health.js';
import { webhookCallbackUrl } from '../../../server/src/http/routes/webhooks.js';
import { startService } from '../../../server/src/main.js';
import { storeFileFor } from '../../../server/src/config.js';

const SECRET = 'app-secret-for-tests-0123456789abcdef';
const BOARD = '5f3a1b2c3d4e5f6a7b8c9d0e';
const CARD = '5f3a1b2c3d4e5f6a7b8c9d1f';

function envFor(dir: string): NodeJS.ProcessEnv {
  return {
    TRELLO_KEY: 'k'.repeat(32),
    TRELLO_TOKEN: 't'.repeat(64),
    NABIZ_BOARDS: BOARD,
    TRELLO_API_URL: 'http://127.0.0.1:9',
    TRELLO_APP_SECRET: SECRET,
    DATA_FILE: join(dir, 'data.json'),
    SCAN_ON_START: 'false',
    LOG_LEVEL: 'info',
  };
}

const quiet = () => {
  const lines: string[] = [];
  return { lines, io: { stdout: (s: string) => void lines.push(s), stderr: (s: string) => void lines.push(s) } };
};

async function start(dir: string, acceptReset = false) {
  const q = quiet();
  const svc = await startService({ env: envFor(dir), io: q.io, port: 0, schedule: false, ...(acceptReset ? { acceptReset } : {}) });
  // Webhooks are verified against PUBLIC_URL; the test posts to the local URL.
  svc.config.PUBLIC_URL = svc.url;
  return { svc, lines: q.lines };
}

let n = 0;
function delivery(url: string, text: string) {
  const id = `6b1bd1c0aaaaaaaaaaa${String(++n).padStart(5, '0')}`;
  const body = JSON.stringify({
    model: { id: BOARD },
    action: { id, idMemberCreator: 'm1', type: 'commentCard', date: '2026-11-23T09:00:00.000Z', data: { text, card: { id: CARD }, board: { id: BOARD } } },
  });
  return fetch(`${url}/webhooks/trello`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-trello-webhook': signWebhook(SECRET, body, webhookCallbackUrl(url)) },
    body,
  });
}

describe.each(['deleted', 'truncated'] as const)('serve with its SQLite file %s', (how) => {
  it('answers 503 at once, refuses webhooks, then refuses to start on the emptied store until --accept-reset', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-gone-'));
    const db = storeFileFor(join(dir, 'data.json'));
    const { svc, lines } = await start(dir);
    try {
      await svc.store.write((tx) => tx.boards.put(BOARD, { id: BOARD, name: 'Pano', backfilled: true }));
      expect((await delivery(svc.url, '#günlük bir')).status).toBe(200);
      expect((await delivery(svc.url, '#günlük iki')).status).toBe(200);
      expect((await svc.store.ledger.head()).count).toBe(2);

      if (how === 'deleted') {
        for (const f of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(f)) unlinkSync(f);
      } else truncateSync(db, 0);

      const h = await fetch(`${svc.url}/healthz`);
      expect(h.status).toBe(503);
      expect(await h.json()).toEqual({ ok: false });
      const detail = (await (await fetch(`${svc.url}/healthz?detail=1`)).json()) as HealthReport;
      expect(detail.store).toEqual({ ok: false, problem: expect.stringMatching(how === 'deleted' ? /is gone/ : /truncated to 0 bytes/) });
      const hook = await delivery(svc.url, '#günlük üç');
      expect(hook.status).toBe(503);
      expect(hook.headers.get('retry-after')).toBe('60');
      // Trello's retries: refused again, the problem logged once.
      expect((await delivery(svc.url, '#günlük üç bis')).status).toBe(503);
      expect(lines.join('').match(/ERROR webhooks: the data store failed: .*answered 503/g)).toHaveLength(1);
      expect((await fetch(`${svc.url}/api/boards/${BOARD}/status`)).status).toBe(503);
    } finally {
      await svc.close();
    }

    // A fresh store at the same path: the witness beside it saw 2 records. Refused with one line.
    if (how === 'truncated') for (const f of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(f)) unlinkSync(f);
    const err = await start(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(
      /^data store: the evidence ledger at .* is not the one its witnesses saw: witness file .* saw 2 records .* but the ledger holds 0: 2 records are missing\..*--accept-reset/,
    );
    expect((err as Error).message).not.toMatch(/\n/);

    const accepted = await start(dir, true);
    try {
      expect(accepted.lines.join('')).toMatch(/RESET ACCEPTED \(--accept-reset\)/);
      const d = (await (await fetch(`${accepted.svc.url}/healthz?detail=1`)).json()) as HealthReport;
      expect(d.store).toEqual({ ok: true });
      expect(d.ledger.resets).toEqual([expect.objectContaining({ via: 'serve --accept-reset', found: expect.objectContaining({ count: 0 }) })]);
      expect((await delivery(accepted.svc.url, '#günlük dört')).status).toBe(200);
    } finally {
      await accepted.svc.close();
    }
    // Accepted once: the next start opens without the flag, the decision still written down.
    const again = await start(dir);
    try {
      const d = (await (await fetch(`${again.svc.url}/healthz?detail=1`)).json()) as HealthReport;
      expect(d.ledger.resets).toHaveLength(1);
      expect(d.ledger.records).toBe(1);
    } finally {
      await again.svc.close();
    }
  });
});

describe('serve whose ledger loses its tail while it runs', () => {
  it('answers 503 on the public /healthz and refuses webhooks, naming the loss in the detail', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-tail-'));
    const db = storeFileFor(join(dir, 'data.json'));
    const { svc, lines } = await start(dir);
    try {
      await svc.store.write((tx) => tx.boards.put(BOARD, { id: BOARD, name: 'Pano', backfilled: true }));
      expect((await delivery(svc.url, '#günlük bir')).status).toBe(200);
      expect((await delivery(svc.url, '#günlük iki')).status).toBe(200);
      const { default: Database } = await import('better-sqlite3');
      const raw = new Database(db);
      raw.prepare('DELETE FROM ledger WHERE seq = 1').run();
      raw.close();
      const h = await fetch(`${svc.url}/healthz`);
      expect(h.status).toBe(503);
      const detail = (await (await fetch(`${svc.url}/healthz?detail=1`)).json()) as HealthReport;
      expect(detail.store.problem).toMatch(/holds 1 records but this process saw 2 .*records were removed/);
      expect((await delivery(svc.url, '#günlük üç')).status).toBe(503);
      // The API's guard says once what the operator does with SQLite: restore the file and restart (the process
      // cannot reopen it).
      expect((await fetch(`${svc.url}/api/boards/${BOARD}/status`)).status).toBe(503);
      expect((await fetch(`${svc.url}/api/boards/${BOARD}/status`)).status).toBe(503);
      const said = lines
        .join('')
        .split('\n')
        .filter((l) => /answering 503/.test(l));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(
        /records were removed from the store: answering 503 .* until the SQLite file is restored and the service restarted .*`nabiz verify --db FILE`.*docs\/operations.md "Evidence ledger"/,
      );
    } finally {
      await svc.close();
    }
  });
});
