using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OneStop.Domain;
using OneStop.Domain.Persistence;

namespace OneStop.Tests.Infrastructure;

/// <summary>
/// The demo center, seeded once per test process and clock instant, then copied for each test app that asks for it.
/// </summary>
/// <remarks>
/// Seeding writes 46,000 dossiers and 243,000 events: 4-6 s on an idle machine and 9 s in CI, paid again by every
/// test app that starts with the demo (about a hundred in a full run), which was the largest share of the suite's
/// time. The template is made by the app's own <see cref="DatabaseInitializer"/> with the app's own appsettings.json
/// and the test's clock, so a copy holds exactly what the app would have seeded; the app then finds a migrated,
/// non-empty database and leaves it as it is. On SQLite the copy is the file; on PostgreSQL a database created from
/// the template database. Tests that change what seeding depends on (the demo seed, the center's calendar) or that
/// check seeding itself start from an empty database as before (<see cref="Applies"/>).
/// </remarks>
public static class SeededTemplate
{
    private static readonly ConcurrentDictionary<long, Lazy<string>> Templates = new();
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), $"onestop-seeded-{Environment.ProcessId}");

    /// <summary>Whether a copy may stand in for seeding: none of the settings touches what the seed is made from.</summary>
    public static bool Applies(IReadOnlyDictionary<string, string>? settings) =>
        settings is null || !settings.Keys.Any(k =>
            k.StartsWith("OneStop:Demo", StringComparison.OrdinalIgnoreCase) || k.StartsWith("OneStop:Center", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("OneStop:Database", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase));

    /// <summary>Copies the demo center seeded at <paramref name="now"/> to a new SQLite file at <paramref name="file"/>.</summary>
    public static void CopySqliteTo(string file, DateTimeOffset now)
    {
        var template = Templates.GetOrAdd(now.UtcTicks, ticks => new Lazy<string>(() => SeedSqlite(new DateTimeOffset(ticks, TimeSpan.Zero)))).Value;
        File.Copy(template, file);
    }

    /// <summary>A new PostgreSQL database holding the demo center seeded at <paramref name="now"/>; its connection string.</summary>
    public static string CreatePostgreSqlCopy(string label, DateTimeOffset now)
    {
        var template = Templates.GetOrAdd(now.UtcTicks, ticks => new Lazy<string>(() => SeedPostgreSql(new DateTimeOffset(ticks, TimeSpan.Zero)))).Value;
        return TestDatabase.CreatePostgreSqlDatabase(label, template);
    }

    private static string SeedSqlite(DateTimeOffset now)
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, $"demo-{now.UtcTicks}.db");
        if (File.Exists(file)) File.Delete(file);
        var connectionString = $"Data Source={file}";
        Seed(connectionString, DatabaseProvider.Sqlite, now);
        // Everything into the main file, every connection closed: the file alone is then the whole database.
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { File.Delete(file); } catch (IOException) { } };
        return file;
    }

    private static string SeedPostgreSql(DateTimeOffset now)
    {
        var connectionString = TestDatabase.CreatePostgreSqlDatabase("template");
        Seed(connectionString, DatabaseProvider.PostgreSql, now);
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { TestDatabase.DropPostgreSqlDatabase(connectionString); } catch (NpgsqlException) { } };
        return name;
    }

    /// <summary>Runs the app's own start-up seeding (migrations, demo history, staffing) with the app's configuration.</summary>
    private static void Seed(string connectionString, DatabaseProvider provider, DateTimeOffset now)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:OneStop"] = connectionString,
                ["OneStop:Database:Provider"] = provider.ToString(),
                ["OneStop:Demo:Enabled"] = "true",
            })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOneStopDomain(configuration, connectionString);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FixedTimeProvider(now)));
        using var provided = services.BuildServiceProvider();
        using var scope = provided.CreateScope();
        scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync().GetAwaiter().GetResult();
    }
}
