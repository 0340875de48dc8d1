// Production routes never branch on the demo (docs/architecture.md "The arrows"): the demo entry supplies an
// access policy (http/access-policy.ts), and the routes, the notifier, the composition root and the CLI commands ask
// it (which entry to start is server/src/start.ts's one decision; the demo entry brings its banner words). Found on the
// TypeScript AST: any read of a property named `demo` (`deps.demo`, `config.demo`, `{ demo } = …`) in these
// modules fails. Also: `reports/` imports nothing from `notify/` (the link tokens live in server/src/link-tokens.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `file: enclosing function` → why it may read `demo`. */
const ALLOWED: Record<string, string> = {};

function enclosingFunction(n: ts.Node): string {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) if (ts.isFunctionDeclaration(p) && p.name) return p.name.text;
  return '(module)';
}

function demoReads(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    const read =
      (ts.isPropertyAccessExpression(n) && n.name.text === 'demo') ||
      (ts.isElementAccessExpression(n) && ts.isStringLiteral(n.argumentExpression) && n.argumentExpression.text === 'demo') ||
      (ts.isBindingElement(n) && (n.propertyName ?? n.name).getText(src) === 'demo');
    if (read) {
      const where = `${file}: ${enclosingFunction(n)}`;
      if (!ALLOWED[where]) out.push(`${where} (line ${src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1}): ${n.getText(src).slice(0, 60)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

describe('production code does not branch on the demo', () => {
  const production = [...files('server/src/http'), ...files('server/src/notify'), ...files('server/src/cli'), 'server/src/main.ts'];

  it('finds the modules it checks', () => {
    expect(production).toEqual(
      expect.arrayContaining([
        'server/src/http/routes/root.ts',
        'server/src/http/routes/dashboard.ts',
        'server/src/http/routes/powerup.ts',
        'server/src/http/routes/outbox.ts',
        'server/src/http/routes/health.ts',
        'server/src/notify/notifier.ts',
        'server/src/cli/serve.ts',
        'server/src/cli/scan.ts',
      ]),
    );
  });

  it('no route, notify module, CLI command or the composition root reads `demo` (they ask the access policy)', () => {
    expect(production.flatMap(demoReads)).toEqual([]);
  });

  it('the check sees a read when there is one', () => {
    // A self-test on this very file's text patterns would be circular; demo-main.ts reads `demo` for real.
    expect(demoReads('server/src/demo-main.ts').length).toBeGreaterThan(0);
  });
});

describe('reports/ stays below notify/', () => {
  it('no module of server/src/reports imports server/src/notify', () => {
    const bad = files('server/src/reports').filter((f) => {
      const text = readFileSync(join(ROOT, f), 'utf8');
      return [...text.matchAll(/^\s*import[^'"]*['"]([^'"]+)['"]/gm)].some((m) => {
        const target = relative(ROOT, resolve(join(ROOT, f, '..'), m[1] ?? ''));
        return target.startsWith('server/src/notify/');
      });
    });
    expect(bad).toEqual([]);
  });
});
