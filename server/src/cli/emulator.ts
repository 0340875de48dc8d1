// `nabiz emulator`: the Trello REST emulator alone on 127.0.0.1 (docs/emulator.md), serving either Trello board
// exports (--load) or the generated demo workspace, until SIGINT/SIGTERM.
import { createLogger } from '../log.js';
import { InputFileError, MAX_EXPORT_BYTES, readInputFile } from '../input-file.js';
import { startEmulator, type Emulator } from '../demo/emulator.js';
import { DEMO_KEY, DEMO_TOKEN } from '../demo/credentials.js';
import { generateDemoWorkspace } from '../demo/workspace.js';
import { parseFlags, parseNow, parsePort } from './args.js';
import type { CliCommand, CliIO } from './types.js';
import { UsageError } from './types.js';
import { errorMessage } from '../errors.js';
import { present } from '../../../shared/guards.js';

/** The embedded demo's credentials of `npm start`, so one .env works with both. */
export const EMULATOR_DEFAULT_KEY = DEMO_KEY;
export const EMULATOR_DEFAULT_TOKEN = DEMO_TOKEN;

const help = `nabiz emulator — run the Trello REST API emulator alone (127.0.0.1 only)

Usage: nabiz emulator [--port N] [--key K --token T] [--load EXPORT.json …] [--seed S] [--now ISO]

  --port N          port to listen on (default 3001; 0 = any free port)
  --key K           API key clients must send (default: the demo key)
  --token T         token clients must send (default: the demo token)
  --load FILE       a Trello board JSON export ("Export as JSON"); repeat for more boards.
                    Each board is served under its own id. Without --load: the demo workspace.
  --seed S          demo workspace seed (default 1)
  --now WHEN        "now" the demo workspace is generated for: 2026-11-23T12:00:00Z, 2026-11-23T15:00
                    (Istanbul) or 2026-11-23 (default: the current time)
  --app-secret S    secret that signs webhook deliveries (X-Trello-Webhook)
  --latency MS      add MS milliseconds to every response
  --jwt-rotate-every S
                    rotate the Power-Up JWT key every S seconds: the new key is published beside the old one
                    and signs from then on; the old one is dropped S/2 seconds later (Trello's rotation)

Faults (rehearse a bad day against the real binary; see docs/emulator.md):
  --fail-429 N      the next N requests answer 429 API_TOKEN_LIMIT_EXCEEDED (a rate-limit burst)
  --fail-5xx N[:S]  the next N requests answer a 5xx (S = 500 by default, e.g. 503)
  --drop N          the next N requests get their connection dropped without an answer
  --fault-every S   arm those faults again every S seconds (a recurring bad day; default: once at start)

Point Nabız at it (scan, or a live serve: it also takes its Power-Up JWT keys from TRELLO_API_URL):
  TRELLO_API_URL=http://127.0.0.1:3001 TRELLO_KEY=<key> TRELLO_TOKEN=<token> NABIZ_BOARDS=<ids> npx nabiz scan --once
  TRELLO_API_URL=http://127.0.0.1:3001 TRELLO_KEY=<key> TRELLO_TOKEN=<token> NABIZ_BOARDS=<ids> npx nabiz serve

Trello's side of the Power-Up (docs/emulator.md):
  GET  /1/resource/jwt-public-keys          Trello's JWT public keys ({"keys": [PEM, …]}, no key or token)
  POST /_emulator/powerup/jwt?key=&token=   t.jwt() for that token's member (JSON {idBoard, idPlugin, state?};
                                            idMember too with the emulator's own token)
  POST /_emulator/jwt/rotate | /_emulator/jwt/retire-old | /_emulator/jwt/endpoint?down=true|false

Stops on Ctrl+C (SIGINT) or SIGTERM.
`;

export interface EmulatorCliOptions {
  /** Resolves to stop the emulator (tests); default: SIGINT/SIGTERM. */
  until?: Promise<void>;
  /** Called once listening (tests). */
  onReady?: (emu: Emulator) => void;
}

export async function runEmulatorCli(argv: string[], io: CliIO, o: EmulatorCliOptions = {}): Promise<number> {
  const values = parseFlags(
    argv,
    {
      port: { type: 'string', default: '3001' },
      key: { type: 'string' },
      token: { type: 'string' },
      load: { type: 'string', multiple: true },
      seed: { type: 'string', default: '1' },
      now: { type: 'string' },
      'app-secret': { type: 'string' },
      latency: { type: 'string' },
      'fail-429': { type: 'string' },
      'fail-5xx': { type: 'string' },
      drop: { type: 'string' },
      'fault-every': { type: 'string' },
      'jwt-rotate-every': { type: 'string' },
    },
    help,
    io,
  );
  if (!values) return 0;
  const port = parsePort(values.port);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed: "${values.seed}" is not an integer`);
  const now = parseNow(values.now) ?? new Date();
  const latency = values.latency === undefined ? 0 : Number(values.latency);
  if (!Number.isFinite(latency) || latency < 0) throw new UsageError(`--latency: "${values.latency}" is not a number of milliseconds`);
  const count = (flag: string, v: string | undefined): number => {
    if (v === undefined) return 0;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${flag}: "${v}" is not a number of requests (0 or more)`);
    return n;
  };
  const fail429 = count('fail-429', values['fail-429']);
  const [n5xx, s5xx] = (values['fail-5xx'] ?? '').split(':');
  const fail5xx = count('fail-5xx', values['fail-5xx'] === undefined ? undefined : n5xx);
  const status5xx = s5xx === undefined || s5xx === '' ? 500 : Number(s5xx);
  if (!Number.isInteger(status5xx) || status5xx < 500 || status5xx > 599)
    throw new UsageError(`--fail-5xx: "${values['fail-5xx']}" needs a 5xx status after the colon (e.g. 10:503)`);
  const drop = count('drop', values.drop);
  const every = values['fault-every'] === undefined ? 0 : Number(values['fault-every']);
  if (values['fault-every'] !== undefined && (!Number.isFinite(every) || every <= 0))
    throw new UsageError(`--fault-every: "${values['fault-every']}" is not a number of seconds above 0`);
  if (every > 0 && !fail429 && !fail5xx && !drop) throw new UsageError('--fault-every needs --fail-429, --fail-5xx or --drop');
  const rotateEvery = values['jwt-rotate-every'] === undefined ? 0 : Number(values['jwt-rotate-every']);
  if (values['jwt-rotate-every'] !== undefined && (!Number.isFinite(rotateEvery) || rotateEvery <= 0))
    throw new UsageError(`--jwt-rotate-every: "${values['jwt-rotate-every']}" is not a number of seconds above 0`);
  const key = values.key ?? EMULATOR_DEFAULT_KEY;
  const token = values.token ?? EMULATOR_DEFAULT_TOKEN;
  if ((values.key === undefined) !== (values.token === undefined)) throw new UsageError('--key and --token go together (give both or neither)');

  const exports: Array<{ file: string; json: unknown }> = [];
  for (const file of values.load ?? []) {
    let text: string;
    try {
      text = readInputFile(file, MAX_EXPORT_BYTES);
    } catch (e) {
      if (e instanceof InputFileError) throw new UsageError(`--load ${e.message}`);
      throw e;
    }
    try {
      exports.push({ file, json: JSON.parse(text) });
    } catch (e) {
      throw new UsageError(`--load ${file}: not JSON (${errorMessage(e)})`);
    }
  }

  const log = createLogger('info', (l) => io.stderr(l + '\n'));
  const ws = exports.length ? null : generateDemoWorkspace({ seed, now });
  const emu = await startEmulator({
    port,
    key,
    token,
    boards: ws?.boards ?? [],
    clock: () => new Date(),
    log,
    ...(values['app-secret'] ? { appSecret: values['app-secret'] } : {}),
  }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EADDRINUSE') throw new UsageError(`--port ${port}: already in use on 127.0.0.1 (try --port ${port + 1})`);
    throw e;
  });
  const boardIds: string[] = ws ? ws.boards.map((b) => b.id) : [];
  for (const { file, json } of exports) {
    try {
      boardIds.push(emu.loadExport(json));
    } catch (e) {
      await emu.close();
      throw new UsageError(`--load ${file}: ${errorMessage(e)}`);
    }
  }
  emu.faults.latencyMs = latency;
  // The emulator's own fault switches (FaultControl), armed from the command line.
  const arm = () => {
    if (fail429) emu.faults.fail429Next(fail429);
    if (fail5xx) emu.faults.fail5xxNext(fail5xx, status5xx);
    if (drop) emu.faults.dropNext(drop);
  };
  arm();
  const rearm = every > 0 ? setInterval(arm, every * 1000) : undefined;
  rearm?.unref();
  // Key rotation as Trello announces it: old and new published together for a while, then the old one dropped.
  const retirements = new Set<NodeJS.Timeout>();
  const rotate =
    rotateEvery > 0
      ? setInterval(() => {
          void emu.jwt.rotate().then(() => {
            log.warn(`emulator: JWT key rotated (${emu.jwt.published().length} keys published; the old one is dropped in ${rotateEvery / 2} s)`);
            const t = setTimeout(
              () => {
                retirements.delete(t);
                emu.jwt.retireOld();
              },
              (rotateEvery / 2) * 1000,
            );
            t.unref();
            retirements.add(t);
          });
        }, rotateEvery * 1000)
      : undefined;
  rotate?.unref();

  const lines = [
    `Trello emulator listening on ${emu.url}  (REST base ${emu.url}/1)`,
    `  TRELLO_API_URL=${emu.url}`,
    `  TRELLO_KEY=${key}`,
    `  TRELLO_TOKEN=${token}`,
    `  TRELLO_APP_SECRET=${emu.appSecret}`,
    `  NABIZ_BOARDS=${boardIds.join(',')}`,
    `Power-Up JWT keys: ${emu.url}/1/resource/jwt-public-keys${rotateEvery > 0 ? `  (rotated every ${rotateEvery} s)` : ''}`,
    'Boards:',
    ...boardIds.map((id) => {
      const b = present(emu.state.boards.get(id), 'a board the emulator just loaded');
      const cards = [...emu.state.cards.values()].filter((c) => c.idBoard === id).length;
      const actions = emu.state.boardActions.get(id)?.length ?? 0;
      return `  ${id}  ${b.name}  (${cards} cards, ${actions} actions)`;
    }),
  ];
  if (ws) {
    lines.push('People (NABIZ_PEOPLE):', `  ${JSON.stringify(ws.people)}`);
    lines.push(`Demo workspace: seed ${seed}, generated for ${now.toISOString()}`);
  }
  const faults = [
    latency ? `${latency} ms latency` : '',
    fail429 ? `${fail429}× 429` : '',
    fail5xx ? `${fail5xx}× ${status5xx}` : '',
    drop ? `${drop}× dropped connection` : '',
  ].filter(Boolean);
  if (faults.length) lines.push(`Faults: ${faults.join(', ')}${every > 0 ? `, again every ${every} s` : ' (once, from the first request)'}`);
  lines.push('Ctrl+C to stop.');
  io.stdout(lines.join('\n') + '\n');
  o.onReady?.(emu);

  await (o.until ??
    new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }));
  if (rearm) clearInterval(rearm);
  if (rotate) clearInterval(rotate);
  for (const t of retirements) clearTimeout(t);
  await emu.close();
  io.stdout(`Emulator stopped after ${emu.requests.total} request${emu.requests.total === 1 ? '' : 's'}.\n`);
  return 0;
}

export const command: CliCommand = {
  help,
  run: (argv, io) => runEmulatorCli(argv, io),
};
