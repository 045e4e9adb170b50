using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Settings;

/// <summary>
/// The settings an administrator may change at run time (office hours, escalation thresholds): the values of
/// appsettings.json, overridden by the rows of the Settings table. Services keep taking IOptions&lt;CenterOptions&gt; and
/// IOptions&lt;DeadlineOptions&gt;; those are served from here (see <see cref="SettingsServices"/>), so they read every
/// change the settings page saves (it calls <see cref="Reload"/>) without knowing about the table.
/// </summary>
public sealed class EditableSettings(IDbContextFactory<OneStopDbContext> contexts, IOptionsMonitor<CenterOptions> center,
    IOptionsMonitor<DeadlineOptions> deadlines)
{
    public const string OfficeHoursKey = "Center.OfficeHours";
    public const string DeadlinePrefix = "Deadlines.";

    /// <summary>The thresholds the settings page edits, by key (Deadlines.{property}).</summary>
    public static readonly IReadOnlyList<string> ThresholdNames =
    [
        nameof(DeadlineOptions.DueSoonWorkingDays),
        nameof(DeadlineOptions.DirectorAfterOverdueWorkingDays),
        nameof(DeadlineOptions.HandOverReminderWorkingHours),
        nameof(DeadlineOptions.HandOverLeaderWorkingHours),
    ];

    private volatile Snapshot? _snapshot;
    private readonly object _gate = new();

    private sealed record Snapshot(CenterOptions Center, DeadlineOptions Deadlines);

    public CenterOptions Center => Current().Center;
    public DeadlineOptions Deadlines => Current().Deadlines;

    /// <summary>Reads the table again at the next use (after the settings page saved a change).</summary>
    public void Reload() => _snapshot = null;

    private Snapshot Current()
    {
        if (_snapshot is { } s) return s;
        lock (_gate)
        {
            if (_snapshot is { } again) return again;
            var rows = ReadRows();
            var next = new Snapshot(ApplyCenter(center.CurrentValue, rows), ApplyDeadlines(deadlines.CurrentValue, rows));
            // Not cached while the table cannot be read (before the first migration): the defaults stand in meanwhile.
            if (rows is not null) _snapshot = next;
            return next;
        }
    }

    private Dictionary<string, string>? ReadRows()
    {
        try
        {
            using var db = contexts.CreateDbContext();
            return db.Settings.AsNoTracking().ToDictionary(r => r.Key, r => r.Value);
        }
        catch (System.Data.Common.DbException) { return null; } // no table yet (before the first migration)
    }

    private static CenterOptions ApplyCenter(CenterOptions configured, Dictionary<string, string>? rows)
    {
        var result = new CenterOptions { Name = configured.Name, OfficeHours = [.. configured.OfficeHours] };
        if (rows is not null && rows.TryGetValue(OfficeHoursKey, out var hours))
            result.OfficeHours = SplitSessions(hours);
        return result;
    }

    private static DeadlineOptions ApplyDeadlines(DeadlineOptions configured, Dictionary<string, string>? rows)
    {
        var result = new DeadlineOptions
        {
            DueSoonWorkingDays = configured.DueSoonWorkingDays,
            DirectorAfterOverdueWorkingDays = configured.DirectorAfterOverdueWorkingDays,
            HandOverReminderWorkingHours = configured.HandOverReminderWorkingHours,
            HandOverLeaderWorkingHours = configured.HandOverLeaderWorkingHours,
            HandOverLookbackDays = configured.HandOverLookbackDays,
            ReverseMoveLookbackDays = configured.ReverseMoveLookbackDays,
            RunHistoryDays = configured.RunHistoryDays,
        };
        if (rows is null) return result;
        foreach (var name in ThresholdNames)
            if (rows.TryGetValue(DeadlinePrefix + name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                typeof(DeadlineOptions).GetProperty(name)!.SetValue(result, v);
        return result;
    }

    /// <summary>"07:30-11:30, 13:30-17:00" (commas, semicolons or new lines between sessions) → the sessions.</summary>
    public static List<string> SplitSessions(string text) =>
        text.Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    public static double Threshold(DeadlineOptions o, string name) => (double)typeof(DeadlineOptions).GetProperty(name)!.GetValue(o)!;

    /// <summary>IOptions&lt;T&gt; over the current value, for services that take options.</summary>
    internal sealed class View<T>(Func<T> read) : IOptions<T> where T : class
    {
        public T Value => read();
    }
}
