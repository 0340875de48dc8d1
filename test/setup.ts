// Every test file: no request may leave this machine. Trello is reached only through the
// emulator (on 127.0.0.1) or nock interceptors.
import nock from 'nock';
import { afterEach } from 'vitest';

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);

nock.emitter.on('no match', (req: { hostname?: string; host?: string; path?: string }) => {
  const host = req.hostname ?? req.host ?? '';
  if (/^(127\.0\.0\.1|localhost|::1)$/.test(host)) return;
  // axios may swallow the network error; make the escape visible in the test output.
  console.error(`[test/setup] blocked outgoing request to ${host}${req.path ?? ''}`);
});

afterEach(() => {
  nock.cleanAll();
});
