// Parse benchmark: parseEntry (docs/grammar.md) over every comment of the demo workspace and of a scale
// workspace, as the store parses each comment once on append (docs/architecture.md "Evaluation path").
// Printed as µs per comment, best of 5 passes; never asserted.
import { parseEntry } from '../../../shared/entries/parse-entry.js';
import type { CliIO } from '../cli/types.js';
import type { EmulatedBoard } from '../demo/model.js';
import { generateDemoWorkspace, generateScaleWorkspace } from '../demo/workspace.js';

export const name = 'parse';

type Comment = { text: string; date: string };

function commentsOf(boards: EmulatedBoard[]): Comment[] {
  const out: Comment[] = [];
  for (const b of boards) {
    for (const a of b.actions) {
      const text = a.data?.text;
      if (typeof text === 'string') out.push({ text, date: a.date });
    }
  }
  return out;
}

function bestMicros(comments: Comment[], passes: number): number {
  let best = Infinity;
  for (let p = 0; p < passes; p++) {
    const t0 = performance.now();
    for (const c of comments) parseEntry(c.text, c.date);
    best = Math.min(best, performance.now() - t0);
  }
  return (best * 1000) / comments.length;
}

export async function run(io: Pick<CliIO, 'stdout'>, opts: { quick: boolean }): Promise<void> {
  const now = new Date('2026-11-23T12:00:00Z');
  const sets: Array<[string, Comment[]]> = [
    ['demo workspace', commentsOf(generateDemoWorkspace({ seed: 42, now }).boards)],
    ['scale workspace', commentsOf(generateScaleWorkspace({ seed: 7, now, boards: opts.quick ? 2 : 10, cards: 20, days: 120 }).boards)],
  ];
  io.stdout('parse bench: parseEntry per comment (best of 5 passes)\n');
  io.stdout('set               comments   µs/comment\n');
  for (const [label, comments] of sets) {
    bestMicros(comments, 1); // warm-up
    io.stdout(`${label.padEnd(16)}${String(comments.length).padStart(10)}   ${bestMicros(comments, 5).toFixed(2).padStart(10)}\n`);
  }
}
