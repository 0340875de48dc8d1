// Digest, chat and mention texts name rules and statuses with the domain dictionary's labels (shared/i18n.ts).
import { describe, expect, it } from 'vitest';
import { chatPayload, digestText, mentionText, type DigestView, type LineView } from '../../../server/src/notify/render.js';

const line = (rule: string, status: string, period: string): LineView => ({
  specialist: 'Ayşe Yılmaz',
  customer: 'Anadolu Baharat',
  cardUrl: 'https://trello.com/c/AAAA1111/anadolu',
  boardName: 'Müşteriler',
  rule,
  period,
  status,
  severity: 'warning',
  level: 'specialist',
  detail: { tr: 'ayrıntı', en: 'detail' },
});

const view = (lines: LineView[]): DigestView => ({ recipientName: 'Zeynep', role: 'teamLead', day: '2026-11-24', lines, cleared: [], expired: [], stillOpen: 0, held: 0 });

describe('notify texts use the shared rule and status labels', () => {
  it('names the newer rules (growth, pool contact, leave) and unreachable the same way as the audit and dashboard', () => {
    const lines = [line('growth', 'warning', '2026-W47'), line('pool-contact', 'warning', '2026-W47'), line('unreachable', 'escalate', '2026-11-18'), line('leave', 'warning', '2026-11-30')];
    const text = digestText(view(lines));
    expect(text).toContain('İzin ve vekil 30.11.2026 — uyarı: ayrıntı');
    expect(text).toContain('Leave and cover 2026-11-30 — warning: detail');
    expect(text).toContain('Anormal artış 2026-W47 — uyarı: ayrıntı');
    expect(text).toContain('Havuz haftalık görüşmesi 2026-W47 — uyarı: ayrıntı');
    expect(text).toContain('Ulaşılamadı 18.11.2026 — yöneticiye bildir: ayrıntı');
    expect(text).toContain('Abnormal growth 2026-W47 — warning: detail');
    expect(text).toContain('Pool weekly contact 2026-W47 — warning: detail');
    expect(text).not.toContain('pool-contact');
    expect(text).not.toMatch(/• growth /);
    expect((chatPayload(view(lines), 'slack') as { text: string }).text).toContain('Havuz haftalık görüşmesi');
    expect(mentionText({ fullName: 'Ayşe Yılmaz' }, [line('intro', 'missing', '')])).toContain('- Tanışma araması — eksik: ayrıntı / Intro call — missing: detail');
  });
});
