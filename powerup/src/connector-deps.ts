// What capability handlers need besides `t`: injected so unit tests use a fake server and a fixed clock.
import type { StatusClient } from './status-client.js';

export interface ConnectorDeps {
  status: StatusClient;
  /** Edge clock (the browser's time in Trello). */
  now: () => Date;
  /** Origin of our server (icons, /api). */
  baseUrl: string;
}
