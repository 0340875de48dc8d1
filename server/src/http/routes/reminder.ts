// A specialist's personal reminder time (docs/powerup.md "Nudges"): GET/PUT /api/me/reminder with t.jwt(). The
// choice is the member's own (the JWT's idMember) and is kept server-side, as a `reminder` record in the ledger, because
// the notifier must read it: Trello's member-private Power-Up storage is readable only in that member's browser.
// The latest choice on any tracked board is in force (server/src/notify/reminders.ts).
import { Router } from 'express';
import { z } from 'zod';
import { DEFAULT_REMINDER_AT, REMINDER_EARLIEST, REMINDER_LATEST, reminderSettingLine, reminderTimeError } from '../../../../shared/reminder.js';
import { dateKey } from '../../../../shared/dates.js';
import type { LedgerRecord } from '../../store/schema.js';
import { trackedBoardKey } from '../../store/board-ids.js';
import { latestPrefs, REMINDER_OFF } from '../../notify/reminders.js';
import { bearerToken } from '../jwt.js';
import { readJson } from './approvals.js';
import { HttpError, type AppDeps } from '../deps.js';

export const NOT_ON_BOARD_TR = 'Kişisel hatırlatmayı yalnızca bu panonun üyeleri kendileri için kurabilir.';
export const TOO_MANY_TR = 'Hatırlatma saatini bugün çok kez değiştirdiniz; yarın yeniden deneyin.';
/** Changes per member and Istanbul day: each is a ledger record, so a loop of clicks must not grow the ledger. */
export const MAX_CHANGES_PER_DAY = 20;
export const NO_TRELLO_REMINDER_TR = 'Trello bağlantısı yapılandırılmamış (TRELLO_TOKEN): hatırlatma kaydedilir ama gönderilemez.';

const Body = z.object({ at: z.string().nullable() }).strict();

export interface ReminderBody {
  /** `HH:MM` (Istanbul) or null (off). */
  at: string | null;
  default: string;
  earliest: string;
  latest: string;
  /** When it was chosen. */
  setAt?: string;
  /** `Açık: her iş günü saat 17:30; …` / `Kapalı.` */
  line: string;
  /** A Trello writer exists: the @mention can be posted. */
  deliverable: boolean;
  /** Why it cannot be delivered, in Turkish. */
  warning?: string;
}

export function reminderRouter(deps: AppDeps): Router {
  const r = Router();

  const context = async (authorization: string | undefined) => {
    const claims = await deps.verifyJwt(bearerToken(authorization));
    await deps.store.sync();
    const boardKey = trackedBoardKey(deps.config.NABIZ_BOARDS, deps.store.boards, claims.idBoard) ?? claims.idBoard;
    const snapshot = deps.store.snapshots.get(boardKey);
    if (!snapshot) throw new HttpError(404, 'board has not been scanned yet');
    return { claims, boardKey, snapshot };
  };

  /** The member's `reminder` records across the tracked boards. */
  const recordsOf = async (memberId: string) => {
    const records: LedgerRecord[] = [];
    for (const b of deps.store.boards.keys())
      for (const x of await deps.store.ledger.facts(b)) if (x.type === 'reminder' && x.authorId === memberId) records.push(x);
    return records;
  };
  /** The member's choice (the latest wins). */
  const current = async (memberId: string) => latestPrefs(await recordsOf(memberId)).get(memberId) ?? null;

  const body = (pref: { at: string | null; setAt: string } | null): ReminderBody => ({
    at: pref?.at ?? null,
    default: DEFAULT_REMINDER_AT,
    earliest: REMINDER_EARLIEST,
    latest: REMINDER_LATEST,
    ...(pref ? { setAt: pref.setAt } : {}),
    line: reminderSettingLine(pref?.at ?? null),
    deliverable: Boolean(deps.trello),
    ...(deps.trello ? {} : { warning: NO_TRELLO_REMINDER_TR }),
  });

  r.get('/api/me/reminder', async (req, res) => {
    const { claims } = await context(req.get('authorization'));
    res.setHeader('Cache-Control', 'no-store');
    res.json(body(await current(claims.idMember)));
  });

  r.put('/api/me/reminder', async (req, res) => {
    const { claims, boardKey, snapshot } = await context(req.get('authorization'));
    if (!snapshot.members.some((m) => m.id === claims.idMember)) {
      res.status(403).json({ error: NOT_ON_BOARD_TR });
      return;
    }
    const parsed = Body.safeParse(await readJson(req));
    if (!parsed.success) {
      res.status(400).json({ error: 'İstek anlaşılamadı: { "at": "17:30" } ya da { "at": null } bekleniyor.' });
      return;
    }
    const at = parsed.data.at;
    const problem = at === null ? null : reminderTimeError(at);
    if (problem) {
      res.status(400).json({ error: problem });
      return;
    }
    const mine = await recordsOf(claims.idMember);
    const prev = latestPrefs(mine).get(claims.idMember) ?? null;
    if ((prev?.at ?? null) !== at) {
      const today = dateKey(deps.clock());
      if (mine.filter((x) => dateKey(x.postedAt) === today).length >= MAX_CHANGES_PER_DAY) {
        res.status(429).json({ error: TOO_MANY_TR });
        return;
      }
      const now = deps.clock().toISOString();
      await deps.store.append([
        {
          type: 'reminder',
          // After the member's latest record, to this value: unique per change (the ledger drops a repeated action id),
          // and the same change sent twice at once is one record.
          actionId: `reminder:${claims.idMember}:${mine.reduce((n, x) => Math.max(n, x.seq), 0)}:${at ?? REMINDER_OFF}`,
          boardId: boardKey,
          cardId: '',
          authorId: claims.idMember,
          postedAt: now,
          value: at ?? REMINDER_OFF,
          via: 'powerup',
          recordedAt: now,
          source: 'powerup',
        },
      ]);
      deps.log.info(`reminder: member ${claims.idMember} set their personal reminder to ${at ?? 'off'} (board ${boardKey})`);
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(body(await current(claims.idMember)));
  });

  return r;
}
