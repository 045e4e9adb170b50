using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Catalog;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Dossiers.Queries;

/// <summary>One choice of who gets a dossier: a person (with how many open dossiers they hold) or the step's pool (StaffId null).</summary>
public sealed record HandlerOption(int? StaffId, string Label, int OpenDossiers)
{
    public bool IsPool => StaffId is null;
}

/// <summary>Who may get a dossier at <see cref="StepOrder"/>, and who the screen should preselect.</summary>
public sealed record HandlerChoice(int StepOrder, string StepName, StepKind StepKind, IReadOnlyList<HandlerOption> Options, int DefaultIndex)
{
    public HandlerOption? Default => DefaultIndex >= 0 && DefaultIndex < Options.Count ? Options[DefaultIndex] : null;
}

/// <summary>
/// The people who fit a step of a dossier: its role, in the dossier's department (or covering it, for
/// postal staff), active. The pool ("chờ nhận") is offered where the workflow accepts no named handler.
/// </summary>
public sealed class HandlerOptionsQuery(IDbContextFactory<OneStopDbContext> contexts)
{
    /// <summary>
    /// Hand-over to the next step. Null when there is no next step a hand-over can reach (the last step,
    /// or the return step where approval reaches it; after an approval and another agency's step the
    /// hand-over completes the dossier). Default: the pool for an officer step, the leader when the
    /// department has exactly one (else the pool), the only fitting person for a postal step.
    /// </summary>
    public async Task<HandlerChoice?> ForHandOverAsync(string code, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var dossier = await db.Dossiers.AsNoTracking().Where(d => d.Code == code)
            .Select(d => new { d.ProcedureId, d.DepartmentId, d.CurrentStep, d.CurrentHandlerId }).FirstOrDefaultAsync(ct);
        if (dossier is null) return null;
        var next = await db.ProcedureSteps.AsNoTracking().Where(s => s.ProcedureId == dossier.ProcedureId && s.Order > dossier.CurrentStep)
            .OrderBy(s => s.Order).FirstOrDefaultAsync(ct);
        if (next is null) return null;
        if (next.Kind == StepKind.Return)
        {
            // After the leader's approval and another agency's step, the agency's result completes the dossier;
            // otherwise the return step is reached by approval only.
            var approvedBefore = await db.ProcedureSteps.AnyAsync(s => s.ProcedureId == dossier.ProcedureId && s.Kind == StepKind.Approval && s.Order < dossier.CurrentStep, ct);
            return approvedBefore
                ? new HandlerChoice(next.Order, next.Name, next.Kind, [new HandlerOption(null, "Bộ phận trả kết quả (hồ sơ có kết quả)", 0)], 0)
                : null;
        }

        if (next.Kind == StepKind.InterAgency)
            return new HandlerChoice(next.Order, next.Name, next.Kind, [new HandlerOption(null, WorkspaceText.Pool(next.Kind, next.Agency), 0)], 0);

        var people = await PeopleAsync(db, next.Role, dossier.DepartmentId, exclude: null, ct);
        var options = new List<HandlerOption>();
        var poolAllowed = next.Role is StaffRole.DepartmentOfficer or StaffRole.DepartmentLeader;
        if (poolAllowed) options.Add(new HandlerOption(null, WorkspaceText.Pool(next.Kind, next.Agency), 0));
        options.AddRange(people);
        var defaultIndex = next.Role switch
        {
            StaffRole.DepartmentLeader when people.Count == 1 => options.Count - 1,
            _ when poolAllowed => 0,
            _ => people.Count == 1 ? 0 : -1,
        };
        return new HandlerChoice(next.Order, next.Name, next.Kind, options, defaultIndex);
    }

    /// <summary>A leader gives the current step to a person: those fitting its role, except who holds it now. No default.</summary>
    public async Task<HandlerChoice?> ForAssignAsync(string code, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var dossier = await db.Dossiers.AsNoTracking().Where(d => d.Code == code)
            .Select(d => new { d.ProcedureId, d.DepartmentId, d.CurrentStep, d.CurrentHandlerId }).FirstOrDefaultAsync(ct);
        if (dossier is null) return null;
        var step = await db.ProcedureSteps.AsNoTracking().FirstOrDefaultAsync(s => s.ProcedureId == dossier.ProcedureId && s.Order == dossier.CurrentStep, ct);
        if (step is null || step.Kind == StepKind.InterAgency) return null;
        var people = await PeopleAsync(db, step.Role, dossier.DepartmentId, dossier.CurrentHandlerId, ct);
        return new HandlerChoice(step.Order, step.Name, step.Kind, people, people.Count == 1 ? 0 : -1);
    }

    /// <summary>Active people fitting <paramref name="role"/> for the department, least loaded first, with their open dossiers counted in SQL.</summary>
    private static async Task<List<HandlerOption>> PeopleAsync(OneStopDbContext db, StaffRole role, int departmentId, int? exclude, CancellationToken ct)
    {
        var staff = db.Staff.AsNoTracking().Where(s => s.Active && s.Role == role);
        staff = role == StaffRole.PostalStaff
            ? staff.Where(s => s.Coverage.Any(c => c.DepartmentId == departmentId))
            : role is StaffRole.DepartmentOfficer or StaffRole.DepartmentLeader
                ? staff.Where(s => s.DepartmentId == departmentId)
                : staff.Where(s => false);
        if (exclude is { } x) staff = staff.Where(s => s.Id != x);
        var rows = await staff
            .Select(s => new
            {
                s.Id,
                s.FullName,
                Open = db.Dossiers.Count(d => d.CurrentHandlerId == s.Id
                                              && (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress
                                                  || d.Status == DossierStatus.WaitingSupplement || d.Status == DossierStatus.ResultReady)),
            })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Open).ThenBy(r => r.FullName, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false))
            .Select(r => new HandlerOption(r.Id, $"{r.FullName} ({DossierWorkflow.RoleText(role)}, {r.Open} hồ sơ đang giữ)", r.Open))
            .ToList();
    }
}
