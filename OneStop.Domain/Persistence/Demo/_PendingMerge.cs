// TEMPORARY until branch `seed` is merged: the shape DemoSeeder expects.
using OneStop.Domain.Catalog; using OneStop.Domain.Dossiers; using OneStop.Domain.Staffing; using OneStop.Domain.Calendar;
namespace OneStop.Domain.Persistence.Demo;
public sealed record DemoData(IReadOnlyList<Department> Departments, IReadOnlyList<Field> Fields, IReadOnlyList<Procedure> Procedures,
    IReadOnlyList<ProcedureStep> Steps, IReadOnlyList<Staff> Staff, IReadOnlyList<StaffCoverage> Coverage,
    IReadOnlyList<Dossier> Dossiers, IReadOnlyList<DossierEvent> Events, IReadOnlyList<DossierPause> Pauses);
public static class DemoHistoryGenerator { public static DemoData Generate(DeadlineClock clock, DateTime nowUtc, int seed) => throw new NotImplementedException(); }
