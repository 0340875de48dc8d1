// Child-process measurement for the benches: a `nabiz …` command run in its own process, with wall time, CPU time
// (user + system from /proc: on a shared machine the wall time mostly measures the neighbours) and peak RSS.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(resolve(fileURLToPath(import.meta.url), '../../../..'), 'bin/nabiz.js');

/** Runs `nabiz …` in a child; resolves with the exit code, wall time, CPU time (user + system: on a loaded machine
 * the wall time mostly measures the others) and peak RSS (VmHWM) in MB, both read from /proc. */
export function runMeasured<T = undefined>(args: string[], env: NodeJS.ProcessEnv = {}, during?: (out: () => string) => Promise<T>) {
  return new Promise<{ code: number | null; ms: number; cpuS: number; peakMB: number; out: string; during?: T | Error }>((res) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let peak = 0;
    let cpuS = 0;
    const sample = () => {
      try {
        // utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1];
        if (fields === undefined) return;
        const stat = fields.split(' ');
        cpuS = (Number(stat[11]) + Number(stat[12])) / 100;
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
      } catch {
        /* exited */
      }
    };
    const timer = setInterval(sample, 20);
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (out += d.toString()));
    let result: T | Error | undefined;
    if (during) {
      void during(() => out).then(
        (r) => {
          result = r;
          sample();
          child.kill('SIGTERM');
        },
        (e: unknown) => {
          result = e instanceof Error ? e : new Error(String(e));
          child.kill('SIGTERM');
        },
      );
    }
    child.on('exit', (code) => {
      clearInterval(timer);
      res({ code, ms: performance.now() - t0, cpuS, peakMB: peak, out, during: result });
    });
  });
}
