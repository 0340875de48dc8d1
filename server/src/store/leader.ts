// Which instance runs the scheduled scans and notify passes (docs/operations.md "Several instances"). On
// PostgreSQL: the instance holding a session-level advisory lock on its own connection. When the leader dies,
// PostgreSQL ends its session and frees the lock; the others try again every `pollMs` (keep it below the scan
// interval) and one takes over. On SQLite (one machine, normally one service) the service always leads.
import type { Client } from 'pg';
import type { Logger } from '../log.js';
import { errorMessage } from '../errors.js';
import { postgresSession } from './sql.js';
import { isPostgresUrl } from './store.js';

/** Advisory lock id of the leader ("nabld" in ASCII). */
const LEADER_LOCK = 0x6e61626c64;

export interface Leadership {
  readonly leader: boolean;
  stop(): Promise<void>;
}

/**
 * Become leader now if possible, else keep trying; `onLead` runs once when this instance becomes leader,
 * `onLose` if its lock connection breaks (it then stops leading and tries again).
 */
export async function electLeader(opts: {
  url: string;
  pollMs: number;
  log: Pick<Logger, 'info' | 'warn'>;
  onLead: () => void | Promise<void>;
  onLose?: () => void | Promise<void>;
}): Promise<Leadership> {
  if (!isPostgresUrl(opts.url)) {
    await opts.onLead();
    return { leader: true, stop: async () => undefined };
  }
  let client: Client | null = null;
  let leader = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = async (): Promise<void> => {
    if (stopped || leader) return;
    try {
      if (!client) {
        const c = await postgresSession(opts.url);
        c.on('error', () => void lost('its database connection failed'));
        c.on('end', () => void lost('its database connection closed'));
        client = c;
      }
      const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LEADER_LOCK]);
      if (r.rows[0]?.ok && !stopped) {
        leader = true;
        opts.log.info('leader: this instance runs the scheduled scans and notify passes');
        await opts.onLead();
      }
    } catch (e) {
      opts.log.warn(`leader: could not reach the database to take the lead: ${errorMessage(e)}`);
      await client?.end().catch(() => undefined);
      client = null;
    }
  };
  const lost = async (why: string) => {
    client = null;
    if (!leader || stopped) return;
    leader = false;
    opts.log.warn(`leader: lost the lead (${why}); scheduled jobs stop here until the lead is taken again`);
    await opts.onLose?.();
  };
  await attempt();
  if (!leader)
    opts.log.info(`leader: another instance leads; this one serves HTTP and takes over if it stops (checked every ${Math.round(opts.pollMs / 1000)} s)`);
  timer = setInterval(() => void attempt(), opts.pollMs);
  timer.unref();
  return {
    get leader() {
      return leader;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
