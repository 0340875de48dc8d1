// What the rule tests under test/shared/rules/ share: run a board at an Istanbul wall time, and read findings of one rule.
import { evaluateBoard } from '../../../shared/compliance.js';
import type { AuditResult, BoardSnapshot, Finding, RuleId } from '../../../shared/types.js';
import { board, ist, type CardSpec } from '../../fixtures/snapshot-builder.js';

export const at = (wall: string): Date => new Date(ist(wall));

export function run(snap: BoardSnapshot, now: string): AuditResult {
  return evaluateBoard(snap, at(now));
}

export function of(result: AuditResult, rule: RuleId): Array<Pick<Finding, 'period' | 'status' | 'memberId'> & { actionIds?: string[] }> {
  return result.findings
    .filter((f) => f.rule === rule)
    .map((f) => ({ period: f.period, status: f.status, memberId: f.memberId, ...(f.actionIds ? { actionIds: f.actionIds } : {}) }));
}

export function periods(result: AuditResult, rule: RuleId, status?: string): string[] {
  return result.findings.filter((f) => f.rule === rule && (!status || f.status === status)).map((f) => f.period);
}

/** One card assigned on a Monday, judged from then on. */
export function oneCard(spec: CardSpec, settings = {}): BoardSnapshot {
  return board([{ ...spec, profile: { assignedAt: '2026-11-02', ...(spec.profile ?? {}) } }], settings);
}
