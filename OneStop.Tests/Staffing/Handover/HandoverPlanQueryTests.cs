using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Staffing.Planning.Handover;
using OneStop.Tests.Infrastructure;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Staffing.Handover;

/// <summary>
/// The planner's query on a hand-built database (WorkflowFixture; SQLite here, PostgreSQL in CI): counter applicants
/// counted by Vietnamese weekday and hour, handling minutes measured per procedure, the postal staff's history.
/// </summary>
public sealed class HandoverPlanQueryTests : IDisposable
{
    private readonly WorkflowFixture _f = new();
    public void Dispose() => _f.Dispose();

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>
    /// postal1 receives six counter dossiers on Monday 16/11/2026 at 09:00, 09:10 … 09:50 (Vietnam): five 10-minute gaps,
    /// so the procedure's intake is measured at 10 minutes. Asked on Monday 23/11, the slot Monday 09:00–10:00 had
    /// 6 applicants over the window's working Mondays; no hand-over was measured, so hand-over minutes are the default 15.
    /// </summary>
    [Fact]
    public async Task Applicants_are_counted_per_local_weekday_and_hour_and_minutes_per_procedure()
    {
        for (var i = 0; i < 6; i++)
        {
            _f.Clock.Set(new DateTimeOffset(2026, 11, 16, 9, 10 * i, 0, Vietnam));
            await _f.Workflow.ReceiveAsync(ValidIntake(), Postal1);
        }
        // At 06:30 on Tuesday in Vietnam (still Monday in UTC, before opening): in no office slot, but in the day's dossiers.
        _f.Clock.Set(new DateTimeOffset(2026, 11, 17, 6, 30, 0, Vietnam));
        await _f.Workflow.ReceiveAsync(ValidIntake(), Postal1);
        _f.Clock.Set(Monday9);

        var inputs = await new HandoverPlanQuery(_f.Contexts, _f.Calendars, _f.Clock).LoadAsync();

        var calendar = await _f.Calendars.GetAsync();
        var mondays = Enumerable.Range(0, 7 * 52).Select(i => new DateOnly(2025, 11, 24).AddDays(i))
            .Count(d => d.DayOfWeek == DayOfWeek.Monday && calendar.IsWorkingDay(d));
        var workingDays = Enumerable.Range(0, 7 * 52).Select(i => new DateOnly(2025, 11, 24).AddDays(i))
            .Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && calendar.IsWorkingDay(d));
        Assert.Equal(new DateOnly(2025, 11, 24), inputs.HistoryStart);
        Assert.Equal(new DateOnly(2026, 11, 22), inputs.HistoryEnd);

        // 07:30–11:30 and 13:30–17:00: 07, 08 … 11, 13 … 16 → 9 clock hours a day, 37.5 open hours a week.
        Assert.Equal(45, inputs.Slots.Count);
        Assert.Equal(37.5, inputs.WeekOpenHours, 9);
        var nine = inputs.Slots.ToList().FindIndex(s => s.Day == DayOfWeek.Monday && s.Hour == 9);
        var ten = inputs.Slots.ToList().FindIndex(s => s.Day == DayOfWeek.Monday && s.Hour == 10);

        var snv = inputs.Department(Snv)!;
        Assert.True(snv.PostalCovered);
        Assert.Equal(6.0 / mondays, snv.CounterPerHour[nine], 9);
        Assert.Equal(0, snv.CounterPerHour[ten]);
        Assert.Equal(6, snv.CounterPerHour.Select((x, i) => x * inputs.Slots[i].OpenHours * mondays).Sum(), 9);
        Assert.Equal(10, snv.CounterMinutes, 9);
        Assert.Equal(15, snv.BackOfficeMinutes, 9);
        Assert.Equal(7.0 / workingDays, snv.ReceivedPerDay, 9);
        Assert.Equal(1, inputs.MeasuredProcedures);
        Assert.Null(snv.OnTimeRate);
        Assert.Equal(0, inputs.Department(Stp)!.CounterPerDay);

        // The postal history: 2 postal staff, nobody absent; postal1 acted in Monday 09:00–10:00 six times.
        Assert.Equal(2, inputs.PostalRoster);
        Assert.Equal(2, inputs.PostalHistory[nine].PresentStaff, 9);
        Assert.Equal(1.0 / mondays, inputs.PostalHistory[nine].ActiveStaff, 9);
        Assert.Equal(6.0 / mondays, inputs.PostalHistory[nine].ActionsPerHour, 9);
        Assert.Equal(0, inputs.PostalHistory[ten].ActiveStaff);
    }

    [Fact]
    public async Task An_empty_history_gives_zero_demand_and_each_department_its_minimum_counter_hours()
    {
        var inputs = await new HandoverPlanQuery(_f.Contexts, _f.Calendars, _f.Clock).LoadAsync();
        Assert.Equal(2, inputs.Departments.Count);
        Assert.All(inputs.Departments, d => Assert.All(d.CounterPerHour, x => Assert.Equal(0, x)));
        Assert.All(inputs.Departments, d => Assert.Equal(37.5, HandoverModel.OfficialHours(inputs, d, HandoverOptions.Default), 9));
        var plan = HandoverModel.Evaluate(inputs, inputs.CurrentSet, 1, HandoverOptions.Default);
        Assert.Equal(0, plan.PeakStaff);
        Assert.Equal(0, plan.MeanWaitMinutes);
        Assert.True(plan.Feasible);
    }
}

/// <summary>The page itself in bUnit over the real query on the hand-built database: the loading bar, then the empty-history notice.</summary>
public sealed class HandoverPageTests : MudTestContext
{
    private readonly WorkflowFixture _f = new();

    public HandoverPageTests()
    {
        Services.AddSingleton(new HandoverPlanQuery(_f.Contexts, _f.Calendars, _f.Clock));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _f.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public void With_no_history_the_page_says_so_and_still_plans()
    {
        var (before, beforeUi) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");
        try
        {
            var cut = Render<OneStop.Web.Components.Pages.Planning.HandoverPage>();
            cut.WaitForAssertion(() => Assert.Contains("Chưa có hồ sơ nào trong 52 tuần qua", cut.Find("[data-testid=handover-no-history]").TextContent), TimeSpan.FromSeconds(10));
            Assert.Equal(2, cut.FindAll("[data-testid=handover-row]").Count);
            Assert.Equal("0", cut.Find("[data-testid=plan-peak]").TextContent); // today's set (Sở Nội vụ) with nothing to do
            Assert.Empty(cut.FindAll("[data-testid=handover-loading]"));
        }
        finally { (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (before, beforeUi); }
    }
}
