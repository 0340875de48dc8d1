// show-authorization popup: t.authorize must be started by a click (popup blockers), so a button.
import { h, showMessages } from '../dom.js';
import { msg } from '../i18n.js';
import { restApi } from '../t.js';
import { fit, type PageCtx } from './common.js';
import { errorMessage } from '../errors.js';

export function renderAuthorize(ctx: PageCtx): void {
  const L = ctx.locale;
  const messages = h('div', { class: 'messages', role: 'alert', id: 'messages' });
  const button = h('button', { type: 'button', class: 'primary', id: 'authorize' }, msg(L, 'auth.button'));
  button.addEventListener('click', () => {
    const api = restApi(ctx.t);
    if (!api) {
      showMessages(messages, 'error', [msg(L, 'auth.failed', { error: 'appKey' })]);
      return;
    }
    api
      .authorize({ scope: 'read,write', expiration: 'never' })
      .then(() => {
        showMessages(messages, 'ok', [msg(L, 'auth.done')]);
        setTimeout(() => void ctx.t.closePopup(), 800);
      })
      .catch((e: unknown) => showMessages(messages, 'error', [msg(L, 'auth.failed', { error: errorMessage(e) })]))
      .finally(() => fit(ctx));
  });
  ctx.root.append(h('p', {}, msg(L, 'auth.why')), button, messages);
  fit(ctx);
}
