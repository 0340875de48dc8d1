// The "Yöneticiye bildirildi" form (P11, P20, R14): every whom × what choice writes a `#bildirildi` entry that the
// rules read back as the same escalation (shared/escalations.ts), today, with the note after it.
import { describe, expect, it } from 'vitest';
import { formatEntry, parseEntry } from '../../shared/entries.js';
import { escalationOf, type EscalationTo, type EscalationTopic } from '../../shared/escalations.js';
import { validateEscalation } from '../../powerup/src/forms/validate.js';

const tr = { today: '2026-11-23', locale: 'tr' as const };

describe('validateEscalation', () => {
  const tos: EscalationTo[] = ['manager', 'teamLead', 'keyAccount'];
  const topics: EscalationTopic[] = ['unreachable', 'training', 'department'];
  for (const to of tos) {
    for (const topic of topics) {
      it(`${to} / ${topic}: posted text reads back as the same escalation`, () => {
        const r = validateEscalation({ to, topic, note: '  ERP ekibi dönüş yapmadı ' }, tr);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const text = formatEntry(r.draft);
        expect(text.split('\n')[0]).toMatch(/^#bildirildi /);
        expect(text.endsWith('\nERP ekibi dönüş yapmadı')).toBe(true);
        const e = parseEntry(text, '2026-11-23T09:00:00Z');
        expect(e?.forDate).toBe('2026-11-23');
        expect(escalationOf(e!.kinds, text)).toEqual({ to: [to], topic });
        // Not a quota action: "bildirildi" is no "bilgilendirildi".
        expect(e!.actions).toEqual([]);
      });
    }
  }
});
