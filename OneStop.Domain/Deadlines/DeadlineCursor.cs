namespace OneStop.Domain.Deadlines;

/// <summary>Where a scan over the event log stands: the last event id it handled, by scan name.</summary>
public sealed class DeadlineCursor
{
    public required string Name { get; set; }
    public long Value { get; set; }
}
