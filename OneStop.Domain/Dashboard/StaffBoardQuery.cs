using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Dashboard;

/// <summary>One postal staff member's board: what is in their hands and what they did today.</summary>
public sealed record StaffBoard(
    int StaffId, string FullName, IReadOnlyList<string> Departments,
    int ReceivedToday, int ToHandOver, int WaitingSupplement, int ResultsToReturn, int Overdue,
    IReadOnlyList<StaffBoardItem> MostUrgent)
{
    /// <summary>Items waiting for this person now.</summary>
    public int InHand => ToHandOver + WaitingSupplement + ResultsToReturn;
}

public sealed record StaffBoardItem(string Code, string DepartmentCode, DossierStatus Status, DateTime AppointmentAt, TimeSpan Remaining);

/// <summary>
/// The postal staff boards: per person, dossiers received and not yet handed to the department,
/// dossiers paused at reception waiting for the applicant's papers, results to return (their own and
/// the unassigned ones of the departments they cover), and today's intake.
/// </summary>
public sealed class StaffBoardQuery(IDbContextFactory<OneStopDbContext> contexts, CenterCalendarProvider calendars, TimeProvider time)
{
    public const int UrgentItems = 5;

    public async Task<IReadOnlyList<StaffBoard>> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var clock = await calendars.GetClockAsync(ct);
        var todayStart = WorkingCalendar.ToUtc(WorkingCalendar.ToLocal(now).Date);
        await using var db = await contexts.CreateDbContextAsync(ct);

        var staff = await db.Staff.AsNoTracking().Where(s => s.Role == StaffRole.PostalStaff && s.Active)
            .OrderBy(s => s.UserName)
            .Select(s => new { s.Id, s.FullName, Departments = s.Coverage.Select(c => new { c.DepartmentId, c.Department!.Code, c.Department.Name }).ToList() })
            .ToListAsync(ct);
        var staffIds = staff.Select(s => s.Id).ToList();
        var covered = staff.SelectMany(s => s.Departments.Select(d => d.DepartmentId)).Distinct().ToList();

        // Open dossiers in a postal staff member's hands, or results waiting unassigned in departments they cover.
        var open = await db.Dossiers.AsNoTracking()
            .Where(d => (d.Status == DossierStatus.Received || d.Status == DossierStatus.WaitingSupplement || d.Status == DossierStatus.ResultReady)
                        && ((d.CurrentHandlerId != null && staffIds.Contains(d.CurrentHandlerId.Value))
                            || (d.CurrentHandlerId == null && d.Status == DossierStatus.ResultReady && covered.Contains(d.DepartmentId))))
            .Select(d => new { d.Code, d.DepartmentId, DepartmentCode = d.Department!.Code, d.Status, d.CurrentHandlerId, d.AppointmentAt })
            .ToListAsync(ct);

        var receivedToday = await db.DossierEvents.AsNoTracking()
            .Where(e => e.Type == DossierEventType.Received && e.At >= todayStart && e.ActorId != null && staffIds.Contains(e.ActorId.Value))
            .GroupBy(e => e.ActorId!.Value)
            .Select(g => new { StaffId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.StaffId, x => x.Count, ct);

        return staff.Select(s =>
        {
            var depts = s.Departments.Select(d => d.DepartmentId).ToHashSet();
            var mine = open.Where(d => d.CurrentHandlerId == s.Id || (d.CurrentHandlerId == null && depts.Contains(d.DepartmentId))).ToList();
            var urgent = mine.Where(d => d.Status != DossierStatus.WaitingSupplement).OrderBy(d => d.AppointmentAt).Take(UrgentItems)
                .Select(d => new StaffBoardItem(d.Code, d.DepartmentCode, d.Status, d.AppointmentAt, clock.Remaining(d.AppointmentAt, now)))
                .ToList();
            return new StaffBoard(s.Id, s.FullName, s.Departments.Select(d => d.Name).ToList(),
                receivedToday.GetValueOrDefault(s.Id),
                mine.Count(d => d.Status == DossierStatus.Received),
                mine.Count(d => d.Status == DossierStatus.WaitingSupplement),
                mine.Count(d => d.Status == DossierStatus.ResultReady),
                mine.Count(d => d.Status == DossierStatus.Received && d.AppointmentAt < now),
                urgent);
        }).ToList();
    }
}
