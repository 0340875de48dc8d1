/**
 * The one list of the domain's rules. Its order is the order findings of one card and period are
 * listed in (profile first, evidence last). Adding a rule: its file in rules/, its `rule.<id>` label and
 * finding texts in both dictionaries of shared/i18n.ts, and one line here; forgetting this line is a
 * type error below.
 */
import type { RuleId } from '../i18n.js';
import type { Rule } from './rule.js';
import { contactRule } from './rules/contact.js';
import { dailyRule } from './rules/daily.js';
import { evidenceRule } from './rules/evidence.js';
import { freezeRule } from './rules/freeze.js';
import { goLiveReasonRule, goLiveRule } from './rules/golive.js';
import { growthRule } from './rules/growth.js';
import { introRule } from './rules/intro.js';
import { leaveRule } from './rules/leave.js';
import { monthlyRule } from './rules/monthly.js';
import { monthReviewRule } from './rules/month-review.js';
import { onboardingRule } from './rules/onboarding.js';
import { poolContactRule } from './rules/pool-contact.js';
import { profileRule } from './rules/profile.js';
import { diskRule, trafficRule } from './rules/quota.js';
import { slotChangeRule } from './rules/slot-change.js';
import { slotRule } from './rules/slot.js';
import { capacityRule, inactiveRule } from './rules/team-lead.js';
import { trainingRule } from './rules/training.js';
import { unreachableRule } from './rules/unreachable.js';
import { weeklyRule } from './rules/weekly.js';

export const RULES = [
  profileRule,
  introRule,
  onboardingRule,
  dailyRule,
  unreachableRule,
  trainingRule,
  weeklyRule,
  poolContactRule,
  diskRule,
  trafficRule,
  growthRule,
  monthlyRule,
  goLiveRule,
  goLiveReasonRule,
  slotRule,
  slotChangeRule,
  leaveRule,
  freezeRule,
  contactRule,
  capacityRule,
  inactiveRule,
  monthReviewRule,
  evidenceRule,
] as const satisfies ReadonlyArray<Rule>;

// Every labelled rule id has its rule in the list (a RuleId left out fails to compile here).
type Unregistered = Exclude<RuleId, (typeof RULES)[number]['id']>;
const everyRuleRegistered: [Unregistered] extends [never] ? true : Unregistered = true;
void everyRuleRegistered;
