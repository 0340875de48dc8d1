// docs/rules.md is the catalogue: every handbook id (R…, P…, A…) a source file cites has a row there, and
// every rule of the registry has its row in the rules table.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../shared/compliance.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const doc = readFileSync(join(ROOT, 'docs/rules.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'dist' || f === 'node_modules' ? [] : sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

describe('docs/rules.md', () => {
  it('explains every rule id the code cites', () => {
    const cited = new Set<string>();
    for (const dir of ['shared', 'server/src', 'powerup/src']) {
      for (const file of sources(join(ROOT, dir))) {
        // Ranges such as R55–R57 cite both ends; "A4" paper (PDF renderers) is also the handbook's A4 row.
        for (const m of readFileSync(file, 'utf8').matchAll(/\b([RPA]\d{1,2})\b/g)) cited.add(m[1] as string);
      }
    }
    const rows = new Set([...doc.matchAll(/^\| ([RPA]\d{1,2}) \|/gm)].map((m) => m[1]));
    expect([...cited].filter((id) => !rows.has(id)).sort()).toEqual([]);
    expect(cited.size).toBeGreaterThan(40);
  });

  it('has a row for every rule of the registry', () => {
    for (const r of RULES) expect(doc, r.id).toContain(`\`${r.id}\``);
  });
});
