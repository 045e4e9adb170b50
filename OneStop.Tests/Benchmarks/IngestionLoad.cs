using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Catalog;
using OneStop.Domain.Ingestion;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Benchmarks;

/// <summary>What a load run did and how long it took (wall clock of the whole run).</summary>
/// <remarks>
/// CpuTime is this process's processor time over the run: on a shared machine (other builds running) the wall clock
/// says more about the neighbours than about us, and dossiers per CPU second says what one free core would do.
/// </remarks>
public sealed record LoadFigures(int Dossiers, int Events, TimeSpan Elapsed, TimeSpan CpuTime)
{
    public double DossiersPerSecond => Dossiers / Elapsed.TotalSeconds;
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
    public override string ToString() =>
        $"{Dossiers:n0} dossiers, {Events:n0} events in {Elapsed.TotalSeconds:n1} s: {DossiersPerSecond:n0} dossiers/s, {EventsPerSecond:n0} events/s " +
        $"(CPU {CpuTime.TotalSeconds:n1} s: {Dossiers / CpuTime.TotalSeconds:n0} dossiers per CPU second; load average {LoadAverage()})";

    public static TimeSpan ProcessCpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}

/// <summary>
/// Timed runs of the ingestion paths, outside BenchmarkDotNet (each run writes, so iterations would not be alike):
/// <see cref="IngestAsync"/> drives <see cref="DossierIngestion"/> — the calls the /api/v1 endpoints make, without
/// HTTP — with whole lifecycles; <see cref="ImportAsync"/> imports a generated CSV through <see cref="HistoryImport"/>.
/// Both run on a data file with the demo catalog and history, with the clock stopped at the data's "now".
/// </summary>
public static class IngestionLoad
{
    private sealed record Route(string Procedure, string Postal, string Officer, string Leader);

    private static int _runs;

    /// <summary>
    /// <paramref name="dossiers"/> dossiers, each PUT then four events (handover to the department, handover to the
    /// leader, approved, returned), by <paramref name="workers"/> concurrent callers: sustained dossiers per second with events.
    /// </summary>
    public static Task<LoadFigures> IngestAsync(string file, DateTime nowUtc, int dossiers, int workers, TextWriter? log = null) =>
        IngestAsync(BenchmarkStore.Sqlite(file), nowUtc, dossiers, workers, log);

    /// <inheritdoc cref="IngestAsync(string, DateTime, int, int, TextWriter?)"/>
    public static async Task<LoadFigures> IngestAsync(BenchmarkStore store, DateTime nowUtc, int dossiers, int workers, TextWriter? log = null)
    {
        await using var services = store.Services(nowUtc);
        await UseWalAsync(services);
        var ingestion = services.GetRequiredService<DossierIngestion>();
        var routes = await RoutesAsync(services);
        log?.WriteLine($"Ingesting {dossiers:n0} dossiers with 4 events each, {workers} callers, over {routes.Count} procedures …");
        var next = -1;
        var events = 0;
        // Codes unique to this call: a second run in the same process (the warm-up, then the measure) must send new
        // dossiers, not replays that the API answers as "unchanged" / "duplicate".
        var run = $"{nowUtc:yyMMddHHmmss}-{Environment.ProcessId}-{Interlocked.Increment(ref _runs)}";
        var cpu = LoadFigures.ProcessCpu();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < dossiers; i = Interlocked.Increment(ref next))
            {
                var r = routes[i % routes.Count];
                var code = $"LOAD-{run}-{i:0000000}";
                // A past working morning per dossier, so every event is before "now" and in order.
                var received = nowUtc.AddDays(-20).AddSeconds(i);
                string At(int hours) => WireNames.Format(received.AddHours(hours));
                await ingestion.PutAsync(code, new DossierUpsert(r.Procedure, "online", At(0),
                    new ApplicantData("Nguyễn Văn An", "0905123456", "045190004321", "25 Hùng Vương, Đông Hà"), "counter"));
                await ingestion.AddEventAsync(code, new DossierEventMessage("handover", At(1), r.Postal));
                await ingestion.AddEventAsync(code, new DossierEventMessage("handover", At(2), r.Officer, r.Leader));
                await ingestion.AddEventAsync(code, new DossierEventMessage("approved", At(3), r.Leader));
                await ingestion.AddEventAsync(code, new DossierEventMessage("returned", At(4), r.Postal));
                Interlocked.Add(ref events, 4);
            }
        }))).ConfigureAwait(false);
        return new LoadFigures(dossiers, events, watch.Elapsed, LoadFigures.ProcessCpu() - cpu);
    }

    /// <summary>A CSV of <paramref name="rows"/> rows of history in the demo's mix, imported in one go.</summary>
    public static async Task<(LoadFigures Figures, ImportResult Result)> ImportAsync(string file, DateTime nowUtc, int rows, TextWriter? log = null)
    {
        await using var services = OverviewBenchmarks.Services(BenchmarkData.ConnectionString(file), nowUtc);
        await UseWalAsync(services);
        var csv = await CsvAsync(services, nowUtc, rows);
        log?.WriteLine($"Importing {rows:n0} rows ({csv.Length / 1024.0 / 1024.0:n1} MB of CSV) …");
        var import = services.GetRequiredService<HistoryImport>();
        var cpu = LoadFigures.ProcessCpu();
        var watch = Stopwatch.StartNew();
        var result = await import.ImportAsync(new MemoryStream(csv), null, "benchmark");
        var elapsed = watch.Elapsed;
        cpu = LoadFigures.ProcessCpu() - cpu;
        if (!result.Imported) throw new InvalidOperationException("The generated file was refused: " + string.Join("; ", result.Problems.Take(5)));
        await using var db = await services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var events = await db.DossierEvents.CountAsync(e => e.Note != null && e.Note.Contains("nhập dữ liệu lịch sử"));
        return (new LoadFigures(result.Rows, events, elapsed, cpu), result);
    }

    /// <summary>As the app runs a SQLite database (DatabaseInitializer): write-ahead log, so readers never wait for the writer.</summary>
    private static async Task UseWalAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        if (!db.IsPostgreSql) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    /// <summary>Procedures whose steps are reception → processing → approval → return, with who acts at each.</summary>
    private static async Task<List<Route>> RoutesAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var staff = await db.Staff.AsNoTracking().Include(s => s.Coverage).Where(s => s.Active).ToListAsync();
        var procedures = await db.Procedures.AsNoTracking().Include(p => p.Steps).ToListAsync();
        var routes = new List<Route>();
        foreach (var p in procedures.Where(p => p.Allows(Channel.Online)))
        {
            var kinds = p.Steps.OrderBy(s => s.Order).Select(s => s.Kind).ToList();
            if (!kinds.SequenceEqual([StepKind.Reception, StepKind.Processing, StepKind.Approval, StepKind.Return])) continue;
            var postal = staff.FirstOrDefault(s => s.Role == StaffRole.PostalStaff && s.Coverage.Any(c => c.DepartmentId == p.DepartmentId));
            var officer = staff.FirstOrDefault(s => s.Role == StaffRole.DepartmentOfficer && s.DepartmentId == p.DepartmentId);
            var leader = staff.FirstOrDefault(s => s.Role == StaffRole.DepartmentLeader && s.DepartmentId == p.DepartmentId);
            if (postal is not null && officer is not null && leader is not null)
                routes.Add(new Route(p.Code, postal.UserName, officer.UserName, leader.UserName));
        }
        return routes.Count > 0 ? routes : throw new InvalidOperationException("No procedure with a reception → processing → approval → return route and its staff.");
    }

    /// <summary>Rows over the past year: 85% returned, 5% result ready, 5% in progress, 3% received, 1% refused, 1% withdrawn.</summary>
    private static async Task<byte[]> CsvAsync(IServiceProvider services, DateTime nowUtc, int rows)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var procedures = await db.Procedures.AsNoTracking().Include(p => p.Department).Where(p => p.Steps.Any()).ToListAsync();
        var random = new Random(20261121);
        var text = new StringBuilder(rows * 140);
        text.AppendLine(string.Join(",", HistoryImport.Columns));
        string F(DateTime utc) => WireNames.Format(utc);
        for (var i = 0; i < rows; i++)
        {
            var p = procedures[random.Next(procedures.Count)];
            var channel = new[] { Channel.Online, Channel.Counter, Channel.Post }.First(p.Allows);
            if (p.Allows(Channel.Online) && random.NextDouble() < 0.7) channel = Channel.Online;
            var delivery = p.ResultByPost && random.NextDouble() < 0.2 ? "post" : "counter";
            var received = nowUtc.AddDays(-random.Next(20, 365)).AddMinutes(random.Next(0, 600));
            var completed = received.AddHours(random.Next(4, 24 * 15));
            var returned = completed.AddHours(random.Next(1, 72));
            var u = random.NextDouble();
            var status = u < 0.85 ? "returned" : u < 0.90 ? "result-ready" : u < 0.95 ? "in-progress" : u < 0.98 ? "received" : u < 0.99 ? "refused" : "withdrawn";
            var done = status is "returned" or "result-ready" or "refused" or "withdrawn";
            var appointment = random.Next(2) == 0 ? "" : F(received.AddDays(7));
            text.Append("IMP-").Append(i.ToString("0000000", CultureInfo.InvariantCulture)).Append(',')
                .Append(p.Department!.Code).Append(',').Append(p.Code).Append(',').Append(WireNames.Of(channel)).Append(',')
                .Append(F(received)).Append(',').Append(appointment).Append(',')
                .Append(done ? F(completed) : "").Append(',').Append(status == "returned" ? F(returned) : "").Append(',')
                .Append(delivery).Append(',').Append(status).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
