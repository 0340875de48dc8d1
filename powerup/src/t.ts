// The part of Trello's `t` Nabız uses, typed against @types/trellopowerup. Real Trello hands us its `t`; the dev
// host (dev-host/) and the unit tests hand us theirs — the capability modules cannot tell the difference.
export type TrelloT = Trello.PowerUp.CallbackHandler;
export type TrelloIFrame = Trello.PowerUp.IFrame;

/** Subset of `t` the capability modules and pages call. */
export type PowerUpT = Pick<
  TrelloT,
  | 'get'
  | 'set'
  | 'remove'
  | 'getContext'
  | 'isMemberSignedIn'
  | 'memberCanWriteToModel'
  | 'card'
  | 'cards'
  | 'board'
  | 'lists'
  | 'member'
  | 'popup'
  | 'modal'
  | 'closePopup'
  | 'closeModal'
  | 'alert'
  | 'signUrl'
  | 'arg'
  | 'sizeTo'
  | 'jwt'
  | 'safe'
  | 'notifyParent'
> & {
  /** Present on iframe `t` and in initialize'd plugins with appKey+appName (docs/trello.md §3). */
  getRestApi?: () => RestApiClient;
};

/**
 * `t.getRestApi()`: typings declare only `Api` (init/apiBase/authBase); the auth methods live on `AuthMethods`
 * (docs/trello.md §1 "a cast is needed"). `apiOrigin` lets the dev host point the same calls at the emulator.
 */
export type RestApiClient = Partial<Pick<Trello.PowerUp.Api, 'apiOrigin' | 'appKey'>> &
  Pick<Trello.PowerUp.AuthMethods, 'isAuthorized' | 'getToken'> & {
    authorize(opts?: { scope?: string; expiration?: string }): Promise<string>;
    clearToken?: () => void;
  };

export function restApi(t: PowerUpT): RestApiClient | null {
  try {
    return t.getRestApi ? t.getRestApi() : null;
  } catch {
    // getRestApi throws when appKey/appName were not given (docs/trello.md §3).
    return null;
  }
}
