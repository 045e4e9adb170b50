using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.PostgreSql;
using OneStop.Tests.Infrastructure;
using OneStop.Web.Operations;

namespace OneStop.Tests.Operations;

/// <summary>
/// `copy-database`: a demo-seeded SQLite center moved onto PostgreSQL keeps every table's rows, value for value, and
/// its ids (the sequences move past them); a target that already holds a center is refused untouched; a copy that fails
/// or whose counts differ commits nothing, leaving the target empty for the next run.
/// </summary>
[Collection(SqliteCenterCollection.Name)]
[Trait(TestDatabase.ProvidersTrait, SqliteCenterCollection.NeedsServer)]
public sealed class CopyDatabaseTests(SqliteCenterFixture center)
{
    [Fact]
    public async Task A_sqlite_center_copied_onto_postgresql_has_every_table_row_for_row_and_new_rows_get_fresh_ids()
    {
        var run = center.CopyRun;
        Assert.True(run.ExitCode == CopyDatabaseCommand.Copied, run.ToString());
        // Every table of the model, in the printed table and on the target with the source's count.
        foreach (var table in SqliteCenterFixture.Tables)
        {
            var count = center.SourceCount(table);
            Assert.Equal(count, SqliteCenterFixture.TargetCount(center.Copy, table));
            Assert.Matches($@"(?m)^{table} +{count:n0} +{count:n0}\s*$", run.Output);
        }
        Assert.True(center.SourceCount("DossierEvents") > 200_000, "the demo center has its history");
        Assert.Contains("tables match", run.Output);

        // Value for value: every row of every table read back through each provider's model is the same.
        await using var sqlite = new OneStopDbContext(new DbContextOptionsBuilder<OneStopDbContext>()
            .UseSqlite(center.Source).UseModel(OneStopDbContext.SharedModel).Options);
        await using var postgres = await OneStopDatabase.PostgreSqlContexts(center.Copy).CreateDbContextAsync();
        foreach (var entity in PostgreSqlOneStopDbContext.PostgreSqlModel.GetEntityTypes())
        {
            var compare = typeof(CopyDatabaseTests).GetMethod(nameof(SameRowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(entity.ClrType);
            await (Task)compare.Invoke(null, [sqlite, postgres, entity.FindPrimaryKey()!.Properties.Select(p => p.Name).ToArray()])!;
        }

        // The ids moved with the rows, so the next row the database numbers follows the largest copied id.
        foreach (var entity in PostgreSqlOneStopDbContext.PostgreSqlModel.GetEntityTypes())
        {
            if (entity.FindPrimaryKey() is not { Properties: [{ ValueGenerated: Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd, ClrType: var type } key] }
                || type != typeof(int) && type != typeof(long)) continue;
            var table = entity.GetTableName()!;
            var max = Convert.ToInt64(SqliteCenterFixture.Scalar(center.Copy, $"SELECT COALESCE(MAX(\"{key.Name}\"), 0) FROM \"{table}\""));
            var next = Convert.ToInt64(SqliteCenterFixture.Scalar(center.Copy, $"SELECT nextval(pg_get_serial_sequence('\"{table}\"', '{key.Name}'))"));
            Assert.True(next == max + 1, $"{table}: the next id is {next}, the largest copied {max}");
        }
        var department = Convert.ToInt64(SqliteCenterFixture.Scalar(center.Copy,
            "INSERT INTO \"Departments\" (\"Code\", \"Name\", \"PostalCovered\", \"SortOrder\") VALUES ('SAUCHEP', 'Sở mới sau khi chép', FALSE, 99) RETURNING \"Id\""));
        Assert.True(department > center.SourceCount("Departments"));
        SqliteCenterFixture.Execute(center.Copy, $"DELETE FROM \"Departments\" WHERE \"Id\" = {department}");

        // Run again onto the copy: refused, naming the argument and the rule, and nothing on the target changed.
        var again = await OneStopProcess.RunAsync(SqliteCenterFixture.CopyDatabaseArgs(center.Source, center.Copy));
        Assert.True(again.ExitCode == CopyDatabaseCommand.Refused, again.ToString());
        Assert.Contains("--to", again.Error);
        Assert.Contains("must be empty", again.Error);
        Assert.Contains("Nothing was changed", again.Error);
        foreach (var table in SqliteCenterFixture.Tables)
            Assert.Equal(center.SourceCount(table), SqliteCenterFixture.TargetCount(center.Copy, table));
    }

    private static readonly JsonSerializerOptions Json = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles };

    /// <summary>Both sides' rows of one table, ordered by key, compared as JSON one by one (streamed, not held).</summary>
    private static async Task SameRowsAsync<T>(OneStopDbContext sqlite, OneStopDbContext postgres, string[] key) where T : class
    {
        IQueryable<T> Ordered(OneStopDbContext db)
        {
            var q = db.Set<T>().AsNoTracking().OrderBy(e => EF.Property<object>(e, key[0]));
            foreach (var k in key.Skip(1)) q = q.ThenBy(e => EF.Property<object>(e, k));
            return q;
        }
        await using var left = Ordered(sqlite).AsAsyncEnumerable().GetAsyncEnumerator();
        await using var right = Ordered(postgres).AsAsyncEnumerable().GetAsyncEnumerator();
        var row = 0;
        while (true)
        {
            var l = await left.MoveNextAsync();
            var r = await right.MoveNextAsync();
            Assert.True(l == r, $"{typeof(T).Name}: one side ends at row {row}");
            if (!l) return;
            var a = JsonSerializer.Serialize(left.Current, Json);
            var b = JsonSerializer.Serialize(right.Current, Json);
            if (a != b) Assert.Fail($"{typeof(T).Name}, row {row}:\nSQLite     {a}\nPostgreSQL {b}");
            row++;
        }
    }

    [Fact]
    public async Task A_copy_that_fails_partway_or_whose_counts_differ_commits_nothing_and_can_be_run_again()
    {
        var target = TestDatabase.CreatePostgreSqlDatabase("copyfail");
        try
        {
            // An empty OneStop database (as a failed run leaves it), whose Procedures table breaks partway: the
            // departments, fields and staff are copied by then.
            await using (var db = await OneStopDatabase.PostgreSqlContexts(target).CreateDbContextAsync()) await db.Database.MigrateAsync();
            SqliteCenterFixture.Execute(target, """
                CREATE FUNCTION break_copy() RETURNS trigger AS $$
                BEGIN IF NEW."Id" = 50 THEN RAISE EXCEPTION 'the disk is full (test)'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
                CREATE TRIGGER break_copy BEFORE INSERT ON "Procedures" FOR EACH ROW EXECUTE FUNCTION break_copy();
                """);
            var (exit, output, error) = await RunAsync(center.Source, target);
            Assert.True(exit == CopyDatabaseCommand.RolledBack, $"exit {exit}\n{output}\n{error}");
            Assert.Contains("Procedures", error);
            Assert.Contains("the disk is full (test)", error);
            Assert.Contains("nothing was committed", error);
            Assert.Contains("Departments", output);
            AssertEmpty(target);

            // Rows that silently do not arrive (a trigger drops some pauses): the counts differ, nothing is committed.
            SqliteCenterFixture.Execute(target, """
                DROP TRIGGER break_copy ON "Procedures";
                CREATE FUNCTION drop_some() RETURNS trigger AS $$ BEGIN IF NEW."Id" % 100 = 0 THEN RETURN NULL; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
                CREATE TRIGGER drop_some BEFORE INSERT ON "DossierPauses" FOR EACH ROW EXECUTE FUNCTION drop_some();
                """);
            (exit, output, error) = await RunAsync(center.Source, target);
            Assert.True(exit == CopyDatabaseCommand.RolledBack, $"exit {exit}\n{output}\n{error}");
            var pauses = center.SourceCount("DossierPauses");
            Assert.Matches($@"(?m)^DossierPauses +{pauses:n0} +{pauses - pauses / 100:n0}   differs$", output);
            Assert.Contains("1 table(s) differ in row count (DossierPauses)", error);
            AssertEmpty(target);

            // Fixed, the same command on the same target copies everything.
            SqliteCenterFixture.Execute(target, "DROP TRIGGER drop_some ON \"DossierPauses\"");
            (exit, output, error) = await RunAsync(center.Source, target);
            Assert.True(exit == CopyDatabaseCommand.Copied, $"exit {exit}\n{output}\n{error}");
            foreach (var table in SqliteCenterFixture.Tables)
                Assert.Equal(center.SourceCount(table), SqliteCenterFixture.TargetCount(target, table));
        }
        finally { TestDatabase.DropPostgreSqlDatabase(target); }
    }

    [Fact]
    public async Task Bad_arguments_and_sources_are_refused_naming_the_argument_and_the_rule()
    {
        var target = TestDatabase.CreatePostgreSqlDatabase("copybad");
        using var folder = new TempFolder();
        try
        {
            // An empty SQLite file, and one a version behind (only its first migration applied).
            var empty = folder.File("empty.db");
            await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={empty}")) { await c.OpenAsync(); await using var t = c.CreateCommand(); t.CommandText = "CREATE TABLE x (a)"; await t.ExecuteNonQueryAsync(); }
            var behind = folder.File("behind.db");
            await using (var db = new OneStopDbContext(new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite($"Data Source={behind}").UseModel(OneStopDbContext.SharedModel).Options))
                await Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db).MigrateAsync(db.Database.GetMigrations().First());
            var cases = new (string[] Args, string[] Expected)[]
            {
                ([], ["--from: missing"]),
                (["--from", center.Source], ["--to: missing"]),
                (["--from", center.Source, "--to"], ["--to: needs a connection string"]),
                (["--from", center.Source, "--to", target, "--force"], ["--force: unknown argument"]),
                (["--from", $"Data Source={folder.File("absent.db")}", "--to", target], ["--from: no file at", "absent.db"]),
                (["--from", $"Data Source={empty}", "--to", target], ["not a OneStop database"]),
                (["--from", $"Data Source={behind}", "--to", target], ["must be at the latest migration", "_Initial"]),
                (["--from", center.Source, "--to", "Host=127.0.0.1;Port=1;Username=postgres;Database=onestop;Timeout=3"], ["--to 127.0.0.1:1/onestop: cannot connect"]),
                (["--from", center.Source, "--to", "Host=127.0.0.1;Username=postgres"], ["--to: must name the database"]),
            };
            foreach (var (args, expected) in cases)
            {
                var (exit, _, error) = await RunArgsAsync(args);
                Assert.True(exit == CopyDatabaseCommand.Refused, $"{string.Join(' ', args)}: exit {exit}\n{error}");
                foreach (var e in expected) Assert.Contains(e, error);
                Assert.Contains("Nothing was changed", error);
            }
            // Nothing was changed: no table was created on the target.
            Assert.Equal(0L, Convert.ToInt64(SqliteCenterFixture.Scalar(target, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")));
            Assert.False(File.Exists(folder.File("absent.db")));
            var (helpExit, help, _) = await RunArgsAsync(["--help"]);
            Assert.Equal(CopyDatabaseCommand.Copied, helpExit);
            Assert.Contains("Usage: OneStop.Web copy-database --from", help);
        }
        finally { TestDatabase.DropPostgreSqlDatabase(target); }
    }

    private static void AssertEmpty(string target)
    {
        foreach (var table in SqliteCenterFixture.Tables)
            Assert.True(SqliteCenterFixture.TargetCount(target, table) == 0, $"{table} kept rows of a copy that was rolled back");
    }

    /// <summary>The command in this process: these runs only read SQLite and write PostgreSQL through raw SQL and migrations.</summary>
    private static Task<(int, string, string)> RunAsync(string from, string to) => RunArgsAsync(["--from", from, "--to", to]);

    private static async Task<(int, string, string)> RunArgsAsync(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CopyDatabaseCommand.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
