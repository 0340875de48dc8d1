// How the evidence report reads: Turkish periods, file names without ids, table headers that never break mid-word.
import { describe, expect, it } from 'vitest';
import { datesIn, periodText, reportFileName, slug } from '../../../server/src/reports/evidence-view.js';
import { createReportPdf, fitColumns } from '../../../server/src/reports/pdf-doc.js';
import type { EvidenceReport } from '../../../server/src/reports/evidence-model.js';

describe('evidence view helpers', () => {
  it('periods in words, Turkish dates', () => {
    expect(periodText('2026-11-01', 'tr')).toBe('01.11.2026');
    expect(periodText('2026-W48', 'tr')).toBe('48. hafta (23.11–29.11.2026)');
    expect(periodText('2026-W53', 'tr')).toBe('53. hafta (28.12–03.01.2027)');
    expect(periodText('2026-10', 'tr')).toBe('Ekim 2026');
    expect(periodText('2026-W48', 'en')).toBe('week 48 (2026-11-23 – 11-29)');
    expect(datesIn('2026-11-03 için; 2026-W45; 2026-11-05T08:00:00.000Z', 'tr')).toBe('03.11.2026 için; 45. hafta (02.11–08.11.2026); 05.11.2026 11:00');
  });

  it('file names carry the specialist and the period, never an id', () => {
    expect(slug('Şule Gündoğdu')).toBe('sule-gundogdu');
    expect(slug('İlker Çağlar Öz')).toBe('ilker-caglar-oz');
    const r = (over: Partial<EvidenceReport>) =>
      ({ board: { id: '5f00aa', name: 'Gelişmiş Destek — İstanbul' }, filter: {}, from: '2026-10-01', to: '2026-10-31', ...over }) as EvidenceReport;
    expect(reportFileName(r({ filter: { memberId: '5f11', memberName: 'Şule Gündoğdu' } }), 'pdf')).toBe('nabiz-kanit-sule-gundogdu-2026-10.pdf');
    expect(reportFileName(r({ to: '2026-10-15' }), 'csv')).toBe('nabiz-kanit-gelismis-destek-istanbul-2026-10-01_2026-10-15.csv');
    expect(reportFileName(r({ filter: { cardId: 'c1', cardName: 'Örnek Mağaza' } }), 'html', 'en')).toBe('nabiz-evidence-ornek-magaza-2026-10.html');
  });

  it('fitColumns: every header word fits its column, shrinking the font when needed', async () => {
    const pdf = createReportPdf({ Title: 't', CreationDate: new Date(0) });
    const headers = ['Kural', 'Değerlendirilen', 'Zamanında', 'Geç', 'Eksik', 'Okuma yok', 'Değerlendirilmedi', 'Sonradan düzenlendi', 'Silindi', 'Uyum %'];
    for (const total of [515, 440]) {
      const { widths, size } = fitColumns(pdf.doc, headers, total, { size: 8 });
      expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(total + 0.01);
      pdf.doc.font('B').fontSize(size);
      headers.forEach((h, i) => {
        for (const w of h.split(' ')) expect(pdf.doc.widthOfString(w)).toBeLessThanOrEqual(widths[i]! - 4);
      });
      if (total === 440) expect(size).toBeLessThan(8);
    }
    await pdf.finish(() => '');
  });
});
