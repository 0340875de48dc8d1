// `nabiz build`: bundle the Power-Up into powerup/dist/ (server/src/bundle/powerup.ts).
import { resolve } from 'node:path';
import { buildPowerUp } from '../bundle/powerup.js';
import type { CliCommand } from './types.js';
import { UsageError } from './types.js';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export const command: CliCommand = {
  help: [
    'nabiz build [--outdir DIR] [--no-minify]',
    '',
    'Bundle the Power-Up into powerup/dist/ (connector.js, pages.js, nabiz.css, strings/, dev host).',
    '`nabiz serve` runs this at start, so you only need it to inspect the output.',
    '',
  ].join('\n'),
  async run(argv, io) {
    let outdir: string | undefined;
    let minify = true;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--help' || a === '-h') {
        io.stdout(command.help);
        return 0;
      } else if (a === '--outdir') {
        outdir = argv[++i];
        if (!outdir) throw new UsageError('--outdir needs a directory');
      } else if (a === '--no-minify') minify = false;
      else throw new UsageError(`unknown option ${a}`);
    }
    const files = await buildPowerUp({ ...(outdir ? { outdir: resolve(outdir) } : {}), minify });
    for (const f of files) io.stdout(`${f.file.padEnd(20)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzipBytes).padStart(9)}\n`);
    return 0;
  },
};
