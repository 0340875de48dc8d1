// Trello label "Nabız: eksik kayıt" on exactly the cards with open findings (docs/operations.md), so leads can
// filter the board natively. A reconciliation, not a notification: it runs after every scan, also in
// quiet hours, and is idempotent (one GET per board; writes only for the difference).
import { z } from 'zod';
import type { NotifyBook } from '../store/repos.js';
import type { NotifyTrello } from './channels.js';
import { openFindings } from './plan.js';

const BoardLabels = z.looseObject({
  id: z.string(),
  labels: z.array(z.looseObject({ id: z.string(), name: z.string().nullish(), color: z.string().nullish() })).nullish(),
  cards: z.array(z.looseObject({ id: z.string(), closed: z.boolean().nullish(), idLabels: z.array(z.string()).nullish() })),
});

export interface LabelSyncResult {
  boardId: string;
  labelId: string | null;
  createdLabel: boolean;
  added: string[];
  removed: string[];
  error?: string;
}

/** Cards with open findings per evaluated board; a risk (the site's state, docs/rules.md) or a board-level finding labels nothing. */
export function desiredLabelledCards(state: Pick<NotifyBook, 'open'>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [boardId, fs] of openFindings(state))
    out.set(boardId, new Set([...fs.values()].filter((f) => f.class !== 'risk' && f.cardId !== '').map((f) => f.cardId)));
  return out;
}

/**
 * Bring the label in line with the findings on the given boards (all evaluated boards by default).
 * dryRun: read only, report what would change. One board's failure does not stop the others.
 */
export async function syncLabels(
  state: Pick<NotifyBook, 'open'>,
  trello: NotifyTrello,
  opts: { label: string; dryRun?: boolean; boards?: string[] },
): Promise<LabelSyncResult[]> {
  const desired = desiredLabelledCards(state);
  const boards = opts.boards ?? [...desired.keys()];
  const results: LabelSyncResult[] = [];
  for (const boardId of boards) {
    const want = desired.get(boardId);
    if (!want) continue; // never evaluated: do not strip labels on a guess
    const r: LabelSyncResult = { boardId, labelId: null, createdLabel: false, added: [], removed: [] };
    results.push(r);
    try {
      const board = BoardLabels.parse(await trello.getBoard(boardId));
      // Match by name the way Trello users see it (case-insensitive, Turkish-aware).
      const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('tr').trim();
      let label = (board.labels ?? []).find((l) => norm(l.name ?? '') === norm(opts.label));
      if (!label) {
        if (!want.size) continue; // nothing to label: do not create the label yet
        if (opts.dryRun) {
          r.added = [...want].filter((id) => board.cards.some((c) => c.id === id && !c.closed));
          continue;
        }
        label = { id: (await trello.createLabel(boardId, { name: opts.label, color: 'red' })).id, name: opts.label };
        r.createdLabel = true;
      }
      r.labelId = label.id;
      for (const c of board.cards) {
        if (c.closed) continue;
        const has = (c.idLabels ?? []).includes(label.id);
        const should = want.has(c.id);
        if (should && !has) {
          if (!opts.dryRun) await trello.addLabel(c.id, label.id);
          r.added.push(c.id);
        } else if (!should && has) {
          if (!opts.dryRun) await trello.removeLabel(c.id, label.id);
          r.removed.push(c.id);
        }
      }
    } catch (e) {
      r.error = e instanceof Error ? e.message : String(e);
    }
  }
  return results;
}
