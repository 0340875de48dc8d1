// Assembly: the boards loaded into an emulator state as skeletons (lists, labels, cards, members, pluginData),
// then every planned comment, edit, deletion and archiving applied in time order, so action ids and dates
// read like Trello's; finally the evidence expectations get their action ids and the boards are exported.
import { addDays, dateKey } from '../../../../shared/calendar.js';
import { present } from '../../../../shared/guards.js';
import type { Person } from '../../config.js';
import { DEMO_PLUGIN_ID } from '../credentials.js';
import type { EmulatedBoard, TrelloCard, TrelloPluginData } from '../model.js';
import * as P from '../phrases.js';
import { at, type Gen } from './context.js';
import type { People } from './people.js';
import type { Scenarios } from './scenarios.js';
import type { DemoSettings } from './settings.js';
import type { PlannedComments } from './comments.js';
import type { CardPlan, DemoWorkspace } from './types.js';

export function assemble(g: Gen, people: People, settings: DemoSettings, s: Scenarios, comments: PlannedComments): DemoWorkspace {
  const { state, now, start, later } = g;
  const { lead, manager, specialists } = people;
  const { leave, settingsInput } = settings;
  const { boards, expectations } = s;
  const { planned, plannedByCard } = comments;
  const pdAt = (c: CardPlan) => later(c.created, 5);
  for (const bd of boards) {
    const memberIds = [bd.specialist.id, lead.id, manager.id, ...(leave && bd.specialist.id === leave.memberId ? [leave.coverId] : [])];
    const cards: TrelloCard[] = bd.cards.map((c, i) => ({
      id: c.id,
      name: c.name,
      idList: present(bd.lists.get(c.listName), `list ${c.listName}`).id,
      closed: c.closed,
      idMembers: [c.specialist],
      idLabels: c.labels.map((l) => present(bd.labels.get(l), `label ${l}`).id),
      desc: `Müşteri sitesi: https://${c.name}`,
      pos: 16384 * (i + 1),
      idShort: i + 1,
    }));
    const pluginData: TrelloPluginData[] = [];
    for (const c of bd.cards) {
      if (c.profile)
        pluginData.push({
          id: state.newId(pdAt(c)),
          idPlugin: DEMO_PLUGIN_ID,
          scope: 'card',
          idModel: c.id,
          value: JSON.stringify({ profile: c.profile }),
          access: 'shared',
        });
    }
    pluginData.push({
      id: state.newId(later(bd.created, 30)),
      idPlugin: DEMO_PLUGIN_ID,
      scope: 'board',
      idModel: bd.id,
      value: JSON.stringify({ settings: settingsInput }),
      access: 'shared',
    });
    state.loadBoard({
      id: bd.id,
      name: bd.name,
      desc: 'Gelişmiş Destek müşteri panosu (Nabız demo)',
      lists: [...bd.lists.values()],
      labels: [...bd.labels.values()],
      cards,
      members: memberIds.map((m) => present(state.members.get(m), `member ${m}`)),
      memberships: memberIds.map((m, i) => ({
        id: state.newId(later(bd.created, 40 + i)),
        idMember: m,
        memberType: m === lead.id ? 'admin' : m === manager.id ? 'observer' : 'normal',
        unconfirmed: false,
        deactivated: false,
      })),
      actions: [],
      pluginData,
    });
  }

  type Ev = { at: Date; run: () => void };
  const events: Ev[] = [];
  for (const p of planned) {
    events.push({ at: p.at, run: () => void (p.id = state.addComment(p.cardId, p.author, p.text, p.at).id) });
    // Events run in time order, so a comment is posted (its id known) before its edit or deletion.
    const { edit, deleteAt } = p;
    if (edit && edit.at < now)
      events.push({ at: edit.at, run: () => void state.editComment(present(p.id, "the edited comment's id"), p.author, edit.text, edit.at) });
    if (deleteAt && deleteAt < now)
      events.push({ at: deleteAt, run: () => void state.deleteComment(present(p.id, "the deleted comment's id"), p.author, deleteAt) });
  }
  for (const bd of boards) {
    for (const c of bd.cards.filter((x) => x.closed)) {
      const when = at(addDays(start, 21), 10, 0);
      events.push({
        at: when,
        run: () =>
          void state.addAction({
            id: state.newId(when),
            idMemberCreator: lead.id,
            type: 'updateCard',
            date: when.toISOString(),
            data: { old: { closed: false }, card: { id: c.id, name: c.name, closed: true }, board: { id: bd.id, name: bd.name } },
          }),
      });
    }
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const e of events) e.run();

  // Evidence expectations need the action ids.
  for (const bd of boards) {
    for (const c of bd.cards) {
      for (const f of c.exp.findings) {
        if (f.rule !== 'evidence') continue;
        const p = (plannedByCard.get(c.id) ?? []).find((x) => (f.status === 'edited' ? x.edit : x.deleteAt) && dateKey(x.at) === f.period);
        if (p?.id) f.actionIds = [p.id];
      }
      expectations.byCard[c.id] = c.exp;
    }
  }

  // No deep copy: this state is dropped here, and loading a board parses (copies) it again.
  const out: EmulatedBoard[] = boards.map((bd) => state.exportBoard(bd.id, { actionsLimit: Infinity, allTypes: true, clone: false }));
  const persons: Person[] = [
    { name: lead.fullName, email: P.TEAM_LEAD.email, trelloId: lead.id, role: 'teamLead', specialists: specialists.map((s) => s.id) },
    { name: manager.fullName, email: P.MANAGER.email, trelloId: manager.id, role: 'manager' },
  ];
  return {
    boards: out,
    people: persons,
    specialists: specialists.map((s, i) => ({ id: s.id, fullName: s.fullName, username: s.username, boardId: present(boards[i], `board ${i}`).id })),
    members: [lead, manager, ...specialists],
    teamLeadId: lead.id,
    managerId: manager.id,
    expectations,
  };
}
