// A member who left the board is named as such in the audit formats, never by a raw Trello id (docs/glossary.md).
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../../shared/compliance.js';
import { renderAuditCsv, renderAuditHtml } from '../../../server/src/reports/audit-format.js';
import { SPECIALIST, board } from '../../fixtures/snapshot-builder.js';

const snap = board([{ name: 'Örnek Mağaza', profile: { assignedAt: '2026-11-02' } }]);
const now = new Date('2026-11-10T12:00:00+03:00');
const result = evaluateBoard(snap, now);
const gone = { ...snap, members: snap.members.filter((m) => m.id !== SPECIALIST) };

describe('audit formats: members not on the board', () => {
  it('CSV and HTML say "Panoda olmayan üye" (en: "Member not on the board")', () => {
    expect(result.findings.some((f) => f.memberId === SPECIALIST)).toBe(true);
    const csv = renderAuditCsv(result, { snapshot: gone, now, locale: 'tr' });
    expect(csv).toContain('Panoda olmayan üye');
    expect(csv).not.toContain(SPECIALIST);
    expect(renderAuditHtml(result, { snapshot: gone, now, locale: 'en' })).toContain('Member not on the board');
  });
});
