using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Dossiers.Queries;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Access;

/// <summary>How much of a department's dossiers a person may see.</summary>
public enum DossierAccess
{
    /// <summary>Nothing: the dossier pages, queues and printables of the department are closed to them.</summary>
    None,
    /// <summary>The dossiers, with the applicant's name, phone, ID number and address masked.</summary>
    Masked,
    /// <summary>Everything, personal data included: they handle the department's dossiers.</summary>
    Full,
}

/// <summary>
/// The one rule of who sees which department's dossiers. Queries (queue, dossier detail, printables) and pages ask
/// here; nothing else decides it.
/// <list type="bullet">
/// <item>Director: every department, in full (answers for all of them, signs apology letters).</item>
/// <item>Postal supervisor: every department, masked (balances postal staff across departments, never handles an applicant).</item>
/// <item>Postal staff: the departments they cover, in full; no other.</item>
/// <item>Department officer and leader: their own department, in full; no other.</item>
/// <item>Admin: none (runs the settings, not the dossiers).</item>
/// </list>
/// </summary>
public static class DossierScope
{
    public static DossierAccess Of(WorkspaceViewer? viewer, int departmentId) => viewer?.Role switch
    {
        StaffRole.Director => DossierAccess.Full,
        StaffRole.PostalSupervisor => DossierAccess.Masked,
        StaffRole.PostalStaff => viewer.Covered.Contains(departmentId) ? DossierAccess.Full : DossierAccess.None,
        StaffRole.DepartmentOfficer or StaffRole.DepartmentLeader =>
            viewer.DepartmentId == departmentId ? DossierAccess.Full : DossierAccess.None,
        _ => DossierAccess.None,
    };

    /// <summary>The person's access to the department of the dossier with this code; null when there is no such dossier.</summary>
    public static async Task<DossierAccess?> OfDossierAsync(IDbContextFactory<OneStopDbContext> contexts, string code, int? staffId,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var department = await db.Dossiers.AsNoTracking().Where(d => d.Code == code).Select(d => (int?)d.DepartmentId).FirstOrDefaultAsync(ct);
        if (department is null) return null;
        var viewer = staffId is { } id ? await WorkspaceViewer.LoadAsync(db, id, ct) : null;
        return Of(viewer, department.Value);
    }
}
