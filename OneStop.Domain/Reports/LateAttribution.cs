using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Dossiers.Queries;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Reports;

/// <summary>
/// Who owns each late dossier (DOMAIN.md: "the step that overran its share, and its agency and handler, own the
/// lateness"). The step budgets are the dossier page's own (<see cref="DossierDetailQuery.Budgets"/> over
/// <see cref="DeadlineClock.StepBudgets"/>), computed up to the moment the result was approved: what happened after
/// (waiting at the center for the applicant) cannot make a dossier late.
/// </summary>
/// <remarks>
/// Rule: among the steps whose used working time exceeds their share of the statutory time, the one that exceeds it
/// by the most owns the lateness. Its owner is the department for processing and approval steps, the center (postal
/// staff) for reception and return, and the named agency for an inter-agency step. The handler is the person who
/// moved the dossier out of that step, else the last person it was handed to there. A late dossier with no step over
/// its share (late only through an apology letter, say) is counted under "Không xác định".
/// </remarks>
internal static class LateAttribution
{
    public const string CenterName = "Trung tâm Phục vụ hành chính công";

    public static async Task<IReadOnlyList<LateDossier>> RunAsync(OneStopDbContext db, ReportPeriod period, DeadlineClock clock,
        MonthlyReportQuery.Catalog catalog, CancellationToken ct)
    {
        var late = await db.Dossiers.AsNoTracking()
            .Where(d => d.Outcome == Outcome.Late && d.CompletedAt >= period.StartUtc && d.CompletedAt < period.EndUtc)
            .Select(d => new { d.Id, d.Code, d.ProcedureId, d.DepartmentId, d.ReceivedAt, CompletedAt = d.CompletedAt!.Value, d.OriginalAppointmentAt })
            .ToListAsync(ct);
        if (late.Count == 0) return [];
        var ids = late.Select(d => d.Id).ToList();
        var events = (await db.DossierEvents.AsNoTracking().Where(e => ids.Contains(e.DossierId)).ToListAsync(ct))
            .ToLookup(e => e.DossierId);
        var pauses = (await db.DossierPauses.AsNoTracking().Where(p => ids.Contains(p.DossierId)).ToListAsync(ct))
            .ToLookup(p => p.DossierId);

        var result = new List<LateDossier>(late.Count);
        var day = clock.Calendar.DayLength;
        foreach (var d in late.OrderBy(d => d.CompletedAt))
        {
            if (!catalog.Procedures.TryGetValue(d.ProcedureId, out var procedure)) continue;
            var steps = catalog.Steps.Values.Where(s => s.ProcedureId == d.ProcedureId).OrderBy(s => s.Order)
                .Select(s => new StepInfo(s.Order, s.Name, s.Kind, s.Role, s.Share, s.Agency)).ToList();
            var until = events[d.Id].Where(e => e.At <= d.CompletedAt).OrderBy(e => e.Id).ToList();
            var budgets = DossierDetailQuery.Budgets(clock, d.ReceivedAt, clock.StatutoryTime(procedure.StatutoryAmount, procedure.Unit),
                steps, until, pauses[d.Id].ToList(), d.CompletedAt);
            var worst = budgets.Where(b => b.Overran).OrderByDescending(b => b.Used!.Value - b.Allowed).ThenBy(b => b.Order).FirstOrDefault();
            var lateDays = Math.Round(Math.Max(0, clock.Calendar.WorkingTimeBetween(d.OriginalAppointmentAt, d.CompletedAt) / day), 2);
            var departmentName = catalog.DepartmentName(d.DepartmentId);
            if (worst is null)
            {
                result.Add(new LateDossier(d.Code, procedure.Code, procedure.Name, d.DepartmentId, departmentName, null, "—",
                    LateOwnerKind.Unknown, LateText.Kind(LateOwnerKind.Unknown), null, 0, lateDays));
                continue;
            }
            var step = steps.First(s => s.Order == worst.Order);
            var (kind, owner) = step.Kind switch
            {
                StepKind.Reception or StepKind.Return => (LateOwnerKind.Center, CenterName),
                StepKind.InterAgency => (LateOwnerKind.OtherAgency, string.IsNullOrWhiteSpace(step.Agency) ? "Cơ quan phối hợp" : step.Agency!),
                _ => (LateOwnerKind.Department, departmentName),
            };
            // At another agency's step the person who moved the dossier on only relayed the agency's answer: no handler then.
            var handlerId = (kind == LateOwnerKind.OtherAgency ? null : until.LastOrDefault(e => e.FromStep == step.Order && e.ToStep != step.Order)?.ActorId)
                            ?? until.LastOrDefault(e => e.ToStep == step.Order && e.ToHandlerId is not null)?.ToHandlerId;
            var handler = handlerId is { } h && catalog.Staff.TryGetValue(h, out var s) ? s.FullName : null;
            result.Add(new LateDossier(d.Code, procedure.Code, procedure.Name, d.DepartmentId, departmentName, step.Order, step.Name,
                kind, owner, handler, Math.Round((worst.Used!.Value - worst.Allowed).TotalHours, 2), lateDays));
        }
        return result;
    }
}
