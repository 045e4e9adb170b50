namespace OneStop.Domain.Calendar;

/// <summary>
/// A per-year calendar change as stored: an extra day off or a worked weekend day set by the
/// government for that year. Statutory holidays themselves are computed, not stored.
/// </summary>
public sealed class CalendarOverrideRow
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    public bool Working { get; set; }
    public string Name { get; set; } = "";

    public CalendarOverride ToOverride() => new(Date, Working, Name);
}
