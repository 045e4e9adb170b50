using System.Diagnostics;
using Npgsql;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Operations;

/// <summary>
/// OneStop.Web/Deploy/backup.sh on both engines, restored as the README restores: a PostgreSQL center's pg_dump restored
/// into a new database, and a SQLite center's online backup, hold every table's rows, and the restored sequences go on
/// after the largest id.
/// </summary>
[Collection(SqliteCenterCollection.Name)]
[Trait(TestDatabase.ProvidersTrait, SqliteCenterCollection.NeedsServer)]
public sealed class BackupTests(SqliteCenterFixture center)
{
    private static string Script => Path.Combine(LoadBalancerTests.RepositoryRoot, "OneStop.Web", "Deploy", "backup.sh");

    [Fact]
    public async Task A_postgresql_backup_restored_into_a_new_database_has_every_row_and_its_sequences()
    {
        Assert.True(center.CopyRun.ExitCode == 0, center.CopyRun.ToString());
        using var folder = new TempFolder();
        var dump = (await RunAsync("bash", Script, "postgresql", Libpq(center.Copy), folder.Path)).Trim();
        Assert.EndsWith(".dump", dump);
        Assert.True(File.Exists(dump), dump);

        var restored = TestDatabase.CreatePostgreSqlDatabase("restored");
        try
        {
            await RunAsync("pg_restore", "--no-owner", "--exit-on-error", "-d", Libpq(restored), dump);
            foreach (var table in SqliteCenterFixture.Tables)
            {
                long copied = SqliteCenterFixture.TargetCount(center.Copy, table), back = SqliteCenterFixture.TargetCount(restored, table);
                Assert.True(copied == back, $"{table}: {copied} rows in the backed-up database, {back} restored");
            }
            Assert.True(SqliteCenterFixture.TargetCount(restored, "DossierEvents") > 200_000);
            var max = Convert.ToInt64(SqliteCenterFixture.Scalar(restored, "SELECT MAX(\"Id\") FROM \"DossierEvents\""));
            var next = Convert.ToInt64(SqliteCenterFixture.Scalar(restored, "SELECT nextval(pg_get_serial_sequence('\"DossierEvents\"', 'Id'))"));
            // Past the largest id (the dump keeps the sequence where it was, which may be beyond max + 1 if ids were drawn).
            Assert.True(next > max, $"the restored sequence gives {next}, the largest id is {max}");
        }
        finally { TestDatabase.DropPostgreSqlDatabase(restored); }
    }

    [Fact]
    public async Task A_sqlite_backup_is_a_whole_center()
    {
        using var folder = new TempFolder();
        var backup = (await RunAsync("bash", Script, "sqlite", center.SourceFile, folder.Path)).Trim();
        Assert.EndsWith(".db", backup);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={backup};Mode=ReadOnly");
        await connection.OpenAsync();
        foreach (var table in SqliteCenterFixture.Tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            Assert.Equal(center.SourceCount(table), (long)(await command.ExecuteScalarAsync())!);
        }
        // A wrong first argument changes nothing and says what it must be.
        var wrong = await RunAsync(expectSuccess: false, "bash", Script, "mysql", center.SourceFile, folder.Path);
        Assert.Contains("must be sqlite or postgresql", wrong);
        Assert.Single(Directory.GetFiles(folder.Path, "*.db"));
    }

    /// <summary>The test server's Npgsql connection string in libpq's form, as pg_dump and pg_restore want it.</summary>
    private static string Libpq(string npgsql)
    {
        var b = new NpgsqlConnectionStringBuilder(npgsql);
        return $"host={b.Host} port={b.Port} user={b.Username} dbname={b.Database}";
    }

    private static Task<string> RunAsync(string file, params string[] args) => RunAsync(expectSuccess: true, file, args);

    private static async Task<string> RunAsync(bool expectSuccess, string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (expectSuccess) Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: exit {process.ExitCode}\n{await error}");
        else Assert.NotEqual(0, process.ExitCode);
        return expectSuccess ? await output : await error;
    }
}
