using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneStop.Domain;
using OneStop.Domain.Persistence;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Persistence;

/// <summary>
/// A migration lock row left by a process killed mid-migrate (EF Core 10 on SQLite waits for it forever) must not stop
/// the next start, and a lock another live process holds must not be stolen.
/// </summary>
public sealed class MigrationLockTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_left_over_lock_does_not_stop_a_start_when_nothing_is_pending()
    {
        using var folder = new TempFolder();
        var file = folder.File("onestop.db");
        await InitializeAsync(file);
        // The lock EF inserts, as a killed process would leave it: taken a minute ago, never released.
        await ExecuteAsync(file, LockTableSql, $"INSERT INTO \"{MigrationLock.Table}\" VALUES (1, '{Now.AddMinutes(-1):yyyy-MM-dd HH:mm:ss.fff}+00:00')");

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // a hang fails the test instead of CI
        await InitializeAsync(file, ct: guard.Token);

        Assert.Equal(1L, await ScalarAsync(file, $"SELECT count(*) FROM \"{MigrationLock.Table}\""));
    }

    [Fact]
    public async Task A_stale_lock_is_cleared_and_the_migrations_run()
    {
        using var folder = new TempFolder();
        var file = folder.File("onestop.db");
        await ExecuteAsync(file, LockTableSql, $"INSERT INTO \"{MigrationLock.Table}\" VALUES (1, '{Now.AddHours(-3):yyyy-MM-dd HH:mm:ss.fff}+00:00')");
        var logs = new LogCollector();

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await InitializeAsync(file, logs, guard.Token);

        Assert.Equal(0L, await ScalarAsync(file, $"SELECT count(*) FROM \"{MigrationLock.Table}\""));
        await using var db = PlainContext(file);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(await db.Departments.AnyAsync(), "the demo center was seeded after the migrations");
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Cleared a migration lock taken at"));
    }

    [Fact]
    public async Task A_recent_lock_is_waited_for_not_stolen()
    {
        using var folder = new TempFolder();
        var file = folder.File("onestop.db");
        var stamp = $"{Now.AddMinutes(-2):yyyy-MM-dd HH:mm:ss.fff}+00:00";
        await ExecuteAsync(file, LockTableSql, $"INSERT INTO \"{MigrationLock.Table}\" VALUES (1, '{stamp}')");

        // Another node took it two minutes ago and may still be migrating: this start waits (until cancelled here).
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => InitializeAsync(file, ct: wait.Token));

        Assert.Equal(stamp, await ScalarAsync(file, $"SELECT \"Timestamp\" FROM \"{MigrationLock.Table}\""));
        await using var db = PlainContext(file);
        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task An_unreadable_stamp_counts_as_stale()
    {
        using var folder = new TempFolder();
        var file = folder.File("onestop.db");
        await ExecuteAsync(file, LockTableSql, $"INSERT INTO \"{MigrationLock.Table}\" VALUES (1, 'not a time')");
        await using var db = PlainContext(file);

        Assert.True(await MigrationLock.ClearIfStaleAsync(db, Now, NullLoggerFactoryLogger, CancellationToken.None));
        Assert.False(await MigrationLock.ClearIfStaleAsync(db, Now, NullLoggerFactoryLogger, CancellationToken.None));
    }

    // EF Core 10's own lock table, as SqliteHistoryRepository creates it.
    private const string LockTableSql =
        $"CREATE TABLE IF NOT EXISTS \"{MigrationLock.Table}\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK___EFMigrationsLock\" PRIMARY KEY, \"Timestamp\" TEXT NOT NULL)";

    private static readonly ILogger NullLoggerFactoryLogger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private static async Task InitializeAsync(string file, ILoggerProvider? logs = null, CancellationToken ct = default)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => { if (logs is not null) b.AddProvider(logs); });
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OneStop:Demo:Enabled"] = "true" }).Build();
        services.AddOneStopDomain(configuration, $"Data Source={file}");
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        await using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        try { await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct); }
        finally { SqliteConnection.ClearAllPools(); }
    }

    private static OneStopDbContext PlainContext(string file) =>
        new(new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options);

    private static async Task ExecuteAsync(string file, params string[] statements)
    {
        await using var c = new SqliteConnection($"Data Source={file};Pooling=False");
        await c.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = c.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<object?> ScalarAsync(string file, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={file};Pooling=False");
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
