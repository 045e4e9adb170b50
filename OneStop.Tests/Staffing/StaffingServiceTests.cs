using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Staffing;
using OneStop.Tests.Infrastructure;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Staffing;

/// <summary>
/// The supervisor's staffing commands on a real SQLite file (Monday 23/11/2026 09:00): training before coverage, audited
/// absences that leave a department uncovered, a suggestion applied through the workflow, and refusals that change nothing.
/// </summary>
public sealed class StaffingServiceTests : IDisposable
{
    private readonly WorkflowFixture _f = new();
    private readonly StaffingSignal _signal = new();
    private readonly StaffingQuery _query;
    private readonly StaffingService _service;
    private int _signals;

    public StaffingServiceTests()
    {
        using (var db = _f.Db())
        {
            db.StaffQualifications.Add(new StaffQualification { StaffId = Postal1, DepartmentId = Snv });
            db.SaveChanges();
        }
        _query = new StaffingQuery(_f.Contexts, _f.Calendars, _f.Clock);
        _service = new StaffingService(_f.Contexts, _query, _f.Workflow, _signal, _f.Clock);
        _signal.Subscribe(() => { Interlocked.Increment(ref _signals); return Task.CompletedTask; });
    }

    public void Dispose() => _f.Dispose();

    private DateOnly Today => WorkingCalendar.LocalDate(_f.Clock.GetUtcNow().UtcDateTime);

    private async Task<List<string>> AuditAsync()
    {
        await using var db = _f.Db();
        return await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Area + "/" + a.Action + ": " + a.Subject).ToListAsync();
    }

    [Fact]
    public async Task Coverage_needs_training_first_and_every_change_is_audited()
    {
        var untrained = await Assert.ThrowsAsync<StaffingException>(() => _service.SetCoverageAsync(Postal2, Snv, true, Supervisor));
        Assert.Equal("Coverage", untrained.Field);
        Assert.Contains("chưa được đào tạo", untrained.Message);
        var notEditor = await Assert.ThrowsAsync<StaffingException>(() => _service.SetTrainedAsync(Postal2, Snv, true, Postal1));
        Assert.Equal("Actor", notEditor.Field);
        Assert.Empty(await AuditAsync());

        await _service.SetTrainedAsync(Postal2, Snv, true, Supervisor);
        await _service.SetCoverageAsync(Postal2, Snv, true, Supervisor);
        await _service.SetCoverageAsync(Postal2, Snv, true, Supervisor); // already so: no second entry
        var stillCovering = await Assert.ThrowsAsync<StaffingException>(() => _service.SetTrainedAsync(Postal2, Snv, false, Supervisor));
        Assert.Contains("đang phụ trách", stillCovering.Message);

        Assert.Equal(["staffing.training/add: postal2 × SNV", "staffing.coverage/add: postal2 × SNV"], await AuditAsync());
        await using var db = _f.Db();
        Assert.True(await db.StaffCoverage.AnyAsync(c => c.StaffId == Postal2 && c.DepartmentId == Snv));
        Assert.True(await db.StaffQualifications.AnyAsync(q => q.StaffId == Postal2 && q.DepartmentId == Snv));
    }

    [Fact]
    public async Task Every_open_overview_shares_one_uncovered_list_recomputed_on_a_staffing_change()
    {
        using var live = OneStop.Web.Live.StaffingLive.Uncovered(_query, _signal,
            new OneStop.Web.Live.DossierChangeHub(Microsoft.Extensions.Logging.Abstractions.NullLogger<OneStop.Web.Live.DossierChangeHub>.Instance),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeSpan.Zero);
        Assert.Empty((await live.GetAsync()).Departments);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<int, OneStop.Web.Live.UncoveredToday>();
        using var first = live.Subscribe(s => { seen[1] = s; return Task.CompletedTask; });
        using var second = live.Subscribe(s => { seen[2] = s; return Task.CompletedTask; });

        await _service.SetAbsenceAsync(Postal1, Today, AbsenceKind.Leave, "Ốm", Supervisor);

        await WaitForAsync(() => seen.Count == 2 && seen.Values.All(s => s.Departments.Count == 1));
        Assert.Equal("SNV", seen[1].Departments.Single().Department.Code);
        // One computation for both screens: they were handed the same list.
        Assert.Same(seen[1], seen[2]);
    }

    [Fact]
    public async Task An_absence_is_audited_and_leaves_the_department_uncovered_until_someone_covers_it()
    {
        Assert.Empty(await _query.UncoveredAsync());
        var tooLong = await Assert.ThrowsAsync<StaffingException>(() => _service.SetAbsenceAsync(Postal1, Today, AbsenceKind.Leave, new string('x', 401), Supervisor));
        Assert.Equal("Note", tooLong.Field);
        Assert.Empty(await AuditAsync());

        await _service.SetAbsenceAsync(Postal1, Today, AbsenceKind.Leave, "Việc gia đình", Supervisor);

        Assert.Equal(["SNV"], (await _query.UncoveredAsync()).Select(c => c.Department.Code));
        await using (var db = _f.Db())
        {
            var entry = await db.AuditEntries.SingleAsync();
            Assert.Equal(("staffing.attendance", "set", "có mặt → Nghỉ phép (Việc gia đình)"), (entry.Area, entry.Action, entry.Details));
        }
        var snapshot = await _query.RunAsync();
        Assert.False(snapshot.Staff.Single(s => s.StaffId == Postal1).Present);
        Assert.Empty(snapshot.Plan.Suggestions); // nobody else is trained for SNV
        Assert.Equal([Snv], snapshot.Plan.Uncoverable);

        await _service.SetAbsenceAsync(Postal1, Today, null, null, Supervisor);
        Assert.Empty(await _query.UncoveredAsync());
        await WaitForAsync(() => Volatile.Read(ref _signals) >= 2);
    }

    [Fact]
    public async Task Applying_a_suggestion_moves_the_absent_persons_dossiers_through_the_workflow_once()
    {
        var codes = new List<string>();
        for (var i = 0; i < 3; i++) codes.Add((await _f.Workflow.ReceiveAsync(ValidIntake(), Postal1)).Code);
        await _service.SetTrainedAsync(Postal2, Snv, true, Supervisor);
        await _service.SetAbsenceAsync(Postal1, Today, AbsenceKind.Sick, null, Supervisor);

        var suggestion = Assert.Single((await _query.RunAsync()).Plan.Suggestions);
        Assert.Equal((Postal1, Postal2), (suggestion.FromStaffId, suggestion.ToStaffId));
        Assert.Equal(codes.Order(), suggestion.Dossiers.Select(d => d.Code).Order());

        var result = await _service.ApplyAsync(suggestion.Key, Supervisor);

        Assert.True(result.CoverageAdded);
        Assert.Equal(codes.Order(), result.Moved.Order());
        Assert.Empty(result.Failed);
        await using (var db = _f.Db())
        {
            Assert.All(await db.Dossiers.ToListAsync(), d => Assert.Equal(Postal2, d.CurrentHandlerId));
            var events = await db.DossierEvents.Where(e => e.Type == DossierEventType.Assigned).ToListAsync();
            Assert.Equal(3, events.Count);
            Assert.All(events, e => Assert.Equal((Supervisor, Postal1, Postal2, DossierStatus.Received), (e.ActorId!.Value, e.FromHandlerId!.Value, e.ToHandlerId!.Value, e.ToStatus)));
            Assert.All(events, e => Assert.StartsWith("Điều phối: chuyển từ Nguyễn Thị Hoa sang Trần Văn Nam", e.Note));
        }
        Assert.Equal(3, _f.Changes.Published.Count(c => c.Type == DossierEventType.Assigned));
        Assert.Equal(["staffing.training/add: postal2 × SNV", "staffing.attendance/set: postal1 23/11/2026",
            "staffing.coverage/add: postal2 × SNV", "staffing.balancing/apply-suggestion: SNV: Nguyễn Thị Hoa → Trần Văn Nam"], await AuditAsync());

        // The same click again (a stale page): the plan has moved on, nothing happens twice.
        var stale = await Assert.ThrowsAsync<StaffingException>(() => _service.ApplyAsync(suggestion.Key, Supervisor));
        Assert.Equal("Suggestion", stale.Field);
        Assert.Equal(4, (await AuditAsync()).Count);
    }

    [Fact]
    public async Task Only_the_supervisor_reassigns_and_only_to_postal_staff_covering_the_department()
    {
        var d = await _f.Workflow.ReceiveAsync(ValidIntake(), Postal1);
        await Assert.ThrowsAsync<DossierRuleException>(() => _f.Workflow.ReassignAsync(d.Code, d.Version, Postal1, Postal2));
        var invalid = await Assert.ThrowsAsync<DossierValidationException>(() => _f.Workflow.ReassignAsync(d.Code, d.Version, Supervisor, Postal2));
        Assert.Contains("ToHandlerId", invalid.Errors.Keys);
        await Assert.ThrowsAsync<DossierValidationException>(() => _f.Workflow.ReassignAsync(d.Code, d.Version, Supervisor, Officer1));
        var handedOver = await _f.Workflow.HandOverAsync(d.Code, d.Version, Postal1, Officer1);
        var atProcessing = await Assert.ThrowsAsync<DossierRuleException>(() => _f.Workflow.ReassignAsync(d.Code, handedOver.Version, Supervisor, Postal2));
        Assert.Contains("Đang giải quyết", atProcessing.Message); // the status machine: only dossiers waiting at reception or return
        await using var db = _f.Db();
        Assert.Equal(0, await db.DossierEvents.CountAsync(e => e.Type == DossierEventType.Assigned));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }
}
