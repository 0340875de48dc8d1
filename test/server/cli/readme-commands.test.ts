// The "Command line" tables of README and docs/operations.md against the CLI itself: every command a table lists is
// a real one and every real one is listed (and in `nabiz --help`); every flag a table shows for a command is in that
// command's --help, and every flag of the command's usage lines is in the table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, main } from '../../../server/src/cli.js';

const DOCS = ['README.md', 'docs/operations.md'] as const;
const read = (doc: string) => readFileSync(new URL(`../../../${doc}`, import.meta.url), 'utf8');

/** The table rows of the doc's "## Command line" section: command name → the flags its first cell shows. */
function readmeCommands(doc: (typeof DOCS)[number]): Map<string, string[]> {
  const text = read(doc);
  const start = text.indexOf('\n## Command line');
  expect(start, `${doc} has a "## Command line" section`).toBeGreaterThan(-1);
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end === -1 ? undefined : end);
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const m = /^\| `nabiz ([a-z]+)([^`]*)` \|/.exec(line);
    if (!m?.[1]) continue;
    expect(rows.has(m[1]), `${doc} lists nabiz ${m[1]} once`).toBe(false);
    rows.set(m[1], [...new Set((m[2] ?? '').match(/--[a-z][a-z0-9-]*/g) ?? [])]);
  }
  return rows;
}

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(argv, { stdout: (s) => void out.push(s), stderr: (s) => void out.push(s), stdin: async () => '', env: {} });
  return { code, out: out.join('') };
}

describe.each(DOCS)('the command line section of %s', (doc) => {
  it('lists exactly the commands the CLI has, and `nabiz --help` does too', async () => {
    const listed = readmeCommands(doc);
    expect([...listed.keys()].sort()).toEqual([...COMMAND_NAMES].sort());
    const usage = (await run(['--help'])).out;
    for (const name of COMMAND_NAMES) expect(usage, `nabiz --help lists ${name}`).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it("shows only flags the command's --help documents", { timeout: 60_000 }, async () => {
    const missing: string[] = [];
    for (const [name, flags] of readmeCommands(doc)) {
      const help = await run([name, '--help']);
      expect(help.code, `nabiz ${name} --help`).toBe(0);
      expect(help.out).not.toMatch(/unknown command/);
      for (const f of flags) if (!new RegExp(`${f}(?![a-z0-9-])`).test(help.out)) missing.push(`nabiz ${name} ${f}`);
    }
    expect(missing).toEqual([]);
  });

  it("shows every flag of the command's usage lines (its --help from Usage: to the first blank line)", { timeout: 60_000 }, async () => {
    const listed = readmeCommands(doc);
    const missing: string[] = [];
    for (const name of COMMAND_NAMES) {
      const help = (await run([name, '--help'])).out;
      // From "Usage:" (or the top) to the first blank line.
      const usage = help.slice(Math.max(0, help.indexOf('Usage:'))).split(/\n\s*\n/, 1)[0] ?? '';
      for (const f of new Set(usage.match(/--[a-z][a-z0-9-]*/g) ?? []))
        if (f !== '--help' && !listed.get(name)?.includes(f)) missing.push(`nabiz ${name} ${f}`);
    }
    expect(missing).toEqual([]);
  });
});
