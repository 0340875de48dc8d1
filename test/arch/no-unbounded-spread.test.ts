// No array spread into call arguments unless its length is small by construction (docs/architecture.md,
// "Guards"). V8 refuses a call past roughly 100k arguments ("Maximum call stack size exceeded"), so
// `xs.push(...found)` or `Math.max(...seqs)` is a crash waiting for a big enough board. Array-literal spreads
// (`[...a, ...b]`) and object spreads are fine: they are not calls. Found on the TypeScript AST, not a regex.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DIRS = ['shared', 'server/src', 'powerup/src'];

/** `file: spread expression` (its first 60 characters) → why its length is small by construction. */
const DOM_PAGE = "one Power-Up page's DOM children: a board's members/cards or one card's entries, never near 100k";
const ALLOWED: Record<string, string> = {
  'shared/entries/parse-entry.ts: readings.warnings': 'warnings of one comment (Trello caps a comment at 16,384 characters)',
  "server/src/config.ts: errorMessage(err).split('\\n')": 'lines of one configuration error message',
  'server/src/demo/emulator/router.ts: routes': "the emulator's route table, written in code",
  "server/src/reports/evidence-pdf.ts: facts.map(([k])=>doc.font('B').fontSize(8).widthOfString(k))": "the fixed list of a report's header facts",
  'server/src/reports/pdf-doc.ts: h.split(/\\s+/).map((w)=>doc.widthOfString(w))': 'words of one table header',
  'server/src/reports/pdf-doc.ts: rest': 'forwards the arguments of one pdfkit call',
  'server/src/reports/pdf-doc.ts: cells.map((c,i)=>doc.font(fontOf(i)).fontSize(size).heightOf…': 'cells of one table row (its columns)',
  'server/src/reports/audit-summary.ts: judgingLines(o,locale).lines': 'the two or three lines saying what is judged',
  'server/src/store/sql.ts: params': 'bind parameters of one statement; IN lists are cut into chunks of 500 (store.ts LOOKUP_CHUNK)',
  "powerup/src/dev-host/host.ts: opts.items.map((it)=>h('li',{},h('button',{type:'button',onc…": "dev host only: one popup's items",
  'powerup/src/dev-host/host.ts: badgeEls': "dev host only: one card's badges",
  "powerup/src/dev-host/host.ts: members.map((m)=>h('span',{class:'dh-avatar',title:m.fullNam…": "dev host only: one card's members",
  'powerup/src/dev-host/host.ts: cardEls': "dev host only: one list's cards of a demo board",
  'powerup/src/dev-host/host.ts: cols': "dev host only: a demo board's lists",
  'powerup/src/dev-host/host.ts: detailEls': "dev host only: one card detail's sections",
  "powerup/src/dev-host/host.ts: (comments??[]).map((a)=>h('div',{class:'dh-comment','data-ac…": "dev host only: one demo card's comments",
  "powerup/src/dev-host/host.ts: (buttons??[]).map((b)=>h('button',{type:'button',class:'dh-c…": "dev host only: one card's buttons",
  'powerup/src/dom.ts: children': 'h()/append() forward the children written at one call site',
  "powerup/src/dom.ts: lines.map((l)=>h('li',{},l))": 'lines of one form message',
  "powerup/src/pages/card-back.ts: points.map((p)=>h('li',{title:`${weekRange(p.week,L)}:${pctT…": "the weeks of one card's trend chart",
  'powerup/src/pages/card-back.ts: KINDS.map((k)=>periodsRow(k,st,ctx))': 'the three entry kinds',
  'powerup/src/pages/card-back.ts: fixes.map((x)=>fixButton(ctx,x.fix,x.f.period))': 'at most FIXES_PER_ROW fix buttons in one period row',
  'powerup/src/pages/card-back.ts: [todayFix(today,ctx.today)].filter((x):xisFix=>x!==null).map…': "at most one fix beside today's state",
  "powerup/src/pages/card-back.ts: st.basis.map((b)=>h('li',{'data-row':b.row,'data-period':b.p…": 'at most three basis rows (today, week, month)',
  "powerup/src/pages/card-back.ts: unreadable.map((i)=>h('li',{class:'yellow'},h('time',{dateti…": DOM_PAGE,
  'powerup/src/pages/card-back.ts: trends.filter((t)=>t.points.length).map((t)=>trendEl(t.point…': 'the two readings (disk, traffic)',
  "powerup/src/pages/card-back.ts: others.map((f)=>{constfix=findingFix(f,ctx.today);returnh('l…": DOM_PAGE,
  'powerup/src/pages/common.ts: fields': 'the fields of one form, written in code',
  'server/src/store/migrations.ts: MIGRATIONS.map((m)=>m.version)': 'the schema migrations, written in code',
  'powerup/src/pages/entry-forms.ts: fields': 'the fields of one form, written in code',
  'powerup/src/pages/entry-forms.ts: radios': 'the entry kinds of one form',
  "powerup/src/pages/entry-forms.ts: values.map((v)=>h('option',{value:v,selected:v===selected},l…": 'the 13 week or month choices of one form',
  "powerup/src/pages/entry-forms.ts: actionRows.map(({a,box})=>h('label',{class:'check',for:box.i…": 'the fixed quota actions',
  "powerup/src/pages/overview.ts: specialists.map((m)=>h('option',{value:m},who(m)))": DOM_PAGE,
  "powerup/src/pages/overview.ts: due.map((d)=>h('li',{'data-member':d.memberId,class:d.over?'…": DOM_PAGE,
  'powerup/src/pages/overview.ts: KIND_COLS.map((k)=>cellEl(r.cells[k]))': 'the three entry kinds',
  "powerup/src/pages/overview.ts: (['overview.customer','overview.specialist','overview.today'…": 'fixed table headers',
  "powerup/src/pages/profile.ts: members.sort((a,b)=>a.name.localeCompare(b.name,'tr')).map((…": DOM_PAGE,
  "powerup/src/pages/profile.ts: (['monthly','fixedTerm','other']asconst).map((v)=>h('option'…": 'the fixed package kinds',
  'powerup/src/pages/schedule.ts: items': DOM_PAGE,
  "powerup/src/pages/schedule.ts: (off?[h('div',{class:'messageswarn',id:'day-off',role:'statu…": 'zero or one notice',
  "powerup/src/pages/schedule.ts: s.slots.map((x)=>h('tr',{'data-card':x.cardId},h('td',{class…": DOM_PAGE,
  'powerup/src/pages/settings.ts: label': 'the parts of one member chip',
  "powerup/src/pages/settings.ts: (opts.none!==undefined?[chip('',[h('span',{class:'chip-name'…": 'zero or one chip',
  "powerup/src/pages/settings.ts: all.map((m)=>chip(m.id,[avatar(m),h('span',{class:'chip-name…": DOM_PAGE,
  "powerup/src/pages/settings.ts: listRows.map(({l,box})=>h('label',{for:`list-${l.id}`},box,`…": "a board's lists",
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
    if (e.isFile() && /\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(relative(ROOT, join(e.parentPath, e.name)));
  }
  return out.sort();
}

/**
 * Every `f(...x)` / `new F(...x)` argument spread in a source text, as `file: expression` (cut at 60 characters).
 * The expression is keyed without whitespace and trailing commas, so reformatting a file does not change its key.
 */
function callSpreads(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isSpreadElement(n) && (ts.isCallExpression(n.parent) || ts.isNewExpression(n.parent)) && n.parent.arguments?.includes(n)) {
      const expr = n.expression
        .getText(sf)
        .replace(/\s+/g, '')
        .replace(/,([)\]}])/g, '$1');
      found.push(`${file}: ${expr.length > 60 ? `${expr.slice(0, 60)}…` : expr}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('spreads into call arguments', () => {
  it('keys a spread the same however the call is laid out', () => {
    const oneLine = "f(...xs.map((x) => h('li', { class: 'a b' }, x)));";
    const wrapped = "f(\n  ...xs.map((x) =>\n    h(\n      'li',\n      { class: 'a b' },\n      x,\n    ),\n  ),\n);";
    expect(callSpreads('x.ts', wrapped)).toEqual(callSpreads('x.ts', oneLine));
  });

  it('the scan sees call spreads and ignores array-literal and object spreads', () => {
    const text = 'a.push(...xs); Math.max(...ys); new Set(...zs); const b = [...xs, ...ys]; const o = { ...o2 }; f(g(...inner));';
    expect(callSpreads('x.ts', text)).toEqual(['x.ts: xs', 'x.ts: ys', 'x.ts: zs', 'x.ts: inner']);
  });

  it('shared/, server/src/ and powerup/src/ spread only allow-listed (small by construction) arrays into calls', () => {
    const found = DIRS.flatMap(sources).flatMap((f) => callSpreads(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(found.filter((k) => !(k in ALLOWED))).toEqual([]);
    // A stale allow-list entry hides nothing but misleads: each must still match a spread.
    expect(Object.keys(ALLOWED).filter((k) => !found.includes(k))).toEqual([]);
  });
});
