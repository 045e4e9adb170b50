using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using static OneStop.Tests.Domain.Calendar.WorkingTimeTests;

namespace OneStop.Tests.Domain.Calendar;

/// <summary>Appointments, pauses, remaining time, outcomes and step budgets (March 2025: no holiday, 3/3 is a Monday).</summary>
public class DeadlineClockTests
{
    private readonly DeadlineClock _clock = new(new WorkingCalendar());

    [Fact]
    public void Statutory_time_counts_days_as_office_days()
    {
        Assert.Equal(TimeSpan.FromHours(22.5), _clock.StatutoryTime(3, TimeUnit.WorkingDays));
        Assert.Equal(TimeSpan.FromHours(8), _clock.StatutoryTime(8, TimeUnit.WorkingHours));
        Assert.Equal(TimeSpan.FromHours(8 * 3), new DeadlineClock(new WorkingCalendar(new OfficeHours(new[]
            { (new TimeOnly(8, 0), new TimeOnly(12, 0)), (new TimeOnly(13, 0), new TimeOnly(17, 0)) }))).StatutoryTime(3, TimeUnit.WorkingDays));
        Assert.Throws<ArgumentOutOfRangeException>(() => _clock.StatutoryTime(-1, TimeUnit.WorkingDays));
    }

    [Fact]
    public void Appointment_in_working_days()
    {
        Assert.Equal(L(2025, 3, 6, 10), _clock.Appointment(L(2025, 3, 3, 10), 3, TimeUnit.WorkingDays));
        // 15 working days from Monday 3/3 10:00: three weeks later.
        Assert.Equal(L(2025, 3, 24, 10), _clock.Appointment(L(2025, 3, 3, 10), 15, TimeUnit.WorkingDays));
    }

    [Fact]
    public void Appointment_in_working_hours()
    {
        // Monday 16:00 + 8 h: 1 h Monday, then Tuesday 4 h morning and 3 h afternoon = 16:30.
        Assert.Equal(L(2025, 3, 4, 16, 30), _clock.Appointment(L(2025, 3, 3, 16), 8, TimeUnit.WorkingHours));
        // Friday 15:00 + 4 h: 2 h Friday, 2 h Monday = 09:30.
        Assert.Equal(L(2025, 3, 10, 9, 30), _clock.Appointment(L(2025, 3, 7, 15), 4, TimeUnit.WorkingHours));
        // Received at lunch, 2 h: 15:30.
        Assert.Equal(L(2025, 3, 3, 15, 30), _clock.Appointment(L(2025, 3, 3, 12), 2, TimeUnit.WorkingHours));
        // 4 h from 07:30 ends at 11:30, not at 13:30.
        Assert.Equal(L(2025, 3, 3, 11, 30), _clock.Appointment(L(2025, 3, 3, 7, 30), 4, TimeUnit.WorkingHours));
    }

    [Fact]
    public void A_closed_pause_adds_its_working_time_back()
    {
        // Paused Tuesday 08:00 to Wednesday 08:00: 7 h Tuesday + 0.5 h Wednesday = one working day.
        var pauses = new[] { new PauseInterval(L(2025, 3, 4, 8), L(2025, 3, 5, 8)) };
        var due = _clock.AppointmentWithPauses(L(2025, 3, 3, 10), TimeSpan.FromHours(22.5), pauses, L(2025, 3, 20, 9));
        Assert.Equal(L(2025, 3, 7, 10), due);
    }

    [Fact]
    public void An_open_pause_counts_up_to_now()
    {
        // Paused since Wednesday 14:00, now Thursday 09:00: 3 h + 1.5 h = 4.5 h. Thursday 10:00 + 4.5 h = 16:30.
        var pauses = new[] { new PauseInterval(L(2025, 3, 5, 14), null) };
        Assert.Equal(L(2025, 3, 6, 16, 30), _clock.AppointmentWithPauses(L(2025, 3, 3, 10), TimeSpan.FromHours(22.5), pauses, L(2025, 3, 6, 9)));
        // An hour later the appointment has moved an hour: 30 min to 17:00, 30 min on Friday.
        Assert.Equal(L(2025, 3, 7, 8), _clock.AppointmentWithPauses(L(2025, 3, 3, 10), TimeSpan.FromHours(22.5), pauses, L(2025, 3, 6, 10)));
    }

    [Fact]
    public void Pauses_outside_office_hours_after_the_due_or_before_intake_change_nothing()
    {
        var received = L(2025, 3, 3, 10);
        var statutory = TimeSpan.FromHours(22.5);
        var due = L(2025, 3, 6, 10);
        Assert.Equal(due, _clock.AppointmentWithPauses(received, statutory, [], L(2025, 3, 4, 9)));
        // Saturday, and lunch.
        Assert.Equal(due, _clock.AppointmentWithPauses(received, statutory,
            [new PauseInterval(L(2025, 3, 8, 8), L(2025, 3, 8, 16)), new PauseInterval(L(2025, 3, 4, 11, 30), L(2025, 3, 4, 13, 30))], L(2025, 3, 20, 9)));
        // After the due (the dossier was already late): the appointment does not move.
        Assert.Equal(due, _clock.AppointmentWithPauses(received, statutory, [new PauseInterval(L(2025, 3, 7, 8), L(2025, 3, 7, 9))], L(2025, 3, 20, 9)));
        // Before intake.
        Assert.Equal(due, _clock.AppointmentWithPauses(received, statutory, [new PauseInterval(L(2025, 3, 3, 8), L(2025, 3, 3, 10))], L(2025, 3, 20, 9)));
    }

    [Fact]
    public void Overlapping_pauses_are_not_counted_twice()
    {
        // 08:00-10:00 and 09:00-11:00 on Tuesday are 3 h of pause, not 4 h. Thursday 10:00 + 3 h = 11:30 + 1.5 h = 15:00.
        var pauses = new[] { new PauseInterval(L(2025, 3, 4, 8), L(2025, 3, 4, 10)), new PauseInterval(L(2025, 3, 4, 9), L(2025, 3, 4, 11)) };
        Assert.Equal(L(2025, 3, 6, 15), _clock.AppointmentWithPauses(L(2025, 3, 3, 10), TimeSpan.FromHours(22.5), pauses, L(2025, 3, 20, 9)));
    }

    [Fact]
    public void Remaining_is_signed_working_time()
    {
        var due = L(2025, 3, 6, 10);
        // Wednesday 16:00: 1 h Wednesday + 2.5 h Thursday morning.
        Assert.Equal(TimeSpan.FromHours(3.5), _clock.Remaining(due, L(2025, 3, 5, 16)));
        // Friday 09:00: overdue by Thursday 10:00-17:00 (5 h) + Friday 1.5 h.
        Assert.Equal(TimeSpan.FromHours(-6.5), _clock.Remaining(due, L(2025, 3, 7, 9)));
        Assert.Equal(TimeSpan.Zero, _clock.Remaining(due, due));
    }

    [Fact]
    public void Outcome_early_on_time_late()
    {
        var due = L(2025, 3, 6, 10); // Thursday 10:00
        Assert.Equal(Outcome.Early, _clock.OutcomeOf(L(2025, 3, 5, 16), due));
        Assert.Equal(Outcome.Early, _clock.OutcomeOf(L(2025, 3, 5, 23, 59), due));
        Assert.Equal(Outcome.OnTime, _clock.OutcomeOf(L(2025, 3, 6, 8), due));
        Assert.Equal(Outcome.OnTime, _clock.OutcomeOf(due, due));                       // the exact appointment instant
        Assert.Equal(Outcome.Late, _clock.OutcomeOf(due.AddTicks(1), due));
        Assert.Equal(Outcome.Late, _clock.OutcomeOf(due.AddSeconds(1), due));
        Assert.Equal(Outcome.Late, _clock.OutcomeOf(L(2025, 3, 7, 8), due));
    }

    [Fact]
    public void Outcome_uses_local_dates_not_utc_dates()
    {
        // Due Thursday 07:30 local = 00:30 UTC Thursday. Finished Thursday 06:45 local = 23:45 UTC *Wednesday*:
        // the same local day and before the due, so on time (a UTC-date comparison would say early).
        var due = L(2025, 3, 6, 7, 30);
        var completed = L(2025, 3, 6, 6, 45);
        Assert.Equal(new DateTime(2025, 3, 5, 23, 45, 0), completed);
        Assert.Equal(Outcome.OnTime, _clock.OutcomeOf(completed, due));
        // Finished Wednesday 23:00 local (16:00 UTC Wednesday): early.
        Assert.Equal(Outcome.Early, _clock.OutcomeOf(L(2025, 3, 5, 23), due));
    }

    private static ProcedureStep Step(int order, string name, double share) => new() { Order = order, Name = name, Share = share };

    [Fact]
    public void Step_budgets_with_an_overrun_step_and_a_pause()
    {
        // 5 working days = 37.5 h from Monday 3/3 07:30. Shares 0.1 / 0.6 / 0.2 / 0.1 (given out of order).
        var steps = new[] { Step(3, "Lãnh đạo phê duyệt", 0.2), Step(1, "Tiếp nhận", 0.1), Step(2, "Thụ lý", 0.6), Step(4, "Trả kết quả", 0.1) };
        var entries = new Dictionary<int, (DateTime EnteredUtc, DateTime? LeftUtc)>
        {
            [1] = (L(2025, 3, 3, 7, 30), L(2025, 3, 3, 10)),   // 2.5 h
            [2] = (L(2025, 3, 3, 10), L(2025, 3, 7, 10)),      // 4 days = 30 h, minus the 3 h pause = 27 h
            [3] = (L(2025, 3, 7, 10), L(2025, 3, 10, 9)),      // 5 h Friday + 1.5 h Monday = 6.5 h
            [4] = (L(2025, 3, 10, 9), null),                   // still there
        };
        var pauses = new[] { new PauseInterval(L(2025, 3, 4, 14), L(2025, 3, 4, 17)) }; // Tuesday afternoon, 3 h

        var budgets = _clock.StepBudgets(L(2025, 3, 3, 7, 30), TimeSpan.FromHours(37.5), steps, entries, pauses);

        Assert.Equal(new[] { 1, 2, 3, 4 }, budgets.Select(b => b.Order));
        Assert.Equal(new[] { 3.75, 22.5, 7.5, 3.75 }, budgets.Select(b => b.Allowed.TotalHours));
        // Planned ends: cumulative 3.75 h (before the pause), then 26.25, 33.75, 37.5 h plus the 3 h pause.
        Assert.Equal(new StepBudget(1, "Tiếp nhận", TimeSpan.FromHours(3.75), TimeSpan.FromHours(2.5), L(2025, 3, 3, 11, 15)), budgets[0]);
        Assert.Equal(new StepBudget(2, "Thụ lý", TimeSpan.FromHours(22.5), TimeSpan.FromHours(27), L(2025, 3, 6, 16, 15)), budgets[1]);
        Assert.Equal(new StepBudget(3, "Lãnh đạo phê duyệt", TimeSpan.FromHours(7.5), TimeSpan.FromHours(6.5), L(2025, 3, 7, 16, 15)), budgets[2]);
        Assert.Equal(new StepBudget(4, "Trả kết quả", TimeSpan.FromHours(3.75), null, L(2025, 3, 10, 10, 30)), budgets[3]);
        Assert.Equal(new[] { false, true, false, false }, budgets.Select(b => b.Overran));
        // The last planned end is the appointment with pauses.
        Assert.Equal(budgets[3].PlannedEndUtc, _clock.AppointmentWithPauses(L(2025, 3, 3, 7, 30), TimeSpan.FromHours(37.5), pauses, L(2025, 3, 20, 9)));
    }

    [Fact]
    public void Step_never_entered_has_no_used_time()
    {
        var steps = new[] { Step(1, "Tiếp nhận", 0.5), Step(2, "Thụ lý", 0.5) };
        var entries = new Dictionary<int, (DateTime EnteredUtc, DateTime? LeftUtc)> { [1] = (L(2025, 3, 3, 8), L(2025, 3, 3, 9)) };
        var budgets = _clock.StepBudgets(L(2025, 3, 3, 8), TimeSpan.FromHours(7.5), steps, entries, []);
        Assert.Equal(TimeSpan.FromHours(1), budgets[0].Used);
        Assert.Null(budgets[1].Used);
        // 3.75 h from Monday 08:00: 3.5 h to 11:30 and 0.25 h after lunch; 7.5 h: Tuesday 08:00.
        Assert.Equal(L(2025, 3, 3, 13, 45), budgets[0].PlannedEndUtc);
        Assert.Equal(L(2025, 3, 4, 8), budgets[1].PlannedEndUtc);
    }
}
