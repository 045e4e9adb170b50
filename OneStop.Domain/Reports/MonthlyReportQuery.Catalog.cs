using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Reports;

public sealed partial class MonthlyReportQuery
{
    // ─────────────────────────── the catalog the breakdowns name ───────────────────────────

    internal sealed record ProcedureFacts(int Id, string Code, string Name, int DepartmentId, int StatutoryAmount, TimeUnit Unit, double StatutoryDays);
    internal sealed record DepartmentFacts(int Id, string Code, string Name, int SortOrder);
    internal sealed record StaffFacts(int Id, string UserName, string FullName, StaffRole Role);

    internal sealed class Catalog
    {
        public required IReadOnlyList<DepartmentFacts> Departments { get; init; }
        public required IReadOnlyDictionary<int, ProcedureFacts> Procedures { get; init; }
        public required IReadOnlyDictionary<int, StaffFacts> Staff { get; init; }
        public required IReadOnlyDictionary<(int ProcedureId, int Order), ProcedureStep> Steps { get; init; }

        public IEnumerable<StaffFacts> PostalStaff => Staff.Values.Where(s => s.Role == StaffRole.PostalStaff);
        public int DepartmentOf(int procedureId) => Procedures.TryGetValue(procedureId, out var p) ? p.DepartmentId : 0;
        public string DepartmentName(int id) => Departments.FirstOrDefault(d => d.Id == id)?.Name ?? "";
        public int DepartmentOrder(int id)
        {
            for (int i = 0; i < Departments.Count; i++) if (Departments[i].Id == id) return i;
            return int.MaxValue;
        }

        public static async Task<Catalog> LoadAsync(OneStopDbContext db, DeadlineClock clock, CancellationToken ct)
        {
            var departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
                .Select(d => new DepartmentFacts(d.Id, d.Code, d.Name, d.SortOrder)).ToListAsync(ct);
            var day = clock.Calendar.DayLength;
            var procedures = (await db.Procedures.AsNoTracking()
                    .Select(p => new { p.Id, p.Code, p.Name, p.DepartmentId, p.StatutoryAmount, p.StatutoryUnit }).ToListAsync(ct))
                .ToDictionary(p => p.Id, p => new ProcedureFacts(p.Id, p.Code, p.Name, p.DepartmentId, p.StatutoryAmount, p.StatutoryUnit,
                    clock.StatutoryTime(p.StatutoryAmount, p.StatutoryUnit) / day));
            var staff = await db.Staff.AsNoTracking().Select(s => new StaffFacts(s.Id, s.UserName, s.FullName, s.Role)).ToDictionaryAsync(s => s.Id, ct);
            var steps = await db.ProcedureSteps.AsNoTracking().ToDictionaryAsync(s => (s.ProcedureId, s.Order), ct);
            return new Catalog { Departments = departments, Procedures = procedures, Staff = staff, Steps = steps };
        }
    }
}
