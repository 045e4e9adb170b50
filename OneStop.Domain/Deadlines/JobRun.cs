namespace OneStop.Domain.Deadlines;

public enum JobRunOutcome { Running, Succeeded, Failed }

/// <summary>One run of a background job, for the jobs page: what ran, when, for how long, what it handled, what failed.</summary>
public sealed class JobRun
{
    public long Id { get; set; }
    public required string JobName { get; set; }
    /// <summary>"schedule" or "manual" (run now from the jobs page) or "catch-up" (at start after downtime).</summary>
    public string Trigger { get; set; } = "schedule";
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public JobRunOutcome Outcome { get; set; }
    public int ItemsHandled { get; set; }
    public string? Error { get; set; }
}
