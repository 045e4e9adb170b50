namespace OneStop.Domain.Reports;

/// <summary>One row of a breakdown with its figures this period, the previous month and the same month last year.</summary>
/// <param name="Key">Stable key: the department code, the procedure code, the staff user name, or "" for the center.</param>
/// <param name="DepartmentId">The department the row belongs to (procedures, and staff-by-department rows); null otherwise.</param>
public sealed record ReportRow(string Key, string Name, int? DepartmentId, ReportFigures Current, ReportFigures Previous, ReportFigures LastYear);

/// <summary>Who owns a late dossier's overrun step.</summary>
public enum LateOwnerKind
{
    /// <summary>The department's own steps: processing (thụ lý) and the leader's approval.</summary>
    Department,
    /// <summary>The center's steps, staffed by postal staff: reception/digitization and returning the result.</summary>
    Center,
    /// <summary>Another agency's step (liên thông).</summary>
    OtherAgency,
    /// <summary>No step used more than its share (e.g. late only through an apology letter).</summary>
    Unknown,
}

/// <summary>One late dossier and the step that overran its share of the statutory time the most.</summary>
public sealed record LateDossier(string Code, string ProcedureCode, string ProcedureName, int DepartmentId, string DepartmentName,
    int? StepOrder, string StepName, LateOwnerKind OwnerKind, string OwnerName, string? HandlerName, double OverrunHours, double LateDays);

/// <summary>Late dossiers counted by who owns the overrun step.</summary>
public sealed record LateOwnerTotal(LateOwnerKind Kind, string OwnerName, int Count);

/// <summary>A procedure whose 90th-percentile processing time over the last months exceeds its statutory time.</summary>
/// <param name="RealisticAmount">The deadline, in the procedure's own unit, that the 90th percentile would fit in (rounded up).</param>
public sealed record ProcedureToRevise(string ProcedureCode, string ProcedureName, int DepartmentId, string DepartmentName, int Resolved,
    double StatutoryDays, double P90Days, double AverageDays, double LateRate, int StatutoryAmount, int RealisticAmount, string Unit);

/// <summary>A department's score after the national service portal's measures; rates are 0..1, the score 0..100.</summary>
public sealed record ScorecardRow(int Rank, int DepartmentId, string DepartmentCode, string DepartmentName,
    double? OnTimeRate, double? OnlineShare, double? DigitizationRate, double? SatisfactionRate, double Score);

/// <summary>
/// The monthly review (trực báo): the same object is shown on the page, written to the exports and frozen into a
/// snapshot, so all three always agree. Built by <see cref="MonthlyReportQuery"/>; filtered for a department
/// leader by <see cref="ForDepartment"/>.
/// </summary>
public sealed record MonthlyReport
{
    /// <summary>"yyyy-MM".</summary>
    public required string Month { get; init; }
    /// <summary>When the figures were computed (UTC). For a running month, the figures stop there.</summary>
    public required DateTime ComputedAt { get; init; }
    /// <summary>The department the report is restricted to; null for the whole center.</summary>
    public int? DepartmentScope { get; init; }
    public required ReportRow Total { get; init; }
    public required IReadOnlyList<ReportRow> Departments { get; init; }
    public required IReadOnlyList<ReportRow> Procedures { get; init; }
    /// <summary>Per postal staff member (figures of the dossiers they received; see README).</summary>
    public required IReadOnlyList<ReportRow> PostalStaff { get; init; }
    /// <summary>Per postal staff member and department: what a department leader sees of <see cref="PostalStaff"/>.</summary>
    public required IReadOnlyList<ReportRow> PostalStaffByDepartment { get; init; }
    public required IReadOnlyList<LateDossier> LateDossiers { get; init; }
    public required IReadOnlyList<ProcedureToRevise> ProceduresToRevise { get; init; }
    /// <summary>How many months <see cref="ProceduresToRevise"/> looks back over (ending with this month).</summary>
    public required int ReviseMonths { get; init; }
    public required IReadOnlyList<ScorecardRow> Scorecard { get; init; }
    public required ScorecardWeights Weights { get; init; }

    [System.Text.Json.Serialization.JsonIgnore] public ReportMonth ReportMonth => ReportMonth.TryParse(Month, out var m) ? m : default;

    /// <summary>Late dossiers by kind of owner (department / center / other agencies), biggest first.</summary>
    public IReadOnlyList<LateOwnerTotal> LateByKind() => LateDossiers.GroupBy(l => l.OwnerKind)
        .Select(g => new LateOwnerTotal(g.Key, LateText.Kind(g.Key), g.Count())).OrderByDescending(t => t.Count).ThenBy(t => t.Kind).ToList();

    /// <summary>Late dossiers by owning agency (each department, the center, each other agency), biggest first.</summary>
    public IReadOnlyList<LateOwnerTotal> LateByOwner() => LateDossiers.GroupBy(l => (l.OwnerKind, l.OwnerName))
        .Select(g => new LateOwnerTotal(g.Key.OwnerKind, g.Key.OwnerName, g.Count())).OrderByDescending(t => t.Count).ThenBy(t => t.OwnerName, StringComparer.Ordinal).ToList();

    /// <summary>
    /// What a department leader may see: their department's row as the total, its procedures, the postal staff's work
    /// for it, its late dossiers, its procedures to revise, and its own line of the scorecard (with its rank among all).
    /// </summary>
    public MonthlyReport ForDepartment(int departmentId)
    {
        var mine = Departments.FirstOrDefault(d => d.DepartmentId == departmentId);
        return this with
        {
            DepartmentScope = departmentId,
            Total = mine is null ? Total with { Current = new(), Previous = new(), LastYear = new() } : mine with { Key = "" },
            Departments = mine is null ? [] : [mine],
            Procedures = Procedures.Where(p => p.DepartmentId == departmentId).ToList(),
            PostalStaff = PostalStaffByDepartment.Where(p => p.DepartmentId == departmentId).ToList(),
            PostalStaffByDepartment = PostalStaffByDepartment.Where(p => p.DepartmentId == departmentId).ToList(),
            LateDossiers = LateDossiers.Where(l => l.DepartmentId == departmentId).ToList(),
            ProceduresToRevise = ProceduresToRevise.Where(p => p.DepartmentId == departmentId).ToList(),
            Scorecard = Scorecard.Where(s => s.DepartmentId == departmentId).ToList(),
        };
    }
}

public static class LateText
{
    public static string Kind(LateOwnerKind kind) => kind switch
    {
        LateOwnerKind.Department => "Sở, ngành giải quyết",
        LateOwnerKind.Center => "Trung tâm (bưu điện tiếp nhận, trả kết quả)",
        LateOwnerKind.OtherAgency => "Cơ quan phối hợp (liên thông)",
        _ => "Không xác định",
    };
}
