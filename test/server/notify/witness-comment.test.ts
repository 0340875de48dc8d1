// The daily witness in Trello: the ledger head commented on the WITNESS_CARDS cards (emulated Trello), read back
// from Trello and checked like a head copied from a mail; a card that fails does not stop the others.
import { afterEach, describe, expect, it } from 'vitest';
import { postWitnessComments, witnessCards } from '../../../server/src/notify/witness-comment.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { matchHead, parseHead } from '../../../server/src/store/witness.js';
import { startWorld, type World } from '../scan/world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('ledger witness comments', () => {
  it('comments COUNT:HASH on each witness card; the text read back from Trello matches the ledger; no entry tag', async () => {
    world = await startWorld();
    await scanBoards(world.deps);
    const w = world;
    const head = await w.store.ledger.head();
    const card = (await w.store.ledger.bySeq(0))!.cardId;
    const lines: string[] = [];
    const log = { info: (l: string) => void lines.push(l), error: (l: string) => void lines.push(l) };
    const res = await postWitnessComments(
      { postComment: (c, t) => w.deps.trello.postComment(c, t), head: () => w.store.ledger.head(), clock: () => w.clock.now, log },
      witnessCards(` ${card}, nosuchcard `),
    );
    expect(res).toEqual([{ cardId: card, ok: true }, expect.objectContaining({ cardId: 'nosuchcard', ok: false })]);
    expect(lines.join('\n')).toMatch(/could not comment the head on card nosuchcard/);
    // What Trello now holds, as an operator would copy it.
    await scanBoards(w.deps);
    const recs = [];
    for await (const r of w.store.ledger.stream()) recs.push(r);
    const comment = recs.find((r) => r.text?.startsWith('Nabız kanıt defteri başı'))!;
    expect(comment.text).not.toMatch(/#/);
    const copied = parseHead(/: (\d+:[0-9a-f]{64})/.exec(comment.text!)![1]!)!;
    expect(copied).toEqual(head);
    const now = await w.store.ledger.head();
    expect(await matchHead(copied, now.count, async (seq) => (await w.store.ledger.bySeq(seq))?.hash)).toBe('match');
  });
});
