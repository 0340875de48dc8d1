// The embedded demo service as browser and report tests use it: generated for a fixed instant, silent,
// no cron jobs, any free port, its data file in the test's temp dir.
import { startService, type Service } from '../../../server/src/demo-main.js';

export function startDemoService(dataFile: string, now: Date): Promise<Service> {
  return startService({
    env: { LOG_LEVEL: 'silent' },
    io: { stdout: () => undefined, stderr: () => undefined },
    forceDemo: true,
    port: 0,
    schedule: false,
    demoDataFile: dataFile,
    clock: () => now,
  });
}
