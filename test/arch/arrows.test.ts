// The arrows of docs/architecture.md ("The arrows"), as a test: shared/ imports neither server/ nor powerup/ nor
// Node's I/O modules; powerup/src/ never imports server/; the server's run-time code never imports powerup/src/;
// the folders of server/src/ import each other in one direction only (no cycle) and main never imports cli.
// Imports are read from the sources (static `from '…'`, `import('…')`; `import type` is erased and not counted).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(join(ROOT, p)).isDirectory()) out.push(...files(p));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The run-time imports of a file: repo-relative paths (`.js` → `.ts`) or bare specifiers. */
function imports(file: string): string[] {
  const src = readFileSync(join(ROOT, file), 'utf8');
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of src.matchAll(re)) {
    if (m[1]) continue; // `import type …`: erased at run time
    const spec = m[2] ?? m[3];
    if (!spec) continue;
    out.push(spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.js$/, '.ts') : spec);
  }
  return out;
}

/** server/src/<folder>/… → folder; a file directly in server/src → its name without extension. */
function serverPart(file: string): string {
  const rest = file.slice('server/src/'.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? rest.replace(/\.ts$/, '') : rest.slice(0, slash);
}

describe('the arrows of docs/architecture.md', () => {
  it('shared/ imports nothing from server/ or powerup/, and no Node module', () => {
    const bad = files('shared').flatMap((f) => imports(f).filter((i) => i.startsWith('server/') || i.startsWith('powerup/') || i.startsWith('node:')).map((i) => `${f} → ${i}`));
    expect(bad).toEqual([]);
  });

  it('powerup/src/ imports nothing from server/', () => {
    const bad = files('powerup/src').flatMap((f) => imports(f).filter((i) => i.startsWith('server/')).map((i) => `${f} → ${i}`));
    expect(bad).toEqual([]);
  });

  it('the server imports nothing from powerup/src/ at run time', () => {
    const bad = files('server/src').flatMap((f) => imports(f).filter((i) => i.startsWith('powerup/')).map((i) => `${f} → ${i}`));
    expect(bad).toEqual([]);
  });

  it('the folders of server/src/ import each other without a cycle, and main never imports cli', () => {
    const edges = new Map<string, Set<string>>();
    const why = new Map<string, string>();
    for (const f of files('server/src')) {
      const from = serverPart(f);
      for (const i of imports(f)) {
        if (!i.startsWith('server/src/')) continue;
        const to = serverPart(i);
        if (to === from) continue;
        let set = edges.get(from);
        if (!set) edges.set(from, (set = new Set()));
        set.add(to);
        if (!why.has(`${from}>${to}`)) why.set(`${from}>${to}`, `${f} → ${i}`);
      }
    }
    // cli/bench.ts loads every file of bench/ by listing the folder (no import the regex can see).
    for (const [from, to] of RUNTIME_LOADS) {
      let set = edges.get(from);
      if (!set) edges.set(from, (set = new Set()));
      set.add(to);
      why.set(`${from}>${to}`, `server/src/${from} loads server/src/${to}/ at run time`);
    }
    expect(why.get('main>cli')).toBeUndefined();
    // Every cycle between two parts, named by one import each way (longer cycles contain such a pair or a path;
    // the check below walks paths).
    const reach = (a: string, b: string): boolean => {
      const seen = new Set<string>();
      const stack = [a];
      while (stack.length) {
        const x = stack.pop();
        if (x === undefined || seen.has(x)) continue;
        seen.add(x);
        for (const y of edges.get(x) ?? []) {
          if (y === b) return true;
          stack.push(y);
        }
      }
      return false;
    };
    const cycles: string[] = [];
    for (const [from, tos] of edges) for (const to of tos) if (reach(to, from)) cycles.push(why.get(`${from}>${to}`) ?? `${from} → ${to}`);
    expect(cycles.sort()).toEqual(KNOWN_CYCLES);
  });
});

/** Loads the regex cannot see. */
const RUNTIME_LOADS: Array<[string, string]> = [['cli', 'bench']];

const KNOWN_CYCLES: string[] = [];
