// `nabiz audit …` in process, capturing stdout/stderr (audit.test.ts, audit-pdf.test.ts).
import { main } from '../../../server/src/cli.js';
import type { CliIO } from '../../../server/src/cli/types.js';

export async function auditCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), stdin: async () => '', env: {} };
  const code = await main(['audit', ...argv], io);
  return { code, out, err };
}
