// Compliance vs risk (docs/rules.md "Compliance and risk"): a finding against the responsible person for a
// duty missed, or the customer's site state. At ≥ 95 % with every R38 action recorded the specialist gets no
// finding of their own: a risk. One threshold set: the board's settings decide both.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../shared/compliance.js';
import { boardStatus } from '../../shared/status.js';
import type { AuditResult } from '../../shared/types.js';
import { buildDashboard } from '../../server/src/reports/dashboard-model.js';
import { viewerFor } from '../../server/src/reports/access.js';
import { board, ist, SPECIALIST, type CardSpec } from '../fixtures/snapshot-builder.js';

const at = (wall: string) => new Date(ist(wall));
const NOW = at('2026-11-18 09:00');
const quota = (r: AuditResult) =>
  r.findings.filter((f) => f.rule === 'disk' || f.rule === 'growth').map((f) => `${f.rule} ${f.period} ${f.status} ${f.severity} ${f.class}`);
const weekly = (disk: string, actions = '', settings = {}, extra: CardSpec['comments'] = []) =>
  board(
    [
      {
        profile: { assignedAt: '2026-11-09' },
        comments: [...extra, { text: `#günlük #haftalık\nDisk: ${disk}\nTrafik: 10/100 GB\n${actions}`, at: '2026-11-16 12:00' }],
      },
    ],
    { trackingStart: '2026-11-09', ...settings },
  );

describe('disk and traffic: compliance or risk (R38, A9)', () => {
  it("≥ 95 % with informed and optimised recorded: a risk, not the specialist's finding", () => {
    const r = evaluateBoard(weekly('3,9 / 4 GB', 'müşteri bilgilendirildi, görseller optimize edildi'), NOW);
    expect(quota(r)).toEqual(['disk 2026-W47 critical critical risk']);
    const f = r.findings.find((x) => x.rule === 'disk')!;
    expect(f.detail.tr).toContain('müşteri riski, uzmanın eksiği değil');
    expect(f.detail.en).toContain("a customer risk, not the specialist's miss");
    expect(f.memberId).toBe(SPECIALIST); // whose card it is, for the lead; it counts against no one
  });

  it('≥ 95 % with only "informed": the specialist\'s critical finding (compliance)', () => {
    expect(quota(evaluateBoard(weekly('3,9 / 4 GB', 'müşteri bilgilendirildi'), NOW))).toEqual(['disk 2026-W47 critical critical compliance']);
  });

  it('≥ 95 % with nothing recorded: compliance, critical', () => {
    expect(quota(evaluateBoard(weekly('3,9 / 4 GB'), NOW))).toEqual(['disk 2026-W47 critical critical compliance']);
  });

  it('80–95 % without the actions: compliance high; with them: nothing', () => {
    expect(quota(evaluateBoard(weekly('3,4 / 4 GB'), NOW))).toEqual(['disk 2026-W47 high warning compliance']);
    expect(quota(evaluateBoard(weekly('3,4 / 4 GB', 'bilgilendirildi, ek kota önerildi'), NOW))).toEqual([]);
  });

  it('growth of 10+ points is a risk (P10)', () => {
    const snap = weekly('2 / 4 GB', '', {}, [{ text: '#günlük #haftalık\nDisk: 1 / 4 GB\nTrafik: 10/100 GB', at: '2026-11-09 12:00' }]);
    expect(quota(evaluateBoard(snap, NOW))).toEqual(['growth 2026-W47 warning warning risk']);
  });

  it("the board's thresholds decide both the rules and the badge colours (one set)", () => {
    const snap = weekly('3,5 / 4 GB', 'bilgilendirildi, optimize edildi', { thresholds: { high: 70, critical: 85, staleDays: 8 } });
    const r = evaluateBoard(snap, NOW);
    expect(quota(r)).toEqual(['disk 2026-W47 critical critical risk']); // 87.5 % ≥ 85
    const st = boardStatus(snap, r, NOW);
    expect(st.thresholds).toEqual({ high: 70, critical: 85, staleDays: 8 });
  });

  it('every finding of a result says its class', () => {
    const r = evaluateBoard(weekly('3,9 / 4 GB'), at('2026-11-25 09:00'));
    expect(r.findings.length).toBeGreaterThan(1);
    expect(r.findings.every((f) => f.class === 'compliance' || f.class === 'risk')).toBe(true);
  });
});

describe("a risk never counts in the person's figures", () => {
  it("dashboard: the risk is listed under risks, not in the specialist's findings or the card's count", () => {
    const manager = { name: 'Kemal', trelloId: 'p1', role: 'manager' as const };
    const dash = (actions: string) => {
      const snap = weekly('3,9 / 4 GB', actions);
      return buildDashboard({
        boards: [{ snapshot: snap, result: evaluateBoard(snap, NOW), records: [], backfilled: true }],
        viewer: viewerFor(manager),
        people: [manager],
        now: NOW,
      });
    };
    const risk = dash('bilgilendirildi, optimize edildi');
    expect(risk.risks.map((f) => `${f.rule} ${f.class}`)).toEqual(['disk risk']);
    expect(risk.findings.items.filter((f) => f.rule === 'disk')).toEqual([]);
    expect(risk.findings.bySeverity.critical).toBe(0);
    const duty = dash('');
    expect(duty.risks).toEqual([]);
    expect(duty.findings.items.filter((f) => f.rule === 'disk').map((f) => f.class)).toEqual(['compliance']);
    expect(duty.findings.bySeverity.critical).toBe(1);
    // The per-specialist figures are the same either way: a risk is not a missed period.
    expect(risk.specialists.map((s) => s.thisWeek)).toEqual(duty.specialists.map((s) => s.thisWeek));
    expect(risk.cards[0]!.findings).toBe(duty.cards[0]!.findings - 1);
  });
});
