// Reading a caught value without a cast (docs/conventions.md §17): `catch (e)` gives `unknown`, and not every
// thrown value is an Error (a string, another realm's Error), so these read what is there.
import { isRecord } from '../../shared/guards.js';

/** The message of a thrown value: its `message` when it has one (every Error), else the value as text. */
export function errorMessage(e: unknown): string {
  return isRecord(e) && typeof e.message === 'string' ? e.message : String(e);
}

/** The Node error code of a thrown value (`ENOENT`, `EADDRINUSE` …), when it has one. */
export function errorCode(e: unknown): string | undefined {
  return isRecord(e) && typeof e.code === 'string' ? e.code : undefined;
}
