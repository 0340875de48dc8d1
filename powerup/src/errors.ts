// Reading a caught value without a cast (docs/conventions.md §17): `catch (e)` gives `unknown`, and not every
// thrown value is an Error (a string, another realm's Error), so this reads what is there.
import { isRecord } from '../../shared/guards.js';

/** The message of a thrown value: its `message` when it has one (every Error), else the value as text. */
export function errorMessage(e: unknown): string {
  return isRecord(e) && typeof e.message === 'string' ? e.message : String(e);
}

/** The `error` text of a server's JSON answer (`{ error }`), when it has one. */
export function serverError(body: unknown): string | undefined {
  return isRecord(body) && typeof body.error === 'string' ? body.error : undefined;
}
