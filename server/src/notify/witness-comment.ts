// The daily witness of the evidence ledger head in Trello (docs/operations.md "Evidence ledger"): a Nabız comment
// on each card named in WITNESS_CARDS, so a copy of the head (COUNT:HASH) lives in Trello, outside the store.
// A comment rather than pluginData: Trello's REST API can read pluginData but has no route to write it
// (docs/trello.md §4), and the service only has a REST token. The text carries no `#` tag, so no scan reads
// it as an entry (docs/grammar.md).
import { formatInstant } from '../../../shared/i18n.js';
import type { Logger } from '../log.js';
import type { ChainHead } from '../store/ledger.js';

export function witnessCommentText(head: ChainHead, at: Date): string {
  return `Nabız kanıt defteri başı (${formatInstant(at.toISOString(), 'tr')}): ${head.count}:${head.hash}\nDoğrulamak için: nabiz verify --head ${head.count}:${head.hash}`;
}

/** The card list of WITNESS_CARDS. */
export function witnessCards(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Comment the head on each witness card; a card that fails is logged and the others still get theirs. */
export async function postWitnessComments(
  deps: {
    postComment: (cardId: string, text: string) => Promise<unknown>;
    head: () => Promise<ChainHead>;
    clock: () => Date;
    log: Pick<Logger, 'info' | 'error'>;
  },
  cards: readonly string[],
): Promise<{ cardId: string; ok: boolean; error?: string }[]> {
  const head = await deps.head();
  const text = witnessCommentText(head, deps.clock());
  const out: { cardId: string; ok: boolean; error?: string }[] = [];
  for (const cardId of cards) {
    try {
      await deps.postComment(cardId, text);
      out.push({ cardId, ok: true });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      deps.log.error(`ledger witness: could not comment the head on card ${cardId}: ${error}`);
      out.push({ cardId, ok: false, error });
    }
  }
  if (out.some((r) => r.ok))
    deps.log.info(`ledger witness: head ${head.count}:${head.hash.slice(0, 12)}… commented on ${out.filter((r) => r.ok).length} card(s)`);
  return out;
}
