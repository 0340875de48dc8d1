// `nabiz notify`: one notify pass over the stored findings — dry run by default until channels are
// configured (docs/conventions.md §8): prints exactly what would go to whom; `--outbox` lists the outbox state.
import { openCliServices } from '../main.js';
import type { MessageSummary, NotifyRunReport } from '../notify/notifier.js';
import { parseFlags, parseNow } from './args.js';
import { UsageError, type CliCommand } from './types.js';

const help = `nabiz notify — run the escalation ladder once: mentions, digests, Trello labels

Usage: nabiz notify [--dry-run] [--now ISO] [--json] [--outbox]

  --dry-run   print what would be sent to whom; send and store nothing (the default while
              NOTIFY_DRY_RUN=true or no channel — SMTP_URL, CHAT_WEBHOOK_URL, TRELLO_TOKEN — is set)
  --send      send for real (needs NOTIFY_DRY_RUN=false or this flag, and a configured channel)
  --now WHEN  evaluate the ladder and the schedule at this instant (2026-11-24T18:30:00+03:00,
              2026-11-24T18:30 Istanbul, or 2026-11-24 = 00:00 Istanbul);
              with --now nothing is stored, whatever the mode
  --json      machine-readable report
  --outbox    list the outbox: pending, failed and expired (undelivered) messages, then exit

Digests go out at DIGEST_TIME on working days (no holidays), never in NOTIFY_QUIET_HOURS; a dry run
previews today's digest even before DIGEST_TIME and says when it would go. The service runs this on
its own schedule; a live run from the CLI beside it is safe: each message is claimed in the store before
it is sent, so it goes out once.
`;

function block(m: MessageSummary): string {
  const channel = m.channel === 'email' ? 'e-mail' : m.channel === 'chat' ? 'chat webhook' : 'Trello comment';
  const head = `→ ${channel} to ${m.to}: ${m.subject} (${m.lines} line${m.lines === 1 ? '' : 's'}${m.dueAt ? `; due ${m.dueAt}` : ''}${m.state !== 'pending' ? `; ${m.state}` : ''}${m.lastError ? `; ${m.lastError}` : ''})`;
  return `${head}\n${m.text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\n`;
}

function human(r: NotifyRunReport): string {
  const out: string[] = [];
  out.push(`Nabız notify at ${r.now}${r.dryRun ? ' — DRY RUN: nothing is sent or stored' : ''}\n`);
  if (!r.messages.length) out.push('No message is due.\n');
  for (const m of r.messages) out.push(block(m));
  if (r.heldByCap.length) {
    out.push(`Held back by the per-run cap (${r.heldByCap.length}):`);
    for (const m of r.heldByCap) out.push(`  - ${m.channel} to ${m.to}: ${m.subject}`);
    out.push('');
  }
  for (const l of r.labels) {
    if (l.error) out.push(`labels on board ${l.boardId}: ERROR ${l.error}`);
    else if (l.added.length || l.removed.length || l.createdLabel)
      out.push(
        `labels on board ${l.boardId}: ${r.labelsDry ? 'would add' : 'added'} ${l.added.length}, ${r.labelsDry ? 'would remove' : 'removed'} ${l.removed.length}${l.createdLabel ? ' (label created)' : ''}`,
      );
  }
  out.push(r.summary);
  return out.join('\n') + '\n';
}

export const command: CliCommand = {
  help,
  async run(argv, io) {
    const args = parseFlags(
      argv,
      {
        'dry-run': { type: 'boolean', default: false },
        send: { type: 'boolean', default: false },
        now: { type: 'string' },
        json: { type: 'boolean', default: false },
        outbox: { type: 'boolean', default: false },
      },
      help,
      io,
    );
    if (!args) return 0;
    if (args['dry-run'] && args.send) throw new UsageError('--dry-run and --send exclude each other');
    const now = parseNow(args.now);
    const services = await openCliServices(io, { json: args.json });
    const { store } = services;
    try {
      if (args.outbox) {
        const s = { outbox: store.messages.outbox(), digests: store.messages.digests() };
        const open = s.digests.filter((m) => m.state !== 'sent');
        if (args.json) {
          io.stdout(
            JSON.stringify(
              { messages: open.map(({ html: _h, payload: _p, ...m }) => m), pendingItems: s.outbox.filter((i) => i.state === 'pending').length },
              null,
              2,
            ) + '\n',
          );
          return 0;
        }
        io.stdout(`Outbox of ${store.location}: ${s.outbox.length} item(s), ${s.digests.length} message(s)\n`);
        for (const m of open)
          io.stdout(
            `  ${m.state.toUpperCase().padEnd(8)} ${m.kind} ${m.channel} to ${m.to}: ${m.subject} (attempts ${m.attempts}${m.lastError ? `, last error: ${m.lastError}` : ''})\n`,
          );
        const expired = open.filter((m) => m.state === 'expired');
        if (expired.length) io.stdout(`${expired.length} message(s) EXPIRED undelivered — they are listed in the next digest.\n`);
        io.stdout(`Pending items not yet in a message: ${s.outbox.filter((i) => i.state === 'pending').length}\n`);
        return 0;
      }

      const { notifier, ports } = services.notifier();
      if (args.send && !notifier.settings.channels.email && !notifier.settings.channels.chat && !notifier.settings.channels.trello) {
        throw new UsageError('--send: no channel is configured (set SMTP_URL, CHAT_WEBHOOK_URL or TRELLO_TOKEN)');
      }
      // --now only simulates: sending "as of" another time would corrupt the outbox's timeline. A dry run
      // from the CLI never writes.
      const dryRun = args['dry-run'] || now !== undefined ? true : args.send ? false : notifier.settings.dryRun;
      const report = await notifier.run({ ...(dryRun !== undefined ? { dryRun } : {}), ...(now ? { now } : {}) });
      ports.mailer?.close?.();
      if (args.json) io.stdout(JSON.stringify(report, null, 2) + '\n');
      else io.stdout(human(report));
      return report.failed > 0 ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};
