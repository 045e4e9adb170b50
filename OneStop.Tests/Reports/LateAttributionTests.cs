using OneStop.Domain.Dossiers;
using OneStop.Domain.Reports;
using OneStop.Tests.Infrastructure;
using static OneStop.Tests.Reports.ReportFixture;

namespace OneStop.Tests.Reports;

/// <summary>Late dossiers whose overrun step is known, with the steps' shares of 5 working days: 0.5, 2.5, 0.5, 1, 0.5 days.</summary>
public sealed class LateAttributionTests : IDisposable
{
    private readonly ReportFixture _x = new();
    public void Dispose() => _x.Dispose();

    private void Walk(Dossier d, int receiver, params (double Day, int From, int To, int Actor, int? Handler)[] moves)
    {
        foreach (var (day, from, to, actor, handler) in moves)
            _x.Event(d, to == 5 ? DossierEventType.Approved : DossierEventType.HandedOver, _x.Days(d.ReceivedAt, day), actor, from, to, handler,
                to == 5 ? DossierStatus.ResultReady : DossierStatus.InProgress);
    }

    [Fact]
    public async Task The_step_that_overran_its_share_the_most_owns_the_late_dossier()
    {
        const int p1 = WorkflowFixture.Postal1, p2 = WorkflowFixture.Postal2, officer = WorkflowFixture.Officer1, leader = WorkflowFixture.Leader1;
        // 1. Processing took 4.75 days of its 2.5; returned two weeks later (after completion: must not count).
        var processing = _x.New(SnvProcedure, Local(2026, 10, 5, 8), completed: _x.Days(Local(2026, 10, 5, 8), 6), returned: _x.Days(Local(2026, 10, 5, 8), 20));
        Walk(processing, p1, (0.25, 1, 2, p1, officer), (5, 2, 3, officer, null), (5.25, 3, 4, officer, leader), (6, 4, 5, leader, null));
        _x.Event(processing, DossierEventType.Returned, _x.Days(processing.ReceivedAt, 20), p1, 5, 5, null, DossierStatus.Returned);
        // 2. The other agency took 4 days of its 0.5.
        var agency = _x.New(SnvProcedure, Local(2026, 10, 6, 8), completed: _x.Days(Local(2026, 10, 6, 8), 5.5));
        Walk(agency, p1, (0.25, 1, 2, p1, officer), (1, 2, 3, officer, null), (5, 3, 4, officer, leader), (5.5, 4, 5, leader, null));
        // 3. Reception took 3 days of its 0.5.
        var reception = _x.ReceivedBy(_x.New(StpProcedure, Local(2026, 10, 7, 8), completed: _x.Days(Local(2026, 10, 7, 8), 5.2)), p2);
        Walk(reception, p2, (3, 1, 2, p2, WorkflowFixture.OtherOfficer), (4, 2, 3, WorkflowFixture.OtherOfficer, null), (4.2, 3, 4, WorkflowFixture.OtherOfficer, null), (5.2, 4, 5, WorkflowFixture.Director, null));
        // 4. Overran processing but finished early: not late, not listed.
        var early = _x.New(SnvProcedure, Local(2026, 10, 12, 8), completed: _x.Days(Local(2026, 10, 12, 8), 3.5));
        Walk(early, p1, (0.1, 1, 2, p1, officer), (3.2, 2, 3, officer, null), (3.3, 3, 4, officer, leader), (3.5, 4, 5, leader, null));
        await _x.SaveAsync();
        Assert.Equal([Outcome.Late, Outcome.Late, Outcome.Late, Outcome.Early], new[] { processing, agency, reception, early }.Select(d => d.Outcome!.Value));

        var report = await _x.Query().RunAsync(new ReportMonth(2026, 10));

        Assert.Equal(3, report.LateDossiers.Count);
        var byCode = report.LateDossiers.ToDictionary(l => l.Code);
        var a = byCode[processing.Code];
        Assert.Equal(("Thẩm định", LateOwnerKind.Department, "Sở Nội vụ", "Lê Minh Tuấn"), (a.StepName, a.OwnerKind, a.OwnerName, a.HandlerName));
        Assert.Equal(2.25 * 7.5, a.OverrunHours, 2);
        Assert.Equal(1.0, a.LateDays, 2);
        var b = byCode[agency.Code];
        Assert.Equal(("Lấy ý kiến", LateOwnerKind.OtherAgency, Agency, null), (b.StepName, b.OwnerKind, b.OwnerName, b.HandlerName));
        Assert.Equal(3.5 * 7.5, b.OverrunHours, 2);
        var c = byCode[reception.Code];
        Assert.Equal(("Tiếp nhận, số hóa", LateOwnerKind.Center, LateAttribution.CenterName, "Trần Văn Nam"), (c.StepName, c.OwnerKind, c.OwnerName, c.HandlerName));

        Assert.Equal([(LateOwnerKind.Center, 1), (LateOwnerKind.Department, 1), (LateOwnerKind.OtherAgency, 1)],
            report.LateByKind().Select(t => (t.Kind, t.Count)).OrderBy(t => t.Kind.ToString()));
        Assert.Equal(3, report.Total.Current.Late);
        Assert.Equal(["Sở Tư pháp"], report.ForDepartment(WorkflowFixture.Stp).LateDossiers.Select(l => l.DepartmentName));
    }
}
