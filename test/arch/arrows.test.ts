// The arrows of docs/architecture.md ("The arrows"), as a test: shared/ imports neither server/ nor powerup/ nor a
// Node module; powerup/src/ imports neither server/ nor a Node module; the server never imports powerup/src/; and a
// part of server/src/ imports only parts on a lower line of the layer list that docs/architecture.md draws (read from
// the doc itself, so the drawing and the check cannot drift apart). A layer list has no cycle, so `notify ⇄ reports`
// or `bench → cli → bench` cannot come back. Imports are read from the TypeScript AST (static imports and
// re-exports, `import('…')`); `import type`, `export type` and imports of types only are erased and not counted.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist') return [];
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The run-time imports of a source text: repo-relative paths (`.js` → `.ts`) or bare specifiers. */
function runtimeImports(file: string, text: string): string[] {
  const src = ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false);
  const dynamic = text.includes('import(');
  const specs: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const c = n.importClause;
      const typeOnly =
        c !== undefined &&
        (c.isTypeOnly ||
          (!c.name &&
            c.namedBindings !== undefined &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) specs.push(n.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      const typeOnly =
        n.isTypeOnly ||
        (n.exportClause !== undefined &&
          ts.isNamedExports(n.exportClause) &&
          n.exportClause.elements.length > 0 &&
          n.exportClause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) specs.push(n.moduleSpecifier.text);
    } else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = n.arguments;
      if (arg && ts.isStringLiteralLike(arg)) specs.push(arg.text);
    }
    if (dynamic) ts.forEachChild(n, visit);
  };
  ts.forEachChild(src, visit);
  return specs.map((s) => (s.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), s)).replace(/\.js$/, '.ts') : s));
}

/** server/src/<folder>/… → folder; a file directly in server/src → its name without extension. */
function serverPart(file: string): string {
  const rest = file.slice('server/src/'.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? rest.replace(/\.ts$/, '') : rest.slice(0, slash);
}

/** The layers of server/src/, top first, from the ```text arrows block of docs/architecture.md (`#` starts a note). */
function layersOf(doc: string): string[][] {
  const block = /```text arrows\n([\s\S]*?)```/.exec(doc)?.[1];
  if (block === undefined) throw new Error('docs/architecture.md has no ```text arrows block');
  return block
    .split('\n')
    .map((line) => (line.split('#')[0] ?? '').split(/[\s·,]+/).filter(Boolean))
    .filter((parts) => parts.length > 0);
}

const isNodeModule = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0] ?? spec);

interface ImportGraph {
  /** Each source file (repo-relative) with its run-time imports. */
  files: ReadonlyArray<{ file: string; imports: readonly string[] }>;
  /** Loads no import statement shows (a folder listed and imported by name at run time): [importer, loaded file]. */
  loads: ReadonlyArray<readonly [string, string]>;
}

/** Every import that runs against the arrows, as `importer → imported: why`. */
function arrowViolations(graph: ImportGraph, layers: string[][]): string[] {
  const line = new Map<string, number>();
  layers.forEach((parts, i) => {
    for (const p of parts) line.set(p, i);
  });
  const out: string[] = [];
  const unplaced = new Set<string>();
  const edges = [...graph.files.flatMap(({ file, imports }) => imports.map((i) => [file, i] as const)), ...graph.loads];
  for (const [file, to] of edges) {
    const bad = (why: string) => out.push(`${file} → ${to}: ${why}`);
    if (file.startsWith('shared/')) {
      if (to.startsWith('server/') || to.startsWith('powerup/')) bad('shared/ imports neither server/ nor powerup/');
      else if (isNodeModule(to)) bad('shared/ does no I/O: no Node module');
    } else if (file.startsWith('powerup/src/')) {
      if (to.startsWith('server/')) bad('powerup/src/ imports nothing of server/');
      else if (isNodeModule(to)) bad('powerup/src/ runs in the browser: no Node module');
    } else if (file.startsWith('server/src/')) {
      if (to.startsWith('powerup/')) bad('the server imports nothing of powerup/src/ (the bundle builds it by path)');
      if (!to.startsWith('server/src/')) continue;
      const [from, onto] = [serverPart(file), serverPart(to)];
      if (from === onto) continue;
      const [a, b] = [line.get(from), line.get(onto)];
      if (a === undefined) unplaced.add(from);
      if (b === undefined) unplaced.add(onto);
      if (a === undefined || b === undefined) continue;
      if (b === a) bad(`${from} and ${onto} share a line of the layers: neither imports the other`);
      else if (b < a) bad(`${onto} is above ${from} in the layers`);
    }
  }
  for (const p of unplaced) out.push(`server/src/${p}: on no line of the layers in docs/architecture.md`);
  return out;
}

const DOC = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
const LAYERS = layersOf(DOC);

/** cli/bench.ts loads every file of bench/ by listing the folder (no import statement to read). */
const LOADS: ImportGraph['loads'] = [['server/src/cli/bench.ts', 'server/src/bench/']];

function realGraph(): ImportGraph {
  const all = [...files('shared'), ...files('powerup/src'), ...files('server/src')];
  return { files: all.map((file) => ({ file, imports: runtimeImports(file, readFileSync(join(ROOT, file), 'utf8')) })), loads: LOADS };
}

describe('the arrows of docs/architecture.md', () => {
  it('the doc draws the layers of server/src/, each part once', () => {
    const parts = LAYERS.flat();
    expect(parts).toEqual(expect.arrayContaining(['cli', 'bench', 'main', 'http', 'notify', 'reports', 'scan', 'store', 'trello', 'link-tokens']));
    expect(new Set(parts).size).toBe(parts.length);
    expect(LAYERS.findIndex((l) => l.includes('cli'))).toBeLessThan(LAYERS.findIndex((l) => l.includes('bench')));
  });

  it('the sources keep them: shared/, powerup/src/ and server/src/ import only downwards', () => {
    expect(arrowViolations(realGraph(), LAYERS)).toEqual([]);
  });

  it('every folder and file of server/src/ is on a line (a new part is placed in the doc first)', () => {
    const parts = new Set(files('server/src').map(serverPart));
    expect([...parts].filter((p) => !LAYERS.flat().includes(p))).toEqual([]);
    expect(LAYERS.flat().filter((p) => !parts.has(p))).toEqual([]);
  });
});

describe('the check catches an import against the arrows (a made-up graph)', () => {
  const probe: ImportGraph = {
    files: [
      // the old cycles: notify ⇄ reports, bench → cli → bench, the bundle reading powerup/src/i18n.ts
      { file: 'server/src/notify/digest.ts', imports: ['server/src/reports/access.ts', 'server/src/store/store.ts', 'zod'] },
      { file: 'server/src/reports/evidence.ts', imports: ['server/src/notify/tokens.ts'] },
      { file: 'server/src/bench/scan-bench.ts', imports: ['server/src/cli/io.ts'] },
      { file: 'server/src/bundle/powerup.ts', imports: ['powerup/src/i18n.ts'] },
      // against the direction without a cycle, peers on one line, a part the doc does not place
      { file: 'server/src/main.ts', imports: ['server/src/cli/serve.ts', 'server/src/http/app.ts'] },
      { file: 'server/src/store/store.ts', imports: ['server/src/trello/client.ts', 'server/src/store/sql.ts', 'node:fs'] },
      { file: 'server/src/jobs/run.ts', imports: ['server/src/store/store.ts'] },
      // shared/ and powerup/src/
      { file: 'shared/calendar.ts', imports: ['shared/dates.ts', 'node:fs', 'path', 'server/src/log.ts', 'date-holidays'] },
      { file: 'powerup/src/connector.ts', imports: ['shared/badges.ts', 'server/src/html.ts', 'node:crypto'] },
    ],
    loads: LOADS,
  };

  it('names each wrong import, and only those', () => {
    expect(arrowViolations(probe, LAYERS)).toEqual([
      'server/src/reports/evidence.ts → server/src/notify/tokens.ts: notify is above reports in the layers',
      'server/src/bench/scan-bench.ts → server/src/cli/io.ts: cli is above bench in the layers',
      'server/src/bundle/powerup.ts → powerup/src/i18n.ts: the server imports nothing of powerup/src/ (the bundle builds it by path)',
      'server/src/main.ts → server/src/cli/serve.ts: cli is above main in the layers',
      'server/src/store/store.ts → server/src/trello/client.ts: store and trello share a line of the layers: neither imports the other',
      'shared/calendar.ts → node:fs: shared/ does no I/O: no Node module',
      'shared/calendar.ts → path: shared/ does no I/O: no Node module',
      'shared/calendar.ts → server/src/log.ts: shared/ imports neither server/ nor powerup/',
      'powerup/src/connector.ts → server/src/html.ts: powerup/src/ imports nothing of server/',
      'powerup/src/connector.ts → node:crypto: powerup/src/ runs in the browser: no Node module',
      'server/src/jobs: on no line of the layers in docs/architecture.md',
    ]);
  });

  it('reads run-time imports only: type-only imports and re-exports are erased', () => {
    const text = [
      "import type { A } from './a.js';",
      "import { type B, type C } from './b.js';",
      "import { type D, e } from './d.js';",
      "import f from './f.js';",
      "export type { G } from './g.js';",
      "export { h } from './h.js';",
      "import './side-effect.js';",
      "const m = await import('./lazy.js');",
      '// import { x } from "./comment.js";',
    ].join('\n');
    expect(runtimeImports('server/src/x/y.ts', text)).toEqual([
      'server/src/x/d.ts',
      'server/src/x/f.ts',
      'server/src/x/h.ts',
      'server/src/x/side-effect.ts',
      'server/src/x/lazy.ts',
    ]);
  });
});
