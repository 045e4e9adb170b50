using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneStop.Domain;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Ingestion;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Persistence;

public sealed partial class Ef6UpgradeTests
{
    // ───────────────────────────── helpers ─────────────────────────────

    private static class Fixtures
    {
        public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures");
        public static readonly string Db = Path.Combine(Folder, "onestop-ef6.db");
        public static readonly string ManifestFile = Path.Combine(Folder, "onestop-ef6.manifest.json");
    }

    /// <summary>The committed fixture copied into <paramref name="folder"/> as onestop.db (the app's name for it).</summary>
    internal static string CopyFixture(TempFolder folder)
    {
        var file = folder.File("onestop.db");
        File.Copy(Fixtures.Db, file);
        return file;
    }

    /// <summary>The domain as the web host registers it, demo data on (appsettings.json's default).</summary>
    private static ServiceProvider Services(string file, TimeProvider clock, ILoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Debug);
            if (logs is not null) b.AddProvider(logs);
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OneStop:Demo:Enabled"] = "true" }).Build();
        services.AddOneStopDomain(configuration, $"Data Source={file}");
        services.AddSingleton(clock);
        return services.BuildServiceProvider();
    }

    private static async Task InitializeAsync(string file, ILoggerProvider? logs = null)
    {
        await using var services = Services(file, new FixedTimeProvider(AfterFixture), logs);
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Row counts per table, naming each table that differs (a table missing on one side counts as a difference).</summary>
    private static void AssertSameCounts(IReadOnlyDictionary<string, long> expected, IReadOnlyDictionary<string, long> actual)
    {
        string Show(IReadOnlyDictionary<string, long> d, string t) => d.TryGetValue(t, out var n) ? n.ToString(CultureInfo.InvariantCulture) : "no table";
        var differences = expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .Where(t => Show(expected, t) != Show(actual, t))
            .Select(t => $"{t}: {Show(expected, t)} expected, {Show(actual, t)} found").ToList();
        Assert.True(differences.Count == 0, "Row counts differ: " + string.Join("; ", differences));
    }

    private static OneStopDbContext PlainContext(string file) =>
        new(new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite($"Data Source={file}").Options);

    private static async Task<IList> LoadAllAsync<T>(OneStopDbContext db) where T : class => await db.Set<T>().AsNoTracking().ToListAsync();

    private static void AssertInstant(JsonNode? expected, DateTime? actual)
    {
        if (expected is null) { Assert.Null(actual); return; }
        Assert.NotNull(actual);
        Assert.Equal(DateTimeKind.Utc, actual!.Value.Kind);
        Assert.Equal(expected.GetValue<string>(), actual.Value.ToString("O", CultureInfo.InvariantCulture));
    }

    private static SqliteConnection Open(string file)
    {
        var c = new SqliteConnection($"Data Source={file};Pooling=False");
        c.Open();
        return c;
    }

    private static async Task<string?> ScalarAsync(SqliteConnection c, string sql) => (await ScalarsAsync(c, sql)).FirstOrDefault();

    private static async Task<List<string>> ScalarsAsync(SqliteConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await r.ReadAsync()) list.Add(Convert.ToString(r.GetValue(0), CultureInfo.InvariantCulture)!);
        return list;
    }

    private static async Task<SortedDictionary<string, long>> CountsAsync(SqliteConnection c)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in await ScalarsAsync(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;"))
            counts[table] = long.Parse((await ScalarAsync(c, $"SELECT COUNT(*) FROM \"{table}\";"))!, CultureInfo.InvariantCulture);
        return counts;
    }

    private static async Task<List<(string Id, string ProductVersion)>> HistoryAsync(SqliteConnection c)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT MigrationId, ProductVersion FROM __EFMigrationsHistory ORDER BY MigrationId;";
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<(string, string)>();
        while (await r.ReadAsync()) list.Add((r.GetString(0), r.GetString(1)));
        return list;
    }

    private static async Task<List<JsonNode>> SchemaAsync(SqliteConnection c)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name;";
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<JsonNode>();
        while (await r.ReadAsync())
            list.Add(new JsonObject { ["type"] = r.GetString(0), ["name"] = r.GetString(1), ["table"] = r.GetString(2), ["sql"] = r.IsDBNull(3) ? null : r.GetString(3) });
        return list;
    }

    /// <summary>One row as SQLite stores it, read the way Ef6FixtureMaker wrote the manifest's rows (long text as length and SHA-256).</summary>
    private static async Task<JsonObject?> StoredRowAsync(SqliteConnection c, string table, JsonObject key)
    {
        await using var cmd = c.CreateCommand();
        var where = new List<string>();
        foreach (var (column, value) in key)
        {
            where.Add($"\"{column}\" = ${column}");
            cmd.Parameters.AddWithValue("$" + column, value!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? value.GetValue<long>() : value.GetValue<string>());
        }
        cmd.CommandText = $"SELECT * FROM \"{table}\" WHERE {string.Join(" AND ", where)};";
        await using var r = await cmd.ExecuteReaderAsync();
        if (!await r.ReadAsync()) return null;
        var row = new JsonObject();
        for (var i = 0; i < r.FieldCount; i++)
            row[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i) switch
            {
                long l => JsonValue.Create(l),
                double d => JsonValue.Create(d),
                string s when s.Length > 300 => new JsonObject
                {
                    ["length"] = s.Length,
                    ["sha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s))),
                },
                string s => JsonValue.Create(s),
                byte[] b => new JsonObject { ["blob"] = Convert.ToBase64String(b) },
                var other => JsonValue.Create(Convert.ToString(other, CultureInfo.InvariantCulture)),
            };
        return row;
    }

    /// <summary>Fixtures/onestop-ef6.manifest.json, written by Ef6FixtureMaker from the EF 6-made file.</summary>
    internal sealed class Ef6Manifest
    {
        public required JsonNode Root { get; init; }
        public required SortedDictionary<string, long> Tables { get; init; }
        public required List<(string Id, string ProductVersion)> Migrations { get; init; }
        public required List<JsonNode> Schema { get; init; }
        public required List<JsonNode> StoredRows { get; init; }
        public required Dictionary<string, string> Chosen { get; init; }
        public required List<JsonNode> Ef6Dossiers { get; init; }

        public static Ef6Manifest Load()
        {
            var root = JsonNode.Parse(File.ReadAllText(Fixtures.ManifestFile))!;
            return new Ef6Manifest
            {
                Root = root,
                Tables = new SortedDictionary<string, long>(root["tables"]!.AsObject().ToDictionary(t => t.Key, t => t.Value!.GetValue<long>()), StringComparer.Ordinal),
                Migrations = root["migrations"]!.AsArray().Select(m => (m!["migrationId"]!.GetValue<string>(), m["productVersion"]!.GetValue<string>())).ToList(),
                Schema = root["schema"]!.AsArray().Select(s => s!).ToList(),
                StoredRows = root["storedRows"]!.AsArray().Select(s => s!).ToList(),
                Chosen = root["chosenDossiers"]!.AsObject().ToDictionary(c => c.Key, c => c.Value!.GetValue<string>()),
                Ef6Dossiers = root["ef6Dossiers"]!.AsArray().Select(d => d!).ToList(),
            };
        }
    }
}
