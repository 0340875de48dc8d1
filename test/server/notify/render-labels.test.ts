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

const view = (lines: LineView[]): DigestView => ({
  recipientName: 'Zeynep',
  role: 'teamLead',
  day: '2026-11-24',
  lines,
  cleared: [],
  expired: [],
  stillOpen: 0,
  held: 0,
});

describe('notify texts use the shared rule and status labels', () => {
  it('names the newer rules (growth, pool contact, leave) and unreachable the same way as the audit and dashboard', () => {
    const lines = [
      line('growth', 'warning', '2026-W47'),
      line('pool-contact', 'warning', '2026-W47'),
      line('unreachable', 'escalate', '2026-11-18'),
      line('leave', 'warning', '2026-11-30'),
    ];
    const text = digestText(view(lines));
    expect(text).toContain('İzin ve vekil 30.11.2026 — uyarı: ayrıntı');
    expect(text).toContain('Anormal artış 47. hafta (16.11–22.11.2026) — uyarı: ayrıntı');
    expect(text).toContain('Havuz haftalık görüşmesi 47. hafta (16.11–22.11.2026) — uyarı: ayrıntı');
    expect(text).toContain('Ulaşılamadı 18.11.2026 — yöneticiye bildir: ayrıntı');
    expect(text).not.toMatch(/2026-W47|warning|detail/);
    const en = digestText({ ...view(lines), lang: 'en' });
    expect(en).toContain('Leave and cover 2026-11-30 — warning: detail');
    expect(en).toContain('Abnormal growth week 47 (2026-11-16 – 11-22) — warning: detail');
    expect(en).toContain('Pool weekly contact week 47 (2026-11-16 – 11-22) — warning: detail');
    expect(en).not.toMatch(/uyarı|ayrıntı/);
    expect(text).not.toContain('pool-contact');
    expect(text).not.toMatch(/• growth /);
    expect((chatPayload(view(lines), 'slack') as { text: string }).text).toContain('Havuz haftalık görüşmesi');
  });

  it('mention comments: Turkish only (English only for members marked English); "eksik" only for missing entries', () => {
    const missing = mentionText({ fullName: 'Ayşe Yılmaz', username: 'ayse' }, [line('intro', 'missing', '')]);
    expect(missing).toBe('@ayse Nabız: bu kartta eksik kayıt var.\n- Tanışma araması — eksik: ayrıntı\n(Düzeltildiğinde uyarı kendiliğinden kalkar.)');
    expect(missing).not.toMatch(/Intro call|missing|detail/);
    // A 95 % disk is a finding, not a missing entry.
    const disk = mentionText({ fullName: 'Ayşe Yılmaz' }, [line('disk', 'critical', '2026-W47'), line('daily', 'missing', '2026-11-20')]);
    expect(disk.split('\n')[0]).toBe('Ayşe Yılmaz Nabız: bu kartta açık uyarı var.');
    expect(disk).toContain('- Disk 47. hafta (16.11–22.11.2026) — kritik: ayrıntı');
    const en = mentionText({ fullName: 'Jane Doe', username: 'jane' }, [line('daily', 'missing', '2026-11-20')], 'en');
    expect(en).toBe('@jane Nabız: Missing entries on this card.\n- Daily 2026-11-20 — missing: detail\n(The finding clears on its own once fixed.)');
  });
});
