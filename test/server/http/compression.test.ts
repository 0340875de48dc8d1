// Every static asset and HTML page goes out compressed (brotli when the browser offers it, else gzip), and the
// bytes decode back to what the server meant to send. Prints the page weights on the wire.
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../../server/src/main.js';
import { startDemoService } from '../serve/demo-service.js';

let service: Service;
beforeAll(async () => {
  service = await startDemoService(join(mkdtempSync(join(tmpdir(), 'nabiz-gzip-')), 'data.json'), new Date('2026-11-23T12:00:00Z'));
}, 120_000);
afterAll(async () => service?.close());

function get(path: string, encoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${service.url}${path}`, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const ASSETS = [
  ['connector page', '/powerup/index.html'],
  ['connector.js', '/powerup/dist/connector.js'],
  ['form page (daily)', '/powerup/daily.html'],
  ['pages.js', '/powerup/dist/pages.js'],
  ['nabiz.css', '/powerup/dist/nabiz.css'],
  ['dashboard page', '/dashboard'],
  ['dashboard app.js', '/dashboard/app.js'],
  ['dashboard app.css', '/dashboard/app.css'],
  ['Chart.js', '/dashboard/vendor/chart.umd.min.js'],
  ['demo index', '/demo/'],
  ['outbox page', '/outbox'],
] as const;

describe('compression', () => {
  it('serves every page and asset gzip- or brotli-compressed, decoding to the identity bytes', async () => {
    const rows: string[] = [];
    for (const [name, path] of ASSETS) {
      const raw = await get(path, 'identity');
      expect(raw.status, path).toBe(200);
      expect(raw.headers['content-encoding'], path).toBeUndefined();
      const gz = await get(path, 'gzip');
      const br = await get(path, 'gzip, deflate, br');
      expect(gz.headers['content-encoding'], path).toBe('gzip');
      expect(br.headers['content-encoding'], path).toBe('br');
      expect(gz.headers.vary, path).toMatch(/Accept-Encoding/i);
      // Same content (pages are rendered per request, so compare lengths for HTML, bytes for assets).
      const plain = gunzipSync(gz.body);
      if (path.includes('.')) expect(plain.equals(raw.body), path).toBe(true);
      else expect(Math.abs(plain.length - raw.body.length), path).toBeLessThan(64);
      expect(brotliDecompressSync(br.body).length, path).toBe(plain.length);
      expect(gz.body.length, path).toBeLessThan(raw.body.length);
      rows.push(
        `${name.padEnd(20)} ${(raw.body.length / 1024).toFixed(1).padStart(7)} KB  gzip ${(gz.body.length / 1024).toFixed(1).padStart(6)} KB  br ${(br.body.length / 1024).toFixed(1).padStart(6)} KB`,
      );
    }
    console.log(`page weights on the wire:\n${rows.join('\n')}`);
  }, 60_000);

  it('leaves PDFs alone (already compressed)', async () => {
    const boards = service.config.NABIZ_BOARDS;
    const pdf = await get(`/reports/evidence?board=${boards[0]}&from=2026-11-02&to=2026-11-08&format=pdf`, 'gzip, br');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-encoding']).toBeUndefined();
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  }, 30_000);
});

describe('/ and the favicon', () => {
  it('demo: / redirects to the demo index; the favicon is served', async () => {
    const root = await get('/', 'identity');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/demo/');
    for (const p of ['/favicon.ico', '/favicon.svg']) {
      const icon = await get(p, 'identity');
      expect(icon.status).toBe(200);
      expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(icon.body.toString()).toContain('<svg');
    }
  });

  it('live: / is a short public status page: up or down and the last scan time, no counts', async () => {
    const { createApp } = await import('../../../server/src/http/app.js');
    const app = createApp({ ...service.deps, demo: undefined, access: undefined } as typeof service.deps);
    const server = app.listen(0);
    try {
      const port = (server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('Servis çalışıyor.');
      expect(html).toMatch(/Son tarama \d\d\.\d\d\.\d{4} \d\d:\d\d \(İstanbul\)\./);
      // Public: no board counts, ids or ledger size (those are behind /healthz?detail=1).
      expect(html).not.toMatch(/pano|kanıt kaydı|bulgu/);
      expect(html).toContain('href="/dashboard"');
      expect(html).toContain('rel="icon"');
    } finally {
      server.close();
    }
  });
});
