using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Web.Live;

namespace OneStop.Benchmarks;

/// <summary>
/// `crossnode`: two web nodes of the real app in this process on one new PostgreSQL database (demo data, jobs on, the
/// simulator still). N dossiers are received one after another through node A's workflow, at random gaps so the commits
/// fall anywhere in node B's polling period; for each, the time from A's commit (the workflow's return) to node B's
/// DossierChangeHub publishing it, which B learns only from the database. Prints p50, p95 and the largest.
/// </summary>
public static class CrossNodeCommand
{
    /// <summary>Both ways, one after the other, each on a database of its own: the tailer's poll alone, then with LISTEN/NOTIFY.</summary>
    public static async Task<string> RunBothAsync(string server, int changes, TextWriter log) =>
        await RunAsync(server, changes, listen: false, log) + Environment.NewLine + await RunAsync(server, changes, listen: true, log);

    public static async Task<string> RunAsync(string server, int changes, bool listen, TextWriter log)
    {
        var database = $"onestop_crossnode_{Environment.ProcessId}_{(listen ? "listen" : "poll")}";
        BenchmarkStore.Execute(server, $"CREATE DATABASE \"{database}\"");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        try
        {
            await using var a = Node(connection, listen);
            await using var b = Node(connection, listen);
            log.WriteLine($"Two nodes on {database} ({(listen ? "LISTEN/NOTIFY and the poll" : "the poll alone")}): A {Address(a)}, B {Address(b)}");

            var seenOnB = new ConcurrentDictionary<string, long>();
            var hubB = b.Services.GetRequiredService<DossierChangeHub>();
            using var watch = hubB.Subscribe(c => { seenOnB.TryAdd(c.Code, Stopwatch.GetTimestamp()); return false; }, _ => Task.CompletedTask);

            var workflow = a.Services.GetRequiredService<DossierWorkflow>();
            int postal1, procedureId;
            await using (var db = await a.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync())
            {
                postal1 = (await db.Staff.SingleAsync(s => s.UserName == "postal1")).Id;
                procedureId = (await db.Procedures.Where(p => p.Department!.Code == "SNV").ToListAsync()).First(p => p.Allows(Channel.Counter)).Id;
            }
            var random = new Random(16);
            var latencies = new List<double>();
            for (var i = 0; i < changes + 10; i++) // the first ten warm up (JIT, EF's caches, the pools)
            {
                await Task.Delay(random.Next(0, 300));
                var dossier = await workflow.ReceiveAsync(new IntakeRequest
                {
                    ProcedureId = procedureId, Channel = Channel.Counter, ResultDelivery = ResultDelivery.Counter,
                    ApplicantName = "Trần Thị Mai", ApplicantPhone = "0905123456", ApplicantIdNumber = "045190009876",
                    ApplicantAddress = "5 Hùng Vương, Đông Hà, Quảng Trị",
                }, postal1);
                var committed = Stopwatch.GetTimestamp();
                var deadline = Stopwatch.StartNew();
                long seen;
                while (!seenOnB.TryGetValue(dossier.Code, out seen))
                {
                    if (deadline.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException($"Node B never published {dossier.Code}.");
                    await Task.Delay(1);
                }
                if (i >= 10) latencies.Add(Stopwatch.GetElapsedTime(committed, seen).TotalMilliseconds);
            }
            latencies.Sort();
            double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
            return $"crossnode {(listen ? "listen-notify" : "poll-250ms")} changes={latencies.Count} p50_ms={P(0.5):n1} p95_ms={P(0.95):n1} max_ms={latencies[^1]:n1} " +
                   $"(load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})";
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            BenchmarkStore.Execute(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static WebApplicationFactory<global::Program> Node(string connection, bool listen)
    {
        var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Urls", "http://127.0.0.1:0");
            b.UseSetting("OneStop:Database:Provider", "PostgreSql");
            b.UseSetting("ConnectionStrings:OneStop", connection);
            b.UseSetting("OneStop:Demo:Enabled", "true");
            b.UseSetting("OneStop:Demo:Speed", "0");
            b.UseSetting(DossierEventTailer.ListenKey, listen ? "true" : "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    private static string Address(WebApplicationFactory<global::Program> node) =>
        node.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
}
