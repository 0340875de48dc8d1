// The card back's "who was responsible" lines (docs/powerup.md): one line per shown period from the status API's
// `basis`, names from the board's members (a member no longer on the board in words), Turkish first.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { basisLine, renderCardBack } from '../../powerup/src/pages/card-back.js';
import type { PageCtx } from '../../powerup/src/pages/common.js';
import type { StatusClient } from '../../powerup/src/status-client.js';
import type { BoardStatus, CardStatus, StatusBasis } from '../../shared/types.js';
import { fakeT, fakeWorld } from './fake-t.js';

/** Just enough of the DOM for the page's `h()` builder: elements, text nodes, attributes, textContent. */
class FakeText {
  constructor(public data: string) {}
  get textContent(): string {
    return this.data;
  }
}
class FakeEl {
  attrs = new Map<string, string>();
  children: Array<FakeEl | FakeText> = [];
  className = '';
  constructor(public tag: string) {}
  setAttribute(k: string, v: string): void {
    this.attrs.set(k, v);
  }
  getAttribute(k: string): string | null {
    return this.attrs.get(k) ?? null;
  }
  removeAttribute(k: string): void {
    this.attrs.delete(k);
  }
  addEventListener(): void {}
  append(...c: Array<FakeEl | FakeText | string>): void {
    for (const x of c) this.children.push(typeof x === 'string' ? new FakeText(x) : x);
  }
  get textContent(): string {
    return this.children.map((c) => c.textContent).join('');
  }
  set textContent(v: string) {
    this.children = [new FakeText(v)];
  }
  /** Descendants (depth first) matching a test. */
  all(test: (e: FakeEl) => boolean): FakeEl[] {
    const out: FakeEl[] = [];
    for (const c of this.children) if (c instanceof FakeEl) out.push(...(test(c) ? [c] : []), ...c.all(test));
    return out;
  }
}

const CARD = '6921f5800000000000000001';
const GONE = '5f3a1b2c9d8e7f6a5b4c3d77';
const basis: StatusBasis[] = [
  { row: 'today', period: '2026-11-24', day: '2026-11-24', owner: 'm1', responsible: 'm2', role: 'cover', leave: true, seqs: [22, 23] },
  { row: 'week', period: '2026-W47', day: '2026-11-20', owner: GONE, responsible: GONE, role: 'owner', seqs: [12] },
  {
    row: 'month',
    period: '2026-10',
    day: '2026-10-30',
    owner: 'm1',
    responsible: 'm1',
    role: 'owner',
    frozen: { approved: false },
    seqs: [12],
    knownFrom: '2026-11-01',
  },
];

describe('basisLine', () => {
  const who = (id: string) => ({ m1: 'Ayşe Yılmaz', m2: 'Mehmet Kaya' })[id] ?? 'Panoda olmayan üye';
  it('names the cover and the owner on leave, with the ledger numbers (Turkish and English)', () => {
    expect(basisLine(basis[0]!, who, 'tr')).toBe('Bugün: Sorumlu: Mehmet Kaya (vekil; Ayşe Yılmaz izinde) · kanıt defteri #22, #23');
    expect(basisLine(basis[0]!, who, 'en')).toBe('Today: Responsible: Mehmet Kaya (cover; Ayşe Yılmaz on leave) · ledger #22, #23');
  });
  it('says nobody answers a day of leave without cover, an unapproved freeze, and facts known only from a day', () => {
    expect(basisLine({ ...basis[0]!, responsible: null, role: 'none', seqs: [23] }, who, 'tr')).toBe(
      'Bugün: Sorumlu: kimse: Ayşe Yılmaz izinde, vekil yok · kanıt defteri #23',
    );
    expect(basisLine(basis[2]!, who, 'tr')).toBe(
      'Ekim 2026: Sorumlu: Ayşe Yılmaz (kart sahibi; dondurma onaysız: muaf sayılmaz) · kanıt defteri #12 · olgular yalnızca 01.11.2026 tarihinden itibaren biliniyor',
    );
  });
});

describe('the card back renders one basis line per shown period', () => {
  const saved = (globalThis as { document?: unknown }).document;
  beforeEach(() => {
    (globalThis as { document?: unknown }).document = {
      createElement: (tag: string) => new FakeEl(tag),
      createTextNode: (s: string) => new FakeText(s),
      body: new FakeEl('body'),
    };
  });
  afterEach(() => {
    (globalThis as { document?: unknown }).document = saved;
  });

  const render = async (locale: 'tr' | 'en', st: Partial<CardStatus>): Promise<FakeEl> => {
    const world = fakeWorld();
    const status: BoardStatus = {
      boardId: 'b1',
      boardName: 'Gelişmiş Destek',
      generatedAt: '2026-11-24T09:00:00Z',
      lastScanAt: null,
      cards: {
        [CARD]: {
          cardId: CARD,
          memberId: 'm2',
          readings: {},
          lastEntry: {},
          findings: [],
          missing: 0,
          goLive: { deadline: null, daysLeft: null, live: false },
          ...st,
        },
      },
    };
    const client: StatusClient = { get: async () => ({ status, fetchedAt: 0 }), refresh: async () => true, requests: 0 };
    const root = new FakeEl('main');
    const ctx: PageCtx = { t: fakeT(world, { card: CARD, locale }), locale, today: '2026-11-24', status: client, root: root as unknown as HTMLElement };
    await renderCardBack(ctx);
    return root;
  };

  it('Turkish: names from the board, a member no longer on it in words', async () => {
    const root = await render('tr', { basis });
    const items = root.all((e) => e.tag === 'li' && e.attrs.has('data-row'));
    expect(items.map((e) => e.getAttribute('data-row'))).toEqual(['today', 'week', 'month']);
    expect(items[0]!.textContent).toBe('Bugün: Sorumlu: Mehmet Kaya (vekil; Ayşe Yılmaz izinde) · kanıt defteri #22, #23');
    expect(items[1]!.textContent).toBe('16.11.2026–22.11.2026: Sorumlu: Panoda olmayan üye (kart sahibi) · kanıt defteri #12');
    expect(items[1]!.textContent).not.toContain(GONE);
  });

  it('English dictionary in English; no line without a basis (a status from before it existed)', async () => {
    const en = await render('en', { basis: [basis[0]!] });
    expect(en.all((e) => e.tag === 'li' && e.attrs.has('data-row')).map((e) => e.textContent)).toEqual([
      'Today: Responsible: Mehmet Kaya (cover; Ayşe Yılmaz on leave) · ledger #22, #23',
    ]);
    const old = await render('tr', {});
    expect(old.all((e) => e.getAttribute('id') === 'basis')).toEqual([]);
  });
});
