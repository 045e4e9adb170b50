using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.PostgreSql;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Persistence;

/// <summary>
/// The provider switch itself: the app runs on the provider the run asked for (so the PostgreSQL pass really is on
/// PostgreSQL), each provider's migrations match the one model, and a wrong setting stops the start naming the key.
/// </summary>
public sealed class ProviderTests
{
    [Fact]
    public async Task The_app_runs_on_the_provider_the_run_asked_for_with_every_migration_applied()
    {
        await using var app = new OneStopApp(demo: false);
        await using var db = app.CreateDb();
        Assert.Equal(TestDatabase.PostgreSql, db.IsPostgreSql);
        Assert.Equal(TestDatabase.PostgreSql ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // The context's own migrations: PostgreSQL's folder, or SQLite's.
        var first = db.Database.GetMigrations().First();
        Assert.EndsWith(TestDatabase.PostgreSql ? "_PostgreSqlInitial" : "_Initial", first);
        // A row numbered by the database after a row that came with its key (as the seed's do) does not collide:
        // SQLite's AUTOINCREMENT follows the largest key, PostgreSQL's sequence is moved by SequencesFollowGivenKeys.
        db.Departments.Add(new() { Id = 50, Code = "KHOA", Name = "Khóa cho trước" });
        await db.SaveChangesAsync();
        var next = new OneStop.Domain.Catalog.Department { Code = "TUDONG", Name = "Khóa tự đánh số" };
        db.Departments.Add(next);
        await db.SaveChangesAsync();
        Assert.Equal(51, next.Id);

        // PostgreSQL: autovacuum keeps the dossier table's visibility map fresh, so the overview's counts stay index-only
        // scans (migration DossiersVacuumOften).
        if (db.IsPostgreSql)
            Assert.Equal(["autovacuum_analyze_scale_factor=0.01", "autovacuum_vacuum_scale_factor=0.01"],
                (await db.Database.SqlQueryRaw<string>("""SELECT unnest(reloptions) AS "Value" FROM pg_class WHERE relname = 'Dossiers'""").ToListAsync()).Order());
    }

    [Fact]
    public void Each_providers_migrations_match_the_model()
    {
        // Building a model needs the provider, not a server: nothing connects here.
        using var sqlite = new OneStopDbContext(new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite: the model changed since the last migration");
        using var postgres = new PostgreSqlOneStopDbContext(new DbContextOptionsBuilder<PostgreSqlOneStopDbContext>().UseNpgsql("Host=localhost").Options);
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL: the model changed since the last migration");
        // The same tables on both.
        Assert.Equal(sqlite.Model.GetEntityTypes().Select(e => e.GetTableName()).Order(), postgres.Model.GetEntityTypes().Select(e => e.GetTableName()).Order());
    }

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("PostgreSql", DatabaseProvider.PostgreSql)]
    public void The_provider_setting_reads_either_name_and_defaults_to_sqlite(string? value, DatabaseProvider expected) =>
        Assert.Equal(expected, OneStopDatabase.ProviderOf(Config(value)));

    [Theory]
    [InlineData("Oracle")]
    [InlineData("2")]
    public void A_provider_that_is_neither_stops_the_start_naming_the_key_and_the_choices(string value)
    {
        var e = Assert.Throws<InvalidOperationException>(() => OneStopDatabase.ProviderOf(Config(value)));
        Assert.Contains("OneStop:Database:Provider", e.Message);
        Assert.Contains($"\"{value}\"", e.Message);
        Assert.Contains("Sqlite or PostgreSql", e.Message);
    }

    private static IConfiguration Config(string? provider) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [OneStopDatabase.ProviderKey] = provider }).Build();
}
