using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Dossiers.Queries;

/// <summary>Open and overdue dossiers of one department, as the first page shows them.</summary>
public sealed record DepartmentCounts(int DepartmentId, string Code, string Name, bool PostalCovered, int Open, int Overdue);

/// <summary>
/// Counts per department computed in SQL over the open-dossier partial index. Overdue means still
/// being processed (received or in progress) after the appointment in force; a paused dossier's
/// clock is stopped, and a ready result is no longer late to produce.
/// </summary>
public sealed class DepartmentCountsQuery(IDbContextFactory<OneStopDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<DepartmentCounts>> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var counts = await db.Dossiers
            .Where(d => d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress
                        || d.Status == DossierStatus.WaitingSupplement || d.Status == DossierStatus.ResultReady)
            .GroupBy(d => d.DepartmentId)
            .Select(g => new
            {
                DepartmentId = g.Key,
                Open = g.Count(),
                Overdue = g.Sum(d => (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress) && d.AppointmentAt < now ? 1 : 0),
            })
            .ToDictionaryAsync(x => x.DepartmentId, ct);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name).ToListAsync(ct);
        return departments
            .Select(d => counts.TryGetValue(d.Id, out var c)
                ? new DepartmentCounts(d.Id, d.Code, d.Name, d.PostalCovered, c.Open, c.Overdue)
                : new DepartmentCounts(d.Id, d.Code, d.Name, d.PostalCovered, 0, 0))
            .ToList();
    }
}
