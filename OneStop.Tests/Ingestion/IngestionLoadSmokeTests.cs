using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OneStop.Benchmarks;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.Demo;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Ingestion;

/// <summary>
/// The ingestion load harness and the timed CSV import (OneStop.Benchmarks `ingest` and `import`) on a tiny data set:
/// they must run and do what they claim to measure. Their speed is measured by running them, never asserted here.
/// </summary>
[Trait(TestDatabase.ProvidersTrait, TestDatabase.SqliteOnly)] // the load harness hosts the app on its own SQLite file
public sealed class IngestionLoadSmokeTests : IDisposable
{
    private static readonly ScaleDataOptions Tiny = new(300, 20, 1, ScaleDataGenerator.DefaultNowUtc);
    private readonly TempFolder _folder = new();

    private string FreshFile(string name)
    {
        var file = _folder.File(name);
        BenchmarkData.Generate(Tiny, file);
        return file;
    }

    private static OneStopDbContext Db(string file) =>
        new(new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite(BenchmarkData.ConnectionString(file)).Options);

    [Fact]
    public async Task The_load_harness_takes_every_dossier_through_its_whole_lifecycle()
    {
        var file = FreshFile("ingest.db");
        var figures = await IngestionLoad.IngestAsync(file, Tiny.NowUtc, dossiers: 6, workers: 2);
        Assert.Equal((6, 24), (figures.Dossiers, figures.Events));
        await using var db = Db(file);
        var loaded = await db.Dossiers.Where(d => d.Code.StartsWith("LOAD-")).ToListAsync();
        Assert.Equal(6, loaded.Count);
        Assert.All(loaded, d => Assert.Equal(DossierStatus.Returned, d.Status));
        Assert.Equal(30, await db.DossierEvents.CountAsync(e => loaded.Select(d => d.Id).Contains(e.DossierId)));
        Assert.Equal(24, await db.ExternalEventKeys.CountAsync());
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task The_timed_import_lands_every_generated_row()
    {
        var file = FreshFile("import.db");
        var (figures, result) = await IngestionLoad.ImportAsync(file, Tiny.NowUtc, rows: 200);
        Assert.True(result.Imported);
        Assert.Equal(200, figures.Dossiers);
        Assert.Equal(200, result.ByStatus.Values.Sum());
        await using var db = Db(file);
        Assert.Equal(200, await db.Dossiers.CountAsync(d => d.Code.StartsWith("IMP-")));
        Assert.Equal(figures.Events, await db.DossierEvents.CountAsync(e => e.Note!.Contains("nhập dữ liệu lịch sử")));
        Assert.True(figures.Events >= 200);
        SqliteConnection.ClearAllPools();
    }

    public void Dispose() => _folder.Dispose();
}
