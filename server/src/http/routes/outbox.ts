// GET /outbox (Turkish page) and /outbox.json: the outbox, the last digests and — in dry run — a
// preview of what managers and team leads would receive, so a newcomer sees the ladder at work.
// Access (docs/operations.md, "Access model"): open in the demo; otherwise only with the recipient's own signed
// link from their digest (`?link=`, bound to that person, server/src/link-tokens.ts), showing what that person may see
// (notify/outbox-access.ts). Signed links inside messages are never shown here, not even the viewer's own.
import { Router, type Request, type Response } from 'express';
import { accessPolicy } from '../access-policy.js';
import type { AppDeps } from '../deps.js';
import { redactSignedLinks, verifyOutboxLink } from '../../link-tokens.js';
import { mayOpenItem, mayOpenMessage, type OutboxScope } from '../../notify/outbox-access.js';
import { boardView, createNotifier, type MessageSummary, type Notifier, type NotifyRunReport } from '../../notify/notifier.js';
import { notifySettings } from '../../notify/settings.js';
import { escapeHtml as esc } from '../../html.js';
import { formatInstant, formatPeriodWords, ruleLabel, statusLabel } from '../../../../shared/i18n.js';
import type { MessageRecord, OutboxItem } from '../../store/notify-schema.js';
import { nudgeView, type NudgeView } from './nudge.js';

const STATE_TR: Record<string, string> = {
  pending: 'bekliyor',
  queued: 'mesajda',
  sending: 'gönderiliyor',
  sent: 'gönderildi',
  failed: 'hata, tekrar denenecek',
  expired: 'süresi doldu (teslim edilemedi)',
};
const CHANNEL_TR: Record<string, string> = { email: 'e-posta', chat: 'sohbet', trello: 'Trello yorumu' };
const LEVEL_TR: Record<string, string> = { specialist: 'uzman', teamLead: 'takım lideri', manager: 'yönetici' };

// `03.12.2026 10:42` (Istanbul), the same two-digit day as every other Turkish date (Intl's short style says 3.12.2026).
const when = (iso?: string) => (iso ? formatInstant(iso, 'tr') : '—');

export interface OutboxView {
  dryRun: boolean;
  outbox: OutboxItem[];
  messages: MessageRecord[];
  preview: NotifyRunReport | null;
  /** Card id → customer name, so the table shows "ilmekilmek.com" instead of a Trello id. */
  cardNames: Record<string, string>;
  /** One person's view (not the demo's everything): the run's totals are not shown. */
  scoped?: boolean;
  /** The leads' «Hatırlat» reminders (ledger facts, routes/nudge.ts), newest first. */
  nudges?: NudgeView[];
}

/** A dry-run notifier that previews as if every channel were configured, so the demo shows what managers would
 * get. It mints no links: a page must never carry anyone's signed link. Built once with the router. */
function previewNotifier(deps: AppDeps): Notifier {
  return createNotifier({
    store: deps.store,
    config: deps.config,
    ports: {},
    clock: deps.clock,
    log: deps.log,
    mintLinks: false,
    settings: { dryRun: true, channels: { email: true, chat: Boolean(deps.config.CHAT_WEBHOOK_URL), trello: true } },
  });
}

async function view(deps: AppDeps, notifier: Notifier, scope: OutboxScope): Promise<OutboxView> {
  const s = deps.store;
  const people = deps.config.people;
  const live = notifySettings(deps.config, { trello: Boolean(deps.config.TRELLO_TOKEN) });
  const report = await notifier.run({ dryRun: true });
  const clean = <T extends { text: string; html?: string | undefined }>(m: T): T => ({
    ...m,
    text: redactSignedLinks(m.text),
    ...(m.html ? { html: redactSignedLinks(m.html) } : {}),
  });
  const seen = (m: MessageSummary) => mayOpenMessage(scope, m, people);
  const shown = report.messages.filter(seen).map(clean);
  const held = report.heldByCap.filter(seen).map(clean);
  // A person's view keeps only their messages: the run's flag keys, label changes and message ids name every
  // team's cards, so they are left out (the whole run is in `nabiz notify --dry-run --json` for the operator).
  const preview: NotifyRunReport = scope.all
    ? { ...report, messages: shown, heldByCap: held }
    : {
        ...report,
        messages: shown,
        heldByCap: held,
        decided: { opened: [], cleared: [], escalated: [], newItems: 0, cancelled: [] },
        composed: report.composed.filter((id) => shown.some((m) => m.id === id) || held.some((m) => m.id === id)),
        expired: [],
        labels: [],
        summary: '',
      };
  // Newest first, only what this viewer may see; sorted copies of the (small) lists, never the whole state.
  const outbox = s.messages
    .outbox()
    .filter((i) => mayOpenItem(scope, i, people))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, 300);
  const messages = s.messages
    .digests()
    .filter((m) => mayOpenMessage(scope, m, people))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, 30)
    .map(({ payload: _p, ...m }) => clean(m));
  const cardNames: Record<string, string> = {};
  const views = new Map<string, ReturnType<typeof boardView>>();
  for (const i of outbox) {
    let v = views.get(i.boardId);
    if (!v) views.set(i.boardId, (v = boardView(s, i.boardId)));
    const name = v.cards[i.cardId]?.name;
    if (name) cardNames[i.cardId] = name;
  }
  // The leads' reminders are Trello comments to a specialist: seen by whoever oversees that specialist, like mentions.
  const nudges: NudgeView[] = [];
  for (const boardId of s.boards.keys()) {
    const v = boardView(s, boardId);
    const nameOf = (id: string) => v.members[id]?.fullName ?? people.find((p) => p.trelloId === id)?.name;
    for (const r of await deps.store.ledger.facts(boardId)) {
      if (r.type !== 'nudge' || !mayOpenItem(scope, { channel: 'trello', recipient: r.memberId ?? '', boardId, memberId: r.memberId ?? '' }, people)) continue;
      nudges.push(nudgeView(r, nameOf));
      const name = v.cards[r.cardId]?.name;
      if (name) cardNames[r.cardId] = name;
    }
  }
  nudges.sort((a, b) => b.at.localeCompare(a.at));
  return { dryRun: live.dryRun, outbox, messages, preview, cardNames, scoped: !scope.all, nudges: nudges.slice(0, 100) };
}

/** Who is asking: everything when the access policy opens the outbox (the demo); otherwise the person of a valid outbox link, else a 403 page. */
function scopeOf(deps: AppDeps, req: Request, res: Response): OutboxScope | null {
  if (accessPolicy(deps).outboxOpen) return { all: true };
  const secret = deps.config.DASHBOARD_LINK_SECRET;
  const link = typeof req.query.link === 'string' ? req.query.link : undefined;
  let why = 'Geçerli bir kişisel bağlantı gerekli (kendi özet e-postanızdaki “Giden kutusu” bağlantısı).';
  if (!secret) why = 'Bu sayfa yalnızca DASHBOARD_LINK_SECRET ayarlandığında, özet e-postasındaki kişisel bağlantıyla açılır.';
  else if (link) {
    const v = verifyOutboxLink(link, secret, deps.clock(), deps.config.LINK_MAX_DAYS);
    const person = v.ok ? deps.config.people.find((p) => p.trelloId === v.claims.sub) : undefined;
    if (person) return { all: false, person };
    if (!v.ok && v.reason === 'expired') why = 'Bağlantının süresi dolmuş. Son özet e-postasındaki yeni bağlantıyı kullanın.';
    else if (v.ok) why = 'Bu bağlantının sahibi artık Nabız’da tanımlı değil.';
  } else if (req.query.sig !== undefined)
    why = 'Bu eski biçim bir bağlantı; artık kişiye bağlı bağlantılar kullanılıyor. Son özet e-postasındaki bağlantıyı açın.';
  res
    .status(403)
    .type('html')
    .send(page('Erişim yok', `<p>${esc(why)}</p>`));
  return null;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="tr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Nabız — ${esc(title)}</title>
<style>
body{font-family:-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#172b4d;margin:24px;max-width:1200px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #dfe1e6;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f5f7}.tag{display:inline-block;padding:1px 6px;border-radius:3px;background:#dfe1e6;font-size:12px}
.sent{background:#baf3db}.failed,.expired{background:#ffd5d2}.pending,.queued,.sending{background:#fff7d6}
.note{background:#e9f2ff;padding:8px 12px;border-radius:4px}pre{white-space:pre-wrap;background:#f4f5f7;padding:8px;font-size:12px}
iframe{width:100%;height:420px;border:1px solid #dfe1e6}
summary{cursor:pointer;padding:4px 0;min-height:24px;line-height:1.5}
</style></head><body><h1>Nabız — ${esc(title)}</h1>${body}</body></html>`;
}

function messageBlock(m: { subject: string; to: string; channel: string; text: string; html?: string | undefined }, extra: string, open = false): string {
  const body = m.html ? `<iframe sandbox="" title="${esc(m.subject)}" srcdoc="${esc(m.html)}"></iframe>` : `<pre>${esc(m.text)}</pre>`;
  return `<details${open ? ' open' : ''}><summary><strong>${esc(m.subject)}</strong> → ${esc(m.to)} · ${esc(CHANNEL_TR[m.channel] ?? m.channel)} ${extra}</summary>${body}</details>`;
}

function render(v: OutboxView): string {
  const parts: string[] = [];
  parts.push(
    `<p class="note">${
      v.dryRun
        ? '<strong>Deneme modu:</strong> hiçbir şey gönderilmiyor. Aşağıdaki önizleme, kanallar açıldığında (SMTP_URL, CHAT_WEBHOOK_URL, NOTIFY_DRY_RUN=false) kime ne gideceğini gösterir.'
        : 'Canlı mod: bildirimler gönderiliyor. Her bildirim alıcı ve kanal başına bir kez gider.'
    } Sıra: yeni eksik → uzmana kart yorumu (@bahsetme); ertesi iş günü hâlâ açık → takım liderinin özeti; 3+ iş günü ya da kritik → yöneticinin özeti; düzelince bir sonraki özette bir kez “düzeldi”. Ayrıca kişisel hatırlatmasını açan uzmana, seçtiği saatte bugünün günlük kaydı bekleyen kartı varsa günde en çok bir @bahsetme.</p>`,
  );
  const p = v.preview;
  if (p) {
    parts.push(`<h2>Önizleme: gönderilecekler (${p.messages.length})</h2>`);
    if (!p.messages.length) parts.push('<p>Şu an gönderilecek bir şey yok.</p>');
    const firstDigest = p.messages.find((m) => m.kind === 'digest');
    for (const m of p.messages) {
      parts.push(
        messageBlock(m, `· ${m.lines} satır · ${esc(m.dueAt ? `gönderim: ${m.dueAt.includes('T') ? when(m.dueAt) : m.dueAt}` : '')}`, m === firstDigest),
      );
    }
    if (p.heldByCap.length) parts.push(`<p>Çalıştırma sınırı nedeniyle bekletilen: ${p.heldByCap.length} mesaj.</p>`);
    // The notifier's summary line is English (CLI/logs); the page says the same in Turkish.
    const d = p.decided;
    const totals = v.scoped ? '' : `; açılan ${d.opened.length}, yükseltilen ${d.escalated.length}, düzelen ${d.cleared.length} kayıt`;
    parts.push(`<p><small>${esc(`Deneme çalıştırması: ${p.messages.length} mesaj gönderilecekti${totals}.`)}${p.note ? ` ${esc(p.note)}` : ''}</small></p>`);
  }
  const expired = v.messages.filter((m) => m.state === 'expired');
  if (expired.length) {
    parts.push(`<h2>Teslim edilemeyenler (${expired.length})</h2><ul>`);
    for (const m of expired) parts.push(`<li>${esc(`${when(m.createdAt)} → ${m.to}: ${m.subject} (${m.attempts} deneme; ${m.lastError ?? 'hata yok'})`)}</li>`);
    parts.push('</ul>');
  }
  parts.push(`<h2>Son mesajlar (${v.messages.length})</h2>`);
  if (!v.messages.length) parts.push('<p>Henüz mesaj oluşturulmadı.</p>');
  for (const m of v.messages) {
    parts.push(
      messageBlock(
        m,
        `· <span class="tag ${m.state}">${esc(STATE_TR[m.state] ?? m.state)}</span> · ${m.attempts} deneme · ${esc(when(m.sentAt ?? m.createdAt))}${m.lastError ? ` · ${esc(m.lastError)}` : ''}`,
      ),
    );
  }
  const nudges = v.nudges ?? [];
  parts.push(`<h2>Hatırlatmalar (${nudges.length})</h2>`);
  if (!nudges.length)
    parts.push(
      '<p>Henüz hatırlatma gönderilmedi. Ekip liderleri kart arkasındaki “Hatırlat” düğmesiyle, günlük kaydı bekleyen karta günde bir kez hatırlatma gönderebilir.</p>',
    );
  else {
    parts.push('<table><thead><tr><th>Gönderildi</th><th>Gönderen</th><th>Uzman</th><th>Kart</th><th>Yorum</th></tr></thead><tbody>');
    for (const n of nudges)
      parts.push(
        `<tr><td>${esc(when(n.at))}</td><td>${esc(n.byName ?? n.by)}</td><td>${esc(n.toName ?? n.to ?? '—')}</td><td>${esc(v.cardNames[n.cardId] ?? n.cardId)}</td><td>${esc(n.text ?? '')}</td></tr>`,
      );
    parts.push('</tbody></table>');
  }
  parts.push(`<h2>Giden kutusu (${v.outbox.length})</h2>`);
  parts.push(
    '<table><thead><tr><th>Durum</th><th>Kanal</th><th>Alıcı</th><th>Basamak</th><th>Kural</th><th>Dönem</th><th>Kart</th><th>Oluşturuldu</th><th>Gönderildi</th></tr></thead><tbody>',
  );
  for (const i of v.outbox) {
    parts.push(
      `<tr><td><span class="tag ${i.state}">${esc(STATE_TR[i.state] ?? i.state)}</span>${i.kind === 'cleared' ? ' ✓ düzeldi' : ''}</td><td>${esc(CHANNEL_TR[i.channel] ?? i.channel)}</td><td>${esc(i.recipient)}</td><td>${esc(LEVEL_TR[i.level] ?? i.level)}</td><td>${esc(`${ruleLabel(i.rule, 'tr')} — ${statusLabel(i.status, 'tr')}`)}</td><td>${esc(formatPeriodWords(i.period, 'tr'))}</td><td>${esc(v.cardNames[i.cardId] ?? i.cardId)}</td><td>${esc(when(i.createdAt))}</td><td>${esc(when(i.sentAt))}</td></tr>`,
    );
  }
  if (!v.outbox.length)
    parts.push('<tr><td colspan="9">Giden kutusu boş: henüz bildirim kaydı yok. Bir tarama eksik bulduğunda kayıtlar burada görünür.</td></tr>');
  parts.push('</tbody></table>');
  return page('Giden kutusu', parts.join('\n'));
}

export function outboxRouter(deps: AppDeps): Router {
  // Built once with the router, not per request.
  const preview = previewNotifier(deps);
  const r = Router();
  r.get('/outbox', async (req, res) => {
    const scope = scopeOf(deps, req, res);
    if (!scope) return;
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.type('html').send(render(await view(deps, preview, scope)));
  });
  r.get('/outbox.json', async (req, res) => {
    const scope = scopeOf(deps, req, res);
    if (!scope) return;
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const v = await view(deps, preview, scope);
    res.json({ dryRun: v.dryRun, outbox: v.outbox, messages: v.messages, preview: v.preview, nudges: v.nudges ?? [] });
  });
  return r;
}
