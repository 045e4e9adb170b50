using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Persistence.Demo;
using OneStop.Domain.Staffing.Planning.Handover;
using OneStop.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OneStop.Tests.Staffing.Handover;

/// <summary>
/// The planner on the demo's year of history (the shared seeded app, so no app of its own): the validation runs for
/// the pilot's eleven departments and its figures hang together; the suggestion for the post office's roster fits it
/// and frees at least what today's set does. No figure is hard-coded: each is checked against another way of getting it.
/// </summary>
[Collection(SeededAppCollection.Name)]
public sealed class HandoverDemoTests(SeededAppFixture fixture, ITestOutputHelper output)
{
    private static readonly HandoverOptions Options = HandoverOptions.Default;

    [Fact]
    public async Task The_validation_on_the_pilot_departments_is_consistent()
    {
        var inputs = await fixture.App.Services.GetRequiredService<HandoverPlanQuery>().LoadAsync();
        var v = HandoverValidation.Run(inputs, Options);
        foreach (var r in v.Rows)
            output.WriteLine($"{r.Label} λ={r.CounterPerHour:0.00} need={r.PredictedStaff:0.00} peak={r.PeakPredicted} present={r.PresentStaff:0.00} active={r.ActiveStaff:0.00} actions={r.ActionsPerHour:0.0} occ={r.ModelOccupancy:0.00} wA={r.WaitWithActive:0.00} wP={r.WaitWithPresent:0.00}");
        output.WriteLine($"peak={v.PredictedPeak} mean={v.PredictedMean:0.00} present={v.PresentMean:0.00} active={v.ActiveMean:0.00} occ={v.ModelOccupancyMean:0.00} wait={v.WaitWithPresentMean:0.00} roster={v.Roster}");

        Assert.Equal(DemoCatalog.PilotDepartmentCodes.Order(), v.Departments.Select(id => inputs.Department(id)!.Code).Order());
        Assert.Equal(inputs.Slots.Select(s => s.Hour).Distinct().Count(), v.Rows.Count);
        var plan = HandoverModel.Evaluate(inputs, inputs.CurrentSet, inputs.PostalRoster, Options);
        Assert.Equal(plan.PeakStaff, v.PredictedPeak);
        Assert.True(v.PredictedPeak >= 1);
        foreach (var r in v.Rows)
        {
            Assert.InRange(r.ActiveStaff, 0, r.PresentStaff + 1e-9);
            Assert.InRange(r.PresentStaff, 0, v.Roster);
            Assert.InRange(r.PredictedStaff, 0, r.PeakPredicted);
            Assert.True(r.WaitWithPresent <= r.WaitWithActive + 1e-9, $"{r.Label}: more people, longer wait?");
        }
        // Every slot's staff is the smallest that meets both the service level and the work.
        foreach (var s in plan.Slots.Where(s => s.StaffNeeded > 0))
        {
            var c = s.StaffNeeded;
            Assert.True(c * Options.ProductiveShare >= s.Load + s.BackOfficeHours - 1e-9);
            Assert.True(s.CounterPerHour == 0 || ErlangC.ServiceLevel(c, s.Load, s.ServiceMinutes, Options.AnswerMinutes) >= Options.TargetShare);
            var fewer = c - 1;
            Assert.True(fewer * Options.ProductiveShare < s.Load + s.BackOfficeHours - 1e-9
                        || (s.CounterPerHour > 0 && ErlangC.ServiceLevel(fewer, s.Load, s.ServiceMinutes, Options.AnswerMinutes) < Options.TargetShare));
        }
    }

    /// <summary>The SQL counts by local weekday and hour agree with counting one department's dossiers in memory.</summary>
    [Fact]
    public async Task The_hourly_rate_agrees_with_a_count_in_memory()
    {
        var inputs = await fixture.App.Services.GetRequiredService<HandoverPlanQuery>().LoadAsync();
        var calendar = await fixture.App.Services.GetRequiredService<CenterCalendarProvider>().GetAsync();
        var syt = inputs.Department(DemoCatalog.SoYTe)!;
        var from = WorkingCalendar.ToUtc(inputs.HistoryStart.ToDateTime(TimeOnly.MinValue));
        var to = WorkingCalendar.ToUtc(inputs.HistoryEnd.AddDays(1).ToDateTime(TimeOnly.MinValue));
        await using var db = fixture.App.CreateDb();
        var dossiers = await db.Dossiers.Where(d => d.DepartmentId == DemoCatalog.SoYTe)
            .Select(d => new { d.Channel, d.ReceivedAt, d.ResultDelivery, d.ReturnedAt }).ToListAsync();
        var times = dossiers.Where(d => d.Channel == Channel.Counter && d.ReceivedAt >= from && d.ReceivedAt < to).Select(d => d.ReceivedAt)
            .Concat(dossiers.Where(d => d.ResultDelivery == ResultDelivery.Counter && d.ReturnedAt >= from && d.ReturnedAt < to).Select(d => d.ReturnedAt!.Value))
            .Select(WorkingCalendar.ToLocal).ToList();
        var dates = Enumerable.Range(0, inputs.HistoryEnd.DayNumber - inputs.HistoryStart.DayNumber + 1).Select(inputs.HistoryStart.AddDays).ToList();
        for (var i = 0; i < inputs.Slots.Count; i++)
        {
            var slot = inputs.Slots[i];
            var days = dates.Count(d => d.DayOfWeek == slot.Day && calendar.IsWorkingDay(d));
            var count = times.Count(t => t.DayOfWeek == slot.Day && t.Hour == slot.Hour && calendar.IsWorkingDay(DateOnly.FromDateTime(t)));
            Assert.Equal(count / (double)days / slot.OpenHours, syt.CounterPerHour[i], 9);
        }
        Assert.True(syt.CounterPerHour.Sum() > 0);
    }

    [Fact]
    public async Task The_suggestion_for_the_roster_fits_it_and_frees_no_less_than_today()
    {
        var loading = System.Diagnostics.Stopwatch.StartNew();
        var inputs = await fixture.App.Services.GetRequiredService<HandoverPlanQuery>().LoadAsync();
        output.WriteLine($"loaded in {loading.ElapsedMilliseconds} ms");
        var staff = inputs.PostalRoster;
        var now = HandoverModel.Evaluate(inputs, inputs.CurrentSet, staff, Options);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var s = HandoverSuggester.Suggest(inputs, staff, Options);
        output.WriteLine($"{watch.ElapsedMilliseconds} ms; now: {now.CounterHoursFreed:0.0} h, peak {now.PeakStaff}; suggested: {string.Join(",", s.Plan.Departments.Select(id => inputs.Department(id)!.Code))} {s.Plan.CounterHoursFreed:0.0} h, peak {s.Plan.PeakStaff}, {s.SetsChecked} sets");
        Assert.True(s.Exact);
        Assert.True(s.Plan.Feasible);
        Assert.True(s.Plan.PeakStaff <= staff);
        if (now.Feasible) Assert.True(s.Plan.CounterHoursFreed >= now.CounterHoursFreed - 1e-9);
        Assert.Equal(s.Plan.Departments.Sum(id => HandoverModel.OfficialHours(inputs, inputs.Department(id)!, Options)), s.Plan.CounterHoursFreed, 6);
    }
}
