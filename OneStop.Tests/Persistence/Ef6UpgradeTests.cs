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

/// <summary>
/// Issue 13, point 2: a data/onestop.db made by the EF Core 6 build opens with this build, is migrated forward and loses
/// nothing. Fixtures/onestop-ef6.db was made by commit 18ad24f (the last EF 6 commit) and pruned; its manifest was read
/// from that file when it was made (Fixtures/README.md). Each test works on its own copy.
/// </summary>
public sealed partial class Ef6UpgradeTests
{
    /// <summary>Half an hour after the fixture maker's last write (its clock ran from 18/11/2026 09:00 to 09:26 in Vietnam).</summary>
    internal static readonly DateTimeOffset AfterFixture = new(2026, 11, 18, 3, 0, 0, TimeSpan.Zero);

    /// <summary>The table EF Core 9+ adds on SQLite to serialise concurrent migrations; EF 6 had none. It is left empty.</summary>
    private const string MigrationsLockTable = "__EFMigrationsLock";

    /// <summary>How EF Core's SQLite provider writes a DateTime (EF 6 and EF 10 alike): "yyyy-MM-dd HH:mm:ss" and up to 7 decimals.</summary>
    private static readonly Regex StoredInstant = new(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,7})?$");

    internal static readonly Ef6Manifest Manifest = Ef6Manifest.Load();

    [Fact]
    public async Task The_fixture_is_the_EF6_file_the_manifest_describes()
    {
        using var folder = new TempFolder();
        var file = CopyFixture(folder);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(Fixtures.Db)!, "onestop-ef6.db-wal")), "The fixture must have no WAL beside it.");
        Assert.Equal("6.0.7", Manifest.Root["madeBy"]!["efCore"]!.GetValue<string>());
        Assert.StartsWith("18ad24f", Manifest.Root["madeBy"]!["commit"]!.GetValue<string>());
        await using var c = Open(file);
        Assert.Equal("delete", await ScalarAsync(c, "PRAGMA journal_mode;"));
        AssertSameCounts(Manifest.Tables, await CountsAsync(c));
        // Every table of the EF 6 model has rows, so every one of them is checked across the upgrade.
        Assert.All(Manifest.Tables, t => Assert.True(t.Value > 0, $"{t.Key} is empty in the fixture"));
        Assert.All(Manifest.Migrations, m => Assert.Equal("6.0.7", m.ProductVersion));
    }

    [Fact]
    public async Task Migrating_keeps_every_table_and_every_row()
    {
        using var folder = new TempFolder();
        var file = CopyFixture(folder);
        var logs = new LogCollector();
        await InitializeAsync(file, logs);

        await using var c = Open(file);
        var after = await CountsAsync(c);
        var expected = new SortedDictionary<string, long>(Manifest.Tables, StringComparer.Ordinal);
        // EF Core 9+ creates its (empty) migration lock table on SQLite whenever it migrates; the later migrations add
        // their empty tables and their rows in the history; nothing else is new.
        if (after.ContainsKey(MigrationsLockTable)) expected[MigrationsLockTable] = 0;
        foreach (var table in LaterTables) expected[table] = 0;
        expected["__EFMigrationsHistory"] += LaterMigrations.Length;
        AssertSameCounts(expected, after);
        // Demo data is on (as in appsettings.json): the seeder saw a populated file and wrote nothing.
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("Demo center seeded"));
        Assert.Equal("wal", await ScalarAsync(c, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task The_migration_history_continues_with_the_eight_EF6_rows_and_nothing_is_pending()
    {
        using var folder = new TempFolder();
        var file = CopyFixture(folder);
        var logs = new LogCollector();
        await InitializeAsync(file, logs);

        await using var c = Open(file);
        // The EF 6 rows as they were, then one row per later migration written by EF 10.
        var history = await HistoryAsync(c);
        Assert.Equal(Manifest.Migrations, history.Take(Manifest.Migrations.Count));
        Assert.Equal(LaterMigrations.Select(m => (m.Id, "10.0.15")), history.Skip(Manifest.Migrations.Count));
        Assert.Equal(8, Manifest.Migrations.Count);

        await using var db = PlainContext(file);
        // This build's migrations are the EF 6 ones, id for id, then the later ones: none squashed, none pending.
        var ids = Manifest.Migrations.Select(m => m.Id).Concat(LaterMigrations.Select(m => m.Id)).ToList();
        Assert.Equal(ids, db.Database.GetMigrations());
        Assert.Equal(ids, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // The EF 10 model is the EF 6 snapshot's: EF 9+ would warn (and by default throw) on migrating otherwise.
        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from OneStopDbContextModelSnapshot: add a migration.");
        Assert.DoesNotContain(logs.Entries, e => e.EventId == RelationalEventId.PendingModelChangesWarning.Id);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("Microsoft.EntityFrameworkCore.Migrations"));

        // The schema is the EF 6 one, object for object and statement for statement (plus EF 10's empty lock table and
        // the later migrations' tables); a table a later migration added a column to keeps its EF 6 definition with
        // only that column appended (SQLite's ALTER TABLE … ADD COLUMN rewrites the stored statement that way).
        var schema = await SchemaAsync(c);
        var added = schema.Where(s => !Manifest.Schema.Any(m => JsonNode.DeepEquals(m, s))).ToList();
        var lost = Manifest.Schema.Where(m => !schema.Any(s => JsonNode.DeepEquals(m, s))).ToList();
        foreach (var old in lost.Where(l => l!["type"]!.GetValue<string>() == "table" && AlteredTables.Contains(l["name"]!.GetValue<string>())).ToList())
        {
            var name = old!["name"]!.GetValue<string>();
            var now = added.Single(a => a!["type"]!.GetValue<string>() == "table" && a["name"]!.GetValue<string>() == name)!;
            var (oldColumns, oldKeys) = await TableShapeAsync(old["sql"]!.GetValue<string>(), name);
            var (newColumns, newKeys) = await TableShapeAsync(now["sql"]!.GetValue<string>(), name);
            Assert.Equal(oldColumns, newColumns.Take(oldColumns.Count)); // the EF 6 columns, unchanged, in order
            Assert.Equal(LaterColumns(name), newColumns.Skip(oldColumns.Count).Select(c => c.Split('|')[0]).ToHashSet());
            Assert.Equal(oldKeys, newKeys);
            lost.Remove(old);
            added.Remove(now);
        }
        Assert.True(lost.Count == 0, "Lost from the EF 6 schema: " + string.Join("; ", lost.Select(l => l!["name"])));
        Assert.All(added, a => Assert.Contains(a!["table"]!.GetValue<string>(), LaterTables.Append(MigrationsLockTable)));
    }

    [Fact]
    public async Task Migrating_a_plain_context_shows_no_pending_model_changes_warning()
    {
        // The app's contexts use OneStopDbContext.SharedModel (a runtime model); a plain context is what `dotnet ef` and
        // EF's own pending-changes check see, with warnings logged instead of thrown so that any would be listed here.
        using var folder = new TempFolder();
        var file = CopyFixture(folder);
        var logs = new LogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var options = new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite($"Data Source={file}").UseLoggerFactory(factory)
            .ConfigureWarnings(w => w.Log(RelationalEventId.PendingModelChangesWarning)).Options;
        await using (var db = new OneStopDbContext(options))
            await db.Database.MigrateAsync();
        Assert.DoesNotContain(logs.Entries, e => e.EventId == RelationalEventId.PendingModelChangesWarning.Id);
        // Only the later migrations were applied: the EF 6 ones were already in the file.
        Assert.Equal(LaterMigrations.Select(m => m.Id),
            logs.Entries.Where(e => e.EventId == RelationalEventId.MigrationApplying.Id).Select(e => LaterMigrations.Single(m => e.Message.Contains(m.Id)).Id));
        await using var c = Open(file);
        Assert.Equal(Manifest.Migrations.Concat(LaterMigrations.Select(m => (m.Id, "10.0.15"))), await HistoryAsync(c));
    }

    [Fact]
    public async Task Every_entity_type_materializes_completely_with_UTC_instants()
    {
        using var folder = new TempFolder();
        var file = CopyFixture(folder);
        await InitializeAsync(file);
        await using var db = PlainContext(file);

        // Every DbSet of the context is an entity type of the model, and the reverse: a new entity cannot be skipped here.
        var sets = typeof(OneStopDbContext).GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>))
            .Select(p => p.PropertyType.GetGenericArguments()[0]).ToHashSet();
        var entityTypes = db.Model.GetEntityTypes().ToList();
        Assert.Equal(sets.OrderBy(t => t.FullName), entityTypes.Select(e => e.ClrType).OrderBy(t => t.FullName));
        // … and the model's tables are the EF 6 file's tables and the later migrations' ones.
        Assert.Equal(Manifest.Tables.Keys.Where(t => t != "__EFMigrationsHistory").Concat(LaterTables).Order(StringComparer.Ordinal),
            entityTypes.Select(e => e.GetTableName()!).Order(StringComparer.Ordinal));

        var load = typeof(Ef6UpgradeTests).GetMethod(nameof(LoadAllAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var entityType in entityTypes)
        {
            var rows = await (Task<IList>)load.MakeGenericMethod(entityType.ClrType).Invoke(null, [db])!;
            var inFile = Manifest.Tables.GetValueOrDefault(entityType.GetTableName()!); // a later migration's table starts empty
            Assert.True(inFile == rows.Count, $"{entityType.ClrType.Name}: {rows.Count} materialized, {inFile} in the EF 6 file");
            foreach (var property in entityType.GetProperties().Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?)))
                foreach (var row in rows)
                    if (property.PropertyInfo!.GetValue(row) is DateTime value)
                        Assert.True(value.Kind == DateTimeKind.Utc, $"{entityType.ClrType.Name}.{property.Name} came back {value.Kind}");
        }
    }

    [Fact]
    public async Task Stored_values_are_unchanged_and_EF10_reads_them_as_EF6_did()
    {
        using var folder = new TempFolder();
        var file = CopyFixture(folder);
        await InitializeAsync(file);

        // As SQLite holds them: the first and last row of every table, the chosen dossiers with their first and last
        // events, three staff members and the settings (the Vietnamese text and the instants exactly as EF 6 wrote them).
        await using (var c = Open(file))
            foreach (var sample in Manifest.StoredRows)
            {
                var table = sample["table"]!.GetValue<string>();
                var key = sample["key"]!.AsObject();
                var actual = await StoredRowAsync(c, table, key);
                Assert.True(actual is not null, $"{table} {key.ToJsonString()} is gone");
                // A later migration's new column is not part of what EF 6 stored; the ones it fills must hold a value.
                foreach (var column in LaterColumns(table))
                {
                    if (LaterColumns(table, filledOnly: true).Contains(column))
                        Assert.False(string.IsNullOrEmpty(actual![column]?.ToString()), $"{table}.{column} is empty after the migration");
                    actual!.Remove(column);
                }
                Assert.True(JsonNode.DeepEquals(sample["values"], JsonNode.Parse(actual!.ToJsonString())),
                    $"{table} {key.ToJsonString()}:\n  EF 6 file: {sample["values"]!.ToJsonString()}\n  now:       {actual.ToJsonString()}");
            }
        Assert.Contains(Manifest.StoredRows, s => s["table"]!.GetValue<string>() == "Dossiers" && StoredInstant.IsMatch(s["values"]!["ReceivedAt"]!.GetValue<string>()));

        // As EF reads them: what EF 6 materialized for the chosen dossiers, EF 10 materializes (instants in UTC, same ticks).
        await using var db = PlainContext(file);
        foreach (var expected in Manifest.Ef6Dossiers)
        {
            var code = expected["code"]!.GetValue<string>();
            var d = await db.Dossiers.AsNoTracking().Include(x => x.Department).SingleAsync(x => x.Code == code);
            var events = await db.DossierEvents.AsNoTracking().Where(e => e.DossierId == d.Id).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal(expected["status"]!.GetValue<string>(), d.Status.ToString());
            Assert.Equal(expected["applicantName"]!.GetValue<string>(), d.ApplicantName);
            Assert.Equal(expected["department"]!.GetValue<string>(), d.Department!.Code);
            Assert.Equal(expected["channel"]!.GetValue<string>(), d.Channel.ToString());
            Assert.Equal(expected["currentStep"]!.GetValue<int>(), d.CurrentStep);
            Assert.Equal(expected["version"]!.GetValue<int>(), d.Version);
            Assert.Equal(expected["outcome"]?.GetValue<string>(), d.Outcome?.ToString());
            Assert.Equal(expected["deadlineClass"]!.GetValue<string>(), d.DeadlineClass.ToString());
            AssertInstant(expected["receivedAt"], d.ReceivedAt);
            AssertInstant(expected["appointmentAt"], d.AppointmentAt);
            AssertInstant(expected["originalAppointmentAt"], d.OriginalAppointmentAt);
            AssertInstant(expected["completedAt"], d.CompletedAt);
            Assert.Equal(expected["events"]!.GetValue<int>(), events.Count);
            Assert.Equal(expected["pauses"]!.GetValue<int>(), await db.DossierPauses.CountAsync(p => p.DossierId == d.Id));
            var last = expected["lastEvent"]!;
            Assert.Equal(last["id"]!.GetValue<long>(), events[^1].Id);
            Assert.Equal(last["type"]!.GetValue<string>(), events[^1].Type.ToString());
            Assert.Equal(last["toStatus"]!.GetValue<string>(), events[^1].ToStatus.ToString());
            Assert.Equal(last["note"]?.GetValue<string>(), events[^1].Note);
            AssertInstant(last["at"], events[^1].At);
        }
        Assert.Contains(Manifest.Ef6Dossiers, d => Regex.IsMatch(d["applicantName"]!.GetValue<string>(), "[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]"));
    }

    [Fact]
    public async Task The_app_on_the_upgraded_file_shows_a_dossier_to_the_director_and_keeps_department_scope()
    {
        using var folder = new TempFolder();
        CopyFixture(folder);
        var snv = Manifest.Chosen["snvOpen"];
        var intake = Manifest.Chosen["intake"];
        var other = Manifest.Chosen["otherResolved"];
        var names = Manifest.Ef6Dossiers.ToDictionary(d => d["code"]!.GetValue<string>(), d => d["applicantName"]!.GetValue<string>());

        // The real app, demo data on as in appsettings.json: it migrates the file at start and must not seed it again.
        await using var app = new OneStopApp(demo: true, now: AfterFixture, folder: folder);
        await using (var db = app.CreateDb())
        {
            Assert.Equal(Manifest.Tables["Dossiers"], await db.Dossiers.CountAsync());
            Assert.Equal(Manifest.Tables["Staff"], await db.Staff.CountAsync());
            Assert.Equal(Manifest.Tables["Departments"], await db.Departments.CountAsync());
        }

        // The director (password from the EF 6 seed's hash) opens any dossier; the printable shows the stored applicant.
        using var director = await SignedInClient.SignInAsync(app.BaseAddress, "director");
        foreach (var code in new[] { snv, intake, other })
        {
            var page = await director.GetAsync($"/dossiers/{code}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(code, await page.Content.ReadAsStringAsync());
            var receipt = await director.GetStringAsync($"/dossiers/{code}/receipt");
            Assert.Contains($"data-testid=\"receipt-code\">{code}<", receipt);
            Assert.Contains(names[code], WebUtility.HtmlDecode(receipt));
        }
        // What the dossier page loads once interactive: the detail query (EF 10's compiled reads) on the EF 6 rows.
        using (var scope = app.Services.CreateScope())
        {
            await using var db = app.CreateDb();
            var directorId = await db.Staff.Where(s => s.UserName == "director").Select(s => s.Id).SingleAsync();
            var query = scope.ServiceProvider.GetRequiredService<OneStop.Domain.Dossiers.Queries.DossierDetailQuery>();
            foreach (var expected in Manifest.Ef6Dossiers)
            {
                var code = expected["code"]!.GetValue<string>();
                var detail = await query.RunAsync(code, directorId);
                Assert.NotNull(detail);
                Assert.Equal(code, detail!.Code);
                Assert.Equal(expected["status"]!.GetValue<string>(), detail.Status.ToString());
            }
        }

        // leader1 (Sở Nội vụ) sees their department's dossiers and is sent to /denied for another department's.
        using var leader = await SignedInClient.SignInAsync(app.BaseAddress, "leader1");
        foreach (var code in new[] { snv, intake })
        {
            var own = await leader.GetAsync($"/dossiers/{code}");
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Contains(names[code], WebUtility.HtmlDecode(await leader.GetStringAsync($"/dossiers/{code}/receipt")));
        }
        foreach (var path in new[] { $"/dossiers/{other}", $"/dossiers/{other}/receipt" })
        {
            var denied = await leader.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Equal("/denied", SignedInClient.RedirectPath(denied, app.BaseAddress));
            Assert.DoesNotContain(names[other], await denied.Content.ReadAsStringAsync());
        }
        // A wrong password is still refused against the EF 6-made hash.
        using var stranger = SignedInClient.New(app.BaseAddress);
        Assert.NotEqual(HttpStatusCode.Redirect, (await SignedInClient.PostSignInAsync(stranger, "director", "not-demo")).StatusCode);
    }

    [Fact]
    public async Task New_writes_through_this_build_fit_the_EF6_rows_and_leave_the_file_sound()
    {
        using var folder = new TempFolder();
        var file = CopyFixture(folder);
        var clock = new FixedTimeProvider(AfterFixture);
        await using var services = Services(file, clock);
        using (var scope = services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var contexts = services.GetRequiredService<IDbContextFactory<OneStopDbContext>>();
        var workflow = services.GetRequiredService<DossierWorkflow>();
        Staff postal1, officer1, leader1;
        int procedureId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            postal1 = await db.Staff.SingleAsync(s => s.UserName == "postal1");
            officer1 = await db.Staff.SingleAsync(s => s.UserName == "officer1");
            leader1 = await db.Staff.SingleAsync(s => s.UserName == "leader1");
            procedureId = await db.Dossiers.Where(d => d.Code == Manifest.Chosen["intake"]).Select(d => d.ProcedureId).SingleAsync();
        }

        // An EF 6-made dossier moves on: leader1 assigns it (its Version, the concurrency token, goes up by one).
        var intakeCode = Manifest.Chosen["intake"];
        var ef6Version = Manifest.Ef6Dossiers.Single(d => d["code"]!.GetValue<string>() == intakeCode)["version"]!.GetValue<int>();
        var assigned = await workflow.AssignAsync(intakeCode, ef6Version, leader1.Id, officer1.Id);
        Assert.Equal(ef6Version + 1, assigned.Version);
        Assert.Equal(officer1.Id, assigned.CurrentHandlerId);

        // A new intake: its code follows the EF 6 dossier of the same day, its instants are stored as EF 6 stored them.
        var prefix = intakeCode[..intakeCode.LastIndexOf('-')] + "-";
        var received = await workflow.ReceiveAsync(new IntakeRequest
        {
            ProcedureId = procedureId, Channel = Channel.Counter, ResultDelivery = ResultDelivery.Counter,
            ApplicantName = "Võ Thị Thu Hằng", ApplicantPhone = "0914555666", ApplicantIdNumber = "045301112233",
            ApplicantAddress = "8 Trần Hưng Đạo, Đông Hà",
        }, postal1.Id);
        Assert.StartsWith(prefix, received.Code);
        Assert.Equal(prefix + "0002", received.Code);

        // The province's system replays an event the EF 6 build already took: still a duplicate (same key, same instant).
        var ingestion = services.GetRequiredService<DossierIngestion>();
        string replayType, replayActor;
        DateTime replayAt;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var key = await db.ExternalEventKeys.AsNoTracking().Include(k => k.Event).OrderBy(k => k.Id).LastAsync();
            replayType = key.Type;
            replayAt = key.At;
            replayActor = await db.Staff.Where(s => s.Id == key.Event!.ActorId).Select(s => s.UserName).SingleAsync();
            Assert.Equal(DateTimeKind.Utc, replayAt.Kind);
        }
        var replay = await ingestion.AddEventAsync(Manifest.Chosen["ingested"], new DossierEventMessage(replayType, WireNames.Format(replayAt), replayActor));
        Assert.Equal(IngestOutcome.Duplicate, replay.Outcome);

        await using var c = Open(file);
        var counts = await CountsAsync(c);
        Assert.Equal(Manifest.Tables["Dossiers"] + 1, counts["Dossiers"]);
        Assert.Equal(Manifest.Tables["DossierEvents"] + 2, counts["DossierEvents"]);
        Assert.Equal(Manifest.Tables["ExternalEventKeys"], counts["ExternalEventKeys"]);
        // The new row's instants are text in the EF 6 format, so ranges and orderings over old and new rows still agree.
        foreach (var column in new[] { "ReceivedAt", "AppointmentAt", "StepEnteredAt" })
        {
            var stored = await ScalarAsync(c, $"SELECT {column} FROM Dossiers WHERE Code = '{received.Code}';");
            Assert.Matches(StoredInstant, stored);
        }
        Assert.Matches(StoredInstant, await ScalarAsync(c, $"SELECT MAX(At) FROM DossierEvents;"));
        Assert.Equal(received.Code, await ScalarAsync(c, "SELECT Code FROM Dossiers ORDER BY ReceivedAt DESC, Id DESC LIMIT 1;"));
        Assert.Equal("0", await ScalarAsync(c, "SELECT COUNT(*) FROM Dossiers WHERE typeof(ReceivedAt) <> 'text' OR typeof(AppointmentAt) <> 'text';"));
        Assert.Equal(new[] { "ok" }, await ScalarsAsync(c, "PRAGMA integrity_check;"));
        Assert.Empty(await ScalarsAsync(c, "PRAGMA foreign_key_check;"));
    }

    [Fact]
    public async Task Initializing_a_second_time_changes_nothing()
    {
        using var folder = new TempFolder();
        var file = CopyFixture(folder);
        await InitializeAsync(file);
        SortedDictionary<string, long> counts;
        List<(string, string)> history;
        List<JsonNode> schema;
        await using (var c = Open(file))
            (counts, history, schema) = (await CountsAsync(c), await HistoryAsync(c), await SchemaAsync(c));

        var logs = new LogCollector();
        await InitializeAsync(file, logs);
        await using (var c = Open(file))
        {
            AssertSameCounts(counts, await CountsAsync(c));
            Assert.Equal(history, await HistoryAsync(c));
            Assert.Equal(schema.Select(s => s.ToJsonString()), (await SchemaAsync(c)).Select(s => s.ToJsonString()));
        }
        // Nothing pending, so the initializer does not even call MigrateAsync (no lock taken: MigrationLock).
        Assert.DoesNotContain(logs.Entries, e => e.EventId == RelationalEventId.MigrationApplying.Id);
        Assert.DoesNotContain(logs.Entries, e => e.Message.StartsWith("Applying "));
    }
}
