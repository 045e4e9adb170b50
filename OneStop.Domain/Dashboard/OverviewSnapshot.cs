using OneStop.Domain.Catalog;

namespace OneStop.Domain.Dashboard;

/// <summary>Everything the director's overview shows, computed at one instant.</summary>
public sealed record OverviewSnapshot(
    DateTime AtUtc,
    OverviewTiles Tiles,
    IReadOnlyList<DepartmentRow> Departments,
    IReadOnlyList<HourlyIntake> IntakeToday,
    IReadOnlyList<DailyOnTime> OnTimeTrend,
    IReadOnlyList<AtRiskDossier> AtRisk)
{
    public bool IsEmpty => Departments.Count == 0;
}

public sealed record OverviewTiles(
    int ReceivedToday, int ReceivedCounter, int ReceivedOnline, int ReceivedPost,
    int Open, int DueSoon, int Overdue,
    int Early, int OnTime, int Late,
    int ReceivedThisMonth, int ReceivedOnlineThisMonth, int ReturnedByPostThisMonth)
{
    public int ResolvedThisMonth => Early + OnTime + Late;
    /// <summary>(early + on time) / resolved; null when nothing was resolved.</summary>
    public double? OnTimeRate => ResolvedThisMonth == 0 ? null : (double)(Early + OnTime) / ResolvedThisMonth;
    public double? OnlineShare => ReceivedThisMonth == 0 ? null : (double)ReceivedOnlineThisMonth / ReceivedThisMonth;
}

/// <summary>One department's live queue. Waiting counts are by the kind of step the dossiers are at.</summary>
public sealed record DepartmentRow(
    int Id, string Code, string Name, bool PostalCovered,
    int AtReception, int AtProcessing, int AtInterAgency, int AtApproval, int ResultReady, int Paused,
    int DueSoon, int Overdue,
    TimeSpan? OldestWaiting, IReadOnlyList<string> CoveringStaff)
{
    public int Open => AtReception + AtProcessing + AtInterAgency + AtApproval + ResultReady + Paused;
    public int Waiting(StepKind kind) => kind switch
    {
        StepKind.Reception => AtReception,
        StepKind.Processing => AtProcessing,
        StepKind.InterAgency => AtInterAgency,
        StepKind.Approval => AtApproval,
        _ => ResultReady,
    };
}

/// <summary>Dossiers received in one local hour of today, by channel.</summary>
public sealed record HourlyIntake(int Hour, int Counter, int Online, int Post)
{
    public int Total => Counter + Online + Post;
}

/// <summary>Dossiers resolved on one local day and how many of them early or on time.</summary>
public sealed record DailyOnTime(DateOnly Date, int Resolved, int EarlyOrOnTime)
{
    public double? Rate => Resolved == 0 ? null : (double)EarlyOrOnTime / Resolved;
}

/// <summary>A dossier that is overdue or due within a working day, with where it is now.</summary>
public sealed record AtRiskDossier(
    string Code, string DepartmentCode, string DepartmentName, string ProcedureName,
    string StepName, string? HandlerName, DateTime AppointmentAt, TimeSpan Remaining)
{
    public bool Overdue => Remaining < TimeSpan.Zero;
}
