using OneStop.Domain.Staffing.Planning;
using OneStop.Tests.Infrastructure;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Staffing;

/// <summary>The planning query on a real SQLite file: intake is counted by the Vietnamese day, in SQL.</summary>
public sealed class PlanningQueryTests : IDisposable
{
    private readonly WorkflowFixture _f = new();
    public void Dispose() => _f.Dispose();

    /// <summary>
    /// A dossier received at 06:30 on Monday 16/11/2026 in Vietnam is still Sunday 15/11 in UTC: it belongs to the
    /// week of 16/11, not the one before. Asked on Monday 23/11, that week is the last full one of the history.
    /// </summary>
    [Fact]
    public async Task Intake_is_counted_per_local_day_and_week()
    {
        _f.Clock.Set(new DateTimeOffset(2026, 11, 16, 6, 30, 0, TimeSpan.FromHours(7)));
        await _f.Workflow.ReceiveAsync(ValidIntake(), Postal1);
        _f.Clock.Set(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7)));

        var result = await new PlanningQuery(_f.Contexts, _f.Calendars, _f.Clock).RunAsync(WhatIf.None);

        var snv = result.Departments.Single(d => d.DepartmentId == Snv);
        Assert.Equal(52, snv.History.Count);
        Assert.Equal((new DateOnly(2026, 11, 16), 1), snv.History[^1]);
        Assert.Equal(0, snv.History[^2].Dossiers);
        Assert.Equal(new DateOnly(2026, 11, 30), result.FirstForecastWeek);
        Assert.Equal(4, result.Needs.Count);

        var withStp = await new PlanningQuery(_f.Contexts, _f.Calendars, _f.Clock).RunAsync(new WhatIf(new HashSet<int> { Stp }, new HashSet<int>()));
        Assert.True(withStp.Departments.Single(d => d.DepartmentId == Stp).AddedInWhatIf);
        Assert.Contains("Sở Tư pháp", withStp.LeftUncovered);
    }
}
