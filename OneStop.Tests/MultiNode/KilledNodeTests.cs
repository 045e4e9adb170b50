using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OneStop.Domain.Deadlines;
using OneStop.Jobs;
using OneStop.Tests.Deadlines;
using OneStop.Tests.Infrastructure;
using OneStop.Tests.Jobs;

namespace OneStop.Tests.MultiNode;

/// <summary>
/// Two nodes, each with a Hangfire server on one PostgreSQL database. Node A (the real app, OneStop.Web.dll in a process
/// of its own) is killed with SIGKILL in the middle of its start-up sweep; node B, which was up all along, is handed the
/// same job once A's claim has gone silent for the invisibility timeout, and finishes the work: every dossier escalated
/// exactly once, nothing lost, the killed run recorded as interrupted.
/// </summary>
[Trait(TestDatabase.ProvidersTrait, PostgreSqlOnly)] // one SQLite job file takes one server: no second node to hand the job to
public sealed class KilledNodeTests : IDisposable
{
    public const string PostgreSqlOnly = "PostgreSqlOnly";
    private const int Copies = 1500; // 10 × 1,500 = 15,000 dossiers: 60 batches of 250, long enough to kill half-way
    /// <summary>Six seconds: how long a dead node's job (and its locks) stay claimed before another node takes them.</summary>
    private const string InvisibilityMinutes = "0.1";
    private readonly DeadlineTestKit _k = new();
    public void Dispose() => _k.Dispose();

    [Fact]
    public async Task A_node_killed_mid_sweep_is_covered_by_the_other_node_and_every_dossier_escalates_once()
    {
        Assert.True(TestDatabase.PostgreSql, "a PostgreSQL test: run it with ONESTOP_TEST_PROVIDER=PostgreSql (run-tests.sh does)");
        _k.At(2026, 11, 23, 9); // received on 23/11 with 5 working days: overdue on the real clock the nodes run on
        var originals = new List<long>();
        for (var i = 0; i < 10; i++) originals.Add((await _k.AtOfficerAsync()).Id);
        var total = Clone(originals);
        Assert.Equal(10 * Copies, total);

        var nodeA = StartNodeA();
        IHost? nodeB = null;
        try
        {
            var escalated = 0L;
            for (var watch = Stopwatch.StartNew(); watch.Elapsed < TimeSpan.FromMinutes(2) && escalated == 0 && !nodeA.HasExited; Thread.Sleep(5))
                escalated = Escalated();
            if (nodeA.HasExited) Assert.Fail("node A ended before its sweep began: " + nodeA.StandardError.ReadToEnd());
            // Node B joins while A sweeps: its server polls the same queue, but A's claim is alive (heartbeat).
            nodeB = JobsTestHost.Build(_k.F.Folder, _k.F.ConnectionString, TimeProvider.System, settings: new Dictionary<string, string?>
            {
                ["OneStop:Jobs:InvisibilityTimeoutMinutes"] = InvisibilityMinutes,
            });
            await nodeB.StartAsync();
            nodeA.Kill(); // SIGKILL: no shutdown, no finally blocks, its claim and locks left as they were
            nodeA.WaitForExit();
            escalated = Escalated();
            Assert.True(escalated > 0 && escalated < total, $"killed half-way: {escalated} of {total} escalated");

            // Not a timing assertion: the limit only stops a hung test (B takes the job about six seconds after the kill).
            var runs = await JobsTestHost.WaitForAsync(async () => await JobsTestHost.RunsAsync(nodeB.Services, DeadlineSweepJob.JobName) is var all
                && all.Count(r => r.Outcome != JobRunOutcome.Running) >= 2 ? all : null, "node B to finish the killed sweep", seconds: 180);
            Assert.Equal(2, runs.Count);
            Assert.Equal(JobRunRecorder.InterruptedError, runs[0].Error); // A's, closed by B's start
            Assert.Equal(JobRunOutcome.Succeeded, runs[1].Outcome);
            Assert.Equal("catch-up", runs[1].Trigger); // the same Hangfire job, fetched again: not a retry, not a new schedule
            Assert.Equal(total - escalated, runs[1].ItemsHandled);

            // One Hangfire job, processed by two servers: A's (killed) then B's.
            var monitoring = JobsTestHost.Monitoring(nodeB.Services);
            var job = await JobsTestHost.WaitForAsync(() => Task.FromResult(monitoring.SucceededJobs(0, 10) is { Count: > 0 } done ? done : null),
                "the job's succeeded state (written just after its run is recorded)");
            Assert.Single(job);
            var servers = monitoring.JobDetails(job[0].Key).History.Where(h => h.StateName == "Processing")
                .Select(h => h.Data["ServerId"]).ToList();
            Assert.Equal(2, servers.Count);
            Assert.NotEqual(servers[0], servers[1]);
        }
        finally
        {
            if (!nodeA.HasExited) nodeA.Kill();
            if (nodeB is not null) { await nodeB.StopAsync(); nodeB.Dispose(); }
        }

        // Nothing lost, nothing doubled: every dossier on the same rung, one Escalated event, one class change and the
        // same number of messages each, those of the killed batches included.
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM \"Dossiers\" WHERE \"EscalationLevel\" = 0"));
        Assert.Equal(1, Scalar("SELECT COUNT(DISTINCT \"EscalationLevel\") FROM \"Dossiers\""));
        foreach (var type in new[] { "Escalated", "DeadlineClassChanged" })
        {
            Assert.Equal(total, Scalar($"SELECT COUNT(DISTINCT \"DossierId\") FROM \"DossierEvents\" WHERE \"Type\" = '{type}'"));
            Assert.Equal(total, Scalar($"SELECT COUNT(*) FROM \"DossierEvents\" WHERE \"Type\" = '{type}'"));
        }
        Assert.Equal(total, Scalar("SELECT COUNT(DISTINCT \"DossierId\") FROM \"Notifications\""));
        Assert.Equal(1, Scalar("SELECT COUNT(DISTINCT c) FROM (SELECT COUNT(*) AS c FROM \"Notifications\" GROUP BY \"DossierId\") x"));
    }

    private long Escalated() => Scalar("SELECT COUNT(*) FROM \"Dossiers\" WHERE \"EscalationLevel\" > 0");

    /// <summary>The real app on PostgreSQL, as deployed: dotnet OneStop.Web.dll, only the start-up sweep scheduled.</summary>
    private Process StartNodeA()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OneStop.Web.dll"));
        foreach (var arg in new[]
                 {
                     "--OneStop:Database:Provider=PostgreSql", $"--ConnectionStrings:OneStop={_k.F.ConnectionString}",
                     "--OneStop:Demo:Enabled=false", "--OneStop:Jobs:CatchUpOnStart=true", "--OneStop:Notifications:Enabled=false",
                     $"--OneStop:Jobs:InvisibilityTimeoutMinutes={InvisibilityMinutes}", "--urls=http://127.0.0.1:0", $"--contentRoot={_k.F.Folder}",
                 }.Concat(JobCatalog.All.Select(j => $"--OneStop:Jobs:{j.CronKey}={JobsTestHost.Never}")))
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>Copies the dossiers <paramref name="ids"/> <see cref="Copies"/> - 1 times each under new codes; returns how many dossiers there are.</summary>
    private long Clone(IReadOnlyList<long> ids)
    {
        using var db = Open();
        var columns = new List<string>();
        using (var info = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = 'Dossiers' AND column_name <> 'Id' ORDER BY ordinal_position", db))
        using (var r = info.ExecuteReader())
            while (r.Read()) columns.Add(r.GetString(0));
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var select = string.Join(", ", columns.Select(c => c == "Code" ? "d.\"Code\" || '-' || n" : $"d.\"{c}\""));
        using var copy = new NpgsqlCommand(
            $"INSERT INTO \"Dossiers\" ({list}) SELECT {select} FROM \"Dossiers\" d CROSS JOIN generate_series(1, {Copies - 1}) n WHERE d.\"Id\" IN ({string.Join(",", ids)})", db);
        copy.ExecuteNonQuery();
        return Scalar("SELECT COUNT(*) FROM \"Dossiers\"");
    }

    private NpgsqlConnection Open()
    {
        var db = new NpgsqlConnection(_k.F.ConnectionString);
        db.Open();
        return db;
    }

    private long Scalar(string sql)
    {
        using var db = Open();
        using var cmd = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(cmd.ExecuteScalar());
    }
}
