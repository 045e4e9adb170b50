using Microsoft.Extensions.Options;
using OneStop.Domain;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dashboard;
using OneStop.Domain.Dossiers;
using OneStop.Tests.Infrastructure;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Integration;

/// <summary>
/// The dashboard queries on a small fixture whose figures were worked out by hand. "Now" is
/// Monday 23/11/2026 09:00 (Vietnam); five dossiers:
/// d1, d2, d3 received today at the counter: d1 waits at reception (due 30/11), d2 is with the
/// department (due 30/11), d3 is a 4-working-hour procedure due today 13:30+1.5 h = 15:00 (due soon);
/// d4 was received Monday 16/11 09:00 on the 4-hour procedure, due 15:00 that day: overdue now;
/// d5 was received 16/11, approved 17/11 (early) and returned by post 18/11.
/// </summary>
public sealed class DashboardSnapshotTests : IDisposable
{
    private readonly WorkflowFixture _f = new();
    public void Dispose() => _f.Dispose();

    private static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(7));

    private async Task BuildAsync()
    {
        var w = _f.Workflow;
        _f.Clock.Set(Local(16, 9));
        await w.ReceiveAsync(ValidIntake(PostOnlyProcedureId), Postal1);                                   // d4
        var d5 = await w.ReceiveAsync(ValidIntake(delivery: ResultDelivery.Post), Postal1);                // d5
        d5 = await w.HandOverAsync(d5.Code, d5.Version, Postal1, Officer1);
        d5 = await w.HandOverAsync(d5.Code, d5.Version, Officer1, null);
        d5 = await w.HandOverAsync(d5.Code, d5.Version, Officer1, Leader1);
        _f.Clock.Set(Local(17, 10));
        d5 = await w.ApproveAsync(d5.Code, d5.Version, Leader1);
        _f.Clock.Set(Local(18, 10));
        await w.ReturnAsync(d5.Code, d5.Version, Postal1, new ReturnDetails("EL123456789VN", true));

        _f.Clock.Set(Local(23, 9));
        await w.ReceiveAsync(ValidIntake(), Postal1);                                                      // d1
        var d2 = await w.ReceiveAsync(ValidIntake(), Postal1);                                             // d2
        await w.HandOverAsync(d2.Code, d2.Version, Postal1, null);
        await w.ReceiveAsync(ValidIntake(PostOnlyProcedureId), Postal1);                                   // d3
    }

    [Fact]
    public async Task The_overview_has_the_figures_worked_out_by_hand()
    {
        await BuildAsync();
        var query = new OverviewSnapshotQuery(_f.Contexts, _f.Calendars, _f.Clock);

        var s = await query.RunAsync();

        var t = s.Tiles;
        Assert.Equal((3, 3, 0, 0), (t.ReceivedToday, t.ReceivedCounter, t.ReceivedOnline, t.ReceivedPost));
        Assert.Equal((4, 1, 1), (t.Open, t.DueSoon, t.Overdue));
        Assert.Equal((1, 0, 0), (t.Early, t.OnTime, t.Late));
        Assert.Equal(1.0, t.OnTimeRate);
        Assert.Equal(0.0, t.OnlineShare);           // 5 received this month, none online
        Assert.Equal(5, t.ReceivedThisMonth);
        Assert.Equal(1, t.ReturnedByPostThisMonth);

        var snv = s.Departments.Single(d => d.Code == "SNV");
        Assert.Equal((3, 1, 0, 0, 0, 0), (snv.AtReception, snv.AtProcessing, snv.AtInterAgency, snv.AtApproval, snv.ResultReady, snv.Paused));
        Assert.Equal((1, 1), (snv.DueSoon, snv.Overdue));
        Assert.Equal(TimeSpan.FromHours(37.5), snv.OldestWaiting);   // d4: 16/11 09:00 to 23/11 09:00, five working days
        Assert.Equal(["Nguyễn Thị Hoa"], snv.CoveringStaff);
        var stp = s.Departments.Single(d => d.Code == "STP");
        Assert.Equal(0, stp.Open);
        Assert.Null(stp.OldestWaiting);

        Assert.Equal(3, s.IntakeToday.Single(h => h.Hour == 9).Counter);
        Assert.Equal(3, s.IntakeToday.Sum(h => h.Total));
        var day17 = s.OnTimeTrend.Single(d => d.Date == new DateOnly(2026, 11, 17));
        Assert.Equal((1, 1.0), (day17.Resolved, day17.Rate));
        Assert.Equal(29, s.OnTimeTrend.Count(d => d.Resolved == 0));

        Assert.Equal(2, s.AtRisk.Count);
        Assert.True(s.AtRisk[0].Overdue);                          // d4 first, most urgent
        Assert.Equal("Tiếp nhận", s.AtRisk[0].StepName);
        // Due 16/11 15:00: 2 h that day, four full days (30 h) and 07:30-09:00 today (1.5 h) ago.
        Assert.Equal(TimeSpan.FromHours(-33.5), s.AtRisk[0].Remaining);
        Assert.Equal(TimeSpan.FromHours(4), s.AtRisk[1].Remaining);     // d3: its whole 4 working hours, received just now
        Assert.Equal("Nguyễn Thị Hoa", s.AtRisk[1].HandlerName);
    }

    [Fact]
    public async Task An_empty_center_gives_an_empty_snapshot()
    {
        await using (var db = _f.Db())
        {
            db.StaffCoverage.RemoveRange(db.StaffCoverage);
            db.Staff.RemoveRange(db.Staff);
            db.ProcedureSteps.RemoveRange(db.ProcedureSteps);
            db.Procedures.RemoveRange(db.Procedures);
            db.Fields.RemoveRange(db.Fields);
            db.Departments.RemoveRange(db.Departments);
            await db.SaveChangesAsync();
        }
        var s = await new OverviewSnapshotQuery(_f.Contexts, _f.Calendars, _f.Clock).RunAsync();
        Assert.True(s.IsEmpty);
        Assert.Equal(0, s.Tiles.Open);
        Assert.Null(s.Tiles.OnTimeRate);
    }

    [Fact]
    public async Task The_department_queue_lists_open_dossiers_with_their_step_handler_and_remaining_time()
    {
        await BuildAsync();
        var q = await new DepartmentQueueQuery(_f.Contexts, _f.Calendars, _f.Clock).RunAsync("SNV", Postal1);

        Assert.NotNull(q);
        Assert.Equal(4, q!.Items.Count);
        Assert.Equal(q.Items.OrderBy(i => i.AppointmentAt).Select(i => i.Code), q.Items.Select(i => i.Code));
        var withDepartment = q.Items.Single(i => i.StepKind == StepKind.Processing);
        Assert.Null(withDepartment.HandlerName);
        Assert.Equal("Thẩm định", withDepartment.StepName);
        Assert.Equal(TimeSpan.FromHours(37.5), withDepartment.Remaining);   // due 30/11 09:00: five working days
        Assert.Null(await new DepartmentQueueQuery(_f.Contexts, _f.Calendars, _f.Clock).RunAsync("NOPE", Postal1));
        Assert.False(q.ApplicantsMasked);
        Assert.All(q.Items, i => Assert.Equal("Nguyễn Văn An", i.ApplicantName));
    }

    [Fact]
    public async Task The_supervisor_sees_applicant_names_masked_and_other_departments_see_no_queue()
    {
        await BuildAsync();
        var query = new DepartmentQueueQuery(_f.Contexts, _f.Calendars, _f.Clock);
        var supervisor = (await query.RunAsync("SNV", Supervisor))!;
        Assert.True(supervisor.ApplicantsMasked);
        Assert.False(supervisor.Denied);
        Assert.Equal(4, supervisor.Items.Count);
        Assert.All(supervisor.Items, i => Assert.DoesNotContain("Văn An", i.ApplicantName));
        foreach (var outsider in new int?[] { OtherOfficer, Postal2, null })
        {
            var q = (await query.RunAsync("SNV", outsider))!;
            Assert.True(q.Denied);
            Assert.Empty(q.Items);
        }
        foreach (var insider in new[] { Officer1, Leader1, Director })
            Assert.False((await query.RunAsync("SNV", insider))!.ApplicantsMasked);
    }

    [Fact]
    public async Task The_staff_board_counts_what_each_postal_staff_member_holds_and_received_today()
    {
        await BuildAsync();
        var boards = await new StaffBoardQuery(_f.Contexts, _f.Calendars, _f.Clock).RunAsync();

        var hoa = boards.Single(b => b.StaffId == Postal1);
        Assert.Equal(3, hoa.ReceivedToday);       // d1, d2, d3 today; d4 and d5 last week
        Assert.Equal(3, hoa.ToHandOver);          // d1, d3, d4 still at reception in her hands
        Assert.Equal(1, hoa.Overdue);             // d4
        Assert.Equal(0, hoa.ResultsToReturn);
        Assert.Equal(["Sở Nội vụ"], hoa.Departments);
        var nam = boards.Single(b => b.StaffId == Postal2);
        Assert.Equal(0, nam.InHand + nam.ReceivedToday);
    }
}
