// The card back's freeze approvals: which recorded approval covers a frozen range (R20).
import { describe, expect, it } from 'vitest';
import { approvalFor } from '../../powerup/src/pages/freeze-approval.js';

describe('approvalFor', () => {
  const approvals = [{ from: '2026-11-24', to: '2026-11-30', by: 'lead', at: '2026-11-20T09:00:00Z' }];
  it('an approval spanning the whole range covers it; a partial one does not', () => {
    expect(approvalFor({ from: '2026-11-24', to: '2026-11-30' }, approvals)?.by).toBe('lead');
    expect(approvalFor({ from: '2026-11-25', to: '2026-11-27' }, approvals)?.by).toBe('lead');
    expect(approvalFor({ from: '2026-11-23', to: '2026-11-30' }, approvals)).toBeUndefined();
    expect(approvalFor({ from: '2026-11-28', to: '2026-12-02' }, approvals)).toBeUndefined();
  });
});
