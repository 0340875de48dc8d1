// Demo only: one emulator token per board member, so an entry the board preview posts is authored by the member
// acting in the preview — as in Trello, where t.getRestApi() posts with the member's own token — and never by the
// service token's member ("Nabız Servis"). The service token stays on the server (scanner, /demo page rendering).
// Tokens are derived deterministically from the service token and the member id (HMAC-SHA256, 64 hex characters
// like a Trello token), so a restart hands out the same tokens and no token list has to be stored.
import { createHmac } from 'node:crypto';

export function demoMemberToken(serviceToken: string, memberId: string): string {
  return createHmac('sha256', serviceToken).update(`nabiz-demo-member-token:${memberId}`).digest('hex');
}

/** memberId → that member's emulator token, for every member of the given boards. */
export function demoMemberTokens(serviceToken: string, boards: ReadonlyArray<{ members?: ReadonlyArray<{ id: string }> }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of boards) for (const m of b.members ?? []) out[m.id] ??= demoMemberToken(serviceToken, m.id);
  return out;
}

/** The emulator's view (StartEmulatorOptions.extraTokens + tokenMembers): token → member id. */
export function emulatorTokenOptions(memberTokens: Readonly<Record<string, string>>): { extraTokens: string[]; tokenMembers: Record<string, string> } {
  const tokenMembers = Object.fromEntries(Object.entries(memberTokens).map(([memberId, token]) => [token, memberId]));
  return { extraTokens: Object.keys(tokenMembers), tokenMembers };
}
