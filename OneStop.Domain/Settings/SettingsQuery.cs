using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Audit;
using OneStop.Domain.Catalog;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Settings;

public sealed record StaffRow(int Id, string UserName, string FullName, StaffRole Role, int? DepartmentId, string? DepartmentName, string? Email,
    bool Active, DateTime? LockedUntil);

/// <summary>What the settings page lists: the catalog, the staff and the audit trail of settings changes.</summary>
public sealed class SettingsQuery(IDbContextFactory<OneStopDbContext> contexts)
{
    public async Task<IReadOnlyList<Department>> DepartmentsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Departments.AsNoTracking().Include(d => d.Fields).OrderBy(d => d.SortOrder).ThenBy(d => d.Code).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Procedure>> ProceduresAsync(int departmentId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Procedures.AsNoTracking().Include(p => p.Steps).Where(p => p.DepartmentId == departmentId)
            .OrderBy(p => p.Code).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<StaffRow>> StaffAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Staff.AsNoTracking().OrderBy(s => s.Role).ThenBy(s => s.UserName)
            .Select(s => new StaffRow(s.Id, s.UserName, s.FullName, s.Role, s.DepartmentId, s.Department!.Name, s.Email, s.Active, s.LockedUntil))
            .ToListAsync(ct);
    }

    /// <summary>The latest settings and security entries, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(int take = 200, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.Area.StartsWith("settings.") || a.Area.StartsWith("security."))
            .OrderByDescending(a => a.Id).Take(take).ToListAsync(ct);
    }
}
