// axe-core for the browser tests: its source evaluated in the page or frame (no network, no script tag the pages'
// CSP would refuse), run with the WCAG 2.0/2.1 A/AA tags plus 2.2 AA (which brings target-size).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** axe.run over the whole page with the WCAG A/AA tags (2.2 AA brings target-size); returns the violations. */
export async function axeViolations(page: Page | Frame): Promise<Violation[]> {
  // Evaluated through the DevTools protocol: the pages' CSP (script-src 'self') rightly refuses an inline script tag.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Violation[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, TAGS);
}

/** One line per violation and node, so a failure says what to fix where. */
export const explain = (vs: Violation[]): string[] => vs.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${v.help}`));
