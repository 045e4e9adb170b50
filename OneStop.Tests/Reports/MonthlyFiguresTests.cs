using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Reports;
using OneStop.Tests.Infrastructure;
using static OneStop.Tests.Reports.ReportFixture;

namespace OneStop.Tests.Reports;

/// <summary>The report's figures on hand-built centers whose answers are known.</summary>
public sealed class MonthlyFiguresTests : IDisposable
{
    private readonly ReportFixture _x = new();
    public void Dispose() => _x.Dispose();

    /// <summary>
    /// Seed 002's pilot year: one postal staff member for six agencies received 1,700 dossiers (1,669 online); 1,668
    /// resolved, of which 1,479 early, 168 on time, 21 late; 32 in progress at the end of the year. Decoys around the
    /// year (resolved before it, received after it, refused in it, still open at its end but resolved after) must not
    /// move any figure.
    /// </summary>
    [Fact]
    public async Task Seed_002_pilot_year_is_reproduced()
    {
        var start = Local(2023, 1, 3, 8);
        for (int i = 0; i < 1700; i++)
        {
            var procedure = AllProcedures[i % 6];
            var channel = i < 1669 ? Channel.Online : Channel.Counter;
            var received = _x.Days(start, i % 200 + (i % 3) * 0.1);
            if (i < 1479) _x.New(procedure, received, channel, completed: _x.Days(received, 2));
            else if (i < 1479 + 168) _x.New(procedure, received, channel, completed: _x.Days(received, 5)); // exactly at the appointment
            else if (i < 1668) _x.New(procedure, received, channel, completed: _x.Days(received, 7));
            else if (i < 1668 + 22) _x.New(procedure, received, channel); // still open
            else _x.New(procedure, Local(2023, 12, 20, 9), channel, completed: Local(2024, 2, 5, 9)); // open at the year's end, resolved after
        }
        // Decoys.
        for (int i = 0; i < 5; i++) _x.New(AllProcedures[i], Local(2022, 11, 7, 8), completed: Local(2022, 11, 9, 8));
        for (int i = 0; i < 7; i++) _x.New(AllProcedures[i % 6], Local(2024, 1, 8, 8), completed: i < 3 ? Local(2024, 1, 10, 8) : null);
        _x.New(StpProcedure, Local(2022, 12, 26, 8), completed: Local(2023, 1, 4, 8), status: DossierStatus.Refused).Outcome = null;
        await _x.SaveAsync();

        var year = await _x.Query().TotalsAsync(ReportPeriod.Year(2023));

        Assert.Equal(1700, year.Received);
        Assert.Equal(1669, year.ReceivedOnline);
        Assert.Equal(31, year.ReceivedCounter);
        Assert.Equal(1668, year.Resolved);
        Assert.Equal(1479, year.Early);
        Assert.Equal(168, year.OnTime);
        Assert.Equal(21, year.Late);
        Assert.Equal(32, year.InProgress);
        Assert.Equal((1479 + 168) / 1668.0, year.OnTimeRate!.Value, 9);
    }

    /// <summary>October 2026 against September 2026 and October 2025, per department, procedure and postal staff member.</summary>
    [Fact]
    public async Task October_figures_with_comparisons_breakdowns_scorecard_and_procedures_to_revise()
    {
        const int p1 = WorkflowFixture.Postal1, p2 = WorkflowFixture.Postal2;
        var a1 = _x.New(SnvProcedure, Local(2026, 10, 5, 8), Channel.Online, returned: Local(2026, 10, 7, 9), delivery: ResultDelivery.Post, satisfied: true);
        a1.CompletedAt = _x.Days(a1.ReceivedAt, 1); a1.Outcome = Outcome.Early;
        var a2 = _x.New(SnvProcedure, Local(2026, 10, 5, 9), Channel.Counter, completed: _x.Days(Local(2026, 10, 5, 9), 2), returned: Local(2026, 10, 8, 9), satisfied: false);
        var a3 = _x.ReceivedBy(_x.New(SnvProcedure, Local(2026, 10, 1, 8), Channel.Post, completed: _x.Days(Local(2026, 10, 1, 8), 6)), p2);
        _x.Event(a3, DossierEventType.ApologyIssued, Local(2026, 10, 8, 10), WorkflowFixture.Leader1, 4, 4);
        _x.New(SnvProcedure, Local(2026, 10, 29, 8), Channel.Online); // open, due in November
        var b1 = _x.ReceivedBy(_x.New(StpProcedure, Local(2026, 10, 12, 8), Channel.Counter, completed: _x.Days(Local(2026, 10, 12, 8), 5)), p2);
        _x.Event(b1, DossierEventType.SupplementRequested, Local(2026, 10, 13, 9), WorkflowFixture.OtherOfficer, 2, 2);
        _x.ReceivedBy(_x.New(StpProcedure, Local(2026, 10, 14, 8), Channel.Counter), p2); // open, overdue by the end of October
        _x.ReceivedBy(_x.New(StpProcedure, Local(2026, 9, 21, 8), Channel.Counter), p2); // September's, still open and overdue
        _x.New(SnvProcedure, Local(2026, 9, 7, 8), Channel.Online, completed: _x.Days(Local(2026, 9, 7, 8), 1)); // September
        _x.ReceivedBy(_x.New(StpProcedure, Local(2025, 10, 6, 8), Channel.Counter, completed: _x.Days(Local(2025, 10, 6, 8), 7)), p2); // last year
        await _x.SaveAsync();
        _x.Options.ReviseMinimumResults = 2;

        var r = await _x.Query().RunAsync(new ReportMonth(2026, 10));

        var snv = r.Departments.Single(d => d.Key == "SNV").Current;
        Assert.Equal((4, 1, 2, 1), (snv.Received, snv.ReceivedCounter, snv.ReceivedOnline, snv.ReceivedPost));
        Assert.Equal((3, 2, 0, 1), (snv.Resolved, snv.Early, snv.OnTime, snv.Late));
        Assert.Equal((1, 0), (snv.InProgress, snv.Overdue));
        Assert.Equal((1, 0, 1), (snv.Apologies, snv.SupplementRequests, snv.ReturnedByPost));
        Assert.Equal((2, 1), (snv.SatisfactionResponses, snv.Satisfied));
        Assert.Equal((3.0, 6.0, 5.0), (snv.AverageDays, snv.P90Days, snv.StatutoryDays));
        Assert.Equal(2 / 3.0, snv.OnTimeRate!.Value, 9);

        var stp = r.Departments.Single(d => d.Key == "STP");
        Assert.Equal((2, 2, 1, 1), (stp.Current.Received, stp.Current.ReceivedCounter, stp.Current.Resolved, stp.Current.OnTime));
        Assert.Equal((2, 2, 1), (stp.Current.InProgress, stp.Current.Overdue, stp.Current.SupplementRequests));
        Assert.Equal((1, 1, 1), (stp.LastYear.Received, stp.LastYear.Resolved, stp.LastYear.Late));
        Assert.Equal((1, 1, 1), (stp.Previous.Received, stp.Previous.InProgress, stp.Previous.Overdue));
        Assert.Equal((1, 1), (r.Departments.Single(d => d.Key == "SNV").Previous.Received, r.Departments.Single(d => d.Key == "SNV").Previous.Early));

        var total = r.Total.Current;
        Assert.Equal((6, 4, 2, 1, 1, 3, 2), (total.Received, total.Resolved, total.Early, total.OnTime, total.Late, total.InProgress, total.Overdue));
        Assert.Equal(0.75, total.OnTimeRate);
        Assert.Equal((2, 1, 1), (r.Total.Previous.Received, r.Total.Previous.Resolved, r.Total.Previous.InProgress));

        Assert.Equal(["SNV-01", "STP-01"], r.Procedures.Select(p => p.Key));
        var hoa = r.PostalStaff.Single(s => s.Key == "postal1").Current;
        var nam = r.PostalStaff.Single(s => s.Key == "postal2").Current;
        Assert.Equal((3, 2, 0, 1), (hoa.Received, hoa.Early, hoa.Late, hoa.InProgress));
        Assert.Equal((3, 1, 1, 2), (nam.Received, nam.OnTime, nam.Late, nam.InProgress));

        // Scorecard (0.4 on time, 0.2 online, 0.2 digitization, 0.2 satisfaction): STP has no satisfaction answers, so
        // its score is over the other three weights: (0.4·1 + 0.2·0 + 0.2·1) / 0.8 = 75; SNV (0.4·⅔ + 0.2·½ + 0.2·1 + 0.2·½) = 66.67.
        Assert.Equal([("STP", 1, 75.0), ("SNV", 2, 66.67)], r.Scorecard.Select(s => (s.DepartmentCode, s.Rank, s.Score)));

        // SNV over May-October: 1, 1, 2 and 6 working days → 90th percentile 6 > 5; STP has one result only.
        var revise = Assert.Single(r.ProceduresToRevise);
        Assert.Equal(("SNV-01", 4, 6.0, 5.0, 6), (revise.ProcedureCode, revise.Resolved, revise.P90Days, revise.StatutoryDays, revise.RealisticAmount));

        // A department leader's view: their department only.
        var leader = r.ForDepartment(WorkflowFixture.Stp);
        Assert.Equal(2, leader.Total.Current.Received);
        Assert.Equal(["STP"], leader.Departments.Select(d => d.Key));
        Assert.Equal(["STP-01"], leader.Procedures.Select(p => p.Key));
        Assert.Equal(["postal2"], leader.PostalStaff.Select(p => p.Key));
        Assert.Equal(2, leader.PostalStaff[0].Current.Received);
        Assert.Empty(leader.ProceduresToRevise);
        Assert.Equal(["STP"], leader.Scorecard.Select(s => s.DepartmentCode));
    }

    [Fact]
    public void Percentile_90_is_nearest_rank()
    {
        Assert.Equal(9, MonthlyReportQuery.Percentile90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
        Assert.Equal(10, MonthlyReportQuery.Percentile90([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
        Assert.Equal(4, MonthlyReportQuery.Percentile90([4]));
    }

    [Fact]
    public async Task A_month_that_has_not_begun_has_no_figures_and_snapshots_are_taken_once()
    {
        _x.New(SnvProcedure, Local(2026, 10, 5, 8), completed: Local(2026, 10, 6, 8));
        await _x.SaveAsync();
        var future = await _x.Query().RunAsync(new ReportMonth(2027, 1));
        Assert.True(future.Total.Current.IsEmpty);

        // The clock is in November 2026: the job freezes October, once.
        var store = _x.Store();
        Assert.Equal(1, await store.FreezePreviousMonthAsync("manual"));
        _x.New(SnvProcedure, Local(2026, 10, 7, 8)); // a late edit to October
        await _x.SaveAsync();
        Assert.Equal(0, await store.FreezePreviousMonthAsync("schedule"));

        var frozen = await store.GetAsync(new ReportMonth(2026, 10), null, live: false);
        var live = await store.GetAsync(new ReportMonth(2026, 10), null, live: true);
        Assert.True(frozen.Frozen);
        Assert.NotNull(frozen.FrozenAt);
        Assert.Equal(1, frozen.Report.Total.Current.Received); // what the meeting saw
        Assert.False(live.Frozen);
        Assert.True(live.FrozenAvailable);
        Assert.Equal(2, live.Report.Total.Current.Received);
        // The snapshot round-trips every breakdown.
        Assert.Equal(live.Report.Departments.Select(d => d.Key), frozen.Report.Departments.Select(d => d.Key));
        Assert.Equal(1, frozen.Report.Departments.Single(d => d.Key == "SNV").Current.Early);
    }
}
