using System.Text.Json;
using Microsoft.Data.Sqlite;
using OneStop.Benchmarks;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.Demo;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Integration;

/// <summary>
/// The `providers` benchmark's parts on a tiny generated data set (2,000 dossiers, 100 open), on the provider of this
/// pass: run-tests.sh runs this class on SQLite and again on PostgreSQL. Timings are not asserted (README, Performance);
/// what is: the data set comes out the same on both providers, the hand-written floor gives exactly the snapshot query's
/// figures, each sweep moves exactly what was put back, ingestion writes to a copy and leaves the data set as it was,
/// and the parent's table reads every part's result.
/// </summary>
[Collection(BenchmarkStatics.Name)]
public sealed class ProviderMeasurementsSmokeTests(ProviderMeasurementsSmokeTests.TinyStore data) : IClassFixture<ProviderMeasurementsSmokeTests.TinyStore>
{
    public sealed class TinyStore : IDisposable
    {
        // A seed of its own: on PostgreSQL the settled database is named after the options, on the shared test server.
        public static readonly ScaleDataOptions Options = new(2_000, 100, 1, ScaleDataGenerator.DefaultNowUtc, Seed: 16);
        private readonly TempFolder _folder = new();
        private readonly string? _previousCache = BenchmarkData.CacheFolderOverride;
        public BenchmarkStore Store { get; }
        public string? Server { get; } = TestDatabase.PostgreSql ? TestDatabase.Server : null;

        public TinyStore()
        {
            BenchmarkData.CacheFolderOverride = _folder.Path;
            Store = ProviderMeasurements.Prepare(TestDatabase.Provider, Server, Options, TextWriter.Null);
        }

        public void Dispose()
        {
            if (Store.IsPostgreSql) TestDatabase.DropPostgreSqlDatabase(Store.ConnectionString);
            SqliteConnection.ClearAllPools();
            BenchmarkData.CacheFolderOverride = _previousCache;
            _folder.Dispose();
        }

        public long Count(string sql)
        {
            using var connection = Store.OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar());
        }
    }

    [Fact]
    public void The_settled_data_set_is_the_generators_on_this_provider()
    {
        Assert.Equal(TestDatabase.Provider, data.Store.Provider);
        Assert.Equal(2_000, data.Count("""SELECT COUNT(*) FROM "Dossiers" """));
        Assert.Equal(100, data.Count("""SELECT COUNT(*) FROM "Dossiers" WHERE "Status" IN ('Received','InProgress','WaitingSupplement','ResultReady')"""));
        // Settled: the first full sweep gave the overdue dossiers their class, so a put-back has something to take.
        Assert.True(data.Count("""SELECT COUNT(*) FROM "Dossiers" WHERE "Status" IN ('Received','InProgress') AND "DeadlineClass" = 'Overdue'""") >= 10);
        // Its identity sequences follow the generated ids: the next dossier the database numbers does not collide.
        if (data.Store.IsPostgreSql)
            Assert.Equal(data.Count("""SELECT MAX("Id") FROM "Dossiers" """),
                data.Count("""SELECT pg_sequence_last_value(pg_get_serial_sequence('"Dossiers"', 'Id')::regclass)"""));
    }

    [Fact]
    public async Task The_floor_gives_the_snapshot_querys_figures_on_this_provider()
    {
        var figures = await ProviderMeasurements.OverviewAsync(data.Store, TinyStore.Options, runs: 2, warmups: 1);
        Assert.True(figures.SameFigures, "the hand-written floor and OverviewSnapshotQuery disagree");
        Assert.True(figures.QueryMs > 0 && figures.FloorMs > 0);
    }

    [Fact]
    public async Task Each_measured_sweep_moves_exactly_the_dossiers_put_back()
    {
        var figures = await ProviderMeasurements.SweepAsync(data.Store, TinyStore.Options, [0, 3, 10], runs: 2);
        Assert.Equal([0, 3, 10], figures.Select(f => f.Changed));
        Assert.All(figures, f => Assert.True(f.MovedExactly, $"{f.Changed} put back, a different number moved"));
    }

    [Fact]
    public async Task Ingestion_writes_to_a_copy_and_leaves_the_data_set_as_it_was()
    {
        var before = data.Count("""SELECT COUNT(*) FROM "DossierEvents" """);
        var figures = await ProviderMeasurements.IngestAsync(data.Store, TinyStore.Options, 12, [1, 3], TextWriter.Null);
        Assert.Equal([1, 3], figures.Select(f => f.Callers));
        Assert.All(figures, f => Assert.Equal((12, 48), (f.Figures.Dossiers, f.Figures.Events)));
        Assert.Equal(2_000, data.Count("""SELECT COUNT(*) FROM "Dossiers" """));
        Assert.Equal(before, data.Count("""SELECT COUNT(*) FROM "DossierEvents" """));
    }

    [Fact]
    public async Task The_table_reads_every_parts_result()
    {
        var settings = new ProviderComparisonCommand.Settings(data.Server ?? "", TinyStore.Options, Runs: 1, SweepRuns: 1, Ingest: 6, Callers: [1, 2]);
        var results = new Dictionary<(string, DatabaseProvider), JsonElement>();
        foreach (var part in ProviderComparisonCommand.Parts.Split(','))
        {
            var output = new StringWriter();
            Assert.Equal(0, await ProviderComparisonCommand.RunPartAsync(part, TestDatabase.Provider, settings, output));
            var result = ProviderComparisonCommand.ResultOf(output.ToString());
            Assert.NotNull(result);
            // The other provider's column shows this one's figures: the table is what is checked here.
            results[(part, DatabaseProvider.Sqlite)] = results[(part, DatabaseProvider.PostgreSql)] = result.Value;
        }
        var table = ProviderComparisonCommand.Table(settings, results);
        Assert.Contains("| Deadline sweep, 5 of 100 open change class |", table);
        Assert.Contains("| Ingestion (a PUT and four events per dossier), 2 callers |", table);
        Assert.DoesNotContain("differ!", table);
        Assert.DoesNotContain("different number!", table);
        Assert.Equal(1 + 3 + 3 + 2, table.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal))); // header, overview, sweeps, ingestion
    }
}
