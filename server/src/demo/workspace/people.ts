// The people: a team lead, a manager and one specialist per board, with Turkish names drawn from the seed.
import * as P from '../phrases.js';
import type { TrelloMember } from '../model.js';
import type { Gen } from './context.js';
import { fold } from './text.js';

export interface People {
  lead: TrelloMember;
  manager: TrelloMember;
  specialists: TrelloMember[];
}

export function createPeople(g: Gen): People {
  const { rng, state, epoch, later, nBoards } = g;
  const usedNames = new Set<string>();
  const personName = () => {
    for (;;) {
      const n = `${rng.pick(P.FIRST_NAMES)} ${rng.pick(P.SURNAMES)}`;
      if (!usedNames.has(n) && n !== P.TEAM_LEAD.fullName && n !== P.MANAGER.fullName) {
        usedNames.add(n);
        return n;
      }
    }
  };
  const mkMember = (fullName: string, i: number): TrelloMember => {
    const username = fold(fullName).replace(/[^a-z0-9]/g, '') + (i > 40 ? i : '');
    const m: TrelloMember = {
      id: state.newId(later(epoch, i * 37)),
      fullName,
      username,
      initials: fullName
        .split(' ')
        .map((w) => w[0])
        .join(''),
    };
    state.members.set(m.id, m);
    return m;
  };
  const lead = mkMember(P.TEAM_LEAD.fullName, 0);
  const manager = mkMember(P.MANAGER.fullName, 1);
  const specialists = Array.from({ length: nBoards }, (_, i) => mkMember(personName(), i + 2));
  return { lead, manager, specialists };
}
