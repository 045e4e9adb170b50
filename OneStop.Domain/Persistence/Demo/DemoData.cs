using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Persistence.Demo;

/// <summary>
/// Everything the demo database holds, as plain entity objects with their Ids already set, ready for a
/// bulk insert in this order: departments, fields, procedures, steps, staff, coverage, dossiers, events,
/// pauses. Navigation properties are left empty (only foreign-key Ids are set), so an EF context can add
/// each list without pulling related objects in twice.
/// </summary>
public sealed record DemoData(
    IReadOnlyList<Department> Departments,
    IReadOnlyList<Field> Fields,
    IReadOnlyList<Procedure> Procedures,
    IReadOnlyList<ProcedureStep> Steps,
    IReadOnlyList<Staff> Staff,
    IReadOnlyList<StaffCoverage> Coverage,
    IReadOnlyList<Dossier> Dossiers,
    IReadOnlyList<DossierEvent> Events,
    IReadOnlyList<DossierPause> Pauses);

/// <summary>
/// The static catalog (what <see cref="DemoCatalog.Create"/> returns): the entities, plus the demo-only
/// profiles the history generator draws from (volumes, channel mix, outcome rates, who does which step).
/// </summary>
public sealed record DemoCatalogData(
    IReadOnlyList<Department> Departments,
    IReadOnlyList<Field> Fields,
    IReadOnlyList<Procedure> Procedures,
    IReadOnlyList<ProcedureStep> Steps,
    IReadOnlyList<Staff> Staff,
    IReadOnlyList<StaffCoverage> Coverage,
    IReadOnlyDictionary<int, DepartmentProfile> DepartmentProfiles,
    IReadOnlyDictionary<int, ProcedureProfile> ProcedureProfiles)
{
    /// <summary>The catalog with no dossiers: enough to seed an empty but usable database.</summary>
    public DemoData WithoutHistory() => new(Departments, Fields, Procedures, Steps, Staff, Coverage, [], [], []);
}

/// <summary>A staff member with a relative weight for random assignment (the first of a list is usually the main one).</summary>
public sealed record WeightedStaff(int StaffId, int Weight);

/// <summary>How a department behaves in the demo history. Rates are fractions (0..1).</summary>
/// <param name="AnnualVolume">Dossiers received per year (seed 000's three-year figures divided by 3).</param>
/// <param name="OnlineShare">Share of dossiers received online (seed 002: 1,669 of 1,700).</param>
/// <param name="PostIntakeShare">Share received through the post (the rest of the non-online ones come to the counter).</param>
/// <param name="PostResultShare">Share of results returned by post (where the procedure allows it).</param>
/// <param name="OnTimeRate">Default share finished on the appointment day (not before).</param>
/// <param name="LateRate">Default share finished after the appointment.</param>
/// <param name="SupplementRate">Default share with a supplement request (clock paused).</param>
/// <param name="Reception">Who receives and returns: covering postal staff, or the department's own counter officers.</param>
/// <param name="Officers">Who processes (thụ lý).</param>
/// <param name="Leaders">Who approves.</param>
public sealed record DepartmentProfile(
    int DepartmentId,
    int AnnualVolume,
    double OnlineShare,
    double PostIntakeShare,
    double PostResultShare,
    double OnTimeRate,
    double LateRate,
    double SupplementRate,
    IReadOnlyList<WeightedStaff> Reception,
    IReadOnlyList<WeightedStaff> Officers,
    IReadOnlyList<WeightedStaff> Leaders);

/// <summary>How a procedure behaves in the demo history; null rates fall back to the department's.</summary>
/// <param name="Weight">Relative share of the department's intake.</param>
/// <param name="LateMeanDays">Mean lateness, in working days, of the dossiers that end up late.</param>
public sealed record ProcedureProfile(
    int ProcedureId,
    int Weight,
    double? OnTimeRate = null,
    double? LateRate = null,
    double? SupplementRate = null,
    double? PostResultShare = null,
    double LateMeanDays = 2.0);
