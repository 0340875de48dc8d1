// The board settings every demo board shares: a rotating Saturday rota and, in the designed mix, a leave of
// the third specialist covered by the first; the calendar built from them is the compliance engine's own.
import { addDays, createCalendar, isoWeekday, publicHoliday, type Calendar } from '../../../../shared/calendar.js';
import { BoardSettingsSchema, type BoardSettings } from '../../../../shared/profile.js';
import type { DateKey } from '../../../../shared/types.js';
import type { TrelloMember } from '../model.js';
import type { Gen } from './context.js';
import type { DemoExpectations } from './types.js';
import { present } from '../../../../shared/guards.js';

export interface DemoSettings {
  saturdayRota: Record<DateKey, string[]>;
  leave: DemoExpectations['leave'];
  /** What the boards' pluginData holds (before schema defaults). */
  settingsInput: {
    v: 1;
    saturdayRota: Record<DateKey, string[]>;
    trackingStart: DateKey;
    leaves?: Array<{ memberId: string; from: DateKey; to: DateKey; createdAt: DateKey }>;
  };
  settings: BoardSettings;
  cal: Calendar;
}

export function createSettings(g: Gen, specialists: TrelloMember[]): DemoSettings {
  const { designed, today, start } = g;
  const saturdayRota: Record<DateKey, string[]> = {};
  let leave: DemoExpectations['leave'] = null;
  if (designed) {
    const from = addDays(today, -(isoWeekday(today) - 1) - 21); // Monday three weeks back
    leave = {
      memberId: present(specialists[2], 'the third specialist').id,
      from,
      to: addDays(from, 4),
      coverId: present(specialists[0], 'the first specialist').id,
    };
  }
  {
    let sat = addDays(start, 5);
    let k = 0;
    while (sat <= addDays(today, 14)) {
      if (!publicHoliday(sat)) saturdayRota[sat] = [present(specialists[k % specialists.length], 'a rota specialist').id];
      k++;
      sat = addDays(sat, 7);
    }
  }
  const settingsInput = {
    v: 1 as const,
    saturdayRota,
    ...(leave ? { leaves: [{ memberId: leave.memberId, from: leave.from, to: leave.to, createdAt: addDays(leave.from, -10) }] } : {}),
    trackingStart: start,
  };
  const settings: BoardSettings = BoardSettingsSchema.parse(settingsInput);
  const cal: Calendar = createCalendar(settings);
  return { saturdayRota, leave, settingsInput, settings, cal };
}
