using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Dashboard;

/// <summary>One open dossier as a department queue lists it.</summary>
public sealed record QueueItem(
    string Code, string ApplicantName, string ProcedureName, int StepOrder, string StepName, StepKind StepKind,
    DossierStatus Status, int? HandlerId, string? HandlerName, Channel Channel,
    DateTime ReceivedAt, DateTime AppointmentAt, TimeSpan Remaining, bool ApologyIssued)
{
    public bool Paused => Status == DossierStatus.WaitingSupplement;
    /// <summary>Whether the deadline still runs for this dossier (a ready result is no longer late to produce).</summary>
    public bool ClockRunning => Status is DossierStatus.Received or DossierStatus.InProgress;
}

/// <param name="ApplicantsMasked">True when the viewer does not handle this department: applicant names are masked.</param>
/// <param name="Denied">True when the department is outside the viewer's scope (<see cref="Access.DossierScope"/>): no items are read.</param>
public sealed record DepartmentQueue(int DepartmentId, string Code, string Name, DateTime AtUtc, TimeSpan DayLength, IReadOnlyList<QueueItem> Items,
    bool ApplicantsMasked, bool Denied = false);

/// <summary>
/// Every open dossier of one department, read through the open-dossier partial index. Applicants'
/// names are shown only to people who handle the department (its officers and leader, the postal
/// staff covering it, the director); the postal supervisor sees them masked; anyone else nothing (<see cref="Access.DossierScope"/>).
/// </summary>
public sealed class DepartmentQueueQuery(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, TimeProvider time)
{
    public async Task<DepartmentQueue?> RunAsync(string departmentCode, int? viewerStaffId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var clock = await calendars.GetClockAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Code == departmentCode, ct);
        if (department is null) return null;
        var viewer = viewerStaffId is { } id ? await Dossiers.Queries.WorkspaceViewer.LoadAsync(db, id, ct) : null;
        var access = Access.DossierScope.Of(viewer, department.Id);
        if (access == Access.DossierAccess.None)
            return new DepartmentQueue(department.Id, department.Code, department.Name, now, clock.Calendar.DayLength, [], true, Denied: true);
        var masked = access != Access.DossierAccess.Full;

        var steps = await db.ProcedureSteps.AsNoTracking()
            .Where(s => db.Procedures.Any(p => p.Id == s.ProcedureId && p.DepartmentId == department.Id))
            .ToDictionaryAsync(s => (s.ProcedureId, s.Order), ct);
        var rows = await db.Dossiers.AsNoTracking()
            .Where(d => d.DepartmentId == department.Id
                        && (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress
                            || d.Status == DossierStatus.WaitingSupplement || d.Status == DossierStatus.ResultReady))
            .OrderBy(d => d.AppointmentAt)
            .Select(d => new
            {
                d.Code, d.ApplicantName, ProcedureName = d.Procedure!.Name, d.ProcedureId, d.CurrentStep, d.Status,
                d.CurrentHandlerId, HandlerName = d.CurrentHandler!.FullName, d.Channel, d.ReceivedAt, d.AppointmentAt, d.ApologyIssued,
            })
            .ToListAsync(ct);
        var items = rows.Select(d =>
        {
            steps.TryGetValue((d.ProcedureId, d.CurrentStep), out var step);
            return new QueueItem(d.Code, masked ? Dossiers.Queries.WorkspaceText.MaskName(d.ApplicantName) : d.ApplicantName, d.ProcedureName, d.CurrentStep, step?.Name ?? $"Bước {d.CurrentStep}",
                step?.Kind ?? StepKind.Processing, d.Status, d.CurrentHandlerId, d.HandlerName, d.Channel, d.ReceivedAt, d.AppointmentAt,
                clock.Remaining(d.AppointmentAt, now), d.ApologyIssued);
        }).ToList();
        return new DepartmentQueue(department.Id, department.Code, department.Name, now, clock.Calendar.DayLength, items, masked);
    }
}
