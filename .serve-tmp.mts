// Temporary (not committed): the live serve on the full bench store, its cold dashboard and RSS.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
const W = '/work/wt/dash';
const { startEmulator } = await import(`${W}/server/src/demo/emulator.ts`);
const { boardId, NOW } = await import(`${W}/server/src/bench/store-bench.ts`);
const file = process.argv[2]; const n = Number(process.argv[3]);
const offset = NOW.getTime() - Date.now();
const emu = await startEmulator({ key: 'benchkey', token: 'benchtoken', clock: () => new Date(Date.now() + offset) });
const manager = { name: 'Bench Yönetici', trelloId: '6d' + '9'.repeat(22), role: 'manager' };
const env = { ...process.env, DATABASE_URL: file, TRELLO_KEY: 'benchkey', TRELLO_TOKEN: 'benchtoken', TRELLO_API_URL: emu.url, NABIZ_BOARDS: Array.from({ length: n }, (_, b) => boardId(b)).join(','), NABIZ_PEOPLE: JSON.stringify([manager]), SCAN_ON_START: 'false', PORT: '0', LOG_LEVEL: 'info', NOTIFY_LABELS: 'false', DATA_FILE: '/tmp/dash/none.json' };
const child = spawn(process.execPath, [`${W}/bin/nabiz.js`, 'serve', '--now', NOW.toISOString()], { env, stdio: ['ignore', 'pipe', 'pipe'] });
const mem = () => { const s = readFileSync(`/proc/${child.pid}/status`, 'utf8'); return `RSS ${(Number(/VmRSS:\s+(\d+)/.exec(s)![1]) / 1024).toFixed(0)} MB, HWM ${(Number(/VmHWM:\s+(\d+)/.exec(s)![1]) / 1024).toFixed(0)} MB`; };
let out = ''; let done = false;
const t0 = performance.now();
const onOut = async (d: Buffer) => {
  out += d.toString();
  if (done || !(/Press Ctrl\+C/.test(out) && /store: ledger verified/.test(out))) return;
  done = true;
  console.log(`serve up after ${((performance.now() - t0) / 1000).toFixed(1)} s; ${mem()}`);
  const url = /dashboard\s+(http:\/\/\S+)\/dashboard/.exec(out)![1];
  const token = await emu.jwt.sign({ idPlugin: 'p', idBoard: boardId(0), idMember: manager.trelloId });
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    const res = await fetch(`${url}/dashboard/api/data${i ? '?member=x' : ''}`, { headers: { Authorization: `Bearer ${token}` } });
    const body = await res.text();
    console.log(`dashboard ${i ? '(another scope, no cache)' : 'cold'}: ${res.status} ${(performance.now() - t).toFixed(0)} ms, ${body.length} bytes; ${mem()}`);
  }
  await new Promise((r) => setTimeout(r, 3000));
  console.log(`settled: ${mem()}`);
  child.kill('SIGTERM'); await emu.close();
};
child.stdout.on('data', onOut); child.stderr.on('data', onOut);
child.on('exit', () => { if (!done) console.log(out.slice(-2000)); });
