// The comments of every card over the window: dailies, weeklies, monthlies, intros, go-live and delay notes,
// with the designed deviations (missing, late, unreachable, edited, deleted) and random slips of ordinary
// customers — each recorded in the card's expectations. Only planned here; assembly.ts applies them in time order.
import { addDays, addMonths, dateKey, isoWeekday, weekDates, weekKey, type Calendar } from '../../../../shared/calendar.js';
import { laterDay } from '../../../../shared/dates.js';
import { monthSpan, weekSpan } from '../../../../shared/compliance/periods.js';
import { present } from '../../../../shared/guards.js';
import type { DateKey, MonthKey, WeekKey } from '../../../../shared/types.js';
import * as P from '../phrases.js';
import type { TrelloMember } from '../model.js';
import { at, memo, workdayOnOrAfter, workdayOnOrBefore, type Gen } from './context.js';
import type { Scenarios } from './scenarios.js';
import { dateStyle as dateStyleOf, fold, tagged as taggedText, weeklyText as weeklyTextOf, weighted } from './text.js';
import type { BoardPlan, CardPlan, DemoExpectations, ExpectedFinding, Planned } from './types.js';

export interface PlannedComments {
  planned: Planned[];
  plannedByCard: Map<string, Planned[]>;
}

export interface CommentInputs {
  cal: Calendar;
  leave: DemoExpectations['leave'];
  lead: TrelloMember;
  frozenRange: { from: DateKey; to: DateKey } | null;
}

export function planComments(g: Gen, s: Scenarios, w: CommentInputs): PlannedComments {
  const { rng, now, today, start, later, sameDay, nextDay, weekOf, monthOf } = g;
  const { boards, addCase } = s;
  const { cal, leave, lead, frozenRange } = w;
  const weeklyText = (c: CardPlan, profile: Parameters<typeof weeklyTextOf>[2], disk: number, noTraffic: boolean, handled: boolean) =>
    weeklyTextOf(rng, c, profile, disk, noTraffic, handled);
  const weekMon = memo((w) => weekSpan(w).first);
  const weekSun = memo((w) => weekSpan(w).last);
  const monthFirst = memo((m) => monthSpan(m).first);
  const monthLast = memo((m) => monthSpan(m).last);
  const nthWdMemo = new Map<string, DateKey>();
  /** n-th working day of the month after m (monthly grace, A5). */
  const nthWd = (m: MonthKey, n: number): DateKey => {
    const k = `${m}#${n}`;
    let v = nthWdMemo.get(k);
    if (v === undefined) nthWdMemo.set(k, (v = cal.nthWorkingDay(null, addMonths(m, 1), n)));
    return v;
  };
  const planned: Planned[] = [];
  const plannedByCard = new Map<string, Planned[]>();
  const post = (c: CardPlan, author: string, when: Date, text: string): Planned | null => {
    if (when.getTime() >= now.getTime()) return null;
    const p: Planned = { cardId: c.id, author, at: when, text };
    planned.push(p);
    let list = plannedByCard.get(c.id);
    if (!list) plannedByCard.set(c.id, (list = []));
    list.push(p);
    return p;
  };
  const expect = (c: CardPlan, f: ExpectedFinding) => c.exp.findings.push(f);
  const tagged = (tag: string, body: string) => taggedText(rng, tag, body);
  const dateStyle = (d: DateKey, postedDay: DateKey) => dateStyleOf(rng, d, postedDay);

  for (const bd of boards) {
    for (const c of bd.cards) {
      const ci = present(c.calInput, "a planned card's calendar input");
      const sc = c.scenario;
      const from = laterDay(c.assignedAt, start);
      // Plan a week ahead so this week's weekly falls on its usual day (nothing after `now` is posted).
      const lastDay = c.closed ? addDays(start, 20) : addDays(today, 7);
      const slotMin = ci.profile.trainingSlot ? Number(ci.profile.trainingSlot.slice(0, 2)) * 60 + Number(ci.profile.trainingSlot.slice(3)) : null;
      const required: DateKey[] = [];
      for (let d = from; d <= lastDay; d = nextDay(d)) if (cal.isRequiredDay(ci, d)) required.push(d);
      const judged = required.filter((d) => d < today);
      const safe = judged.filter((d) => d <= addDays(today, -4));
      const pickSafe = (frac: number) => present(safe[Math.min(safe.length - 1, Math.max(0, Math.floor(safe.length * frac)))], 'a judged day 4+ days back');
      const skip = new Set<DateKey>();
      const late = new Set<DateKey>();
      const unreachable = new Set<DateKey>();
      const noWeeklyOn = new Set<DateKey>();
      let editDay: DateKey | null = null;
      let sameDayEditDay: DateKey | null = null;
      let deleteDay: DateKey | null = null;

      // Designed day-level deviations.
      if (sc === 'missing-days') for (const f of [0.2, 0.5, 0.8]) skip.add(pickSafe(f));
      if (sc === 'late-days') for (const f of [0.3, 0.7]) late.add(pickSafe(f));
      if (sc === 'unreachable-streak') {
        // Four consecutive working days Mon..Thu about two weeks back: only #ulaşılamadı entries (R11, A8).
        const i0 = safe.findIndex((d) => d >= addDays(today, -20) && isoWeekday(d) === 1 && [1, 2, 3].every((k) => safe.includes(addDays(d, k))));
        const first = present(safe[i0 >= 0 ? i0 : Math.floor(safe.length * 0.75)], "the unreachable streak's first day");
        for (let k = 0; k < 4; k++) if (required.includes(addDays(first, k))) unreachable.add(addDays(first, k));
        expect(c, { rule: 'unreachable', status: 'escalate', period: first, why: '3+ working days with only #ulaşılamadı entries' });
      }
      if (sc === 'saturday-rota-miss') {
        const sat = safe.filter((d) => isoWeekday(d) === 6).at(-1);
        if (sat) skip.add(sat);
      }
      if (sc === 'leave-cover-miss' && leave) {
        const d = required.find((x) => x >= leave.from && x <= leave.to && isoWeekday(x) === 3) ?? required.find((x) => x >= leave.from && x <= leave.to);
        if (d) skip.add(d);
      }
      if (sc === 'edited-comment') editDay = pickSafe(0.85);
      if (sc === 'edited-same-day') sameDayEditDay = pickSafe(0.8);
      if (sc === 'deleted-comment') deleteDay = pickSafe(0.9);
      // Random slips of ordinary customers (recorded, so expectations stay exact).
      if (sc === 'normal') {
        for (const d of safe) {
          const r = rng();
          if (r < 0.015) skip.add(d);
          else if (r < 0.03 && isoWeekday(d) <= 5) late.add(d);
        }
      }
      for (const d of skip) {
        expect(c, {
          rule: 'daily',
          status: 'missing',
          period: d,
          memberId: cal.responsible(ci, d) ?? undefined,
          why: isoWeekday(d) === 6 ? 'rota Saturday without a daily (R50)' : 'working day without a daily entry (R31)',
        });
      }
      for (const d of late)
        expect(c, { rule: 'daily', status: 'late', period: d, memberId: cal.responsible(ci, d) ?? undefined, why: 'daily written the next working day (R31)' });
      if (sc === 'saturday-rota-miss') addCase(c, 'saturday-rota-miss');

      // Weekly day of each week: Thursday if required, else the week's last required day (avoiding a streak day).
      const weeks = new Map<WeekKey, DateKey[]>();
      for (const d of required) {
        const w = weekOf(d);
        const list = weeks.get(w) ?? [];
        list.push(d);
        weeks.set(w, list);
      }
      const weeklyDay = new Map<WeekKey, DateKey>();
      for (const [w, ds] of weeks) {
        const ok = ds.filter((d) => !unreachable.has(d) && !skip.has(d) && isoWeekday(d) <= 5);
        const pick = ok.find((d) => isoWeekday(d) === 4) ?? ok.at(-1);
        if (pick) weeklyDay.set(w, pick);
      }
      const judgedWeeks = [...weeklyDay.keys()].filter((w) => weekSun(w) < today && weekMon(w) >= start);
      const pickWeek = (back: number) => judgedWeeks[Math.max(0, judgedWeeks.length - back)];
      let incompleteWeek: WeekKey | undefined;
      let missingWeek: WeekKey | undefined;
      let lateWeek: WeekKey | undefined;
      if (sc === 'incomplete-weekly') {
        incompleteWeek = pickWeek(4);
        if (incompleteWeek) expect(c, { rule: 'weekly', status: 'incomplete', period: incompleteWeek, why: 'weekly without a traffic reading (R36, R37)' });
      }
      if (sc === 'missing-weekly') {
        missingWeek = pickWeek(5);
        if (missingWeek) expect(c, { rule: 'weekly', status: 'missing', period: missingWeek, why: 'no weekly entry that week (R34)' });
      }
      if (sc === 'late-weekly') {
        lateWeek = pickWeek(3);
        if (lateWeek) expect(c, { rule: 'weekly', status: 'late', period: lateWeek, why: 'weekly written the Monday after (R34)' });
      }
      if (missingWeek) for (const d of weekDates(missingWeek)) noWeeklyOn.add(d);

      // Monthly: last required day of each month (or the 1st working day of the next, with the month written).
      const months = new Map<MonthKey, DateKey[]>();
      for (const d of required) {
        const m = monthOf(d);
        const list = months.get(m) ?? [];
        list.push(d);
        months.set(m, list);
      }
      const judgeableMonths = [...months.keys()].filter((m) => monthFirst(m) >= start && nthWd(m, 3) < addDays(today, -1));
      const designedMonth = judgeableMonths.at(-1);
      if (sc === 'missing-monthly' && designedMonth) expect(c, { rule: 'monthly', status: 'missing', period: designedMonth, why: 'no monthly entry (R41)' });
      if (sc === 'late-monthly' && designedMonth)
        expect(c, { rule: 'monthly', status: 'late', period: designedMonth, why: 'monthly written after the 3rd working day of the next month (A5)' });

      // Readings: disk grows slowly; designed cards end high.
      let weekIdx = 0;
      const diskPct = (w: number, isLast: boolean) => {
        if (sc === 'disk-high' && isLast) return 0.84;
        if (sc === 'disk-critical' && isLast) return 0.96;
        if (sc === 'disk-high-handled' && isLast) return 0.86;
        return Math.min(0.7, c.diskStart + w * 0.004 + rng() * 0.01);
      };
      // Designed disk cards read high in their last two weekly weeks (the latest reading is what counts).
      const weeklyWeeks = [...weeklyDay.entries()].filter(([, d]) => d <= today).map(([w]) => w);
      const highFrom = weeklyWeeks.at(-2) ?? weeklyWeeks.at(-1) ?? '9999-W99';

      const author = (d: DateKey) => cal.responsible(ci, d) ?? c.specialist;
      const dailyTime = (d: DateKey): Date => {
        if (slotMin !== null) return at(d, 0, slotMin + 50 + rng.int(0, 20), rng.int(0, 59));
        return at(d, rng.int(9, 17), rng.int(0, 59), rng.int(0, 59));
      };

      // Intro for customers assigned inside the window.
      if (c.assignedAt >= start) {
        let introDay = c.assignedAt;
        if (sc === 'intro-late') {
          introDay = required[3] ?? c.assignedAt;
          expect(c, { rule: 'intro', status: 'late', period: c.assignedAt, why: 'onboarding call three working days after assignment (R17)' });
          for (const d of required.slice(0, 2)) unreachable.add(d);
        }
        const slotText = ci.profile.trainingSlot
          ? `Eğitim saati her gün ${ci.profile.trainingSlot} olarak belirlendi`
          : ci.profile.pool
            ? 'Havuz sistemi anlatıldı'
            : 'Eğitim saati müşteriyle netleşecek';
        post(
          c,
          author(introDay),
          at(introDay, 10, rng.int(0, 50), rng.int(0, 59)),
          `${weighted(rng, P.INTRO_TAGS)} Tanışma görüşmesi yapıldı. ${slotText}, karşılama maili gönderildi.`,
        );
      }

      for (const d of required) {
        if (d > today) break;
        const w = weekOf(d);
        const isWeeklyDay = weeklyDay.get(w) === d && !noWeeklyOn.has(d);
        const writer = author(d);
        const t = dailyTime(d);
        const special = skip.has(d) || late.has(d) || unreachable.has(d) || d === editDay || d === sameDayEditDay || d === deleteDay;
        // Some people put both tags in one comment on the weekly day (docs/grammar.md: several tags per comment, A18).
        const combine = isWeeklyDay && !special && w !== incompleteWeek && w !== lateWeek && rng.chance(0.25);
        if (unreachable.has(d)) {
          const extra = sc === 'unreachable-streak' && [...unreachable].sort().at(-1) === d ? ' Takım liderine iletildi.' : '';
          post(c, writer, t, `${weighted(rng, P.UNREACHABLE_TAGS)} ${rng.pick(P.UNREACHABLE_BODIES)}${extra}`);
        } else if (skip.has(d)) {
          // designed or random miss: nothing written that day
        } else if (late.has(d)) {
          const next = cal.nextWorkingDay(writer, d);
          post(
            c,
            writer,
            at(next, 9, rng.int(5, 55), rng.int(0, 59)),
            `${weighted(rng, P.DAILY_TAGS)} ${dateStyle(d, next)} dün akşamki eğitimin notu: ${rng.pick(P.DAILY_BODIES)}`,
          );
        } else if (!combine) {
          const p = post(c, writer, t, tagged(weighted(rng, P.DAILY_TAGS), rng.pick(P.DAILY_BODIES)));
          if (p && d === editDay) {
            p.text = '#günlük Eğitim yapıldı, kargo ayarları anlatıldı.';
            p.edit = { at: at(addDays(d, 4), 11, 20, 5), text: '#günlük Eğitim yapıldı, kargo ve ödeme ayarları anlatıldı; iade süreci de konuşuldu.' };
            if (p.edit.at < now) expect(c, { rule: 'evidence', status: 'edited', period: d, why: 'entry edited four days after its day (docs/trello.md §11)' });
          }
          if (p && d === sameDayEditDay) {
            p.text = '#günlük egitim yapıldı, urun varyantlari anlatıldı.';
            p.edit = { at: later(p.at, 12), text: '#günlük Eğitim yapıldı, ürün varyantları anlatıldı.' };
            c.exp.absent.push({ rule: 'evidence', period: d, why: 'typo fixed the same day, before its period ended' });
          }
          if (p && d === deleteDay) {
            p.deleteAt = at(addDays(d, 2), 16, 45, 10);
            if (p.deleteAt < now) {
              expect(c, { rule: 'evidence', status: 'deleted', period: d, why: 'entry deleted two days later (deleteComment, no text)' });
              expect(c, { rule: 'daily', status: 'missing', period: d, memberId: writer, why: 'its only daily was deleted' });
            }
          }
          if (rng.chance(0.03)) post(c, writer, sameDay(t, rng.int(30, 120)), rng.pick(P.NOTES));
        }

        if (isWeeklyDay && w !== lateWeek) {
          const text = weeklyText(c, ci.profile, diskPct(weekIdx, w >= highFrom), w === incompleteWeek, sc === 'disk-high-handled' && w >= highFrom);
          if (combine)
            post(
              c,
              writer,
              t,
              text.replace(/^(\S+)/, (tag) => `${weighted(rng, P.DAILY_TAGS)} ${tag}`),
            );
          else post(c, writer, sameDay(t, rng.int(20, 70)), text);
          weekIdx++;
        }
        if (isWeeklyDay && w === lateWeek) {
          const monday = addDays(weekMon(w), 7);
          const text = weeklyText(c, ci.profile, diskPct(weekIdx, false), false, false).replace(/^(\S+)/, (tag) => `${tag} ${w}`);
          post(c, writer, at(monday, 9, rng.int(10, 50)), text);
          weekIdx++;
        }
      }

      // Monthlies: written once the month is over — on its last required day, or (not the clean card) on
      // the next month's first working day with the month written out (docs/grammar.md: `#aylık 2026-10`).
      for (const [m, ds] of months) {
        if (monthLast(m) >= today || (sc === 'missing-monthly' && m === designedMonth)) continue;
        const last = ds.filter((d) => !skip.has(d) && !unreachable.has(d)).at(-1);
        if (!last) continue;
        const body = rng.pick(P.MONTHLY_BODIES);
        if (sc === 'late-monthly' && m === designedMonth) {
          const d = nthWd(m, 7);
          post(c, author(d), at(d, 11, rng.int(0, 59)), `${weighted(rng, P.MONTHLY_TAGS)} ${m}\n${body}`);
        } else if (sc !== 'clean' && rng.chance(0.4) && nthWd(m, 1) < today && cal.responsible(ci, nthWd(m, 1)) !== null) {
          const d = nthWd(m, 1);
          post(c, author(d), at(d, 10, rng.int(0, 59)), `${weighted(rng, P.MONTHLY_TAGS)} ${m}\n${body}`);
        } else {
          post(c, author(last), at(last, 17, rng.int(30, 59)), `${weighted(rng, P.MONTHLY_TAGS)}${rng.chance(0.5) ? ' ' + m : ''}\n${body}`);
        }
      }

      // Go-live, slots, freezes and disk cases: notes and the findings they must produce.
      planScenarioNotes(bd, c, required, author, weeklyWeeks, highFrom);
    }
  }
  return { planned, plannedByCard };

  /** The designed go-live, slot, freeze and disk cases of one card: their notes and expected findings. */
  function planScenarioNotes(bd: BoardPlan, c: CardPlan, required: DateKey[], author: (d: DateKey) => string, weeklyWeeks: WeekKey[], highFrom: WeekKey): void {
    const ci = present(c.calInput, "a planned card's calendar input");
    const sc = c.scenario;
    // Go-live.
    const deadline = addDays(c.assignedAt, ci.profile.integration || ci.profile.design ? 90 : 60);
    if (sc === 'golive-overdue') {
      expect(c, { rule: 'golive', status: 'overdue', period: deadline, why: 'not live 60 days after assignment (R27)' });
      expect(c, { rule: 'golive-reason', status: 'missing', period: deadline, why: 'overdue without a #gecikme entry (R28)' });
      post(
        c,
        lead.id,
        at(workdayOnOrAfter(addDays(deadline, 3)), 12, 5),
        `@${fold(bd.specialist.fullName).replace(/[^a-z]/g, '')} bu müşterinin canlı tarihi geçti, durum nedir?`,
      );
    }
    if (sc === 'golive-overdue-with-reason') {
      expect(c, { rule: 'golive', status: 'overdue', period: deadline, why: 'not live 60 days after assignment (R27)' });
      c.exp.absent.push({ rule: 'golive-reason', why: 'a #gecikme entry was written after the deadline (R28)' });
      const d = required.find((x) => x > deadline && x <= addDays(deadline, 6)) ?? workdayOnOrAfter(addDays(deadline, 2));
      post(
        c,
        author(d),
        at(d, 15, 10),
        `${weighted(rng, P.DELAY_TAGS)} Sanal POS başvurusu bankada bekliyor, ödeme adımı tamamlanamadı.\nYeni hedef: başvuru onayından sonraki hafta.`,
      );
    }
    if (sc === 'golive-done') {
      const liveDay = required.find((x) => x >= addDays(c.assignedAt, 45)) ?? c.assignedAt;
      present(c.profile, "the live card's profile").liveAt = liveDay;
      post(c, author(liveDay), at(liveDay, 16, 30), `${weighted(rng, P.GOLIVE_TAGS)} Site canlıya alındı 🎉 Alan adı yönlendirmesi ve SSL tamam.`);
      c.exp.absent.push({ rule: 'golive', why: 'live (#canlı and liveAt)' }, { rule: 'golive-reason', why: 'live' });
    }
    if (sc === 'golive-due-soon') {
      expect(c, { rule: 'golive', status: 'due-soon', period: deadline, why: '≤ 14 days to the go-live limit (R27)' });
    }
    if (sc === 'no-profile' || sc === 'golive-due-soon') {
      expect(c, { rule: 'slot', status: 'missing', period: '', why: 'no profile: no training slot and not pool (R3)' });
      if (sc === 'golive-due-soon') addCase(c, 'no-profile');
    }
    if (sc === 'slot-overlap') {
      expect(c, { rule: 'slot', status: 'overlap', period: '', why: 'slot 17:40 is 30 min after another 17:10 slot (R3)' });
      // P13 (R51, A12): the 17:40 slot's 50 minutes end at 18:30, after 18:15 — an additional warning.
      expect(c, { rule: 'slot', status: 'warning', period: '', why: 'slot 17:40–18:30 ends after 18:15 (P13, R51, A12)' });
      const other = bd.cards.find((x) => x.scenario === 'golive-done');
      if (other) {
        expect(other, { rule: 'slot', status: 'overlap', period: '', why: 'slot 17:10 overlaps the 17:40 slot (R3)' });
        addCase(other, 'slot-overlap');
      }
    }
    if (sc === 'frozen' && frozenRange) {
      post(
        c,
        c.specialist,
        at(workdayOnOrBefore(addDays(frozenRange.from, -1)), 17, 40),
        'Müşteri talebiyle hizmet 3 hafta donduruldu, dondurma onayı alındı.',
      );
      // R20: the team lead's approval on the card (docs/grammar.md "Freeze approval").
      const dm = (d: DateKey) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
      post(
        c,
        lead.id,
        at(workdayOnOrBefore(addDays(frozenRange.from, -1)), 17, 10),
        `#dondurma-onay ${dm(frozenRange.from)}–${dm(frozenRange.to)} müşteri talebi, onaylandı.`,
      );
      const back = required.find((d) => d > frozenRange.to);
      if (back) post(c, c.specialist, at(back, 9, 30), 'Dondurma kaldırıldı, eğitimlere yeniden başlandı.');
    }
    const lastReading = (plannedByCard.get(c.id) ?? [])
      .filter((p) => /^(Disk|Kota)/m.test(p.text))
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .at(-1);
    const lastWeeklyWeek = lastReading ? weekKey(dateKey(lastReading.at)) : undefined;
    if (sc === 'disk-high' && lastWeeklyWeek) {
      expect(c, { rule: 'disk', status: 'high', period: lastWeeklyWeek, why: 'disk 84 % with no informed/optimized/upgrade note (R38)' });
      post(c, lead.id, at(workdayOnOrBefore(addDays(today, -1)), 18, 50), 'Kota durumunu yakından takip edelim lütfen.');
    }
    if (sc === 'disk-critical' && lastWeeklyWeek) expect(c, { rule: 'disk', status: 'critical', period: lastWeeklyWeek, why: 'disk 96 % (R36, A9)' });
    if (sc === 'disk-high-handled') c.exp.absent.push({ rule: 'disk', why: '86 % but informed and optimized that week (R38)' });
    // P10 (R39, A11): designed disk cards jump from ≤ 70 % to 84–96 % in their second-to-last
    // weekly week — an abnormal growth warning for that week, when an earlier weekly reading exists.
    if ((sc === 'disk-high' || sc === 'disk-critical' || sc === 'disk-high-handled') && weeklyWeeks.length >= 3) {
      expect(c, { rule: 'growth', status: 'warning', period: highFrom, why: 'disk ≤ 70 % → ≥ 84 % in one week (P10, R39, A11)' });
    }
    if (sc === 'leave-cover-miss' && leave) addCase(c, 'leave-cover');
  }
}
