namespace OneStop.Domain.Reports;

/// <summary>
/// A month's review frozen on the 1st of the next month (<see cref="MonthlyReportStore.FreezeAsync"/>): the report as
/// the meeting saw it, as JSON, so that later edits to dossiers never rewrite it.
/// </summary>
public sealed class MonthlySnapshot
{
    public int Id { get; set; }
    /// <summary>"yyyy-MM"; unique.</summary>
    public required string Month { get; set; }
    public DateTime FrozenAt { get; set; }
    /// <summary>Who froze it: "schedule", "manual" (run now on /jobs) or "catch-up".</summary>
    public string Trigger { get; set; } = "schedule";
    /// <summary>The <see cref="MonthlyReport"/> of the whole center, serialized by <see cref="MonthlyReportStore"/>.</summary>
    public required string Json { get; set; }
}
