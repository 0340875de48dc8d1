// Demo only: the board preview at /demo/board/:id — a stand-in for Trello's board page that loads our unchanged
// connector (hidden iframe, like Trello), calls its capability map with a dev `t`, and shows lists, cards with
// our badges, card buttons opening our popups/modals in iframes, and a card back with our section.
import { h, clear } from '../dom.js';
import { createDevT, DevBoardSchema, DevConfigSchema, type DevBoard, type DevConfig, type FrameCtx, type HostServices, type PluginDataItem } from './dev-t.js';
import type { DevT } from './protocol.js';
import './protocol.js';
import { errorMessage } from '../errors.js';
import { isRecord, present } from '../../../shared/guards.js';
import { z } from 'zod';

/** GET /1/cards/:id/actions?filter=commentCard, the fields the activity list shows (docs/trello.md). */
const CommentActionsSchema = z.array(
  z.looseObject({
    id: z.string(),
    date: z.string(),
    data: z.looseObject({ text: z.string().optional() }),
    memberCreator: z.looseObject({ fullName: z.string().optional() }).optional(),
  }),
);
type Badge = { text?: string; color?: string | null; title?: string; refresh?: number; callback?: (t: DevT) => unknown };

const config: DevConfig = DevConfigSchema.parse(JSON.parse(document.getElementById('nabiz-dev-config')?.textContent ?? '{}'));
const apiUrl = (path: string, q: Record<string, string> = {}) => {
  const u = new URL(`${config.trelloBase}${path}`, window.location.href);
  for (const [k, v] of Object.entries({ ...q, key: config.key, token: config.token })) u.searchParams.set(k, v);
  return u.href;
};

/** t.jwt() / t.set endpoints (DevConfig.jwtUrl, pluginDataUrl), with the acting member's key and token. */
const hostUrl = (url: string) => {
  const u = new URL(url, window.location.href);
  u.searchParams.set('key', config.key);
  u.searchParams.set('token', config.token);
  return u.href;
};

let board: DevBoard;
let handlers: Map<string, unknown> | null = null;
const privateData = new Map<string, Record<string, unknown>>();
const frames: Array<{ el: HTMLIFrameElement; ctx: FrameCtx }> = [];
let openCardId: string | null = null;
let renderSeq = 0;
let jwtCache: { token: string; at: number } | null = null;

async function loadBoard(): Promise<DevBoard> {
  const res = await fetch(
    apiUrl(`/1/boards/${config.boardId}`, { fields: 'name,url', lists: 'open', cards: 'open', card_pluginData: 'true', pluginData: 'true', members: 'all' }),
  );
  if (!res.ok) throw new Error(`emulator answered ${res.status} for board ${config.boardId}`);
  const b = DevBoardSchema.parse(await res.json());
  b.lists.sort((x, y) => (x.pos ?? 0) - (y.pos ?? 0));
  b.cards.sort((x, y) => (x.pos ?? 0) - (y.pos ?? 0));
  return b;
}

function pluginItems(idModel: string): PluginDataItem[] {
  if (idModel === board.id) return board.pluginData ?? [];
  return board.cards.find((c) => c.id === idModel)?.pluginData ?? [];
}

/** Our shared map: the entry with our idPlugin, else one whose content is Nabız's (docs/architecture.md, "by content"). */
function shared(idModel: string): Record<string, unknown> {
  const items = pluginItems(idModel);
  const parse = (v: string) => {
    try {
      const o: unknown = JSON.parse(v);
      return isRecord(o) ? o : null;
    } catch {
      return null;
    }
  };
  const own = items.find((p) => p.idPlugin === config.pluginId);
  if (own) return parse(own.value) ?? {};
  for (const p of items) {
    const o = parse(p.value);
    if (o && Object.values(o).some((v) => isRecord(v) && v.v === 1)) return o;
  }
  return {};
}

async function writeShared(idModel: string, data: Record<string, unknown>): Promise<void> {
  const value = JSON.stringify(data);
  const res = await fetch(hostUrl(config.pluginDataUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ idModel, idPlugin: config.pluginId, value }),
  });
  if (!res.ok) throw new Error(`pluginData not stored (${res.status}): ${await res.text()}`);
  const list =
    idModel === board.id
      ? (board.pluginData ??= [])
      : (present(
          board.cards.find((c) => c.id === idModel),
          `card ${idModel} on the board`,
        ).pluginData ??= []);
  const own = list.find((p) => p.idPlugin === config.pluginId);
  if (own) own.value = value;
  else list.push({ idPlugin: config.pluginId, idModel, value });
}

async function jwt(): Promise<string> {
  if (jwtCache && Date.now() - jwtCache.at < 10 * 60_000) return jwtCache.token;
  const res = await fetch(hostUrl(config.jwtUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ idBoard: config.boardId, idMember: config.memberId, idPlugin: config.pluginId }),
  });
  if (!res.ok) throw new Error(`t.jwt() refused (${res.status})`);
  const body: unknown = await res.json();
  const token = isRecord(body) && typeof body.token === 'string' ? body.token : null;
  if (!token) throw new Error('t.jwt() answered without a token');
  jwtCache = { token, at: Date.now() };
  return token;
}

// ───────────── overlays (popup, modal, card back) ─────────────
const popupLayer = h('div', { class: 'dh-popup', id: 'dh-popup', hidden: true, role: 'dialog' });
const modalLayer = h('div', { class: 'dh-modal-backdrop', id: 'dh-modal', hidden: true });
const cardLayer = h('div', { class: 'dh-modal-backdrop', id: 'dh-card', hidden: true });
const toast = h('div', { class: 'dh-toast', id: 'dh-toast', hidden: true, role: 'status' });

function frame(url: string, ctx: FrameCtx, height: number, name: string): HTMLIFrameElement {
  const el = h('iframe', { class: 'dh-frame', name, title: name });
  el.style.height = `${height}px`;
  const entry = { el, ctx: { ...ctx, frame: el } };
  frames.push(entry);
  el.src = new URL(url, config.connectorUrl).href;
  return el;
}

// Like Trello: closing a popup or modal gives the focus back to what opened it. The card back re-renders after
// a t.set (an entry was posted), so the opener is found again by its data-key when the element itself is gone.
let opener: { el: Element; key: string | null } | null = null;
function rememberOpener(): void {
  const el = document.activeElement;
  if (el && el !== document.body && !(el instanceof HTMLIFrameElement)) opener = { el, key: el.getAttribute('data-key') };
}
function restoreFocus(): void {
  const o = opener;
  opener = null;
  if (!o) return;
  const el = o.el.isConnected ? o.el : o.key ? document.querySelector(`[data-key="${CSS.escape(o.key)}"]`) : null;
  if (el instanceof HTMLElement) el.focus();
}

function dropFrames(root: Element) {
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    if (f && root.contains(f.el)) frames.splice(i, 1);
  }
}

const services: HostServices = {
  config,
  board: () => board,
  shared,
  writeShared,
  privateData,
  afterSet(idModel) {
    // Trello re-runs every capability after t.set; card-back sections of that card reload.
    void renderBoard();
    if (openCardId && (idModel === openCardId || idModel === board.id)) void renderCardBack(openCardId, true);
  },
  openPopup(opts, ctx) {
    if (popupLayer.hidden) rememberOpener();
    dropFrames(popupLayer);
    clear(popupLayer);
    const close = h('button', { type: 'button', class: 'dh-close', 'aria-label': 'Kapat', onclick: () => services.closePopup() }, '×');
    popupLayer.append(h('header', {}, h('span', { class: 'dh-title' }, opts.title), close));
    if (opts.url) popupLayer.append(frame(opts.url, { ...ctx, ...(opts.args ? { args: opts.args } : {}) }, opts.height ?? 300, `popup: ${opts.title}`));
    else if (opts.items) {
      popupLayer.append(
        h(
          'ul',
          { class: 'dh-items' },
          ...opts.items.map((it) => h('li', {}, h('button', { type: 'button', onclick: () => void it.callback?.(createDevT(services, ctx)) }, it.text))),
        ),
      );
    }
    popupLayer.hidden = false;
  },
  openModal(opts, ctx) {
    if (modalLayer.hidden) rememberOpener();
    dropFrames(modalLayer);
    clear(modalLayer);
    const box = h('div', { class: `dh-modal ${opts.fullscreen ? 'full' : ''}`, role: 'dialog', 'aria-label': opts.title ?? '' });
    box.append(
      h(
        'header',
        {},
        h('span', { class: 'dh-title' }, opts.title ?? ''),
        h('button', { type: 'button', class: 'dh-close', 'aria-label': 'Kapat', onclick: () => services.closeModal() }, '×'),
      ),
      frame(opts.url, { ...ctx, ...(opts.args ? { args: opts.args } : {}) }, opts.height ?? 500, `modal: ${opts.title ?? ''}`),
    );
    modalLayer.append(box);
    modalLayer.hidden = false;
  },
  closePopup() {
    const wasOpen = !popupLayer.hidden;
    dropFrames(popupLayer);
    clear(popupLayer);
    popupLayer.hidden = true;
    if (wasOpen) restoreFocus();
  },
  closeModal() {
    const wasOpen = !modalLayer.hidden;
    dropFrames(modalLayer);
    clear(modalLayer);
    modalLayer.hidden = true;
    if (wasOpen) restoreFocus();
  },
  alert(message, display) {
    toast.textContent = message;
    toast.className = `dh-toast ${display ?? 'info'}`;
    toast.hidden = false;
    setTimeout(() => (toast.hidden = true), 4000);
  },
  jwt,
};

window.__nabizDevHost = {
  connect(_win, h2, _options) {
    handlers = new Map(Object.entries(h2));
    void renderBoard().then(() => document.body.setAttribute('data-ready', 'true'));
  },
  iframeT(win) {
    const f = frames.find((x) => x.el.contentWindow === win);
    return createDevT(services, f?.ctx ?? {});
  },
};

// ───────────── rendering ─────────────
const boardEl = h('div', { class: 'dh-lists', id: 'board' });
const headerButtons = h('div', { class: 'dh-board-buttons', id: 'board-buttons' });

async function call<T>(cap: string, t: DevT, opts?: unknown): Promise<T | null> {
  const fn = handlers?.get(cap);
  if (typeof fn !== 'function') return null;
  try {
    const out: unknown = await fn(t, opts);
    // biome-ignore lint/nursery/noUnsafeTypeAssertion: the connector's own handlers answer with the capability shapes of docs/trello.md §2; the caller names which.
    return out as T;
  } catch (e) {
    console.error(`nabiz dev host: ${cap} failed`, e);
    return null;
  }
}

function badgeEl(b: Badge, cls: string): HTMLElement {
  const el = h('span', { class: `${cls} ${b.color ? `c-${b.color}` : ''}`, 'data-color': b.color ?? 'none' }, b.text ?? '');
  if (!b.text) el.hidden = true;
  return el;
}

/** Resolve a (possibly dynamic) badge and keep refreshing it like Trello does (refresh ≥ 10 s). */
async function dynamicBadge(entry: Badge | { dynamic: () => Badge | Promise<Badge> }, cls: string, seq: number): Promise<HTMLElement> {
  if (!('dynamic' in entry)) return badgeEl(entry, cls);
  const first = await entry.dynamic();
  const el = badgeEl(first, cls);
  const schedule = (b: Badge) => {
    if (!b.refresh) return;
    setTimeout(async () => {
      if (seq !== renderSeq || !el.isConnected) return;
      const next = await entry.dynamic();
      el.replaceWith(badgeEl(next, cls));
    }, Math.max(10, b.refresh) * 1000);
  };
  schedule(first);
  return el;
}

async function renderBoard(): Promise<void> {
  const seq = ++renderSeq;
  const boardT = createDevT(services, {});
  const buttons = (await call<Array<{ text: string; icon: { light: string }; callback: (t: DevT) => unknown }>>('board-buttons', boardT)) ?? [];
  clear(headerButtons);
  // Trello's Power-Up menu → "Settings" (show-settings) and "Authorize account" (authorization-status/show-authorization).
  headerButtons.append(
    h(
      'button',
      { type: 'button', class: 'dh-board-button', id: 'powerup-settings', onclick: () => void call('show-settings', createDevT(services, {})) },
      'Nabız ayarları',
    ),
  );
  const auth = await call<{ authorized: boolean }>('authorization-status', boardT);
  if (auth && !auth.authorized) {
    headerButtons.append(
      h(
        'button',
        { type: 'button', class: 'dh-board-button', id: 'powerup-authorize', onclick: () => void call('show-authorization', createDevT(services, {})) },
        'Yetki ver',
      ),
    );
  }
  for (const b of buttons) {
    headerButtons.append(
      h(
        'button',
        { type: 'button', class: 'dh-board-button', 'data-key': `board:${b.text}`, onclick: () => void b.callback(createDevT(services, {})) },
        h('img', { src: b.icon.light, alt: '' }),
        b.text,
      ),
    );
  }
  const lists = board.lists.filter((l) => !l.closed);
  const cols = await Promise.all(
    lists.map(async (l) => {
      const cards = board.cards.filter((c) => c.idList === l.id && !c.closed);
      const cardEls = await Promise.all(
        cards.map(async (c) => {
          const t = createDevT(services, { card: c.id });
          const badges = (await call<Array<Badge | { dynamic: () => Badge }>>('card-badges', t, { attachments: [] })) ?? [];
          const badgeEls = await Promise.all(badges.map((b) => dynamicBadge(b, 'dh-badge', seq)));
          const members = c.idMembers.flatMap((m) => board.members.filter((x) => x.id === m).slice(0, 1));
          return h(
            'button',
            { type: 'button', class: 'dh-card', 'data-card': c.id, 'data-name': c.name, onclick: () => void renderCardBack(c.id, false) },
            h('span', { class: 'dh-card-name' }, c.name),
            h('span', { class: 'dh-badges' }, ...badgeEls),
            h(
              'span',
              { class: 'dh-members' },
              ...members.map((m) => h('span', { class: 'dh-avatar', title: m.fullName }, m.initials ?? m.fullName.slice(0, 2))),
            ),
          );
        }),
      );
      return h('section', { class: 'dh-list', 'data-list': l.id }, h('h2', {}, l.name), h('div', { class: 'dh-cards' }, ...cardEls));
    }),
  );
  if (seq !== renderSeq) return;
  clear(boardEl);
  boardEl.append(...cols);
}

async function renderCardBack(cardId: string, reload: boolean): Promise<void> {
  const c = board.cards.find((x) => x.id === cardId);
  if (!c) return;
  openCardId = cardId;
  const t = createDevT(services, { card: cardId });
  const [detail, buttons, section, comments] = await Promise.all([
    call<Array<Badge | { dynamic: () => Badge }>>('card-detail-badges', t),
    call<Array<{ text: string; icon: string; callback: (t: DevT) => unknown }>>('card-buttons', t),
    call<{ title: string; icon: string; content: { url: string; height?: number } }>('card-back-section', t),
    fetch(apiUrl(`/1/cards/${cardId}/actions`, { filter: 'commentCard', limit: '20' })).then(async (r) =>
      r.ok ? CommentActionsSchema.parse(await r.json()) : [],
    ),
  ]);
  const detailEls = await Promise.all(
    (detail ?? []).map(async (b) => {
      const resolved = 'dynamic' in b ? await b.dynamic() : b;
      const btn = badgeEl(resolved, 'dh-detail-badge');
      const el = h('div', { class: 'dh-detail' }, h('div', { class: 'dh-detail-title' }, resolved.title ?? ''), btn);
      const callback = resolved.callback;
      if (callback) {
        // A clickable detail badge is a button in Trello: focusable, Enter/Space open it.
        btn.setAttribute('role', 'button');
        btn.setAttribute('data-key', `detail:${resolved.title ?? ''}`);
        btn.tabIndex = 0;
        const open = () => void callback(createDevT(services, { card: cardId }));
        btn.addEventListener('click', open);
        btn.addEventListener('keydown', (e) => {
          if (e.key !== 'Enter' && e.key !== ' ') return;
          e.preventDefault();
          open();
        });
      }
      return el;
    }),
  );
  const list = board.lists.find((l) => l.id === c.idList);
  dropFrames(cardLayer);
  clear(cardLayer);
  const close = h('button', { type: 'button', class: 'dh-close', 'aria-label': 'Kapat', onclick: closeCard }, '×');
  const box = h(
    'div',
    { class: 'dh-card-back', role: 'dialog', 'aria-label': c.name, id: 'card-back' },
    h('header', {}, h('h1', {}, c.name), close),
    h('p', { class: 'dh-in-list' }, `${list?.name ?? ''}`),
    h(
      'div',
      { class: 'dh-card-body' },
      h(
        'div',
        { class: 'dh-main' },
        h('div', { class: 'dh-details', id: 'detail-badges' }, ...detailEls),
        section
          ? h(
              'section',
              { class: 'dh-section', id: 'card-back-section' },
              h('h3', {}, h('img', { src: section.icon, alt: '' }), section.title),
              frame(section.content.url, { card: cardId }, section.content.height ?? 300, section.title),
            )
          : null,
        h(
          'section',
          { class: 'dh-activity', id: 'activity' },
          h('h3', {}, 'Etkinlik'),
          ...(comments ?? []).map((a) =>
            h(
              'div',
              { class: 'dh-comment', 'data-action': a.id },
              h('strong', {}, a.memberCreator?.fullName ?? ''),
              ' ',
              h('time', {}, new Date(a.date).toLocaleString('tr-TR', { timeZone: 'Europe/Istanbul' })),
              h('pre', {}, a.data.text ?? ''),
            ),
          ),
        ),
      ),
      h(
        'aside',
        { class: 'dh-sidebar', id: 'card-buttons' },
        h('h3', {}, 'Power-Up'),
        ...(buttons ?? []).map((b) =>
          h(
            'button',
            { type: 'button', class: 'dh-card-button', 'data-key': `button:${b.text}`, onclick: () => void b.callback(createDevT(services, { card: cardId })) },
            h('img', { src: b.icon, alt: '' }),
            b.text,
          ),
        ),
      ),
    ),
  );
  cardLayer.append(box);
  cardLayer.hidden = false;
  if (!reload) close.focus();
}

function closeCard() {
  openCardId = null;
  dropFrames(cardLayer);
  clear(cardLayer);
  cardLayer.hidden = true;
}

document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  if (!popupLayer.hidden) services.closePopup();
  else if (!modalLayer.hidden) services.closeModal();
  else if (!cardLayer.hidden) closeCard();
});

async function start() {
  board = await loadBoard();
  const me = board.members.find((m) => m.id === config.memberId);
  document.body.append(
    h(
      'header',
      { class: 'dh-header' },
      h('h1', { id: 'board-name' }, board.name),
      headerButtons,
      h('span', { class: 'dh-me' }, `Nabız demo — ${me?.fullName ?? config.memberId} (${config.locale})`),
    ),
    boardEl,
    cardLayer,
    modalLayer,
    popupLayer,
    toast,
  );
  // Like Trello: the connector is a hidden iframe; it calls TrelloPowerUp.initialize (our stand-in) when loaded.
  const connector = h('iframe', { class: 'dh-connector', src: config.connectorUrl, title: 'Nabız connector', 'aria-hidden': 'true' });
  frames.push({ el: connector, ctx: {} });
  document.body.append(connector);
}

start().catch((e: unknown) => {
  document.body.append(h('p', { class: 'dh-error', role: 'alert' }, `Nabız dev host: ${errorMessage(e)}`));
  document.body.setAttribute('data-ready', 'error');
});
