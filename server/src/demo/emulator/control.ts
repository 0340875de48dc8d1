// What trello.com does for a Power-Up outside the REST API, plus the emulator's own switches (docs/emulator.md):
//   POST /_emulator/powerup/jwt          t.jwt() for the member of `key`+`token` (body: idBoard, idPlugin, state?;
//                                        idMember with the emulator's own token)
//   POST /_emulator/powerup/pluginData   t.set(…, 'shared', …) of that member (body: idModel, idPlugin, value ≤ 4096)
//   POST /_emulator/jwt/rotate | /_emulator/jwt/retire-old | /_emulator/jwt/endpoint?down=true|false
// Trello does t.jwt() and t.set through its own iframe protocol; the dev host (powerup/src/dev-host) calls these
// instead. The emulator listens on 127.0.0.1 only; the switches need no credentials.
import { emulatorPluginDataWriter } from '../dev-host-plugin-data.js';
import type { EmulatorState } from '../state.js';
import { authenticate } from './auth.js';
import { HttpErr, type Result } from './http.js';
import type { JwtKeyControl } from './jwt-keys.js';
import type { IncomingHttpHeaders } from 'node:http';
import { errorMessage } from '../../errors.js';

const ID = /^[A-Za-z0-9-]{1,64}$/;

function field(q: Record<string, string>, name: string): string {
  const v = q[name];
  if (!v || !ID.test(v)) throw new HttpErr(400, `invalid value for ${name}`);
  return v;
}

export interface ControlDeps {
  key: string;
  /** The emulator's own token (`--token`): may ask t.jwt() for any member of a board (operators trying a serve). */
  operatorToken: string;
  state: EmulatorState;
  jwt: JwtKeyControl;
}

/** Answers a `/_emulator/…` request, or null when the path is not one of them. */
export async function controlRoute(
  d: ControlDeps,
  method: string,
  path: string,
  q: Record<string, string>,
  headers: IncomingHttpHeaders,
): Promise<Result | null> {
  if (!path.startsWith('/_emulator/')) return null;
  if (method !== 'POST') throw new HttpErr(404, `Cannot ${method} ${path}`);
  const keys = () => ({ published: d.jwt.published().length, endpointDown: d.jwt.endpointDown });
  switch (path) {
    case '/_emulator/jwt/rotate':
      await d.jwt.rotate();
      return { json: keys() };
    case '/_emulator/jwt/retire-old':
      d.jwt.retireOld();
      return { json: keys() };
    case '/_emulator/jwt/endpoint':
      if (q.down !== 'true' && q.down !== 'false') throw new HttpErr(400, 'down must be true or false');
      d.jwt.endpointDown = q.down === 'true';
      return { json: keys() };
    case '/_emulator/powerup/jwt':
    case '/_emulator/powerup/pluginData': {
      // The member signed in on the board page: the one the token belongs to (Trello signs for the current member).
      const caller = authenticate(q, headers, d.state, d.key);
      // A member's token signs for that member only; the operator's token may name one (`idMember`).
      const asked = q.idMember;
      if (asked !== undefined && asked !== caller.info.memberId && caller.token !== d.operatorToken)
        throw new HttpErr(401, 'a member token signs for its own member only');
      const idMember = asked ?? caller.info.memberId;
      if (path === '/_emulator/powerup/jwt') {
        const idBoard = field(q, 'idBoard');
        const board = d.state.boards.get(idBoard);
        if (!board) throw new HttpErr(404, 'The requested resource was not found.');
        // t.jwt() needs a signed-in member of the board (t.isMemberSignedIn()); the service member may not ask.
        if (!board.memberships.some((m) => m.idMember === idMember)) throw new HttpErr(401, 'member is not on this board');
        const token = await d.jwt.sign({ idPlugin: field(q, 'idPlugin'), idBoard, idMember, ...(q.state !== undefined ? { state: q.state } : {}) });
        return { json: { token } };
      }
      const idModel = field(q, 'idModel');
      const value = q.value ?? '';
      // Trello's refusal text for t.set over the limit (docs/trello.md §4).
      if (value.length > 4096) throw new HttpErr(400, 'PluginData length of 4096 characters exceeded');
      try {
        emulatorPluginDataWriter(d.state, field(q, 'idPlugin'))(idModel, value);
      } catch (e) {
        throw new HttpErr(404, errorMessage(e));
      }
      return { json: { ok: true } };
    }
    default:
      throw new HttpErr(404, `Cannot ${method} ${path}`);
  }
}
