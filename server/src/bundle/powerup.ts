// The Power-Up bundle (esbuild) into powerup/dist/. `serve` calls buildPowerUp() at start so the connector
// always matches the source; `nabiz build` runs it by hand. Bundles: connector.js (the hidden iframe Trello loads), pages.js (popups,
// modals, card back), nabiz.css, strings/{tr,en}.json, and the demo-only dev host (dev-host.js, dev-stand-in.js),
// which only /demo serves: real Trello never loads it.
import { build, type Plugin } from 'esbuild';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { STRINGS } from '../../../shared/powerup-strings.js';
import { ROOT } from '../paths.js';

export { ROOT };
export const POWERUP_DIR = join(ROOT, 'powerup');
export const DIST_DIR = join(POWERUP_DIR, 'dist');

export const BUNDLES = {
  connector: 'powerup/src/connector.ts',
  pages: 'powerup/src/pages/main.ts',
  'dev-host': 'powerup/src/dev-host/host.ts',
  'dev-stand-in': 'powerup/src/dev-host/stand-in.ts',
} as const;

export interface BuiltFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BuildOptions {
  outdir?: string;
  minify?: boolean;
}

const ZOD_SHIM = join(POWERUP_DIR, 'src/zod-browser.ts');

/** `zod` imported by shared/ → powerup/src/zod-browser.ts (tree-shakable builders, same schemas). */
const zodForBrowser: Plugin = {
  name: 'nabiz-zod-browser',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, (args) => (args.importer === ZOD_SHIM ? undefined : { path: ZOD_SHIM }));
  },
};

/**
 * zod's classic schemas wire every type to its JSON Schema converter, so esbuild cannot drop the converter
 * (~17 KB minified, ~5.5 KB gzip of the connector) although the browser never converts a schema. In browser bundles
 * the two converter modules become stubs with the same export names: each returns a function that throws, so
 * reading `schema['~standard']` still works and only an actual conversion fails (`aggregateChecks` only feeds
 * introspection getters such as `.minLength`, which Nabız does not read).
 */
const zodNoJsonSchema: Plugin = {
  name: 'nabiz-zod-no-json-schema',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema)\.js$/ }, (args) => {
      const names = [...readFileSync(args.path, 'utf8').matchAll(/^export (?:async )?(?:const|function) (\w+)/gm)].flatMap((m) => (m[1] ? [m[1]] : []));
      const body = names.map((n) => (n === 'aggregateChecks' ? 'export const aggregateChecks = () => ({});' : `export const ${n} = () => no;`));
      return { contents: ["const no = () => { throw new Error('zod JSON Schema is not in the Nabiz browser bundle'); };", ...body].join('\n'), loader: 'js' };
    });
  },
};

/**
 * The connector alone: zod's English messages (`locales/en.js`, ~1 KB gzip) become no messages, so a failed parse
 * says zod's own "Invalid input". The connector has no form and shows no zod message (a bad status or profile is
 * "unavailable" or the defaults); the pages keep the messages, which the profile form shows.
 */
const zodNoMessages: Plugin = {
  name: 'nabiz-zod-no-messages',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]en\.js$/ }, () => ({
      contents: 'export default () => ({ localeError: () => undefined });',
      loader: 'js',
    }));
  },
};

/** Bundle everything; returns each output file with its raw and gzip size. */
export async function buildPowerUp(opts: BuildOptions = {}): Promise<BuiltFile[]> {
  const finalDir = opts.outdir ?? DIST_DIR;
  mkdirSync(join(finalDir, 'strings'), { recursive: true });
  // Build beside the target, then rename file by file: a server (or a parallel test) reading dist never sees a
  // half-written bundle.
  const outdir = mkdtempSync(join(finalDir, '.build-'));
  mkdirSync(join(outdir, 'strings'), { recursive: true });
  try {
    await bundle(outdir, opts.minify ?? true);
    const files = [...Object.keys(BUNDLES).map((k) => `${k}.js`), 'nabiz.css', 'dev-host.css', 'strings/tr.json', 'strings/en.json'];
    const out = files.map((file) => {
      const p = join(outdir, file);
      return { file, bytes: statSync(p).size, gzipBytes: gzipSync(readFileSync(p), { level: 9 }).length };
    });
    for (const f of files) renameSync(join(outdir, f), join(finalDir, f));
    return out;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

async function bundle(outdir: string, minify: boolean): Promise<void> {
  const js = (entries: Array<[string, string]>, plugins: Plugin[]) =>
    build({
      absWorkingDir: ROOT,
      entryPoints: Object.fromEntries(entries.map(([k, v]) => [k, join(ROOT, v)])),
      outdir,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: ['chrome110', 'firefox110', 'safari16'],
      minify,
      legalComments: 'none',
      logLevel: 'silent',
      plugins: [zodForBrowser, zodNoJsonSchema, ...plugins],
      define: { 'process.env.NODE_ENV': '"production"' },
    });
  const all = Object.entries(BUNDLES);
  await Promise.all([
    js(
      all.filter(([k]) => k === 'connector'),
      [zodNoMessages],
    ),
    js(
      all.filter(([k]) => k !== 'connector'),
      [],
    ),
  ]);
  await build({
    absWorkingDir: ROOT,
    entryPoints: { nabiz: join(POWERUP_DIR, 'src/style.css'), 'dev-host': join(POWERUP_DIR, 'src/dev-host/board.css') },
    outdir,
    bundle: true,
    minify,
    logLevel: 'silent',
  });
  for (const [locale, table] of Object.entries(STRINGS)) {
    writeFileSync(join(outdir, 'strings', `${locale}.json`), JSON.stringify(table, null, 1));
  }
}
