// The per-card verdict path (shared/compliance/verdicts.ts) equals a from-scratch evaluateBoard: demo workspace,
// scale workspace and the big export, at several `now`, also after late facts (membership, settings) that
// arrive after the comments.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../shared/compliance.js';
import { judgedCustomers, prepareBoard } from '../../shared/compliance/context.js';
import { parseEntry } from '../../shared/entries.js';
import {
  acrossAfterActivity,
  acrossAgain,
  acrossFindings,
  boardAnchor,
  evaluateByVerdicts,
  judgeCard,
  prepareAcross,
} from '../../shared/compliance/verdicts.js';
import { acrossReadsText } from '../../shared/compliance/rules/training.js';
import { addDays, dateKey } from '../../shared/dates.js';
import { readSettings } from '../../shared/profile.js';
import { snapshotFromTrello } from '../../shared/trello-export.js';
import type { Fact } from '../../shared/facts.js';
import type { BoardSnapshot } from '../../shared/types.js';
import type { EvaluateOptions } from '../../shared/compliance/context.js';
import { generateDemoWorkspace, generateScaleWorkspace } from '../../server/src/demo/workspace.js';
import { buildLargeExport } from '../fixtures/build-large-export.js';

const NOWS = [
  '2026-11-23T09:30:00Z', // a Monday, mid-day in Istanbul
  '2026-11-25T15:30:00Z', // after 18:15 Istanbul
  '2026-11-30T20:59:00Z', // month end, last minute in Istanbul
];

/** Late facts: a second member added to the first customer card and a leave added to the settings, both 1 h before `now`. */
function withLateFacts(s: BoardSnapshot, now: Date): BoardSnapshot {
  const card = s.cards.find((c) => !c.closed) ?? s.cards[0]!;
  const other = s.members.find((m) => !card.idMembers?.includes(m.id)) ?? s.members[0]!;
  const at = new Date(now.getTime() - 3_600_000).toISOString();
  const early = '2020-01-01T00:00:00.000Z';
  const settings = readSettings(s.pluginData).settings;
  const day = at.slice(0, 10);
  const leave = { memberId: card.idMembers?.[0] ?? other.id, from: day, to: day, createdAt: day };
  const changed = [{ value: JSON.stringify({ settings: { ...settings, leaves: [...(settings.leaves ?? []), leave] } }) }];
  const facts: Fact[] = [
    ...(s.facts ?? []),
    { kind: 'board-data', pluginData: s.pluginData, at: early, timeSource: 'noticed', baseline: true },
    { kind: 'board-data', pluginData: changed, at, timeSource: 'noticed' },
    { kind: 'member', cardId: card.id, memberId: other.id, op: 'add', at, timeSource: 'trello', actionId: 'late-member' },
  ];
  return { ...s, facts };
}

function same(s: BoardSnapshot, now: Date, opts: EvaluateOptions = {}): number {
  const whole = evaluateBoard(s, now, opts);
  const inc = evaluateByVerdicts(s, now, opts);
  expect(inc.findings).toEqual(whole.findings);
  expect(inc.summary).toEqual(whole.summary);
  return whole.findings.length;
}

describe('per-card verdicts equal evaluateBoard', () => {
  it('demo workspace, every board, several now, with and without late facts', () => {
    let n = 0;
    for (const iso of NOWS) {
      const now = new Date(iso);
      const ws = generateDemoWorkspace({ seed: 1, now });
      for (const b of ws.boards) {
        const s = snapshotFromTrello(b);
        n += same(s, now);
        const late = withLateFacts(s, now);
        // The late facts change something somewhere, and the per-card path sees the same change.
        n += same(late, now);
        // With the people list, freeze approvals are judged (R20) the same way per card.
        n += same(late, now, { people: ws.people });
      }
    }
    expect(n).toBeGreaterThan(0);
  }, 240_000);

  it('the late facts change what is judged (the test would notice a path that ignored them)', () => {
    const now = new Date(NOWS[0]!);
    const ws = generateDemoWorkspace({ seed: 1, now });
    let changed = 0;
    for (const b of ws.boards) {
      const s = snapshotFromTrello(b);
      if (JSON.stringify(evaluateBoard(s, now)) !== JSON.stringify(evaluateBoard(withLateFacts(s, now), now))) changed++;
    }
    expect(changed).toBeGreaterThan(0);
  }, 120_000);

  it('scale workspace (small) and the big export', () => {
    for (const iso of NOWS) {
      const now = new Date(iso);
      const ws = generateScaleWorkspace({ boards: 2, cards: 8, days: 60, seed: 5, now });
      for (const b of ws.boards) {
        const s = snapshotFromTrello(b);
        same(s, now);
        same(withLateFacts(s, now), now);
      }
    }
    const big = snapshotFromTrello(buildLargeExport());
    for (const iso of ['2026-11-21T06:00:00Z', '2026-11-21T16:00:00Z']) {
      expect(same(big, new Date(iso))).toBeGreaterThan(0);
      same(withLateFacts(big, new Date(iso)), new Date(iso));
    }
  }, 240_000);

  it('a card judged from its own comments and the board anchor only equals its part of the board', () => {
    const now = new Date(NOWS[1]!);
    const s = snapshotFromTrello(generateDemoWorkspace({ seed: 1, now }).boards[0]!);
    const whole = evaluateBoard(s, now);
    const anchor = boardAnchor(s, now);
    for (const id of Object.keys(whole.summary.byCard)) {
      const own = { ...s, comments: s.comments.filter((c) => c.cardId === id) };
      const v = judgeCard(own, id, now, anchor)!;
      expect(v.findings).toEqual(whole.findings.filter((f) => f.cardId === id && !['slot', 'capacity', 'inactive'].includes(f.rule)));
    }
  });
});

describe('the part across cards after a change of who wrote when (acrossAfterActivity)', () => {
  /** The snapshot without the comments of `days` that the rules across cards read by author and day only. */
  const without = (s: BoardSnapshot, days: ReadonlySet<string>): BoardSnapshot => ({
    ...s,
    comments: s.comments.filter((c) => !days.has(dateKey(c.postedAt)) || acrossReadsText(c.text)),
  });

  it('equals acrossFindings from scratch, whichever way the activity moved, and keeps the part when nothing changed', () => {
    let moved = 0;
    let kept = 0;
    for (const iso of NOWS) {
      const now = new Date(iso);
      const today = dateKey(now);
      const boards = [...generateDemoWorkspace({ seed: 1, now }).boards, ...generateScaleWorkspace({ boards: 1, cards: 8, days: 60, seed: 5, now }).boards];
      for (const b of boards) {
        const s = withLateFacts(snapshotFromTrello(b), now);
        const anchor = boardAnchor(s, now);
        // Three past days without activity (runs of the inactive rule, P19), and today without it (never judged).
        const past = new Set([addDays(today, -9), addDays(today, -8), addDays(today, -7)]);
        for (const [before, after] of [
          [without(s, past), s],
          [s, without(s, past)],
          [without(s, new Set([today])), s],
        ] as const) {
          const prev = acrossFindings(prepareAcross(before, now, {}, anchor));
          const board = prepareAcross(after, now, {}, anchor);
          const fresh = acrossFindings(board);
          const next = acrossAfterActivity(board, prev);
          expect(next.findings).toEqual(fresh.findings);
          expect(next.cardIds).toEqual(fresh.cardIds);
          if (next === prev) kept++;
          else moved++;
        }
      }
    }
    // Both paths taken: a past day's activity changes inactive findings, today's never does.
    expect(moved).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(0);
  }, 120_000);

  it('acrossAgain after any change equals acrossFindings from scratch, and keeps the part when nothing across cards changed', () => {
    let moved = 0;
    let kept = 0;
    for (const iso of NOWS) {
      const now = new Date(iso);
      const ws = generateDemoWorkspace({ seed: 1, now });
      for (const b of ws.boards) {
        const s = snapshotFromTrello(b);
        const late = withLateFacts(s, now);
        // One card's slot moved onto another's (overlaps), and a contact phone changed (nothing across cards reads it).
        const [c0, c1] = s.cards.filter((c) => !c.closed);
        const retime = (card: typeof c0, edit: (p: Record<string, unknown>) => Record<string, unknown>): BoardSnapshot => ({
          ...s,
          cards: s.cards.map((c) => {
            if (c !== card || !c.pluginData?.[0]) return c;
            const v = JSON.parse(c.pluginData[0].value) as { profile?: Record<string, unknown> };
            return { ...c, pluginData: [{ ...c.pluginData[0], value: JSON.stringify({ ...v, profile: edit(v.profile ?? {}) }) }] };
          }),
        });
        const slotOf = (c: typeof c0) => (JSON.parse(c?.pluginData?.[0]?.value ?? '{}') as { profile?: { trainingSlot?: string } }).profile?.trainingSlot;
        const variants = [
          late,
          retime(c1, (p) => ({ ...p, trainingSlot: slotOf(c0) ?? '10:00' })),
          retime(c0, (p) => ({ ...p, contactPhone: '+90 555 000 00 00' })),
        ];
        const anchor = boardAnchor(s, now);
        const prev = acrossFindings(prepareAcross(s, now, { people: ws.people }, anchor));
        for (const v of variants) {
          const board = prepareAcross(v, now, { people: ws.people }, boardAnchor(v, now));
          const next = acrossAgain(board, prev);
          expect(next.findings).toEqual(acrossFindings(board).findings);
          if (next === prev) kept++;
          else moved++;
        }
      }
    }
    expect(moved).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(0);
  }, 120_000);
});

describe('the store-side helpers of the per-card path', () => {
  it('judgedCustomers (from the board anchor alone) are the cards prepareBoard judges; kept parses change nothing', () => {
    for (const iso of NOWS) {
      const now = new Date(iso);
      for (const b of generateDemoWorkspace({ seed: 4, now }).boards) {
        const given = snapshotFromTrello(b);
        // Also judged from its first entry (no trackingStart): the anchor then decides where judging starts.
        const { trackingStart: _t, ...settings } = readSettings(given.pluginData).settings;
        for (const s of [given, { ...given, pluginData: [{ value: JSON.stringify({ settings }) }] }]) {
          const anchor = boardAnchor(s, now);
          const prepared = prepareBoard(s, now).cards.map((c) => c.card.id);
          expect(judgedCustomers({ ...s, comments: anchor }, now).map((c) => c.id)).toEqual(prepared);
          // prepareBoard's `parsed`: the kept parse of each comment's text is taken instead of parsing it again.
          const parsed = new Map(s.comments.map((c) => [c.id, c.text ? parseEntry(c.text, c.postedAt) : null]));
          expect(evaluateBoard(s, now, { parsed })).toEqual(evaluateBoard(s, now));
        }
      }
    }
  });

  it('a kept parse is what prepareBoard reads (not parsed again)', () => {
    const now = new Date(NOWS[0]!);
    const s = snapshotFromTrello(generateDemoWorkspace({ seed: 4, now }).boards[0]!);
    const e = prepareBoard(s, now).cards.flatMap((x) => x.entries)[0]!;
    const c = e.comment;
    const own = prepareBoard(s, now, { parsed: new Map([[c.id, null]]) }).cards.find((x) => x.card.id === c.cardId)!;
    expect(own.entries.some((x) => x.comment.id === c.id)).toBe(false);
    const other = { ...e.entry, warnings: ['kept'] };
    const kept = prepareBoard(s, now, { parsed: new Map([[c.id, other]]) }).cards.find((x) => x.card.id === c.cardId)!;
    expect(kept.entries.find((x) => x.comment.id === c.id)?.entry).toBe(other);
  });
});
