// How long a client may take to send its request (docs/operations.md "Limits"). Node's defaults let a request
// trickle in for 5 minutes (requestTimeout 300 s, checked only every 30 s), so a few hundred slow uploads hold as
// many sockets and parsers open. Real clients (Trello's webhook deliveries, the Power-Up's forms, browsers) send
// their few kilobytes at once.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from '../log.js';

export interface HttpLimits {
  /** The request line and headers must be complete within this (slow headers, "slowloris"). */
  headersTimeoutMs: number;
  /** The whole request, body included, must be complete within this; Node answers 408 and closes. */
  requestTimeoutMs: number;
  /** A request body must be read within this from when its headers arrived (our 408, with a log line). */
  bodyTimeoutMs: number;
  /** How often Node checks the two server timeouts (its default, 30 s, is what let slow bodies live on). */
  checkIntervalMs: number;
}

export const HTTP_LIMITS: HttpLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 20_000, bodyTimeoutMs: 10_000, checkIntervalMs: 1_000 };

/** The service's HTTP server for `app`, with the request timeouts set (listen() is the caller's). */
export function createHttpServer(app: RequestListener, limits: HttpLimits = HTTP_LIMITS): Server {
  return createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    app,
  );
}

const HAS_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A body still arriving `ms` after its headers is cut off: 408 with `Connection: close`, a warning, and the socket
 * closed once the answer is out. Covers every route that reads a body (webhooks, forms), whichever parser it uses.
 */
export function bodyDeadline(ms: number, log: Pick<Logger, 'warn'>): RequestHandler {
  return (req, res, next) => {
    watchBody(req, res, ms, log);
    next();
  };
}

/** bodyDeadline on Node's own request and response (the webhook listener has no express). */
export function watchBody(req: IncomingMessage, res: ServerResponse, ms: number, log: Pick<Logger, 'warn'>): void {
  if (!HAS_BODY.has(req.method ?? '') || req.complete) return;
  const timer = setTimeout(() => {
    if (req.complete) return;
    log.warn(`http: ${req.method} ${(req.url ?? '').split('?', 1)[0]}: the request body was not complete after ${ms} ms; cut off (408)`);
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    res.once('finish', () => req.socket.destroy());
    const json = JSON.stringify({ error: `request body too slow (not complete after ${ms} ms)` });
    res.writeHead(408, { connection: 'close', 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(json)) }).end(json);
  }, ms);
  timer.unref();
  const done = () => clearTimeout(timer);
  req.once('end', done);
  req.once('close', done);
  res.once('finish', done);
  res.once('close', done);
}
