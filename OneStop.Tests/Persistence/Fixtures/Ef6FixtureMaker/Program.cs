// Makes OneStop.Tests/Persistence/Fixtures/onestop-ef6.db and its manifest with the EF Core 6 build (commit 18ad24f).
// Run through ../make-ef6-fixture.sh, which builds this inside a checkout of that commit. Steps:
//   1. the EF 6 DatabaseInitializer: the 8 migrations, WAL, the demo center (fixed clock and seed);
//   2. the EF 6 code paths that fill the tables the seed leaves empty: the four jobs through JobRunRecorder (sweep,
//      hand-over reminders, digest, monthly snapshot), notification delivery, an API key, a calendar override, office
//      hours and a threshold, an absence, a counter intake and a hand-over, and a dossier with events from the ingestion API;
//   3. the pruning script (prune-ef6-fixture.sql), journal_mode=DELETE, VACUUM;
//   4. the manifest, read back from the pruned file: row counts per table, the migration history, the schema, stored
//      rows (the first and last row of every table by primary key, and chosen dossiers, events and settings), and the
//      values EF 6 materializes for the chosen dossiers.
// Usage: Ef6FixtureMaker <output.db> <prune.sql> <manifest.json> <appsettings.json>
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneStop.Domain;
using OneStop.Domain.Catalog;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Ingestion;
using OneStop.Domain.Notifications;
using OneStop.Domain.Persistence;
using OneStop.Domain.Reports;
using OneStop.Domain.Settings;
using OneStop.Domain.Staffing;
using OneStop.Jobs;

if (args.Length != 4)
{
    Console.Error.WriteLine("Usage: Ef6FixtureMaker <output.db> <prune.sql> <manifest.json> <appsettings.json>");
    return 2;
}
var (output, pruneSql, manifestPath, appsettings) = (Path.GetFullPath(args[0]), args[1], args[2], args[3]);
foreach (var f in new[] { output, output + "-wal", output + "-shm", output + "-journal" }) File.Delete(f);

// The same instant as OneStopApp.DefaultNow in the tests: Wednesday 18/11/2026 09:00 in Vietnam.
var start = new DateTime(2026, 11, 18, 2, 0, 0, DateTimeKind.Utc);
var clock = new SettableClock(start);
const int DemoSeed = 20261121;
var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.GetFullPath(appsettings), optional: false)
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["OneStop:Demo:Enabled"] = "true",
        ["OneStop:Demo:Seed"] = DemoSeed.ToString(CultureInfo.InvariantCulture),
        // No SMTP server or webhook here: those channels are not configured, so delivery leaves them as the app does.
        ["OneStop:Notifications:Smtp:Host"] = "",
        ["OneStop:Notifications:WebhookUrl"] = "",
    })
    .Build();

var services = new ServiceCollection();
services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("OneStop", LogLevel.Information));
services.AddOneStopDomain(configuration, $"Data Source={output}");
services.AddSingleton<TimeProvider>(clock);
await using (var sp = services.BuildServiceProvider())
{
    // 1. Schema and demo data, exactly as the EF 6 app's first start.
    using (var scope = sp.CreateScope())
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

    var contexts = sp.GetRequiredService<IDbContextFactory<OneStopDbContext>>();
    var recorder = sp.GetRequiredService<JobRunRecorder>();
    var workflow = sp.GetRequiredService<DossierWorkflow>();
    Staff admin, postal1, supervisor, director;
    await using (var db = await contexts.CreateDbContextAsync())
    {
        admin = await db.Staff.SingleAsync(s => s.UserName == "admin");
        postal1 = await db.Staff.SingleAsync(s => s.UserName == "postal1");
        supervisor = await db.Staff.SingleAsync(s => s.UserName == "supervisor");
        director = await db.Staff.SingleAsync(s => s.UserName == "director");
    }

    // 2a. The jobs as the scheduler runs them (catch-up at start), each recorded in JobRuns.
    await recorder.RunAsync(DeadlineSweepJob.JobName, "catch-up", ct => sp.GetRequiredService<DeadlineSweep>().RunAsync(fullScan: true, ct));
    await recorder.RunAsync(HandOverRemindersJob.JobName, "catch-up", ct => sp.GetRequiredService<HandOverReminders>().RunAsync(ct));
    await recorder.RunAsync(DailyDigestJob.JobName, "manual", ct => sp.GetRequiredService<DailyDigest>().RunAsync(ct));
    await recorder.RunAsync(MonthlySnapshotJob.JobName, "manual", ct => sp.GetRequiredService<MonthlyReportStore>().FreezePreviousMonthAsync("manual", ct));

    // 2b. The administrator's settings: an API key, a worked Saturday, office hours and a threshold.
    clock.Advance(TimeSpan.FromMinutes(5));
    var adminActor = new SettingsActor(admin.Id, admin.FullName);
    await sp.GetRequiredService<ApiKeyStore>().CreateAsync("Hệ thống một cửa điện tử tỉnh", ApiScopes.Read | ApiScopes.Write, admin.Id, admin.FullName);
    var calendar = sp.GetRequiredService<CalendarSettings>();
    Require(await calendar.AddOverrideAsync(new OverrideInput(new DateOnly(2026, 12, 26), true, "Làm bù ngày thứ Bảy"), adminActor), "calendar override");
    Require(await calendar.SaveOfficeHoursAsync("07:30-11:30, 13:30-17:00, 17:30-18:00", adminActor), "office hours");
    var thresholds = EditableSettings.ThresholdNames.ToDictionary(n => n, n => EditableSettings.Threshold(sp.GetRequiredService<EditableSettings>().Deadlines, n));
    thresholds[nameof(DeadlineOptions.DirectorAfterOverdueWorkingDays)] = 3;
    Require(await calendar.SaveThresholdsAsync(thresholds, adminActor), "thresholds");

    // 2c. The supervisor records an absence of postal1 tomorrow.
    await sp.GetRequiredService<StaffingService>().SetAbsenceAsync(postal1.Id, new DateOnly(2026, 11, 19), AbsenceKind.Leave, "Nghỉ phép năm (việc gia đình)", supervisor.Id);

    // 2d. A counter intake by postal1 for Sở Nội vụ, then handed over to the department: the workflow's own writes.
    clock.Advance(TimeSpan.FromMinutes(5));
    Procedure procedure;
    await using (var db = await contexts.CreateDbContextAsync())
        procedure = await db.Procedures.Include(p => p.Steps)
            .Where(p => p.Department!.Code == "SNV" && p.Steps.Count >= 3).OrderBy(p => p.Id).FirstAsync();
    var intake = await workflow.ReceiveAsync(new IntakeRequest
    {
        ProcedureId = procedure.Id,
        Channel = procedure.Allows(Channel.Counter) ? Channel.Counter : Channel.Online,
        ResultDelivery = ResultDelivery.Post,
        ApplicantName = "Trần Thị Hồng Nhung",
        ApplicantPhone = "0905123456",
        ApplicantIdNumber = "045190004321",
        ApplicantAddress = "25 Hùng Vương, phường Đông Hà, Quảng Trị",
        ResultPostalAddress = "25 Hùng Vương, phường Đông Hà, Quảng Trị",
        PapersReceived = "Tờ khai (bản chính); Căn cước công dân (bản sao)",
    }, postal1.Id);
    clock.Advance(TimeSpan.FromMinutes(10));
    intake = await workflow.HandOverAsync(intake.Code, intake.Version, postal1.Id, null, "Đã kiểm tra đủ giấy tờ");

    // 2e. A dossier from the province's one-stop system (ingestion API), with two events: ExternalEventKeys.
    clock.Advance(TimeSpan.FromMinutes(5));
    var ingestion = sp.GetRequiredService<DossierIngestion>();
    var route = await RouteAsync(contexts);
    var received = start.AddDays(-1); // Tuesday 09:00 in Vietnam
    await ingestion.PutAsync(IngestedCode, new DossierUpsert(route.Procedure, "online", WireNames.Format(received),
        new ApplicantData("Lê Văn Đức", "0912345678", "045090001234", "12 Lê Duẩn, Đông Hà"), "counter"));
    await ingestion.AddEventAsync(IngestedCode, new DossierEventMessage("handover", WireNames.Format(received.AddHours(1)), route.Postal));
    await ingestion.AddEventAsync(IngestedCode, new DossierEventMessage("handover", WireNames.Format(received.AddHours(2)), route.Officer, route.Leader));

    // 2f. The next minute's jobs and a delivery round, then someone reads a message.
    clock.Advance(TimeSpan.FromMinutes(1));
    await recorder.RunAsync(DeadlineSweepJob.JobName, "schedule", ct => sp.GetRequiredService<DeadlineSweep>().RunAsync(ct));
    await recorder.RunAsync(HandOverRemindersJob.JobName, "schedule", ct => sp.GetRequiredService<HandOverReminders>().RunAsync(ct));
    var round = await sp.GetRequiredService<NotificationDelivery>().DeliverDueAsync(clock.GetUtcNow().UtcDateTime);
    Console.WriteLine($"Delivery: {round.Sent} sent, {round.Retrying} retrying, {round.Failed} failed");
    await using (var db = await contexts.CreateDbContextAsync())
    {
        var read = await db.Notifications.Where(n => n.RecipientId == director.Id && n.Channel == NotificationChannel.InApp && n.ReadAt == null)
            .OrderBy(n => n.Id).FirstOrDefaultAsync();
        if (read is not null) { read.ReadAt = clock.GetUtcNow().UtcDateTime; await db.SaveChangesAsync(); }
    }
    Console.WriteLine($"Intake {intake.Code}, ingested {IngestedCode}");
}
SqliteConnection.ClearAllPools();

// 3. Prune to a small file, in the rollback journal mode (one file, no -wal / -shm beside it), compacted.
await using (var c = Open(output))
{
    Console.WriteLine("Before pruning: " + string.Join(", ", (await CountsAsync(c)).Select(kv => $"{kv.Key} {kv.Value}")));
    await ExecAsync(c, await File.ReadAllTextAsync(pruneSql));
    var problems = await ScalarsAsync(c, "PRAGMA foreign_key_check;");
    if (problems.Count > 0) throw new InvalidOperationException("Pruning left foreign keys dangling.");
    await ExecAsync(c, "PRAGMA journal_mode=DELETE;");
    await ExecAsync(c, "VACUUM;");
    var check = await ScalarsAsync(c, "PRAGMA integrity_check;");
    if (check is not ["ok"]) throw new InvalidOperationException("integrity_check: " + string.Join("; ", check));
}
SqliteConnection.ClearAllPools();

// 4. The manifest, from the pruned file.
var manifest = new JsonObject
{
    ["madeBy"] = new JsonObject
    {
        ["commit"] = Environment.GetEnvironmentVariable("EF6_COMMIT") ?? "unknown",
        ["efCore"] = typeof(DbContext).Assembly.GetName().Version!.ToString(3),
        ["efCoreInformational"] = typeof(DbContext).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion,
        ["clockStartUtc"] = start.ToString("O", CultureInfo.InvariantCulture),
        ["demoSeed"] = DemoSeed,
        ["prune"] = Path.GetFileName(pruneSql),
    },
};
await using (var c = Open(output))
{
    var counts = await CountsAsync(c);
    manifest["tables"] = new JsonObject(counts.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
    var history = new JsonArray();
    await using (var cmd = c.CreateCommand())
    {
        cmd.CommandText = "SELECT MigrationId, ProductVersion FROM __EFMigrationsHistory ORDER BY MigrationId;";
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) history.Add(new JsonObject { ["migrationId"] = r.GetString(0), ["productVersion"] = r.GetString(1) });
    }
    manifest["migrations"] = history;
    var schema = new JsonArray();
    await using (var cmd = c.CreateCommand())
    {
        cmd.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name;";
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            schema.Add(new JsonObject { ["type"] = r.GetString(0), ["name"] = r.GetString(1), ["table"] = r.GetString(2), ["sql"] = r.IsDBNull(3) ? null : r.GetString(3) });
    }
    manifest["schema"] = schema;

    // Stored rows: every table's first and last row by primary key, as SQLite holds them.
    var stored = new JsonArray();
    void Store(string table, string why, JsonObject key, JsonObject row)
    {
        if (stored.Any(s => s!["table"]!.GetValue<string>() == table && JsonNode.DeepEquals(s["key"], key))) return;
        stored.Add(new JsonObject { ["table"] = table, ["why"] = why, ["key"] = key, ["values"] = row });
    }
    foreach (var table in counts.Keys.Where(t => t != "__EFMigrationsHistory"))
    {
        var pk = await PrimaryKeyAsync(c, table);
        foreach (var direction in new[] { "ASC", "DESC" })
        {
            var row = await RowAsync(c, $"SELECT * FROM \"{table}\" ORDER BY {string.Join(", ", pk.Select(k => $"\"{k}\" {direction}"))} LIMIT 1;");
            if (row is null) continue;
            Store(table, direction == "ASC" ? "first" : "last", new JsonObject(pk.Select(k => KeyValuePair.Create(k, row[k]?.DeepClone()))), row);
        }
    }

    // Chosen dossiers: the intake and the ingested one, an open one of Sở Nội vụ (leader1's), a resolved one (late if any) of a
    // department nobody of Sở Nội vụ handles (postal1 does not cover it), and one that was paused for the applicant's papers.
    var chosen = new List<(string Role, string Code)>();
    async Task Choose(string role, string sql)
    {
        var code = (await ScalarsAsync(c, sql)).FirstOrDefault();
        if (code is not null) chosen.Add((role, code));
        else Console.Error.WriteLine($"No dossier for the role {role}.");
    }
    await Choose("intake", "SELECT Code FROM Dossiers WHERE ApplicantName = 'Trần Thị Hồng Nhung' ORDER BY Id DESC LIMIT 1;");
    await Choose("ingested", $"SELECT Code FROM Dossiers WHERE Code = '{IngestedCode}';");
    await Choose("snvOpen", """
        SELECT d.Code FROM Dossiers d JOIN Departments p ON p.Id = d.DepartmentId
        WHERE p.Code = 'SNV' AND d.Status IN ('Received','InProgress','ResultReady') AND d.ReceivedAt <= '2026-11-18 02:00:00' AND d.Code NOT LIKE 'EF6-%' 
        ORDER BY d.Id LIMIT 1;
        """);
    await Choose("otherResolved", """
        SELECT d.Code FROM Dossiers d
        WHERE d.CompletedAt IS NOT NULL
          AND d.DepartmentId NOT IN (SELECT c.DepartmentId FROM StaffCoverage c JOIN Staff s ON s.Id = c.StaffId WHERE s.UserName = 'postal1')
          AND d.DepartmentId NOT IN (SELECT DepartmentId FROM Staff WHERE UserName IN ('officer1','leader1') AND DepartmentId IS NOT NULL)
        ORDER BY d.Outcome = 'Late' DESC, d.Id LIMIT 1;
        """);
    await Choose("paused", "SELECT d.Code FROM Dossiers d WHERE EXISTS (SELECT 1 FROM DossierPauses p WHERE p.DossierId = d.Id) ORDER BY d.Id LIMIT 1;");
    foreach (var (role, code) in chosen)
    {
        var row = (await RowAsync(c, $"SELECT * FROM Dossiers WHERE Code = '{code}';"))!;
        Store("Dossiers", role, new JsonObject { ["Id"] = row["Id"]!.DeepClone() }, row);
        foreach (var sql in new[] { "ORDER BY Id ASC LIMIT 1", "ORDER BY Id DESC LIMIT 1" })
        {
            var ev = await RowAsync(c, $"SELECT * FROM DossierEvents WHERE DossierId = {row["Id"]} {sql};");
            if (ev is not null) Store("DossierEvents", role + " event", new JsonObject { ["Id"] = ev["Id"]!.DeepClone() }, ev);
        }
    }
    foreach (var user in new[] { "director", "leader1", "postal1" })
    {
        var row = (await RowAsync(c, $"SELECT * FROM Staff WHERE UserName = '{user}';"))!;
        Store("Staff", user, new JsonObject { ["Id"] = row["Id"]!.DeepClone() }, row);
    }
    foreach (var key in await ScalarsAsync(c, "SELECT Key FROM Settings ORDER BY Key;"))
    {
        var row = (await RowAsync(c, $"SELECT * FROM Settings WHERE Key = '{key}';"))!;
        Store("Settings", "setting", new JsonObject { ["Key"] = key }, row);
    }
    manifest["storedRows"] = stored;
    manifest["chosenDossiers"] = new JsonObject(chosen.Select(x => KeyValuePair.Create(x.Role, (JsonNode?)x.Code)));

    // What EF 6 materializes for the chosen dossiers: the instants with their Kind, the enums, the applicant.
    var options = new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite($"Data Source={output};Mode=ReadOnly").Options;
    await using var ef = new OneStopDbContext(options);
    var materialized = new JsonArray();
    foreach (var (role, code) in chosen)
    {
        var d = await ef.Dossiers.AsNoTracking().Include(x => x.Department).SingleAsync(x => x.Code == code);
        var events = await ef.DossierEvents.AsNoTracking().Where(e => e.DossierId == d.Id).OrderBy(e => e.Id).ToListAsync();
        var pauses = await ef.DossierPauses.AsNoTracking().CountAsync(p => p.DossierId == d.Id);
        materialized.Add(new JsonObject
        {
            ["role"] = role,
            ["code"] = d.Code,
            ["status"] = d.Status.ToString(),
            ["applicantName"] = d.ApplicantName,
            ["department"] = d.Department!.Code,
            ["channel"] = d.Channel.ToString(),
            ["currentStep"] = d.CurrentStep,
            ["version"] = d.Version,
            ["outcome"] = d.Outcome?.ToString(),
            ["deadlineClass"] = d.DeadlineClass.ToString(),
            ["receivedAt"] = Instant(d.ReceivedAt),
            ["appointmentAt"] = Instant(d.AppointmentAt),
            ["originalAppointmentAt"] = Instant(d.OriginalAppointmentAt),
            ["completedAt"] = d.CompletedAt is { } done ? Instant(done) : null,
            ["events"] = events.Count,
            ["pauses"] = pauses,
            ["lastEvent"] = events.Count == 0 ? null : new JsonObject
            {
                ["id"] = events[^1].Id,
                ["type"] = events[^1].Type.ToString(),
                ["at"] = Instant(events[^1].At),
                ["toStatus"] = events[^1].ToStatus.ToString(),
                ["note"] = events[^1].Note,
            },
        });
    }
    manifest["ef6Dossiers"] = materialized;
}
SqliteConnection.ClearAllPools();
var json = manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) });
await File.WriteAllTextAsync(manifestPath, json + "\n", new UTF8Encoding(false));
Console.WriteLine($"Wrote {output} ({new FileInfo(output).Length:n0} bytes) and {manifestPath}");
foreach (var (t, n) in manifest["tables"]!.AsObject()) Console.WriteLine($"  {t,-24} {n}");
return 0;

static void Require(SettingsResult result, string what)
{
    if (!result.Succeeded) throw new InvalidOperationException($"{what} was refused.");
}

static async Task<(string Procedure, string Postal, string Officer, string Leader)> RouteAsync(IDbContextFactory<OneStopDbContext> contexts)
{
    await using var db = await contexts.CreateDbContextAsync();
    var staff = await db.Staff.AsNoTracking().Include(s => s.Coverage).Where(s => s.Active).ToListAsync();
    var procedures = await db.Procedures.AsNoTracking().Include(p => p.Steps).OrderBy(p => p.Id).ToListAsync();
    foreach (var p in procedures.Where(p => p.Allows(Channel.Online)))
    {
        var kinds = p.Steps.OrderBy(s => s.Order).Select(s => s.Kind).ToList();
        if (!kinds.SequenceEqual([StepKind.Reception, StepKind.Processing, StepKind.Approval, StepKind.Return])) continue;
        var postal = staff.FirstOrDefault(s => s.Role == StaffRole.PostalStaff && s.Coverage.Any(c => c.DepartmentId == p.DepartmentId));
        var officer = staff.FirstOrDefault(s => s.Role == StaffRole.DepartmentOfficer && s.DepartmentId == p.DepartmentId);
        var leader = staff.FirstOrDefault(s => s.Role == StaffRole.DepartmentLeader && s.DepartmentId == p.DepartmentId);
        if (postal is not null && officer is not null && leader is not null) return (p.Code, postal.UserName, officer.UserName, leader.UserName);
    }
    throw new InvalidOperationException("No reception → processing → approval → return procedure with its staff.");
}

static string Instant(DateTime value) => value.ToString("O", CultureInfo.InvariantCulture);

static SqliteConnection Open(string file)
{
    var c = new SqliteConnection($"Data Source={file};Pooling=False");
    c.Open();
    return c;
}

static async Task ExecAsync(SqliteConnection c, string sql)
{
    await using var cmd = c.CreateCommand();
    cmd.CommandText = sql;
    await cmd.ExecuteNonQueryAsync();
}

static async Task<List<string>> ScalarsAsync(SqliteConnection c, string sql)
{
    await using var cmd = c.CreateCommand();
    cmd.CommandText = sql;
    await using var r = await cmd.ExecuteReaderAsync();
    var list = new List<string>();
    while (await r.ReadAsync()) list.Add(Convert.ToString(r.GetValue(0), CultureInfo.InvariantCulture)!);
    return list;
}

static async Task<SortedDictionary<string, long>> CountsAsync(SqliteConnection c)
{
    var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
    foreach (var table in await ScalarsAsync(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;"))
        counts[table] = long.Parse((await ScalarsAsync(c, $"SELECT COUNT(*) FROM \"{table}\";"))[0], CultureInfo.InvariantCulture);
    return counts;
}

static async Task<List<string>> PrimaryKeyAsync(SqliteConnection c, string table)
{
    await using var cmd = c.CreateCommand();
    cmd.CommandText = $"SELECT name FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk;";
    await using var r = await cmd.ExecuteReaderAsync();
    var list = new List<string>();
    while (await r.ReadAsync()) list.Add(r.GetString(0));
    return list.Count > 0 ? list : ["rowid"];
}

// One row as SQLite stores it: integers and reals as numbers, text as text (a long text as its length and SHA-256), blobs as base64.
// Ef6UpgradeTests.StoredRowAsync reads rows the same way.
static async Task<JsonObject?> RowAsync(SqliteConnection c, string sql)
{
    await using var cmd = c.CreateCommand();
    cmd.CommandText = sql;
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

internal partial class Program
{
    private const string IngestedCode = "EF6-FIXTURE-0001";
}

/// <summary>A clock the maker moves forward by hand, so every run writes the same instants.</summary>
internal sealed class SettableClock(DateTime utc) : TimeProvider
{
    private DateTime _utc = utc;
    public void Advance(TimeSpan by) => _utc += by;
    public override DateTimeOffset GetUtcNow() => new(_utc, TimeSpan.Zero);
}
