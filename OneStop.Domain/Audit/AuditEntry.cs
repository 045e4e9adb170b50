namespace OneStop.Domain.Audit;

/// <summary>
/// One change someone made to how the center runs (coverage, attendance, settings, API keys, moved dossiers):
/// who, when, what and the values before and after. Written in the same transaction as the change itself, never
/// edited or deleted, so the page that shows it is the record the review meeting can rely on.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>Staff id of the person who made the change; null for the system (a job, an import by API key).</summary>
    public int? ActorId { get; set; }
    /// <summary>Name as it was at the time (names change; the record must not).</summary>
    public required string ActorName { get; set; }
    /// <summary>What part of the system, e.g. "staffing.coverage", "settings.procedure", "settings.apikey".</summary>
    public required string Area { get; set; }
    /// <summary>What was done, e.g. "add", "remove", "update", "apply-suggestion".</summary>
    public required string Action { get; set; }
    /// <summary>What it was done to, readable, e.g. "postal2 × SYT" or "TTHC 1.00123".</summary>
    public required string Subject { get; set; }
    /// <summary>Before and after, or any detail, as readable text or JSON.</summary>
    public string? Details { get; set; }
}
