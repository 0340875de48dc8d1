// The demo workspace: a deterministic Gelişmiş Destek team in Trello — specialists with one board each,
// customer cards with profiles, and 90 days of comments typed the way people type, with a designed mix of
// what Nabız must catch. Every designed case is written down in `expectations` by card id. Working days,
// covers and freezes come from shared/calendar (the same truth the compliance engine uses).
//
// Built in steps (server/src/demo/workspace/): people → settings → scenarios (boards, cards, profiles)
// → comments → assembly. Each step draws from the one seeded stream in turn, so the same options give
// byte-identical JSON.
import { createGen } from './workspace/context.js';
import { assemble } from './workspace/assembly.js';
import { planComments } from './workspace/comments.js';
import { createPeople } from './workspace/people.js';
import { applyScenarioProfiles, planBoards } from './workspace/scenarios.js';
import { createSettings } from './workspace/settings.js';
import type { DemoOptions, DemoWorkspace } from './workspace/types.js';

/**
 * idPlugin of the demo's pluginData (Nabız recognises its data by content whatever the id). Equal to the
 * dev host's, so a profile saved in the demo Power-Up replaces the seeded one.
 */
export { DEMO_PLUGIN_ID } from './credentials.js';
export type {
  AbsentFinding,
  CardExpectation,
  DemoCase,
  DemoExpectations,
  DemoOptions,
  DemoSpecialist,
  DemoWorkspace,
  ExpectedFinding,
} from './workspace/types.js';

/**
 * Generate the demo workspace. Deterministic: the same options give the same JSON.
 * @example generateDemoWorkspace({ seed: 42, now: new Date('2026-11-23T12:00:00Z') }).boards.length === 3
 */
export function generateDemoWorkspace(opts: DemoOptions): DemoWorkspace {
  return generate({ ...opts, designed: true });
}

/** Benchmark scale: N boards × M cards × D days of ordinary traffic (with random slips, no designed cases). */
export function generateScaleWorkspace(opts: { boards?: number; cards?: number; days?: number; seed: number; now?: Date }): DemoWorkspace {
  return generate({
    seed: opts.seed,
    now: opts.now ?? new Date('2026-11-23T12:00:00Z'),
    days: opts.days ?? 180,
    boards: opts.boards ?? 20,
    cardsPerBoard: opts.cards ?? 50,
    designed: false,
  });
}

function generate(opts: DemoOptions & { designed: boolean }): DemoWorkspace {
  const g = createGen(opts);
  const people = createPeople(g);
  const settings = createSettings(g, people.specialists);
  const scenarios = planBoards(g, people.specialists, settings.saturdayRota, settings.leave);
  const frozenRange = applyScenarioProfiles(g, scenarios, settings.leave, people.lead);
  const comments = planComments(g, scenarios, { cal: settings.cal, leave: settings.leave, lead: people.lead, frozenRange });
  return assemble(g, people, settings, scenarios, comments);
}
