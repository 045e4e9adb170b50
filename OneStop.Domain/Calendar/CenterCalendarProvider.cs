using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Calendar;

/// <summary>
/// The center's <see cref="WorkingCalendar"/>: office hours from configuration and per-year
/// overrides from the database. Built once and reused (it caches its day tables); call
/// <see cref="Invalidate"/> after editing overrides.
/// </summary>
public sealed class CenterCalendarProvider(IDbContextFactory<OneStopDbContext> contexts, IOptions<CenterOptions> options)
{
    private volatile WorkingCalendar? _calendar;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<WorkingCalendar> GetAsync(CancellationToken ct = default)
    {
        if (_calendar is { } cached) return cached;
        await _gate.WaitAsync(ct);
        try
        {
            if (_calendar is { } again) return again;
            await using var db = await contexts.CreateDbContextAsync(ct);
            var overrides = await db.CalendarOverrides.AsNoTracking().Select(o => new CalendarOverride(o.Date, o.Working, o.Name)).ToListAsync(ct);
            return _calendar = new WorkingCalendar(ParseOfficeHours(options.Value.OfficeHours), overrides);
        }
        finally { _gate.Release(); }
    }

    public async ValueTask<DeadlineClock> GetClockAsync(CancellationToken ct = default) => new(await GetAsync(ct));

    public void Invalidate() => _calendar = null;

    /// <summary>Parses ["07:30-11:30", "13:30-17:00"]; empty means the default hours.</summary>
    public static OfficeHours ParseOfficeHours(IReadOnlyList<string> sessions)
    {
        if (sessions.Count == 0) return OfficeHours.Default;
        var parsed = new List<(TimeOnly, TimeOnly)>();
        foreach (var s in sessions)
        {
            var parts = s.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
                || end <= start)
                throw new InvalidOperationException($"OneStop:Center:OfficeHours: «{s}» is not a session of the form HH:mm-HH:mm with the end after the start.");
            if (parsed.Count > 0 && start < parsed[^1].Item2)
                throw new InvalidOperationException($"OneStop:Center:OfficeHours: «{s}» overlaps or precedes the session before it.");
            parsed.Add((start, end));
        }
        return new OfficeHours(parsed);
    }
}
