using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Benchmarks;

/// <summary>A clock stopped at the instant the data were generated for: every figure is then reproducible.</summary>
public sealed class FixedClock(DateTime utcNow) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc));
}

/// <summary>Generated databases for the benchmarks: made on first use, then reused from a cache folder.</summary>
public static class BenchmarkData
{
    /// <summary>Bump when <see cref="ScaleDataGenerator"/> changes what it writes, so that cached files are not reused.</summary>
    public const int FormatVersion = 2; // 2: with the event trail

    /// <summary>Where cached files live: <see cref="CacheFolderOverride"/>, $ONESTOP_BENCH_CACHE, else a folder in the system temp dir.</summary>
    public static string CacheFolder =>
        CacheFolderOverride
        ?? (Environment.GetEnvironmentVariable("ONESTOP_BENCH_CACHE") is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "onestop-bench"));

    /// <summary>For the smoke tests, which keep their files in their own temp folder.</summary>
    public static string? CacheFolderOverride { get; set; }

    public static string CachedFile(ScaleDataOptions o) =>
        Path.Combine(CacheFolder, $"onestop-{o.Dossiers}-{o.Open}-{o.Years}y-s{o.Seed}-{o.NowUtc:yyyyMMddTHHmm}-v{FormatVersion}.db");

    public static string ConnectionString(string file) => new SqliteConnectionStringBuilder { DataSource = file }.ToString();

    /// <summary>
    /// The cached file for <paramref name="options"/>, generated first when missing (into a temporary name, renamed
    /// when complete). Pending migrations are applied to a cached file, as the app does at start.
    /// </summary>
    public static string Ensure(ScaleDataOptions options, TextWriter? log = null)
    {
        var file = CachedFile(options);
        if (File.Exists(file))
        {
            Migrate(file);
            log?.WriteLine($"Using cached {file}");
            return file;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var partial = file + ".partial-" + Environment.ProcessId;
        var summary = Generate(options, partial);
        File.Move(partial, file, overwrite: true);
        log?.WriteLine($"Generated {file}: {Describe(summary)}");
        return file;
    }

    /// <summary>Creates <paramref name="file"/> from scratch: migrations, then the catalog and the dossiers.</summary>
    public static ScaleDataSummary Generate(ScaleDataOptions options, string file)
    {
        Delete(file);
        var watch = Stopwatch.StartNew();
        var contextOptions = new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite(ConnectionString(file)).Options;
        using var db = new OneStopDbContext(contextOptions);
        db.Database.Migrate();
        var summary = ScaleDataGenerator.WriteAsync(db, options).GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        return summary with { Total = watch.Elapsed };
    }

    public static string Describe(ScaleDataSummary s) =>
        $"{s.Dossiers:n0} dossiers ({s.Open:n0} open, {s.Pauses:n0} pauses, {s.Events:n0} events), now = {s.NowUtc:yyyy-MM-dd HH:mm} UTC, " +
        $"generation {s.Generation.TotalSeconds:n1} s, total with migrations, inserts and indexes {s.Total.TotalSeconds:n1} s";

    private static void Migrate(string file)
    {
        var contextOptions = new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite(ConnectionString(file)).Options;
        using var db = new OneStopDbContext(contextOptions);
        if (db.Database.GetPendingMigrations().Any()) db.Database.Migrate();
    }

    private static void Delete(string file)
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
            if (File.Exists(f)) File.Delete(f);
    }
}
