using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OneStop.Domain.Calendar;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Domain.Persistence;

/// <summary>At start: apply migrations, switch to WAL, and seed the demo center into an empty database.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<OneStopDbContext> contexts,
    CenterCalendarProvider calendars,
    IOptions<DemoOptions> demo,
    TimeProvider time,
    ILogger<DatabaseInitializer> log)
{
    /// <summary>The demo accounts the sign-in page lists; they exist only in a demo database.</summary>
    public static readonly string[] DemoAccounts = ["director", "supervisor", "postal1", "officer1", "leader1", "admin"];
    public const string DemoPassword = "demo";

    /// <summary>The advisory lock the demo seed is taken under on PostgreSQL (any number the app uses nowhere else).</summary>
    public const long SeedLockKey = 20261121_01;

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // No pending migration, no lock taken: a lock row left by a killed process cannot stop a restart (MigrationLock).
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            // PostgreSQL's migration lock is an advisory lock, released when a killed process's connection drops.
            if (!db.IsPostgreSql) await MigrationLock.ClearIfStaleAsync(db, time.GetUtcNow().UtcDateTime, log, ct);
            log.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(ct);
        }
        // WAL lets the dashboards read while a job or the simulator writes; it persists in the file.
        if (!db.IsPostgreSql) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        if (!demo.Value.Enabled) return;

        // Several nodes on one PostgreSQL database may start together: the first to take this lock seeds, the others
        // wait for its commit and then find the departments there. (One SQLite file has one node.)
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.IsPostgreSql) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);
        if (await db.Departments.AnyAsync(ct)) return;

        var watch = Stopwatch.StartNew();
        var clock = await calendars.GetClockAsync(ct);
        var data = DemoHistoryGenerator.Generate(DemoCatalog.Create(), clock, time.GetUtcNow().UtcDateTime, demo.Value.Seed);
        var generated = watch.Elapsed;
        foreach (var staff in data.Staff.Where(s => DemoAccounts.Contains(s.UserName)))
            staff.PasswordHash = Staffing.StaffAuthenticator.Hash(staff, DemoPassword);
        await new DemoSeeder(db).WriteAsync(data, ct);
        // Who is trained for what and who is away (staff load balancing): small, so plain EF after the bulk write.
        var (trained, absences) = DemoStaffing.Create(DemoCatalog.Create(), time.GetUtcNow().UtcDateTime);
        db.StaffQualifications.AddRange(trained);
        db.StaffAbsences.AddRange(absences);
        await db.SaveChangesAsync(ct);
        await OneStopSql.ResyncKeysAsync(db, ct: ct);
        await tx.CommitAsync(ct);
        // A freshly filled PostgreSQL database has no statistics until autovacuum gets to it, and until then the planner
        // guesses: the monthly report's receiver lookup took 23 s instead of 46 ms on the new demo center. ANALYZE now.
        if (db.IsPostgreSql) await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        log.LogInformation("Demo center seeded: {Dossiers} dossiers, {Events} events in {Total:n1} s (generation {Generation:n1} s)",
            data.Dossiers.Count, data.Events.Count, watch.Elapsed.TotalSeconds, generated.TotalSeconds);
    }
}
