using Npgsql;
using OneStop.Domain.Persistence;

namespace OneStop.Tests.Infrastructure;

/// <summary>
/// Which provider the fixtures put their data on. The suite runs on SQLite; run-tests.sh runs it a second time with
/// ONESTOP_TEST_PROVIDER=PostgreSql over the integration folders (minus <c>[Trait("Providers", "SqliteOnly")]</c>), against the throwaway server
/// that postgres-test-server.sh starts (ONESTOP_TEST_POSTGRES). Each fixture then gets a database of its own on it.
/// </summary>
public static class TestDatabase
{
    /// <summary>Trait of a test that checks something only SQLite has; the PostgreSQL pass leaves it out.</summary>
    public const string ProvidersTrait = "Providers", SqliteOnly = "SqliteOnly";

    public static DatabaseProvider Provider { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("ONESTOP_TEST_PROVIDER"), ignoreCase: true, out var p)
            ? p : DatabaseProvider.Sqlite;

    public static bool PostgreSql => Provider == DatabaseProvider.PostgreSql;

    /// <summary>The test server's maintenance connection string (database "postgres").</summary>
    public static string Server => Environment.GetEnvironmentVariable("ONESTOP_TEST_POSTGRES") is { Length: > 0 } s ? s
        : throw new InvalidOperationException("ONESTOP_TEST_POSTGRES is not set: start a server with OneStop.Tests/postgres-test-server.sh (run-tests.sh does).");

    // CREATE DATABASE … TEMPLATE refuses while anyone else is connected to the template, another copy being made included.
    private static readonly object TemplateCopy = new();

    /// <summary>A new database on the test server, empty or a copy of <paramref name="template"/>; its connection string.</summary>
    public static string CreatePostgreSqlDatabase(string label, string? template = null)
    {
        var name = $"onestop_{label}_{Guid.NewGuid():N}"[..Math.Min(63, 17 + label.Length + 8)].ToLowerInvariant();
        void Create()
        {
            using var connection = new NpgsqlConnection(Server);
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
            create.ExecuteNonQuery();
        }
        if (template is null) Create();
        else lock (TemplateCopy) Create();
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ToString();
    }

    /// <summary>Drops a database made by <see cref="CreatePostgreSqlDatabase"/>, closing whatever still holds it.</summary>
    public static void DropPostgreSqlDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        drop.ExecuteNonQuery();
    }
}
