using Microsoft.EntityFrameworkCore;
using Npgsql;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.PostgreSql;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Operations;

/// <summary>
/// A demo-seeded SQLite center (the app started once on it, then stopped), and that center copied onto a new PostgreSQL
/// database by the real command line, `dotnet OneStop.Web.dll copy-database`, in a child process.
/// Why this shape: these tests need both engines, and in one process EF refuses to run a compiled query against a model
/// other than the one it was compiled for (OneStopDbContext.SharedModel). So this process (the suite's SQLite pass, where
/// ONESTOP_TEST_POSTGRES is set too) uses only SQLite's model for anything compiled (the seeding app); whatever runs the
/// app on PostgreSQL (the copy command, the nodes behind nginx) is a child process; and the tests read PostgreSQL only
/// with raw SQL and plain (uncompiled) EF queries.
/// </summary>
public sealed class SqliteCenterFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    public string SourceFile => _folder.File("onestop.db");
    public string Source => $"Data Source={SourceFile}";
    public string Copy { get; private set; } = null!;
    public OneStopProcess.Result CopyRun { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (TestDatabase.PostgreSql)
            throw new InvalidOperationException("The Operations tests belong to the SQLite pass (they start the PostgreSQL side in child processes); leave them out of run-tests.sh's both= list.");
        await using (new OneStopApp(demo: true, folder: _folder)) { }
        Copy = TestDatabase.CreatePostgreSqlDatabase("copy");
        CopyRun = await OneStopProcess.RunAsync(CopyDatabaseArgs(Source, Copy));
    }

    public static string[] CopyDatabaseArgs(string from, string to) => ["copy-database", "--from", from, "--to", to];

    /// <summary>Every table of the model, as the copy discovers them.</summary>
    public static IReadOnlyList<string> Tables =>
        PostgreSqlOneStopDbContext.PostgreSqlModel.GetEntityTypes().Select(e => e.GetTableName()!).Order(StringComparer.Ordinal).ToList();

    public long SourceCount(string table)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(Source);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }

    public static long TargetCount(string connectionString, string table) =>
        Convert.ToInt64(Scalar(connectionString, $"SELECT COUNT(*) FROM \"{table}\""));

    public static object? Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(string connectionString, string sql) => Scalar(connectionString, sql);

    /// <summary>
    /// A database of its own made from the copy (CREATE DATABASE … TEMPLATE, a file-level clone in a second), for a test
    /// whose apps write (the nodes' jobs run on today's clock): the copy itself stays equal to the source for the others.
    /// </summary>
    public string CloneOfCopy(string label)
    {
        var clone = new NpgsqlConnectionStringBuilder(TestDatabase.CreatePostgreSqlDatabase(label));
        TestDatabase.DropPostgreSqlDatabase(clone.ToString());
        // A template must have no other session: this process's pooled connections to the copy go first.
        NpgsqlConnection.ClearAllPools();
        Execute(TestDatabase.Server, $"CREATE DATABASE \"{clone.Database}\" TEMPLATE \"{new NpgsqlConnectionStringBuilder(Copy).Database}\"");
        return clone.ToString();
    }

    public Task DisposeAsync()
    {
        if (Copy is not null) TestDatabase.DropPostgreSqlDatabase(Copy);
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCenterCollection : ICollectionFixture<SqliteCenterFixture>
{
    public const string Name = "SQLite center copied onto PostgreSQL";

    /// <summary>
    /// Trait of the tests that need a PostgreSQL server beside the SQLite pass (ONESTOP_TEST_POSTGRES): run-tests.sh
    /// leaves them out when told to skip PostgreSQL.
    /// </summary>
    public const string NeedsServer = "SqliteAndPostgreSqlServer";
}
