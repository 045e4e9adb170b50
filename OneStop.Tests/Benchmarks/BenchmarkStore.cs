using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneStop.Domain;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Benchmarks;

/// <summary>
/// A database the benchmarks run on, on either provider: a SQLite file or a PostgreSQL database. One process measures
/// one provider only: EF Core's compiled queries do not survive two providers' models in one process (the
/// `providers` command runs each provider in a child process of its own).
/// </summary>
public sealed record BenchmarkStore(DatabaseProvider Provider, string ConnectionString)
{
    public static BenchmarkStore Sqlite(string file) => new(DatabaseProvider.Sqlite, BenchmarkData.ConnectionString(file));
    public static BenchmarkStore PostgreSql(string connectionString) => new(DatabaseProvider.PostgreSql, connectionString);

    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;
    public string Name => IsPostgreSql ? "PostgreSQL" : "SQLite";

    /// <summary>The Domain's services as the app registers them (AddOneStopDomain) on this store, the clock stopped at <paramref name="nowUtc"/>.</summary>
    public ServiceProvider Services(DateTime nowUtc)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [OneStopDatabase.ProviderKey] = Provider.ToString() })
            .Build();
        var services = new ServiceCollection();
        services.AddOneStopDomain(configuration, ConnectionString);
        services.AddSingleton<TimeProvider>(new FixedClock(nowUtc));
        return services.BuildServiceProvider();
    }

    public DbConnection OpenConnection()
    {
        DbConnection connection = IsPostgreSql ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>A copy for a run that writes (ingestion), made from this store, which stays as it was.</summary>
    public BenchmarkStore WritableCopy(string name)
    {
        ClearPools();
        if (!IsPostgreSql)
        {
            var source = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            var file = Path.Combine(Path.GetDirectoryName(source)!, $"{Path.GetFileNameWithoutExtension(source)}.{name}-{Environment.ProcessId}.db");
            using (var from = new SqliteConnection(ConnectionString))
            using (var to = new SqliteConnection(BenchmarkData.ConnectionString(file)))
            {
                from.Open();
                to.Open();
                from.BackupDatabase(to);
            }
            SqliteConnection.ClearAllPools();
            return Sqlite(file);
        }
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var copy = $"{builder.Database}_{name}{Environment.ProcessId}";
        // A template copy is a file copy on the server: seconds, not the minutes a regeneration takes.
        Execute(ConnectionString, $"DROP DATABASE IF EXISTS \"{copy}\"; CREATE DATABASE \"{copy}\" TEMPLATE \"{builder.Database}\"");
        return PostgreSql(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = copy }.ToString());
    }

    /// <summary>Removes a store made by <see cref="WritableCopy"/>.</summary>
    public void Drop()
    {
        ClearPools();
        if (!IsPostgreSql)
        {
            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
            return;
        }
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        Execute(ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    /// <summary>
    /// PostgreSQL: VACUUM ANALYZE, as autovacuum leaves a table some time after a bulk load or a burst of updates. Until
    /// then the visibility map is not set, an index-only scan fetches every row from the table too, and the overview's
    /// per-step counts over the 50,000 open dossiers took 120 ms instead of 14 ms (EXPLAIN ANALYZE, 07/12/2026).
    /// </summary>
    public void Vacuum(TextWriter log)
    {
        if (!IsPostgreSql) return;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { CommandTimeout = 0, Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand("VACUUM ANALYZE", connection);
        command.ExecuteNonQuery();
        log.WriteLine($"VACUUM ANALYZE in {watch.Elapsed.TotalSeconds:n1} s");
    }

    public void ClearPools()
    {
        if (IsPostgreSql) NpgsqlConnection.ClearAllPools();
        else SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// The settled data set for <paramref name="options"/> on PostgreSQL, as <see cref="SweepBenchmarks"/> settles the SQLite
    /// file: generated by the same generator with the same seed (the same rows), then one full sweep. Kept on the server
    /// <paramref name="server"/> under a name that says what it holds, and reused; made under a temporary name and renamed
    /// when complete, so a run stopped halfway leaves nothing that looks finished.
    /// </summary>
    public static BenchmarkStore EnsurePostgreSql(string server, ScaleDataOptions options, TextWriter log)
    {
        // Short: PostgreSQL cuts names at 63 bytes, and a partial build or a writable copy adds a suffix.
        var name = $"osb_{options.Dossiers}_{options.Open}_{options.Years}y_s{options.Seed}_{options.NowUtc:yyMMddHHmm}_v{BenchmarkData.FormatVersion}";
        var store = PostgreSql(new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString());
        if (Exists(server, name))
        {
            using var context = OneStopDatabase.PostgreSqlContexts(store.ConnectionString).CreateDbContext();
            if (context.Database.GetPendingMigrations().Any()) context.Database.Migrate();
            log.WriteLine($"Using PostgreSQL database {name}");
            return store;
        }
        // What a run stopped halfway left behind (its process is gone), then a new one for this process.
        foreach (var left in Databases(server, name + "_p")) Execute(server, $"DROP DATABASE IF EXISTS \"{left}\" WITH (FORCE)");
        var partial = $"{name}_p{Environment.ProcessId}";
        Execute(server, $"CREATE DATABASE \"{partial}\"");
        // No command timeout while building: one COPY of five million events, then their indexes, take minutes.
        var building = PostgreSql(new NpgsqlConnectionStringBuilder(server) { Database = partial, CommandTimeout = 0 }.ToString());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using (var db = OneStopDatabase.PostgreSqlContexts(building.ConnectionString).CreateDbContext())
        {
            db.Database.Migrate();
            var summary = ScaleDataGenerator.WriteAsync(db, options).GetAwaiter().GetResult();
            log.WriteLine($"Generated {partial}: {BenchmarkData.Describe(summary with { Total = watch.Elapsed })}");
        }
        using (var services = building.Services(options.NowUtc))
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var moved = services.GetRequiredService<DeadlineSweep>().RunAsync(fullScan: true).GetAwaiter().GetResult();
            log.WriteLine($"Settled {partial}: the first full sweep moved {moved:n0} dossiers in {started.Elapsed.TotalSeconds:n1} s");
        }
        NpgsqlConnection.ClearAllPools();
        Execute(server, $"ALTER DATABASE \"{partial}\" RENAME TO \"{name}\"");
        return store;
    }

    private static bool Exists(string server, string database) => Databases(server, database).Contains(database);

    /// <summary>The server's databases whose names start with <paramref name="prefix"/>.</summary>
    private static List<string> Databases(string server, string prefix)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, @prefix)", connection);
        command.Parameters.AddWithValue("prefix", prefix);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>Runs <paramref name="sql"/> in the server's maintenance database (CREATE/DROP DATABASE cannot run inside the one they name).</summary>
    internal static void Execute(string connectionString, string sql)
    {
        // No command timeout: a template copy of a million-dossier database takes longer than the default 30 s.
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString)
            { Database = "postgres", Pooling = false, CommandTimeout = 0 }.ToString());
        connection.Open();
        foreach (var statement in sql.Split("; "))
        {
            using var command = new NpgsqlCommand(statement, connection);
            command.ExecuteNonQuery();
        }
    }
}
