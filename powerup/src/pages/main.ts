// Entry of every iframe page (popups, modals, card back): <body data-page="…"> picks the page.
import { h } from '../dom.js';
import { renderAuthorize } from './authorize.js';
import { renderCardBack } from './card-back.js';
import { boot, closeOnEscape } from './common.js';
import { renderDaily, renderDelay, renderEscalation, renderGoLive, renderMonthly, renderWeekly } from './entry-forms.js';
import { renderOverview } from './overview.js';
import { renderProfile } from './profile.js';
import { renderSchedule } from './schedule.js';
import { renderSettings } from './settings.js';
import { errorMessage } from '../errors.js';

const PAGES: Record<string, (ctx: ReturnType<typeof boot>) => void | Promise<void>> = {
  daily: renderDaily,
  weekly: renderWeekly,
  monthly: renderMonthly,
  golive: renderGoLive,
  delay: renderDelay,
  escalation: renderEscalation,
  profile: renderProfile,
  settings: renderSettings,
  authorize: renderAuthorize,
  overview: renderOverview,
  schedule: renderSchedule,
  'card-back': renderCardBack,
};

const ctx = boot();
const page = document.body.dataset.page ?? '';
const render = PAGES[page];
// The card-back section is part of the card, not a dialog: Escape there belongs to Trello.
if (page === 'overview' || page === 'schedule') closeOnEscape(ctx, 'modal');
else if (page !== 'card-back') closeOnEscape(ctx, 'popup');
Promise.resolve(render ? render(ctx) : undefined)
  .then(() => document.body.setAttribute('data-ready', 'true'))
  .catch((e: unknown) => {
    ctx.root.append(h('p', { class: 'messages error', role: 'alert' }, errorMessage(e)));
    document.body.setAttribute('data-ready', 'error');
  });
