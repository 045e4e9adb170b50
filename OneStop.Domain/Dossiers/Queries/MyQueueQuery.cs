using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Dossiers.Queries;

/// <summary>Why a dossier is in someone's queue.</summary>
public enum QueueReason
{
    /// <summary>The person is its current handler.</summary>
    InMyHands,
    /// <summary>An officer's department pool: a processing step with nobody on it.</summary>
    ToTake,
    /// <summary>A leader's view of the same pool: to assign to an officer.</summary>
    ToAssign,
    /// <summary>A leader's department: an approval step with nobody on it.</summary>
    ToApprove,
    /// <summary>Postal staff: a ready result of a department they cover with nobody to return it.</summary>
    ToReturn,
    /// <summary>This officer or leader sent it to another agency (liên thông): it comes back through them.</summary>
    AtOtherAgency,
}

public sealed record QueueItem(
    long Id, string Code, string ProcedureCode, string ProcedureName, string DepartmentCode, string ApplicantName,
    int CurrentStep, string StepName, StepKind StepKind, DossierStatus Status, int? CurrentHandlerId,
    DateTime AppointmentAt, DateTime? PausedSince, ResultDelivery ResultDelivery, int Version,
    QueueReason Reason, WorkspaceAction Action,
    /// <summary>Working time left until the appointment in force (frozen while paused); negative when overdue.</summary>
    TimeSpan Remaining,
    /// <summary>Past the appointment in force and not paused.</summary>
    bool Overdue)
{
    public bool Paused => Status == DossierStatus.WaitingSupplement;
}

public sealed record MyQueue(WorkspaceViewer? Viewer, IReadOnlyList<QueueItem> Items, TimeSpan DayLength, DateTime NowUtc)
{
    /// <summary>
    /// Whether a change may add, remove or alter a row of this queue (for live updates): it comes to or from
    /// this person, enters or leaves a pool of theirs (a handler on one side is nobody), or touches a row shown.
    /// A hand-over between two other people of the department is not their business.
    /// </summary>
    public bool Concerns(DossierChange change) =>
        Viewer is { } v && (change.FromHandlerId == v.StaffId || change.ToHandlerId == v.StaffId
                            || (v.PoolDepartments.Contains(change.DepartmentId) && (change.FromHandlerId is null || change.ToHandlerId is null))
                            || Items.Any(i => i.Id == change.DossierId));
}

/// <summary>
/// The dossiers waiting for one person now, most urgent first: those in their hands plus the pools
/// they may take from (see <see cref="QueueReason"/>). Both reads go over the open-dossier partial
/// indexes (by handler; by department and step); remaining working time is the center's calendar.
/// </summary>
public sealed class MyQueueQuery(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, TimeProvider time)
{
    private sealed record Row(long Id, string Code, string ProcedureCode, string ProcedureName, string DepartmentCode, string ApplicantName,
        int CurrentStep, string StepName, StepKind StepKind, DossierStatus Status, int? CurrentHandlerId, DateTime AppointmentAt,
        DateTime? PausedSince, ResultDelivery ResultDelivery, int Version, int DepartmentId, int ProcedureId);

    public async Task<MyQueue> RunAsync(int staffId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var clock = await calendars.GetClockAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var viewer = await WorkspaceViewer.LoadAsync(db, staffId, ct);
        if (viewer is null) return new MyQueue(null, [], clock.Calendar.DayLength, now);

        var rows = new List<(Row Row, QueueReason Reason)>();
        var mine = await Rows(db).Where(x => x.D.CurrentHandlerId == staffId).Select(Project).ToListAsync(ct);
        rows.AddRange(mine.Select(r => (r, QueueReason.InMyHands)));

        var me = viewer.StaffId;
        switch (viewer.Role)
        {
            case StaffRole.DepartmentOfficer when viewer.DepartmentId is { } dept:
            {
                var pool = await Rows(db)
                    .Where(x => x.D.DepartmentId == dept && x.D.CurrentHandlerId == null && x.D.Status == DossierStatus.InProgress
                                && (x.S.Kind == StepKind.Processing
                                    || (x.S.Kind == StepKind.InterAgency
                                        && db.DossierEvents.Where(e => e.DossierId == x.D.Id).OrderByDescending(e => e.Id).Select(e => e.ActorId).FirstOrDefault() == me)))
                    .Select(Project).ToListAsync(ct);
                rows.AddRange(pool.Select(r => (r, r.StepKind == StepKind.InterAgency ? QueueReason.AtOtherAgency : QueueReason.ToTake)));
                break;
            }
            case StaffRole.DepartmentLeader when viewer.DepartmentId is { } dept:
            {
                var pool = await Rows(db)
                    .Where(x => x.D.DepartmentId == dept && x.D.CurrentHandlerId == null && x.D.Status == DossierStatus.InProgress
                                && (x.S.Kind == StepKind.Processing || x.S.Kind == StepKind.Approval
                                    || (x.S.Kind == StepKind.InterAgency
                                        && db.DossierEvents.Where(e => e.DossierId == x.D.Id).OrderByDescending(e => e.Id).Select(e => e.ActorId).FirstOrDefault() == me)))
                    .Select(Project).ToListAsync(ct);
                rows.AddRange(pool.Select(r => (r, r.StepKind switch
                {
                    StepKind.Approval => QueueReason.ToApprove,
                    StepKind.InterAgency => QueueReason.AtOtherAgency,
                    _ => QueueReason.ToAssign,
                })));
                break;
            }
            case StaffRole.PostalStaff when viewer.Covered.Count > 0:
            {
                var covered = viewer.Covered.ToList();
                var pool = await Rows(db)
                    .Where(x => covered.Contains(x.D.DepartmentId) && x.D.CurrentHandlerId == null && x.D.Status == DossierStatus.ResultReady)
                    .Select(Project).ToListAsync(ct);
                rows.AddRange(pool.Select(r => (r, QueueReason.ToReturn)));
                break;
            }
        }

        // The step after each row's current one decides between approving and handing on (an approval may be followed by another agency).
        var procedureIds = rows.Select(x => x.Row.ProcedureId).Distinct().ToList();
        var steps = (await db.ProcedureSteps.AsNoTracking().Where(s => procedureIds.Contains(s.ProcedureId))
                .Select(s => new { s.ProcedureId, s.Order, s.Kind }).ToListAsync(ct))
            .ToLookup(s => s.ProcedureId);
        StepKind? NextKind(Row r) => steps[r.ProcedureId].Where(s => s.Order > r.CurrentStep).OrderBy(s => s.Order).Select(s => (StepKind?)s.Kind).FirstOrDefault();

        var items = rows.Select(x =>
        {
            var r = x.Row;
            var paused = r.Status == DossierStatus.WaitingSupplement;
            var remaining = clock.Remaining(r.AppointmentAt, paused && r.PausedSince is { } since ? since : now);
            return new QueueItem(r.Id, r.Code, r.ProcedureCode, r.ProcedureName, r.DepartmentCode, r.ApplicantName, r.CurrentStep, r.StepName, r.StepKind,
                r.Status, r.CurrentHandlerId, r.AppointmentAt, r.PausedSince, r.ResultDelivery, r.Version, x.Reason,
                PrimaryAction(x.Reason, r.Status, r.StepKind, viewer.Role, NextKind(r)), remaining, !paused && r.AppointmentAt < now);
        });
        return new MyQueue(viewer, MostUrgentFirst(items), clock.Calendar.DayLength, now);
    }

    /// <summary>Overdue first (most overdue on top), then by remaining working time; paused dossiers, whose clock is stopped, last.</summary>
    public static IReadOnlyList<QueueItem> MostUrgentFirst(IEnumerable<QueueItem> items) =>
        items.OrderBy(i => i.Paused)
            .ThenByDescending(i => i.Overdue)
            .ThenBy(i => i.Remaining)
            .ThenBy(i => i.AppointmentAt)
            .ThenBy(i => i.Id)
            .ToList();

    /// <summary>
    /// The one action a row's button does: what the dossier needs next from this person. At an approval
    /// step followed by another agency's step (the province decides), the leader hands it on rather than
    /// approving, which would skip that step.
    /// </summary>
    public static WorkspaceAction PrimaryAction(QueueReason reason, DossierStatus status, StepKind step, StaffRole role, StepKind? next = null) => reason switch
    {
        QueueReason.ToTake => WorkspaceAction.Take,
        QueueReason.ToAssign => WorkspaceAction.Assign,
        QueueReason.ToApprove => ApproveOrHandOn(next),
        QueueReason.ToReturn => WorkspaceAction.Return,
        QueueReason.AtOtherAgency => WorkspaceAction.HandOver,
        _ => status switch
        {
            DossierStatus.WaitingSupplement => WorkspaceAction.Resume,
            DossierStatus.ResultReady => WorkspaceAction.Return,
            _ when step == StepKind.Approval && role == StaffRole.DepartmentLeader => ApproveOrHandOn(next),
            _ => WorkspaceAction.HandOver,
        },
    };

    private static WorkspaceAction ApproveOrHandOn(StepKind? next) =>
        next is null or StepKind.Return ? WorkspaceAction.Approve : WorkspaceAction.HandOver;

    private sealed class Joined
    {
        public required Dossier D { get; init; }
        public required ProcedureStep S { get; init; }
    }

    /// <summary>Open dossiers joined to their current step.</summary>
    private static IQueryable<Joined> Rows(OneStopDbContext db) =>
        from d in db.Dossiers.AsNoTracking()
        // Constants, as the open partial indexes' filter names them, so that SQLite can use those indexes.
        where d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress
              || d.Status == DossierStatus.WaitingSupplement || d.Status == DossierStatus.ResultReady
        join s in db.ProcedureSteps.AsNoTracking() on new { d.ProcedureId, Order = d.CurrentStep } equals new { s.ProcedureId, s.Order }
        select new Joined { D = d, S = s };

    private static readonly System.Linq.Expressions.Expression<Func<Joined, Row>> Project = x => new Row(
        x.D.Id, x.D.Code, x.D.Procedure!.Code, x.D.Procedure.Name, x.D.Department!.Code, x.D.ApplicantName,
        x.D.CurrentStep, x.S.Name, x.S.Kind, x.D.Status, x.D.CurrentHandlerId, x.D.AppointmentAt,
        x.D.PausedSince, x.D.ResultDelivery, x.D.Version, x.D.DepartmentId, x.D.ProcedureId);
}
