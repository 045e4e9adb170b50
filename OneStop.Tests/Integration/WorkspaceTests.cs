using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Dossiers.Queries;
using OneStop.Domain.Staffing;
using OneStop.Tests.Infrastructure;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Integration;

/// <summary>
/// The workspace queries on a real migrated SQLite file after a known sequence of workflow actions.
/// Every dossier is received on Monday 23/11/2026 (5 working days, so due on Monday 30/11 at the same
/// hour); the queues are read on Monday 30/11 at 12:00, during the lunch break.
/// </summary>
public sealed class WorkspaceTests : IDisposable
{
    private readonly WorkflowFixture _f = new();
    private DossierWorkflow W => _f.Workflow;
    public void Dispose() => _f.Dispose();

    private MyQueueQuery Queue => new(_f.Contexts, _f.Calendars, _f.Clock);
    private DossierDetailQuery Detail => new(_f.Contexts, _f.Calendars, _f.Clock);
    private HandlerOptionsQuery Handlers => new(_f.Contexts);

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) =>
        new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    /// <summary>The dossiers of the scenario, by the letter the tests use.</summary>
    private sealed record Scenario(string A, string B, string C, string D, string E, string F, string G, string H);

    private async Task<Dossier> ReceiveAsync(int hour, int minute = 0, int by = Postal1, ResultDelivery delivery = ResultDelivery.Counter)
    {
        _f.Clock.Set(Local(11, 23, hour, minute));
        return await W.ReceiveAsync(ValidIntake(delivery: delivery), by);
    }

    private async Task<Dossier> ToOfficerAsync(Dossier d, int officer, int by = Postal1)
    {
        d = await W.HandOverAsync(d.Code, d.Version, by, null);
        return await W.AssignAsync(d.Code, d.Version, officer, officer);
    }

    private async Task<Scenario> BuildAsync()
    {
        // C 09:00: with officer1.
        var c = await ToOfficerAsync(await ReceiveAsync(9), Officer1);
        // B 10:00: in the department's pool, nobody has taken it.
        var b = await ReceiveAsync(10);
        b = await W.HandOverAsync(b.Code, b.Version, Postal1, null);
        // D 11:00: officer2 sent it to the other agency.
        var d = await ToOfficerAsync(await ReceiveAsync(11), Officer2);
        d = await W.HandOverAsync(d.Code, d.Version, Officer2, null);
        // E 13:30: waiting in the leaders' approval pool.
        var e = await ToOfficerAsync(await ReceiveAsync(13, 30), Officer1);
        e = await W.HandOverAsync(e.Code, e.Version, Officer1, null);
        e = await W.HandOverAsync(e.Code, e.Version, Officer1, null);
        // H 14:30: officer1 asked for a supplement.
        var h = await ToOfficerAsync(await ReceiveAsync(14, 30), Officer1);
        h = await W.RequestSupplementAsync(h.Code, h.Version, Officer1, "Thiếu bản sao Quyết định khen thưởng");
        // A 15:30: still with postal1 at reception.
        var a = await ReceiveAsync(15, 30);
        // G 16:00: received by postal2, who no longer covers SNV when it is approved: ready, nobody to return it.
        await using (var db = _f.Db())
        {
            db.StaffCoverage.Add(new StaffCoverage { StaffId = Postal2, DepartmentId = Snv });
            await db.SaveChangesAsync();
        }
        var g = await ToOfficerAsync(await ReceiveAsync(16, by: Postal2), Officer1, by: Postal2);
        g = await W.HandOverAsync(g.Code, g.Version, Officer1, null);
        g = await W.HandOverAsync(g.Code, g.Version, Officer1, Leader1);
        await using (var db = _f.Db())
        {
            db.StaffCoverage.Remove(await db.StaffCoverage.SingleAsync(x => x.StaffId == Postal2));
            await db.SaveChangesAsync();
        }
        g = await W.ApproveAsync(g.Code, g.Version, Leader1);
        // F 16:30: approved, back with postal1 who received it.
        var f = await ToOfficerAsync(await ReceiveAsync(16, 30), Officer1);
        f = await W.HandOverAsync(f.Code, f.Version, Officer1, null);
        f = await W.HandOverAsync(f.Code, f.Version, Officer1, Leader1);
        f = await W.ApproveAsync(f.Code, f.Version, Leader1);

        _f.Clock.Set(Local(11, 30, 12));
        return new Scenario(a.Code, b.Code, c.Code, d.Code, e.Code, f.Code, g.Code, h.Code);
    }

    [Fact]
    public async Task Officer1_sees_what_is_in_their_hands_and_the_department_pool_most_urgent_first()
    {
        var s = await BuildAsync();
        var q = await Queue.RunAsync(Officer1);

        Assert.Equal([s.C, s.B, s.H], q.Items.Select(i => i.Code));
        var (c, b, h) = (q.Items[0], q.Items[1], q.Items[2]);
        Assert.Equal((QueueReason.InMyHands, WorkspaceAction.HandOver), (c.Reason, c.Action));
        Assert.Equal((QueueReason.ToTake, WorkspaceAction.Take), (b.Reason, b.Action));
        Assert.Equal((QueueReason.InMyHands, WorkspaceAction.Resume), (h.Reason, h.Action));
        // Due 09:00 and 10:00; it is 12:00 in the lunch break: 2h30 and 1h30 of working time late.
        Assert.True(c.Overdue && b.Overdue);
        Assert.Equal(TimeSpan.FromHours(-2.5), c.Remaining);
        Assert.Equal(TimeSpan.FromHours(-1.5), b.Remaining);
        // The paused one is frozen where its clock stopped (14:30 Monday → 14:30 next Monday = 5 days) and not overdue.
        Assert.True(h.Paused);
        Assert.False(h.Overdue);
        Assert.Equal(TimeSpan.FromHours(7.5 * 5), h.Remaining);
        Assert.Equal("Thẩm định", c.StepName);
        Assert.Equal("Tặng Bằng khen của Chủ tịch UBND tỉnh", c.ProcedureName);
        Assert.Equal(TimeSpan.FromHours(7.5), q.DayLength);
    }

    [Fact]
    public async Task Officer2_sees_the_pool_and_what_they_sent_to_another_agency_but_not_officer1s_dossiers()
    {
        var s = await BuildAsync();
        var q = await Queue.RunAsync(Officer2);

        Assert.Equal([s.B, s.D], q.Items.Select(i => i.Code));
        Assert.Equal((QueueReason.AtOtherAgency, WorkspaceAction.HandOver), (q.Items[1].Reason, q.Items[1].Action));
        Assert.Equal(TimeSpan.FromMinutes(-30), q.Items[1].Remaining);
    }

    [Fact]
    public async Task Leader1_sees_unassigned_processing_to_assign_and_the_approval_pool()
    {
        var s = await BuildAsync();
        var q = await Queue.RunAsync(Leader1);

        Assert.Equal([s.B, s.E], q.Items.Select(i => i.Code));
        Assert.Equal((QueueReason.ToAssign, WorkspaceAction.Assign), (q.Items[0].Reason, q.Items[0].Action));
        Assert.Equal((QueueReason.ToApprove, WorkspaceAction.Approve), (q.Items[1].Reason, q.Items[1].Action));
        // Received at 13:30, E was due at 11:30 (3.5 h on the first day + 4 days + 4 h): late since the lunch break began,
        // with no working time gone by since.
        Assert.Equal(Local(11, 30, 11, 30).UtcDateTime, q.Items[1].AppointmentAt);
        Assert.True(q.Items[1].Overdue);
        Assert.Equal(TimeSpan.Zero, q.Items[1].Remaining);
    }

    [Fact]
    public async Task Postal1_sees_their_reception_their_results_and_results_nobody_returns_in_covered_departments()
    {
        var s = await BuildAsync();
        var q = await Queue.RunAsync(Postal1);

        Assert.Equal([s.A, s.G, s.F], q.Items.Select(i => i.Code));
        Assert.Equal((QueueReason.InMyHands, WorkspaceAction.HandOver), (q.Items[0].Reason, q.Items[0].Action));
        Assert.Equal((QueueReason.ToReturn, WorkspaceAction.Return), (q.Items[1].Reason, q.Items[1].Action));
        Assert.Equal((QueueReason.InMyHands, WorkspaceAction.Return), (q.Items[2].Reason, q.Items[2].Action));
        Assert.Equal([TimeSpan.FromHours(2), TimeSpan.FromHours(2.5), TimeSpan.FromHours(3)], q.Items.Select(i => i.Remaining));
        Assert.All(q.Items, i => Assert.False(i.Overdue));
    }

    [Fact]
    public async Task People_with_nothing_waiting_get_an_empty_queue()
    {
        await BuildAsync();
        Assert.Empty((await Queue.RunAsync(Postal2)).Items);   // covers nothing any more
        Assert.Empty((await Queue.RunAsync(Director)).Items);
        Assert.Empty((await Queue.RunAsync(OtherOfficer)).Items);
        var unknown = await Queue.RunAsync(9999);
        Assert.Null(unknown.Viewer);
        Assert.Empty(unknown.Items);
    }

    [Fact]
    public async Task Taking_from_the_pool_moves_the_dossier_out_of_the_others_queues_into_the_takers()
    {
        var s = await BuildAsync();
        var b = (await Queue.RunAsync(Officer2)).Items.Single(i => i.Code == s.B);
        var taken = await W.AssignAsync(b.Code, b.Version, Officer2, Officer2);
        Assert.DoesNotContain(s.B, (await Queue.RunAsync(Officer1)).Items.Select(i => i.Code));
        Assert.DoesNotContain(s.B, (await Queue.RunAsync(Leader1)).Items.Select(i => i.Code));
        var mine = (await Queue.RunAsync(Officer2)).Items.Single(i => i.Code == s.B);
        Assert.Equal((QueueReason.InMyHands, WorkspaceAction.HandOver, taken.Version), (mine.Reason, mine.Action, mine.Version));

        var change = _f.Changes.Published[^1];
        Assert.True((await Queue.RunAsync(Officer1)).Concerns(change));   // their pool lost it
        Assert.False((await Queue.RunAsync(OtherOfficer)).Concerns(change));
        // officer2 passes it straight to the leader: nothing officer1 sees changes, so their screen is left alone.
        await W.HandOverAsync(taken.Code, taken.Version, Officer2, null);
        var there = (await Queue.RunAsync(Officer2)).Items.Single(i => i.Code == s.B);
        await W.HandOverAsync(there.Code, there.Version, Officer2, Leader1);
        var toLeader = _f.Changes.Published[^1];
        Assert.Equal((null, Leader1), (toLeader.FromHandlerId, toLeader.ToHandlerId));
        Assert.True((await Queue.RunAsync(Leader1)).Concerns(toLeader));
        Assert.True((await Queue.RunAsync(Officer2)).Concerns(toLeader)); // from the inter-agency step they sent it to
        Assert.False((await Queue.RunAsync(Postal1)).Concerns(new DossierChange(0, 0, "X", Snv, DossierEventType.Assigned, Officer1, Officer2, DateTime.UtcNow)));
    }

    [Fact]
    public async Task When_the_province_decides_after_the_leader_the_leaders_button_hands_on_instead_of_approving()
    {
        await using (var db = _f.Db())
        {
            db.Procedures.Add(new Procedure
            {
                Id = 12, Code = "SNV-03", Name = "Tặng Cờ thi đua của UBND tỉnh", DepartmentId = Snv, FieldId = 1,
                StatutoryAmount = 20, StatutoryUnit = TimeUnit.WorkingDays,
                Steps =
                [
                    new ProcedureStep { Order = 1, Name = "Tiếp nhận", Kind = StepKind.Reception, Role = StaffRole.PostalStaff, Share = 0.05 },
                    new ProcedureStep { Order = 2, Name = "Thẩm định", Kind = StepKind.Processing, Role = StaffRole.DepartmentOfficer, Share = 0.45 },
                    new ProcedureStep { Order = 3, Name = "Lãnh đạo Sở ký tờ trình", Kind = StepKind.Approval, Role = StaffRole.DepartmentLeader, Share = 0.15 },
                    new ProcedureStep { Order = 4, Name = "Trình UBND tỉnh quyết định", Kind = StepKind.InterAgency, Role = StaffRole.DepartmentOfficer, Share = 0.3, Agency = "Văn phòng UBND tỉnh" },
                    new ProcedureStep { Order = 5, Name = "Trả kết quả", Kind = StepKind.Return, Role = StaffRole.PostalStaff, Share = 0.05 },
                ],
            });
            await db.SaveChangesAsync();
        }
        var d = await ToOfficerAsync(await W.ReceiveAsync(ValidIntake(procedureId: 12), Postal1), Officer1);
        d = await W.HandOverAsync(d.Code, d.Version, Officer1, Leader1);

        var row = Assert.Single((await Queue.RunAsync(Leader1)).Items);
        Assert.Equal((QueueReason.InMyHands, WorkspaceAction.HandOver), (row.Reason, row.Action));
        Assert.Equal(["Văn phòng UBND tỉnh (liên thông)"], (await Handlers.ForHandOverAsync(d.Code))!.Options.Select(o => o.Label));

        // The leader sends it to the provincial office and keeps seeing it; its result coming back completes the dossier.
        d = await W.HandOverAsync(d.Code, d.Version, Leader1, null);
        row = Assert.Single((await Queue.RunAsync(Leader1)).Items);
        Assert.Equal((QueueReason.AtOtherAgency, WorkspaceAction.HandOver), (row.Reason, row.Action));
        Assert.DoesNotContain((await Queue.RunAsync(Officer1)).Items, i => i.Code == d.Code); // not theirs: the leader sent it
        Assert.Contains(WorkspaceAction.HandOver, (await Detail.RunAsync(d.Code, Leader1))!.Actions);
        Assert.Contains(WorkspaceAction.HandOver, (await Detail.RunAsync(d.Code, Officer1))!.Actions);
        var back = (await Handlers.ForHandOverAsync(d.Code))!;
        Assert.Equal(("Trả kết quả", null), (back.StepName, back.Default!.StaffId));
        d = await W.HandOverAsync(d.Code, d.Version, Leader1, back.Default.StaffId);
        Assert.Equal(DossierStatus.ResultReady, d.Status);
        Assert.Contains(d.Code, (await Queue.RunAsync(Postal1)).Items.Select(i => i.Code));
        // Where the return follows approval directly, no hand-over reaches it.
        Assert.Null(await Handlers.ForHandOverAsync((await BuildAsync()).E));
        // With the usual shape (approval, then return) the same button approves.
        Assert.Equal(WorkspaceAction.Approve, MyQueueQuery.PrimaryAction(QueueReason.InMyHands, DossierStatus.InProgress, StepKind.Approval, StaffRole.DepartmentLeader, StepKind.Return));
        Assert.Equal(WorkspaceAction.Approve, MyQueueQuery.PrimaryAction(QueueReason.ToApprove, DossierStatus.InProgress, StepKind.Approval, StaffRole.DepartmentLeader, StepKind.Return));
        Assert.Equal(WorkspaceAction.HandOver, MyQueueQuery.PrimaryAction(QueueReason.ToApprove, DossierStatus.InProgress, StepKind.Approval, StaffRole.DepartmentLeader, StepKind.InterAgency));
    }

    [Fact]
    public async Task The_detail_lists_the_process_control_sheet_in_order_with_names_and_steps()
    {
        var s = await BuildAsync();
        var d = await Detail.RunAsync(s.E, Leader1);

        Assert.NotNull(d);
        Assert.Equal(
            [DossierEventType.Received, DossierEventType.HandedOver, DossierEventType.Assigned, DossierEventType.HandedOver, DossierEventType.HandedOver],
            d.Timeline.Select(t => t.Type));
        Assert.Equal(["Tiếp nhận", "Chuyển xử lý", "Giao / nhận xử lý", "Chuyển xử lý", "Chuyển xử lý"], d.Timeline.Select(t => t.ActionText));
        Assert.Equal(["Nguyễn Thị Hoa", "Nguyễn Thị Hoa", "Lê Minh Tuấn", "Lê Minh Tuấn", "Lê Minh Tuấn"], d.Timeline.Select(t => t.ActorName));
        Assert.Equal(["Nguyễn Thị Hoa", "Phòng chuyên môn (chờ nhận)", "Lê Minh Tuấn", "Ban Thi đua - Khen thưởng (liên thông)", "Lãnh đạo đơn vị (chờ nhận)"],
            d.Timeline.Select(t => t.NextHandlerName));
        Assert.Equal([null, "Tiếp nhận, số hóa", "Thẩm định", "Thẩm định", "Lấy ý kiến"], d.Timeline.Select(t => t.FromStepName));
        Assert.Equal(["Tiếp nhận, số hóa", "Thẩm định", "Thẩm định", "Lấy ý kiến", "Lãnh đạo duyệt"], d.Timeline.Select(t => t.ToStepName));
        Assert.True(d.Timeline.Zip(d.Timeline.Skip(1)).All(p => p.First.Id < p.Second.Id && p.First.At <= p.Second.At));
        Assert.Equal(local(11, 23, 13, 30), d.Timeline[0].At);

        Assert.Equal("Sở Nội vụ", d.DepartmentName);
        Assert.Equal("Lãnh đạo duyệt", d.CurrentStepInfo.Name);
        Assert.Equal("Lãnh đạo đơn vị (chờ nhận)", d.HolderText);
        Assert.False(d.Applicant.Masked);
        Assert.Equal("0912345678", d.Applicant.Phone);

        static DateTime local(int month, int day, int hour, int minute) => Local(month, day, hour, minute).UtcDateTime;
    }

    [Fact]
    public async Task The_detail_explains_the_deadline_per_step_and_flags_the_step_that_overran()
    {
        var s = await BuildAsync();
        // C has been at «Thẩm định» (share 0.5 of 5 days = 2.5 days) since Monday 09:00: a whole week, overrun.
        var d = (await Detail.RunAsync(s.C, Officer1))!;
        Assert.Equal(TimeSpan.FromHours(37.5), d.Deadline.Statutory);
        Assert.Equal("5 ngày làm việc", d.Deadline.StatutoryText);
        Assert.True(d.Deadline.Overdue);
        Assert.Equal(TimeSpan.FromHours(-2.5), d.Deadline.Remaining);
        var budgets = d.Deadline.Steps;
        Assert.Equal([1, 2, 3, 4, 5], budgets.Select(b => b.Order));
        Assert.Equal(TimeSpan.FromHours(7.5 * 2.5), budgets[1].Allowed);
        Assert.Equal(TimeSpan.Zero, budgets[0].Used);  // handed over at once
        Assert.False(budgets[0].Overran);
        Assert.True(budgets[1].Current);
        Assert.Equal(TimeSpan.FromHours(37.5 + 2.5), budgets[1].Used);
        Assert.True(budgets[1].Overran);
        Assert.Null(budgets[2].Used);

        // H is paused: its pause is listed and its paused working time counts up to now.
        var h = (await Detail.RunAsync(s.H, Officer1))!;
        var pause = Assert.Single(h.Pauses);
        Assert.Null(pause.EndedAt);
        Assert.Equal("Thiếu bản sao Quyết định khen thưởng", pause.Reason);
        // Monday 14:30 → Monday 12:00: 2.5 h + 4 × 7.5 h + 4 h.
        Assert.Equal(TimeSpan.FromHours(36.5), pause.WorkingTime);
        Assert.Equal(TimeSpan.FromHours(36.5), h.Deadline.PausedWorkingTime);
        Assert.Equal("Thiếu bản sao Quyết định khen thưởng", h.Latest(DossierEventType.SupplementRequested)?.Note);
    }

    [Fact]
    public async Task The_detail_offers_only_the_actions_legal_for_the_status_and_the_person()
    {
        var s = await BuildAsync();
        async Task<IReadOnlyList<WorkspaceAction>> For(string code, int who) => (await Detail.RunAsync(code, who))!.Actions;

        // C is at the first processing step: nothing before it to send back to.
        Assert.Equal([WorkspaceAction.HandOver, WorkspaceAction.RequestSupplement, WorkspaceAction.Refuse, WorkspaceAction.Withdraw],
            await For(s.C, Officer1));
        // officer2 neither holds C nor may take it; the other department's officer does not even see it (DossierScope).
        Assert.Empty(await For(s.C, Officer2));
        Assert.Null(await Detail.RunAsync(s.C, OtherOfficer));
        Assert.Empty(await For(s.C, Supervisor));
        Assert.Equal([WorkspaceAction.Take, WorkspaceAction.HandOver, WorkspaceAction.RequestSupplement, WorkspaceAction.Refuse],
            await For(s.B, Officer2));
        Assert.Equal([WorkspaceAction.Take, WorkspaceAction.Assign, WorkspaceAction.Approve, WorkspaceAction.SendBack, WorkspaceAction.RequestSupplement,
                      WorkspaceAction.Refuse, WorkspaceAction.Withdraw, WorkspaceAction.IssueApology], await For(s.E, Leader1));
        Assert.Equal([WorkspaceAction.Resume, WorkspaceAction.Refuse, WorkspaceAction.Withdraw], await For(s.H, Officer1));
        Assert.Equal([WorkspaceAction.Resume, WorkspaceAction.Withdraw], await For(s.H, Postal1));
        Assert.Equal([WorkspaceAction.Return], await For(s.F, Postal1));
        Assert.Equal([WorkspaceAction.Return], await For(s.G, Postal1));
        Assert.Equal([WorkspaceAction.IssueApology], await For(s.G, Director));
        Assert.Equal([WorkspaceAction.HandOver, WorkspaceAction.RequestSupplement, WorkspaceAction.Refuse, WorkspaceAction.Withdraw], await For(s.A, Postal1));

        // Once returned, nobody has anything left to do.
        var f = await Detail.RunAsync(s.F, Postal1);
        var returned = await W.ReturnAsync(f!.Code, f.Version, Postal1, new ReturnDetails(Satisfied: true));
        Assert.Empty(await For(returned.Code, Postal1));
        Assert.Empty(await For(returned.Code, Leader1));
    }

    [Fact]
    public async Task Applicant_data_is_masked_for_the_supervisor_and_the_dossier_is_closed_to_other_departments()
    {
        var s = await BuildAsync();
        foreach (var who in new[] { Officer1, Officer2, Leader1, Postal1, Director })
        {
            var seen = (await Detail.RunAsync(s.C, who))!.Applicant;
            Assert.False(seen.Masked);
            Assert.Equal(("Nguyễn Văn An", "0912345678", "045090001234"), (seen.Name, seen.Phone, seen.IdNumber));
        }
        // Outside DossierScope (another department's officer, postal staff not covering it): no dossier at all.
        foreach (var who in new[] { OtherOfficer, Postal2 })
            Assert.Null(await Detail.RunAsync(s.C, who));
        foreach (var who in new[] { Supervisor })
        {
            var masked = (await Detail.RunAsync(s.C, who))!.Applicant;
            Assert.True(masked.Masked);
            Assert.Equal("09******78", masked.Phone);
            Assert.Equal("04********34", masked.IdNumber);
            Assert.Equal("N***** V** A*", masked.Name);
            Assert.Equal("***, Quảng Trị", masked.Address);
        }
        Assert.Null(await Detail.RunAsync("SNV-000000-0000", Officer1));
    }

    [Fact]
    public async Task Handler_options_offer_only_people_fitting_the_next_step()
    {
        var s = await BuildAsync();

        // A is at reception: next is «Thẩm định» for the department's officers, default the pool.
        var a = (await Handlers.ForHandOverAsync(s.A))!;
        Assert.Equal("Thẩm định", a.StepName);
        Assert.Equal([null, Officer2, Officer1], a.Options.Select(o => o.StaffId)); // officer2 holds fewer open dossiers
        Assert.Equal("Phòng chuyên môn (chờ nhận)", a.Default!.Label);
        Assert.True(a.Default.IsPool);
        Assert.StartsWith("Phạm Thu Hà (chuyên viên, 0 hồ sơ", a.Options[1].Label);

        // C is at «Thẩm định»: next is the other agency, nobody of ours.
        var c = (await Handlers.ForHandOverAsync(s.C))!;
        Assert.Equal(StepKind.InterAgency, c.StepKind);
        Assert.Equal(["Ban Thi đua - Khen thưởng (liên thông)"], c.Options.Select(o => o.Label));

        // D is with the other agency: next is approval; the department has exactly one leader, preselected.
        var d = (await Handlers.ForHandOverAsync(s.D))!;
        Assert.Equal([null, Leader1], d.Options.Select(o => o.StaffId));
        Assert.Equal(Leader1, d.Default!.StaffId);

        // At approval the next step is the return, which only approval reaches.
        Assert.Null(await Handlers.ForHandOverAsync(s.E));

        // The leader assigns B to one of the department's officers; no default among two.
        var b = (await Handlers.ForAssignAsync(s.B))!;
        Assert.Equal([Officer2, Officer1], b.Options.Select(o => o.StaffId));
        Assert.Null(b.Default);
        // Reassigning C leaves out who holds it.
        Assert.Equal([Officer2], (await Handlers.ForAssignAsync(s.C))!.Options.Select(o => o.StaffId));

        // What is offered is accepted by the workflow.
        var dd = (await Detail.RunAsync(s.D, Officer2))!;
        var moved = await W.HandOverAsync(dd.Code, dd.Version, Officer2, d.Default.StaffId);
        Assert.Equal(Leader1, moved.CurrentHandlerId);
    }
}

/// <summary>
/// The real app (no demo data) with the fixture's small center written into its database: the
/// printables render as plain HTTP pages for a signed-in person, and ask strangers to sign in.
/// </summary>
public sealed class WorkspacePrintableTests : IAsyncLifetime
{
    private OneStopApp _app = null!;
    private DossierWorkflow Workflow => _app.Services.GetRequiredService<DossierWorkflow>();

    public async Task InitializeAsync()
    {
        _app = new OneStopApp(demo: false, now: new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7)));
        await using var db = _app.CreateDb();
        await SeedAsync(db);
    }

    /// <summary>A department with a four-step procedure and the people who work it, all with the password «demo».</summary>
    internal static async Task SeedAsync(OneStop.Domain.Persistence.OneStopDbContext db)
    {
        db.Departments.Add(new Department { Id = Snv, Code = "SNV", Name = "Sở Nội vụ", PostalCovered = true });
        db.Fields.Add(new Field { Id = 1, DepartmentId = Snv, Code = "TDKT", Name = "Thi đua, khen thưởng" });
        db.Procedures.Add(new Procedure
        {
            Id = ProcedureId, Code = "SNV-01", Name = "Tặng Bằng khen của Chủ tịch UBND tỉnh", DepartmentId = Snv, FieldId = 1,
            StatutoryAmount = 5, StatutoryUnit = TimeUnit.WorkingDays,
            Steps =
            [
                new ProcedureStep { Order = 1, Name = "Tiếp nhận, số hóa", Kind = StepKind.Reception, Role = StaffRole.PostalStaff, Share = 0.1 },
                new ProcedureStep { Order = 2, Name = "Thẩm định", Kind = StepKind.Processing, Role = StaffRole.DepartmentOfficer, Share = 0.6 },
                new ProcedureStep { Order = 3, Name = "Lãnh đạo duyệt", Kind = StepKind.Approval, Role = StaffRole.DepartmentLeader, Share = 0.2 },
                new ProcedureStep { Order = 4, Name = "Trả kết quả", Kind = StepKind.Return, Role = StaffRole.PostalStaff, Share = 0.1 },
            ],
        });
        var people = new[]
        {
            new Staff { Id = Postal1, UserName = "postal1", FullName = "Nguyễn Thị Hoa", Role = StaffRole.PostalStaff },
            new Staff { Id = Officer1, UserName = "officer1", FullName = "Lê Minh Tuấn", Role = StaffRole.DepartmentOfficer, DepartmentId = Snv },
            new Staff { Id = Officer2, UserName = "officer2", FullName = "Phạm Thu Hà", Role = StaffRole.DepartmentOfficer, DepartmentId = Snv },
            new Staff { Id = Leader1, UserName = "leader1", FullName = "Hoàng Văn Dũng", Role = StaffRole.DepartmentLeader, DepartmentId = Snv },
            new Staff { Id = OtherOfficer, UserName = "stp.cv1", FullName = "Võ Thị Lan", Role = StaffRole.DepartmentOfficer },
            new Staff { Id = Director, UserName = "director", FullName = "Đặng Quốc Bảo", Role = StaffRole.Director },
        };
        foreach (var s in people) s.PasswordHash = StaffAuthenticator.Hash(s, "demo");
        db.Staff.AddRange(people);
        db.StaffCoverage.Add(new StaffCoverage { StaffId = Postal1, DepartmentId = Snv });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        var form = await http.GetStringAsync("/signin");
        string Hidden(string name) => System.Text.RegularExpressions.Regex.Match(form, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;
        var response = await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = Hidden("_handler"),
            ["__RequestVerificationToken"] = Hidden("__RequestVerificationToken"),
            ["Input.UserName"] = user,
            ["Input.Password"] = "demo",
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return http;
    }

    [Fact]
    public async Task The_three_printables_carry_the_motto_the_dossier_and_what_the_action_said()
    {
        var d = await Workflow.ReceiveAsync(ValidIntake(), Postal1);
        d = await Workflow.HandOverAsync(d.Code, d.Version, Postal1, null);
        d = await Workflow.AssignAsync(d.Code, d.Version, Officer1, Officer1);
        d = await Workflow.RequestSupplementAsync(d.Code, d.Version, Officer1, "Bản sao Quyết định khen thưởng\nBáo cáo thành tích có xác nhận");
        d = await Workflow.ResumeAsync(d.Code, d.Version, Postal1);
        d = await Workflow.IssueApologyAsync(d.Code, d.Version, Leader1, new DateTime(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc), "Phải lấy thêm ý kiến Ban Thi đua");
        d = await Workflow.RefuseAsync(d.Code, d.Version, Leader1, "Không đủ điều kiện khen thưởng theo quy định");

        using var http = await SignedInAsync("officer1");
        var supplement = await http.GetStringAsync($"/dossiers/{d.Code}/supplement-request");
        var refusal = await http.GetStringAsync($"/dossiers/{d.Code}/refusal");
        var apology = await http.GetStringAsync($"/dossiers/{d.Code}/apology");
        foreach (var html in new[] { supplement, refusal, apology })
        {
            Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", html);
            Assert.Contains("Độc lập - Tự do - Hạnh phúc", html);
            Assert.Contains($"data-testid=\"slip-code\">{d.Code}<", html);
            Assert.Contains("Nguyễn Văn An", html);
            Assert.Contains("Tặng Bằng khen của Chủ tịch UBND tỉnh", html);
            Assert.Contains("window.print()", html);
            Assert.Contains("size: A4", html);
            Assert.DoesNotContain("blazor-error", html.Split("</article>")[0].Split("<article")[^1]);
        }
        Assert.Contains("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", supplement);
        Assert.Contains("<li>Bản sao Quyết định khen thưởng</li>", supplement);
        Assert.Contains("<li>Báo cáo thành tích có xác nhận</li>", supplement);
        Assert.Contains("Ngày 23 tháng 11 năm 2026", supplement);

        Assert.Contains("PHIẾU TỪ CHỐI GIẢI QUYẾT HỒ SƠ", refusal);
        Assert.Contains("Không đủ điều kiện khen thưởng theo quy định", refusal);
        Assert.Contains("Hoàng Văn Dũng", refusal);

        Assert.Contains("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", apology);
        Assert.Matches("data-testid=\"slip-reason\"[^>]*>Phải lấy thêm ý kiến Ban Thi đua<", apology);
        Assert.Contains("data-testid=\"slip-new-appointment\">07/12/2026 09:00<", apology);
        Assert.Contains("data-testid=\"slip-original-appointment\">30/11/2026 09:00<", apology);
    }

    [Fact]
    public async Task A_printable_of_an_action_that_never_happened_says_so_and_strangers_are_sent_to_sign_in()
    {
        var d = await Workflow.ReceiveAsync(ValidIntake(), Postal1);
        using var http = await SignedInAsync("postal1");
        var html = await http.GetStringAsync($"/dossiers/{d.Code}/refusal");
        Assert.Contains("data-testid=\"slip-not-available\"", html);
        Assert.Contains($"Hồ sơ {d.Code} không bị từ chối.", html);

        // Refused at the counter: the slip refuses reception, signed by who received it.
        await Workflow.RefuseAsync(d.Code, d.Version, Postal1, "Hồ sơ không thuộc thẩm quyền của Sở");
        html = await http.GetStringAsync($"/dossiers/{d.Code}/refusal");
        Assert.Contains("PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ", html);
        Assert.Contains("Hồ sơ không thuộc thẩm quyền của Sở", html);
        Assert.Contains("data-testid=\"slip-signer\">Nguyễn Thị Hoa<", html);

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        var response = await anonymous.GetAsync($"/dossiers/{d.Code}/apology");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("PHIẾU XIN LỖI", body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect
                    ? response.Headers.Location!.ToString().Contains("/signin")
                    : body.Contains("/signin"), "an anonymous request is sent to sign in");
    }
}
