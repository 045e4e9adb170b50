using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Reports;

/// <summary>A report as a screen or an export shows it: the figures, and whether they are frozen (with when) or live.</summary>
public sealed record MonthlyReportView(MonthlyReport Report, bool Frozen, DateTime? FrozenAt, bool FrozenAvailable);

/// <summary>
/// Where the page, the exports and the snapshot job get a month's report: the frozen snapshot when there is one,
/// else (or when asked for live figures) <see cref="MonthlyReportQuery"/>. A department leader's view is the same
/// report filtered to their department.
/// </summary>
public sealed class MonthlyReportStore(IDbContextFactory<OneStopDbContext> contexts, MonthlyReportQuery query, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public async Task<MonthlyReportView> GetAsync(ReportMonth month, int? departmentScope, bool live, CancellationToken ct = default)
    {
        var snapshot = await FindAsync(month, ct);
        MonthlyReport report;
        var frozen = snapshot is not null && !live;
        if (frozen) report = Deserialize(snapshot!.Json);
        else report = await query.RunAsync(month, ct);
        if (departmentScope is { } d) report = report.ForDepartment(d);
        return new MonthlyReportView(report, frozen, frozen ? snapshot!.FrozenAt : null, snapshot is not null);
    }

    public async Task<MonthlySnapshot?> FindAsync(ReportMonth month, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.MonthlySnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Month == month.Key, ct);
    }

    /// <summary>
    /// Freezes the month before the current one unless it is frozen already: a snapshot is never rewritten, so running
    /// the job twice (or again by hand) keeps what the meeting saw. Returns 1 when it froze a month, 0 otherwise.
    /// </summary>
    public async Task<int> FreezePreviousMonthAsync(string trigger, CancellationToken ct = default) =>
        await FreezeAsync(ReportMonth.Of(time.GetUtcNow().UtcDateTime).Previous, trigger, ct) ? 1 : 0;

    /// <summary>Freezes a finished month once. False when it was frozen already or has not ended.</summary>
    public async Task<bool> FreezeAsync(ReportMonth month, string trigger, CancellationToken ct = default)
    {
        if (month.EndUtc > time.GetUtcNow().UtcDateTime) return false;
        if (await FindAsync(month, ct) is not null) return false;
        var report = await query.RunAsync(month, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.MonthlySnapshots.Add(new MonthlySnapshot
        {
            Month = month.Key, FrozenAt = time.GetUtcNow().UtcDateTime, Trigger = trigger, Json = JsonSerializer.Serialize(report, Json),
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (OneStopSql.IsUniqueViolation(ex))
        {
            return false; // another process froze it first: its snapshot stands
        }
    }

    public static MonthlyReport Deserialize(string json) =>
        JsonSerializer.Deserialize<MonthlyReport>(json, Json) ?? throw new InvalidDataException("Empty monthly snapshot.");
}
