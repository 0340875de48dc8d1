import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatExplanation, parseExplanation, parseExplanationAcceptance } from '../../shared/entries/explanation.js';
import { explanationsOf, shownExplanation } from '../../shared/explanations.js';
import { parseEntry } from '../../shared/entries.js';
import type { CommentRecord } from '../../shared/types.js';

const AT = '2026-11-27T07:00:00Z';

describe('#açıklama grammar (docs/grammar.md "Explanations")', () => {
  it.each([
    ['#açıklama 26.11: müşteri bayram nedeniyle kapalıydı', '2026-11-26', 'müşteri bayram nedeniyle kapalıydı'],
    ['#aciklama 26.11.2026 - musteri kapaliydi', '2026-11-26', 'musteri kapaliydi'],
    ['#AÇIKLAMA 2026-11-26: Müşteri İzmir’deydi', '2026-11-26', 'Müşteri İzmir’deydi'],
    ['#explanation 2026-W48: customer closed all week', '2026-W48', 'customer closed all week'],
    ['#açıklama 48. hafta (23.11–29.11.2026): müşteri ulaşılamadı', '2026-W48', 'müşteri ulaşılamadı'],
    ['#açıklama Ekim 2026: sistem kapalıydı', '2026-10', 'sistem kapalıydı'],
    ['**#açıklama** 26.11: çok satırlı\nikinci satır', '2026-11-26', 'çok satırlı ikinci satır'],
  ])('%s', (text, period, said) => {
    expect(parseExplanation(text, AT)).toEqual({ period, text: said });
  });

  it('a day without a year is the latest such day on or before the posting day', () => {
    expect(parseExplanation('#açıklama 31.12: yılbaşı', '2027-01-02T07:00:00Z')?.period).toBe('2026-12-31');
  });

  it.each([
    ['no period', '#açıklama müşteri kapalıydı'],
    ['no text', '#açıklama 26.11:'],
    ['another word', '#açıklamalar 26.11: x'],
    ['an acceptance', '#açıklama-onay 26.11'],
    ['no tag', 'açıklama 26.11: x'],
  ])('%s → none', (_w, text) => {
    expect(parseExplanation(text, AT)).toBeNull();
  });

  it('acceptance tag names the period', () => {
    expect(parseExplanationAcceptance('#açıklama-onay 26.11', AT)).toBe('2026-11-26');
    expect(parseExplanationAcceptance('#aciklama-onayi 48. hafta', AT)).toBe('2026-W48');
    expect(parseExplanationAcceptance('#explanation-accepted 2026-11', AT)).toBe('2026-11');
    expect(parseExplanationAcceptance('#açıklama 26.11: x', AT)).toBeNull();
  });

  it('is no entry: an explanation never counts as the daily it explains', () => {
    expect(parseEntry('#açıklama 26.11: müşteri kapalıydı', AT)).toBeNull();
  });

  it('the form writes what the grammar reads back', () => {
    const c = formatExplanation('26.11.2026', '  müşteri\nkapalıydı ');
    expect(c).toBe('#açıklama 26.11.2026: müşteri kapalıydı');
    expect(parseExplanation(c, AT)).toEqual({ period: '2026-11-26', text: 'müşteri kapalıydı' });
  });
});

const SPEC = 'm-spec';
const OTHER = 'm-other';
const LEAD = 'm-lead';
const people = [{ trelloId: LEAD, role: 'teamLead' as const }];
const comment = (id: string, authorId: string, postedAt: string, text: string, extra: Partial<CommentRecord> = {}): CommentRecord => ({
  id,
  cardId: 'c1',
  authorId,
  postedAt,
  text,
  ...extra,
});
const responsibleFor = () => [SPEC];

describe('explanationsOf (docs/rules.md "Explanations and excused periods")', () => {
  it('only the responsible person’s explanation counts; others are kept and marked', () => {
    const m = explanationsOf(
      {
        comments: [
          comment('a1', OTHER, AT, '#açıklama 26.11: başkası yazdı'),
          comment('a2', SPEC, '2026-11-27T08:00:00Z', '#açıklama 26.11: müşteri kapalıydı'),
        ],
      },
      new Date('2026-11-28T00:00:00Z'),
      { people, responsibleFor },
    );
    const p = m.get('c1')!.get('2026-11-26')!;
    expect(p.explanations.map((e) => [e.by, e.responsible])).toEqual([
      [OTHER, false],
      [SPEC, true],
    ]);
    expect(shownExplanation(p)?.text).toBe('müşteri kapalıydı');
    expect(p.accepted).toBeUndefined();
  });

  it('a lead’s acceptance after a responsible explanation excuses the period (who, when)', () => {
    const m = explanationsOf(
      {
        comments: [comment('a1', SPEC, AT, '#açıklama 26.11: müşteri kapalıydı'), comment('a2', LEAD, '2026-11-27T09:00:00Z', '#açıklama-onay 26.11')],
        facts: [],
      },
      new Date('2026-11-28T00:00:00Z'),
      { people, responsibleFor },
    );
    expect(m.get('c1')!.get('2026-11-26')!.accepted).toEqual({ period: '2026-11-26', by: LEAD, at: '2026-11-27T09:00:00Z', via: 'comment', actionId: 'a2' });
  });

  it('acceptance by a non-lead, before any explanation, of another’s explanation, or after `now` does not count', () => {
    const cases: CommentRecord[][] = [
      [comment('a1', SPEC, AT, '#açıklama 26.11: x'), comment('a2', OTHER, '2026-11-27T09:00:00Z', '#açıklama-onay 26.11')],
      [comment('a2', LEAD, '2026-11-27T06:00:00Z', '#açıklama-onay 26.11'), comment('a1', SPEC, AT, '#açıklama 26.11: x')],
      [comment('a1', OTHER, AT, '#açıklama 26.11: x'), comment('a2', LEAD, '2026-11-27T09:00:00Z', '#açıklama-onay 26.11')],
      [comment('a1', SPEC, AT, '#açıklama 26.11: x'), comment('a2', LEAD, '2026-11-29T09:00:00Z', '#açıklama-onay 26.11')],
    ];
    for (const comments of cases) {
      expect(explanationsOf({ comments }, new Date('2026-11-28T00:00:00Z'), { people, responsibleFor }).get('c1')!.get('2026-11-26')!.accepted).toBeUndefined();
    }
  });

  it('a deleted explanation no longer counts; Power-Up facts count like comments', () => {
    const m = explanationsOf(
      {
        comments: [comment('a1', SPEC, AT, '#açıklama 26.11: x', { deletedAt: '2026-11-27T10:00:00Z' })],
        facts: [
          { kind: 'explanation', cardId: 'c1', period: '2026-W48', text: 'haftalık gecikti', by: SPEC, at: AT, timeSource: 'noticed', via: 'powerup', seq: 4 },
          { kind: 'explanation-accept', cardId: 'c1', period: '2026-W48', by: LEAD, at: '2026-11-27T11:00:00Z', timeSource: 'noticed', via: 'powerup', seq: 5 },
        ],
      },
      new Date('2026-11-28T00:00:00Z'),
      { people, responsibleFor },
    );
    expect(m.get('c1')!.get('2026-11-26')).toBeUndefined();
    expect(m.get('c1')!.get('2026-W48')!.accepted).toMatchObject({ by: LEAD, via: 'powerup', seq: 5 });
  });

  it('a lead limited to other boards cannot accept', () => {
    const m = explanationsOf(
      { comments: [comment('a1', SPEC, AT, '#açıklama 26.11: x'), comment('a2', LEAD, '2026-11-27T09:00:00Z', '#açıklama-onay 26.11')] },
      new Date('2026-11-28T00:00:00Z'),
      { people: [{ trelloId: LEAD, role: 'teamLead', boards: ['other'] }], responsibleFor, boardIds: ['b1'] },
    );
    expect(m.get('c1')!.get('2026-11-26')!.accepted).toBeUndefined();
  });
});

describe('docs/grammar.md "Explanations" tables read as documented', () => {
  const doc = readFileSync(new URL('../../docs/grammar.md', import.meta.url), 'utf8');
  const rows = (header: string) => {
    const lines = doc.split('\n');
    const start = lines.findIndex((l) => l.trim() === header);
    const out: string[] = [];
    for (let i = start + 2; i > 1 && i < lines.length && lines[i]!.startsWith('|'); i++) out.push(/`([^`]+)`/.exec(lines[i]!)![1]!);
    return out;
  };
  it('each explanation row explains a period with a text, and is no entry', () => {
    const ex = rows('| you write | explains |');
    expect(ex.length).toBeGreaterThanOrEqual(5);
    for (const t of ex) {
      expect(parseExplanation(t, AT), t).not.toBeNull();
      expect(parseEntry(t, AT), t).toBeNull();
    }
  });
  it('each acceptance row names a period', () => {
    const acc = rows('| you write | accepts |');
    expect(acc.length).toBeGreaterThanOrEqual(3);
    for (const t of acc) expect(parseExplanationAcceptance(t, AT), t).not.toBeNull();
  });
});
